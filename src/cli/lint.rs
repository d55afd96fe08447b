//! `p3gen lint`: checks hand-written manifests with the rules that apply to Kubernetes objects,
//! and reports each finding with its file, line and column.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{EXIT_FINDINGS, EXIT_OK, LevelArgs, Outcome, ReportArgs, load_manifests};
use crate::diagnostic::{Located, MessageFormat, format_lines, sarif};
use crate::manifest::Document;
use crate::target::{IstioVersion, KserveTarget};
use crate::validate::Objects;

/// How findings are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// As `--message-format` says; by default one line per finding
    /// (`file:line:col: severity[CODE] Kind/name: message`) with its help, and a summary.
    #[default]
    Text,
    /// One JSON object per line, for CI annotations (the same as `--message-format json`).
    Json,
    /// One SARIF 2.1.0 log, for code-scanning services.
    Sarif,
}

/// What `p3gen lint` was asked to do.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// Files and directories to read.
    pub paths: &'a [PathBuf],
    /// The output format.
    pub format: Format,
    /// The KServe version the manifests are for, when known.
    pub kserve: Option<KserveTarget>,
    /// The Istio version, when known.
    pub istio: Option<IstioVersion>,
    /// Report levels.
    pub levels: &'a LevelArgs,
    /// How findings are written.
    pub report: ReportArgs,
}

/// Lints manifest files: exit 1 when an error-level finding remains, 0 otherwise, 2 when the
/// files cannot be read.
pub fn run(request: &Request<'_>) -> Outcome {
    let levels = match request.levels.levels() {
        Ok(levels) => levels,
        Err(message) => return Outcome::error(message),
    };
    let (documents, notes) = match load_manifests(request.paths) {
        Ok(loaded) => (loaded.documents, super::skipped_notes(&loaded.skipped)),
        Err(message) => return Outcome::error(message),
    };
    let (declared_kserve, declared_istio) = declared_target(&documents);
    let objects = Objects::new(
        documents.iter().map(|document| &document.value),
        request.kserve.or(declared_kserve),
        request.istio.or(declared_istio),
    );
    let mut located = crate::lint::lint(&documents, &objects, &levels);
    let errors = located.iter().filter(|f| f.is_error()).count();
    let code = if errors > 0 { EXIT_FINDINGS } else { EXIT_OK };
    if request.report.quiet {
        located.retain(Located::is_error);
    }
    let format = match request.format {
        Format::Text => request.report.message_format,
        Format::Json => MessageFormat::Json,
        Format::Sarif => {
            let rules = crate::validate::catalogue();
            return Outcome {
                stdout: sarif::to_json(&sarif::log(&located, &rules)),
                stderr: notes,
                code,
            };
        }
    };
    let mut stdout = format_lines(&located, format);
    if format == MessageFormat::Human && !request.report.quiet {
        stdout.push_str(&crate::lint::summary(&located, documents.len()));
    }
    Outcome {
        stdout,
        stderr: notes,
        code,
    }
}

/// The target that every file declares on its `# Target:` line (p3gen's output), when they all
/// declare the same one.
fn declared_target(documents: &[Document]) -> (Option<KserveTarget>, Option<IstioVersion>) {
    let files: BTreeSet<&Path> = documents.iter().map(|d| d.file.as_path()).collect();
    let declared: BTreeSet<(Option<KserveTarget>, Option<IstioVersion>)> = files
        .into_iter()
        .map(|file| {
            let file = if file == Path::new(super::STDIN_NAME) {
                Path::new(super::STDIN_PATH)
            } else {
                file
            };
            super::read_text(file)
                .map(|text| crate::output::declared_target(&text))
                .unwrap_or_default()
        })
        .collect();
    match declared.into_iter().collect::<Vec<_>>().as_slice() {
        [one] => *one,
        _ => (None, None),
    }
}
