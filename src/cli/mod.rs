//! The command line: clap definitions and the commands they run. Commands return what to print
//! and the exit code; `main` prints. One file per command.

mod check;
mod diff;
mod explain;
mod explain_routing;
pub mod lint;
mod plan;
mod progress;
mod render;
pub mod validate;

use std::fmt::Write as _;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

pub use progress::ProgressLine;

use crate::diagnostic::{RenderStyle, SourceFile};
use crate::fleet::ProgressFn;
use crate::target::{IstioVersion, KserveTarget, TargetOverride};

pub use plan::{Format, PlanArgs};

/// Exit code: success, no differences.
pub const EXIT_OK: i32 = 0;
/// Exit code: differences found, or findings at error level.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: bad input, usage or I/O error.
pub const EXIT_ERROR: i32 = 2;

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
        /// Manifest files (multi-document YAML) or directories of them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// `text` (file:line:col per finding) or `json` (one object per line).
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
    },
    /// Validate rendered output (SPEC.toml) or manifest files against Kubernetes' schemas and
    /// the CRDs of a directory, unknown fields included.
    ///
    /// Exits 1 when an object is invalid, 0 when all are valid.
    Validate {
        /// Specs (`*.toml`, rendered first), manifest files, and directories of either (a
        /// directory's `*.toml` files are specs, and its manifests are read too).
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
    /// Work on N specs at once (default: the number of cores). The output is the same for any N.
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
}

impl JobsArgs {
    /// The number of threads: as given, or the number of cores.
    pub fn get(self) -> NonZeroUsize {
        self.jobs.unwrap_or_else(crate::fleet::default_jobs)
    }
}

/// Runs a parsed command line. Commands that work on many specs report their progress to
/// `progress`, from any thread.
pub fn run(cli: Cli, terminal: Terminal, progress: ProgressFn<'_>) -> Outcome {
    match cli.command {
        Command::Render(args) => render::run(&args, terminal, progress),
        Command::Explain { code, list } => explain::run(code.as_deref(), list),
        Command::Lint {
            paths,
            format,
            kserve,
            istio,
            levels,
        } => lint::run(&lint::Request {
            paths: &paths,
            format,
            kserve,
            istio,
            levels: &levels,
        }),
        Command::Validate {
            paths,
            crds,
            kserve,
            jobs,
        } => validate::run(
            &validate::Request {
                paths: &paths,
                crds: crds.as_deref(),
                kserve,
                jobs: jobs.get(),
            },
            terminal,
            progress,
        ),
        Command::Diff(args) => diff::run(&args, terminal),
        Command::Check(args) => check::run(&args, terminal, progress),
        Command::Plan(args) => plan::run(&args, terminal),
        Command::Schema => Outcome::ok(crate::spec::json_schema()),
        Command::Targets => Outcome::ok(crate::target::describe_targets()),
        Command::ExplainRouting { spec, target } => {
            explain_routing::run(spec.as_deref(), &target.unwrap_or_default(), terminal)
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
) -> Result<CompiledSpec, Outcome> {
    let (source, name) = load_spec(path).map_err(Outcome::error)?;
    match crate::compile_with(&source, &name, target, levels) {
        Ok(compiled) => Ok(CompiledSpec {
            warnings: compiled.warnings.render(terminal.stderr_style),
            name,
            compiled,
        }),
        Err(report) => Err(Outcome::error(report.render(terminal.stderr_style))),
    }
}

/// Reads and compiles one spec of a run over many, for `target` with report `levels`. The error is
/// what to print, naming the file.
fn compile_fleet_spec(
    path: &Path,
    target: &TargetOverride,
    levels: &crate::validate::Levels,
    style: RenderStyle,
) -> Result<CompiledSpec, String> {
    let (source, name) = load_spec(Some(path))?;
    match crate::compile_with(&source, &name, target, levels) {
        Ok(compiled) => Ok(CompiledSpec {
            warnings: fleet_warnings(path, &compiled.warnings, style),
            name,
            compiled,
        }),
        Err(report) => Err(format!(
            "error: cannot compile {}:\n{}",
            path.display(),
            report.render(style)
        )),
    }
}

/// The warnings of one spec of a fleet, headed by its file name; nothing when there are none.
fn fleet_warnings(path: &Path, warnings: &crate::diagnostic::Report, style: RenderStyle) -> String {
    if warnings.diagnostics.is_empty() {
        return String::new();
    }
    format!("warning: {}:\n{}", path.display(), warnings.render(style))
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

/// Reads a spec file, or the built-in spec when no path is given. The display name is the
/// path as given; the provenance name is its file name.
pub fn load_spec(path: Option<&Path>) -> Result<(SourceFile, String), String> {
    match path {
        None => Ok((
            SourceFile::new(crate::BUILTIN_SPEC_NAME, crate::BUILTIN_SPEC),
            crate::BUILTIN_SPEC_NAME.to_owned(),
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
