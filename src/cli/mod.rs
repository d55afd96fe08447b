//! The command line: clap definitions and the commands they run. Commands return what to print
//! and the exit code; `main` prints. One file per command.

mod check;
mod diff;
mod explain;
mod explain_pattern;
mod init;
pub mod lint;
mod plan;
mod progress;
mod render;
pub mod validate;

use std::fmt::Write as _;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

pub use progress::ProgressLine;

use crate::diagnostic::{MessageFormat, RenderStyle, Report, SourceFile};
use crate::fleet::ProgressFn;
use crate::manifest::Loaded;
use crate::target::{IstioVersion, KserveTarget, TargetOverride};

pub use plan::{Format, PlanArgs};

/// Exit code: success, no differences.
pub const EXIT_OK: i32 = 0;
/// Exit code: differences found, or findings at error level.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: bad input, usage or I/O error.
pub const EXIT_ERROR: i32 = 2;
/// Exit code: standard output was closed early (`p3gen render | head -1`), as for a process that
/// SIGPIPE ended (128 + 13), which is what shells report for other tools in a pipeline.
pub const EXIT_BROKEN_PIPE: i32 = 141;

/// The path that stands for standard input.
pub const STDIN_PATH: &str = "-";
/// The name standard input goes by in diagnostics and the provenance line.
pub const STDIN_NAME: &str = "<stdin>";

