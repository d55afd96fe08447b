//! The command line: clap definitions and the commands they run. Commands return what to print
//! and the exit code; `main` prints. One file per command.

mod explain;
pub mod lint;
mod render;
pub mod validate;

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::diagnostic::{RenderStyle, SourceFile};
use crate::target::{IstioVersion, KserveTarget};

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
    /// Render a spec into a multi-document YAML bundle on stdout.
    ///
    /// Without SPEC, renders the built-in Pattern 3 spec (patterns/pattern3.toml).
    Render {
        /// The spec file (TOML).
        spec: Option<PathBuf>,
        /// Report levels.
        #[command(flatten)]
        levels: LevelArgs,
    },
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
        /// The KServe version the manifests are for (`odh-0.15`, `0.16` … `0.20`); without it,
        /// rules that depend on it assume the worst case.
        #[arg(long)]
        kserve: Option<KserveTarget>,
        /// The Istio version (`1.26` … `1.30`); without it, 1.27 or later is assumed.
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
        /// Specs (`*.toml`, rendered first) and manifest files or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// A directory of CRDs (as published upstream, or `kubectl get crd NAME -o yaml`);
        /// without it only core kinds are checked.
        #[arg(long, value_name = "DIR")]
        crds: Option<PathBuf>,
        /// Picks the KServe CRD files (`kserve-v0.16.*` or `kserve-v0.20.*`) for manifest
        /// files; a spec uses its own target.
        #[arg(long, default_value = "0.16")]
        kserve: KserveTarget,
    },
    /// Print the JSON Schema of the spec format.
    Schema,
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
    /// Whether diagnostics on stderr may use colour.
    pub stderr_style: RenderStyle,
}

/// Runs a parsed command line.
pub fn run(cli: Cli, terminal: Terminal) -> Outcome {
    match cli.command {
        Command::Render { spec, levels } => render::run(spec.as_deref(), &levels, terminal),
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
        } => validate::run(
            &validate::Request {
                paths: &paths,
                crds: crds.as_deref(),
                kserve,
            },
            terminal,
        ),
        Command::Schema => Outcome::ok(crate::spec::json_schema()),
    }
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
            let text = std::fs::read_to_string(path)
                .map_err(|error| format!("error: cannot read {}: {error}\n", path.display()))?;
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            Ok((SourceFile::new(path.display().to_string(), text), name))
        }
    }
}