/// Compile a typed Pattern 3 spec into validated, deterministic Kubernetes manifests.
#[derive(Debug, Parser)]
#[command(name = "p3gen", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render specs into multi-document YAML bundles on stdout, or a directory with --out-dir.
    ///
    /// Without SPEC, renders the built-in Pattern 3 spec (patterns/pattern3.toml).
    Render(render::RenderArgs),
    /// Print the documentation of a rule or diagnostic code.
    Explain {
        /// The code (e.g. `P3402`) or rule name (e.g. `workload-selector-selects-epp`).
        #[arg(required_unless_present = "list", conflicts_with = "list")]
        code: Option<String>,
        /// List every code with its severity, where it applies and its summary.
        #[arg(long)]
        list: bool,
    },
    /// Lint hand-written manifests (YAML files or directories) with the rules that apply to
    /// Kubernetes objects.
    ///
    /// Exits 1 when an error-level finding remains, 0 otherwise.
    Lint {
        /// Manifest files (multi-document YAML) or directories of them; `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// `text` (as --message-format says), `json` (one object per line, as
        /// `--message-format json`) or `sarif` (one SARIF 2.1.0 log, for code scanning).
        #[arg(long, value_enum, default_value_t)]
        format: lint::Format,
        /// The KServe version the manifests are for (`odh-0.15`, `0.16` … `0.20`). Default: the
        /// `# Target:` line of p3gen's output; otherwise rules that depend on it assume the worst case.
        #[arg(long)]
        kserve: Option<KserveTarget>,
        /// The Istio version (`1.26` … `1.30`). Default: the `# Target:` line of p3gen's output;
        /// otherwise 1.27 or later is assumed.
        #[arg(long)]
        istio: Option<IstioVersion>,
        /// Report levels.
        #[command(flatten)]
        levels: LevelArgs,
        /// How findings are written.
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Validate rendered output (SPEC.toml) or manifest files against Kubernetes' schemas and
    /// the CRDs of a directory, unknown fields included.
    ///
    /// Exits 1 when an object is invalid, 0 when all are valid.
    Validate {
        /// Specs (`*.toml`, rendered first), manifest files, and directories of either (a
        /// directory's `*.toml` files are specs, and its manifests are read too); `-` reads
        /// manifests from standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// A directory of CRDs (as published upstream, or `kubectl get crd NAME -o yaml`);
        /// without it only core kinds are checked.
        #[arg(long, value_name = "DIR")]
        crds: Option<PathBuf>,
        /// The KServe version whose CRD files (`kserve-v0.16.0_*` or `kserve-v0.20.0_*`) check
        /// manifest files. Default: the file's `# Target:` line (p3gen's output), else 0.16. A
        /// spec uses its own target.
        #[arg(long)]
        kserve: Option<KserveTarget>,
        /// How many specs and objects to work on at once.
        #[command(flatten)]
        jobs: JobsArgs,
        /// How findings are written.
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Compare what a spec renders with existing manifests, or two manifest sets, object by object.
    ///
    /// `p3gen diff SPEC --against PATH` compares PATH (a file or a directory of manifests) with what
    /// SPEC renders; `p3gen diff OLD NEW` compares two sets, each a spec (`*.toml`, rendered) or
    /// manifests. Exit code 0: no differences; 1: differences; 2: bad input.
    Diff(diff::DiffArgs),
    /// Render every spec and compare it with its golden file; exit code 1 with the diff when any is
    /// stale, missing or has no spec.
    Check(check::CheckArgs),
    /// Print the capacity and cost of a spec: replicas, chips and nodes, price (with its source), cost per
    /// hour and month, and with a throughput the cost per 1M requests.
    ///
    /// Without SPEC, plans the built-in Pattern 3 spec. `--compare A B` sets two specs side by side with the
    /// ratios B/A; `--seed-check` recomputes the seed README's cost table.
    Plan(PlanArgs),
    /// Print the JSON Schema of the spec format.
    Schema,
    /// List the supported KServe, EPP and Istio versions and what differs between them.
    Targets,
    /// Explain how a spec's requests are routed: each scorer with its weight, what it measures and
    /// the default it replaced, where the weights go, and the HTTPRoute rules the EnvoyFilter patches.
    ///
    /// Without SPEC, explains the built-in Pattern 3 spec (patterns/pattern3.toml).
    ExplainRouting {
        /// The spec file (TOML).
        spec: Option<PathBuf>,
        /// Explain for these versions instead of the spec's `[target]`, e.g. `kserve=0.20,istio=1.28`.
        #[arg(long, value_name = "kserve=VERSION,istio=VERSION")]
        target: Option<TargetOverride>,
    },
    /// Explain how a spec's replicas are scaled: the fixed count, or what the controller creates
    /// for `[autoscaling]` (the VariantAutoscaling and the HPA or KEDA ScaledObject), on which
    /// metric, and what must already run in the cluster.
    ///
    /// Without SPEC, explains the built-in Pattern 3 spec (patterns/pattern3.toml).
    ExplainScaling {
        /// The spec file (TOML).
        spec: Option<PathBuf>,
        /// Explain for these versions instead of the spec's `[target]`, e.g. `kserve=0.20,istio=1.28`.
        #[arg(long, value_name = "kserve=VERSION,istio=VERSION")]
        target: Option<TargetOverride>,
    },
    /// Explain the network contract of a spec: every flow the deployment needs (C1 to C8: gateway
    /// to vLLM and EPP, EPP to vLLM and the API server, DNS, istiod, the model download, monitoring)
    /// and every exposure that should be closed, each allowed or denied by which NetworkPolicy.
    ///
    /// Without SPEC, explains the built-in Pattern 3 spec (patterns/pattern3.toml).
    ExplainNetwork {
        /// The spec file (TOML).
        spec: Option<PathBuf>,
        /// Explain for these versions instead of the spec's `[target]`, e.g. `kserve=0.20,istio=1.28`.
        #[arg(long, value_name = "kserve=VERSION,istio=VERSION")]
        target: Option<TargetOverride>,
    },
    /// Write a commented starter spec that renders with no warning (`--deny warnings` holds).
    Init(init::InitArgs),
    /// Print the shell completion script of p3gen, e.g. `p3gen completions bash >
    /// /etc/bash_completion.d/p3gen`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print p3gen's man page (roff), e.g. `p3gen man > /usr/local/share/man/man1/p3gen.1`.
    Man,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorMode {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorMode {
    /// Whether standard output gets colour.
    pub fn stdout(self, terminal: Terminal) -> bool {
        self.style(terminal.stdout_style) == RenderStyle::Color
    }

    /// The style of diagnostics on standard error.
    pub fn stderr(self, terminal: Terminal) -> RenderStyle {
        self.style(terminal.stderr_style)
    }

    fn style(self, detected: RenderStyle) -> RenderStyle {
        match self {
            ColorMode::Auto => detected,
            ColorMode::Always => RenderStyle::Color,
            ColorMode::Never => RenderStyle::Plain,
        }
    }
}

/// Which findings to report, and how seriously.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct LevelArgs {
    /// Treat every remaining warning as an error.
    #[arg(long, value_name = "warnings", value_parser = ["warnings"])]
    pub deny: Option<String>,
    /// Do not report the warning with this code (repeatable).
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
}

impl LevelArgs {
    /// The report levels, or why a code cannot be allowed.
    pub fn levels(&self) -> Result<crate::validate::Levels, String> {
        let mut levels = crate::validate::Levels::new().deny_warnings(self.deny.is_some());
        for code in &self.allow {
            levels
                .allow(code)
                .map_err(|why| format!("error: --allow {code}: {why}\n"))?;
        }
        Ok(levels)
    }
}

/// How findings are written, and how much besides them.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct ReportArgs {
    /// `human` (drawn with the source lines), `short` (one line per finding:
    /// `file:line:col: severity[CODE] message`) or `json` (one JSON object per line).
    #[arg(long, value_enum, default_value_t, value_name = "FORMAT")]
    pub message_format: MessageFormat,
    /// No warnings and no summaries; errors are still shown.
    #[arg(short, long)]
    pub quiet: bool,
}

impl ReportArgs {
    /// A report's warnings as they are shown: nothing when quiet.
    pub fn warnings(self, report: &Report, style: RenderStyle) -> String {
        if self.quiet || report.diagnostics.is_empty() {
            return String::new();
        }
        report.format(self.message_format, style)
    }

    /// A failed report (errors, and the warnings beside them unless quiet) as it is shown.
    pub fn errors(self, report: &Report, style: RenderStyle) -> String {
        if !self.quiet {
            return report.format(self.message_format, style);
        }
        Report {
            source: report.source.clone(),
            diagnostics: report
                .diagnostics
                .iter()
                .filter(|diagnostic| diagnostic.is_error())
                .cloned()
                .collect(),
        }
        .format(self.message_format, style)
    }

    /// Whether findings are drawn for people, under a line naming their file in runs over many.
    pub fn human(self) -> bool {
        self.message_format == MessageFormat::Human
    }
}

/// What a command produced: text for stdout and stderr, and the exit code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Text for standard output.
    pub stdout: String,
    /// Text for standard error.
    pub stderr: String,
    /// The process exit code.
    pub code: i32,
}

impl Outcome {
    /// Success with output.
    pub fn ok(stdout: String) -> Self {
        Outcome {
            stdout,
            stderr: String::new(),
            code: EXIT_OK,
        }
    }

    /// Bad input or I/O error, with a message.
    pub fn error(stderr: String) -> Self {
        Outcome {
            stdout: String::new(),
            stderr,
            code: EXIT_ERROR,
        }
    }
}

/// How the terminal looks to the commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    /// Whether output on stdout may use colour (a terminal, and `NO_COLOR` not set).
    pub stdout_style: RenderStyle,
    /// Whether diagnostics on stderr may use colour.
    pub stderr_style: RenderStyle,
}

/// How many specs a command works on at once.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct JobsArgs {
    /// Work on N specs at once (default: the number of cores; at most 4 × the cores, up to 256).
    /// The output is the same for any N.
    #[arg(short = 'j', long = "jobs", value_name = "N", value_parser = parse_jobs,
          allow_negative_numbers = true)]
    pub jobs: Option<NonZeroUsize>,
}

/// More threads than this many per core only add contention.
const JOBS_PER_CORE: usize = 4;
/// Never more threads than this.
const MAX_JOBS: usize = 256;

impl JobsArgs {
    /// The number of threads: as given, or the number of cores; at most [`JobsArgs::max`].
    pub fn get(self) -> NonZeroUsize {
        let asked = self.jobs.unwrap_or_else(crate::fleet::default_jobs);
        asked.min(Self::max())
    }

    /// The most threads a run uses: 4 × the cores available, up to 256.
    pub fn max() -> NonZeroUsize {
        crate::fleet::default_jobs()
            .saturating_mul(NonZeroUsize::new(JOBS_PER_CORE).unwrap_or(NonZeroUsize::MIN))
            .min(NonZeroUsize::new(MAX_JOBS).unwrap_or(NonZeroUsize::MIN))
    }

    /// The note for stderr when `-j` asked for more threads than are used.
    pub fn note(self) -> Option<String> {
        let asked = self.jobs?;
        let max = Self::max();
        (asked > max).then(|| {
            format!(
                "note: -j {asked} is more threads than help on {} cores; using {max}\n",
                crate::fleet::default_jobs()
            )
        })
    }
}

/// Parses `-j N`: a whole number of threads, 1 or more (a number too large for this machine counts
/// as the largest, and is clamped like any other above the maximum).
fn parse_jobs(text: &str) -> Result<NonZeroUsize, String> {
    let expected = "expected a number of threads, 1 or more (e.g. -j 4)";
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{text}` is not a number: {expected}"));
    }
    match text.parse::<usize>() {
        Ok(0) => Err(format!("0 threads would do no work: {expected}")),
        Ok(n) => NonZeroUsize::new(n).ok_or_else(|| expected.to_owned()),
        // Only digits, so the number is too large: as many as allowed.
        Err(_) => Ok(NonZeroUsize::MAX),
    }
}

/// Runs a parsed command line. Commands that work on many specs report their progress to
/// `progress`, from any thread.
pub fn run(cli: Cli, terminal: Terminal, progress: ProgressFn<'_>) -> Outcome {
    let jobs_note = match &cli.command {
        Command::Render(args) => args.jobs.note(),
        Command::Check(args) => args.jobs.note(),
        Command::Validate { jobs, .. } => jobs.note(),
        _ => None,
    };
    let skipped = skipped_files(&cli.command);
    let mut outcome = run_command(cli, terminal, progress);
    outcome.stderr.insert_str(0, &skipped_notes(&skipped));
    if let Some(note) = jobs_note {
        outcome.stderr.insert_str(0, &note);
    }
    outcome
}

/// The spec files that the directories a command reads hold under names it reads, but that its
/// directory walks leave out because they are not regular files (FIFOs, devices): the command
/// says so instead of waiting on them or refusing the whole run. (The manifest reader reports
/// what its own walk leaves out, see [`load_manifests`].)
fn skipped_files(command: &Command) -> Vec<crate::input::Skipped> {
    let with_extension = |extensions: &'static [&'static str]| {
        move |path: &Path| {
            path.extension()
                .and_then(|extension| extension.to_str())
                .is_some_and(|extension| extensions.contains(&extension))
        }
    };
    let specs = with_extension(&["toml"]);
    match command {
        Command::Render(args) => crate::input::skipped_in(&args.specs, false, specs),
        Command::Check(args) if args.specs.is_empty() => {
            crate::input::skipped_in(std::slice::from_ref(&args.patterns), false, specs)
        }
        Command::Check(args) => crate::input::skipped_in(&args.specs, false, specs),
        Command::Validate { paths, .. } => crate::input::skipped_in(paths, true, specs),
        _ => Vec::new(),
    }
}

fn run_command(cli: Cli, terminal: Terminal, progress: ProgressFn<'_>) -> Outcome {
    match cli.command {
        Command::Render(args) => render::run(&args, terminal, progress),
        Command::Explain { code, list } => explain::run(code.as_deref(), list),
        Command::Lint {
            paths,
            format,
            kserve,
            istio,
            levels,
            report,
        } => lint::run(&lint::Request {
            paths: &paths,
            format,
            kserve,
            istio,
            levels: &levels,
            report,
        }),
        Command::Validate {
            paths,
            crds,
            kserve,
            jobs,
            report,
        } => validate::run(
            &validate::Request {
                paths: &paths,
                crds: crds.as_deref(),
                kserve,
                jobs: jobs.get(),
                report,
            },
            terminal,
            progress,
        ),
        Command::Diff(args) => diff::run(&args, terminal),
        Command::Check(args) => check::run(&args, terminal, progress),
        Command::Plan(args) => plan::run(&args, terminal),
        Command::Schema => Outcome::ok(crate::spec::json_schema()),
        Command::Targets => Outcome::ok(crate::target::describe_targets()),
        Command::ExplainRouting { spec, target } => explain_pattern::run(
            spec.as_deref(),
            &target.unwrap_or_default(),
            terminal,
            |compiled| crate::explain::routing(&compiled.pattern),
        ),
        Command::ExplainScaling { spec, target } => explain_pattern::run(
            spec.as_deref(),
            &target.unwrap_or_default(),
            terminal,
            |compiled| crate::explain::scaling(&compiled.pattern),
        ),
        Command::ExplainNetwork { spec, target } => explain_pattern::run(
            spec.as_deref(),
            &target.unwrap_or_default(),
            terminal,
            crate::explain::network,
        ),
        Command::Init(args) => init::run(&args),
        // clap_complete and clap_mangen write both from the clap definitions above, so they never
        // fall behind the commands.
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "p3gen", &mut script);
            Outcome::ok(String::from_utf8_lossy(&script).into_owned())
        }
        Command::Man => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => Outcome::ok(String::from_utf8_lossy(&page).into_owned()),
                Err(error) => {
                    Outcome::error(format!("error: cannot write the man page: {error}\n"))
                }
            }
        }
    }
}

/// A spec read and compiled for a command.
pub struct CompiledSpec {
    /// The spec's file name, as written into the provenance line.
    pub name: String,
    /// The compiled spec.
    pub compiled: crate::Compiled,
    /// Its warnings, rendered for stderr.
    pub warnings: String,
}

/// Reads a spec (or the built-in one) and compiles it for `target` with report `levels`; for an
/// unreadable file or a bad spec (an error-level finding), the outcome to return instead (exit 2).
pub fn compile_spec(
    path: Option<&Path>,
    target: &TargetOverride,
    levels: &crate::validate::Levels,
    terminal: Terminal,
    shown: ReportArgs,
) -> Result<CompiledSpec, Outcome> {
    let (source, name) = load_spec(path).map_err(Outcome::error)?;
    match crate::compile_with(&source, &name, target, levels) {
        Ok(compiled) => Ok(CompiledSpec {
            warnings: shown.warnings(&compiled.warnings, terminal.stderr_style),
            name,
            compiled,
        }),
        Err(report) => Err(Outcome::error(shown.errors(&report, terminal.stderr_style))),
    }
}

/// Reads and compiles one spec of a run over many, for `target` with report `levels`. The error is
/// what to print, naming the file.
fn compile_fleet_spec(
    path: &Path,
    target: &TargetOverride,
    levels: &crate::validate::Levels,
    style: RenderStyle,
    shown: ReportArgs,
) -> Result<CompiledSpec, String> {
    let (source, name) = load_spec(Some(path))?;
    match crate::compile_with(&source, &name, target, levels) {
        Ok(compiled) => Ok(CompiledSpec {
            warnings: fleet_warnings(path, &compiled.warnings, style, shown),
            name,
            compiled,
        }),
        Err(report) if shown.human() => Err(format!(
            "error: cannot compile {}:\n{}",
            path.display(),
            shown.errors(&report, style)
        )),
        Err(report) => Err(shown.errors(&report, style)),
    }
}

/// The warnings of one spec of a fleet, drawn under a line naming its file (one-line formats name
/// it on every line); nothing when there are none or when quiet.
fn fleet_warnings(path: &Path, warnings: &Report, style: RenderStyle, shown: ReportArgs) -> String {
    let text = shown.warnings(warnings, style);
    if text.is_empty() || !shown.human() {
        return text;
    }
    format!("warning: {}:\n{text}", path.display())
}

/// The closing line of a run over many specs in which some failed, naming them.
fn fleet_failure(failed: &[&Path], total: usize, consequence: &str) -> String {
    const SHOWN: usize = 10;
    let mut names: Vec<String> = failed
        .iter()
        .take(SHOWN)
        .map(|path| path.display().to_string())
        .collect();
    if failed.len() > SHOWN {
        names.push(format!("and {} more", failed.len() - SHOWN));
    }
    let specs = if total == 1 { "spec" } else { "specs" };
    let mut line = String::new();
    let _ = writeln!(
        line,
        "error: {} of {total} {specs} failed ({}); {consequence}",
        failed.len(),
        names.join(", ")
    );
    line
}

/// Standard input, read whole the first time it is asked for (it can be read only once).
fn stdin_text() -> Result<&'static str, String> {
    static TEXT: OnceLock<Result<String, String>> = OnceLock::new();
    TEXT.get_or_init(|| {
        crate::input::read_stream(Path::new(STDIN_NAME), std::io::stdin())
            .map_err(|error| format!("error: {error}\n"))
    })
    .as_deref()
    .map_err(Clone::clone)
}

/// Whether a path stands for standard input.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new(STDIN_PATH)
}

/// The text of a file, or of standard input for `-`.
pub fn read_text(path: &Path) -> Result<String, String> {
    if is_stdin(path) {
        return stdin_text().map(str::to_owned);
    }
    crate::input::read_text(path).map_err(|error| format!("error: {error}\n"))
}

/// Loads the objects of manifest files and directories, and of standard input for `-` (read
/// whole, like a file named), in the order given; what directory walks left out comes with them.
pub fn load_manifests(paths: &[PathBuf]) -> Result<Loaded, String> {
    let mut loaded = Loaded::default();
    for path in paths {
        let more = if is_stdin(path) {
            crate::manifest::parse_str(STDIN_NAME, stdin_text()?).map(|documents| Loaded {
                documents,
                skipped: Vec::new(),
            })
        } else {
            crate::manifest::load(std::slice::from_ref(path))
        };
        loaded.extend(more.map_err(|error| format!("error: {error}\n"))?);
    }
    Ok(loaded)
}

/// One `note:` line for each thing a directory walk left out, for stderr.
pub fn skipped_notes(skipped: &[crate::input::Skipped]) -> String {
    skipped
        .iter()
        .map(|file| format!("note: {file}\n"))
        .collect()
}

/// Reads a spec file (standard input for `-`), or the built-in spec when no path is given. The
/// display name is the path as given (`<stdin>` for standard input); the provenance name is its
/// file name.
pub fn load_spec(path: Option<&Path>) -> Result<(SourceFile, String), String> {
    match path {
        None => Ok((
            SourceFile::new(crate::BUILTIN_SPEC_NAME, crate::BUILTIN_SPEC),
            crate::BUILTIN_SPEC_NAME.to_owned(),
        )),
        Some(path) if is_stdin(path) => Ok((
            SourceFile::new(STDIN_NAME, stdin_text()?),
            STDIN_NAME.to_owned(),
        )),
        Some(path) => {
            let text =
                crate::input::read_text(path).map_err(|error| format!("error: {error}\n"))?;
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            Ok((SourceFile::new(path.display().to_string(), text), name))
        }
    }
}
