//! `p3gen lint`: checks hand-written manifests with the rules that apply to Kubernetes objects,
//! and reports each finding with its file, line and column.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{EXIT_FINDINGS, EXIT_OK, LevelArgs, Outcome, ReportArgs, load_manifests};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::{
    Located, MessageFormat, ObjectRef, Position, Severity, format_lines, sarif,
};
use crate::manifest::Document;
use crate::target::{IstioVersion, KserveTarget};
use crate::validate::{Objects, check_objects};

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
    let findings = levels.apply(check_objects(&objects));
    let mut located: Vec<Located> = findings.iter().map(|f| locate(&documents, f)).collect();
    located.sort_by(|a, b| {
        (
            &a.file, a.line, a.column, a.code, a.severity, &a.object, &a.message,
        )
            .cmp(&(
                &b.file, b.line, b.column, b.code, b.severity, &b.object, &b.message,
            ))
    });
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
        stdout.push_str(&summary(&located, documents.len()));
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

/// Where a pointer of an object was written, as `file:line:col`.
fn place(document: &Document, pointer: &str) -> (String, usize, usize) {
    let (line, column) = document
        .locate_nearest(pointer)
        .map_or((1, 1), |(_, position)| (position.line, position.column));
    (document.file.display().to_string(), line, column)
}

fn locate(documents: &[Document], finding: &Diagnostic) -> Located {
    let node = finding.node();
    let Some((node, document)) = node.and_then(|node| Some((node, documents.get(node.object)?)))
    else {
        return Located {
            file: String::new(),
            line: 0,
            column: 0,
            end: Position { line: 0, column: 0 },
            severity: finding.severity,
            code: finding.code,
            message: finding.message.clone(),
            help: finding.help.clone(),
            object: None,
            notes: Vec::new(),
        };
    };
    let (file, line, column) = place(document, &node.pointer);
    let notes = finding
        .labels
        .iter()
        .filter_map(|label| {
            let related = label.node().filter(|related| *related != node)?;
            let other = documents.get(related.object)?;
            let (file, line, column) = place(other, &related.pointer);
            Some(format!("{file}:{line}:{column}: {}", label.text))
        })
        .collect();
    Located {
        file,
        line,
        column,
        end: Position { line, column },
        severity: finding.severity,
        code: finding.code,
        message: finding.message.clone(),
        help: finding.help.clone(),
        object: Some(ObjectRef {
            kind: document.kind().unwrap_or_default().to_owned(),
            name: document.name().unwrap_or_default().to_owned(),
            namespace: document.namespace().unwrap_or_default().to_owned(),
            pointer: node.pointer.clone(),
        }),
        notes,
    }
}

/// `N errors, M warnings in K objects`.
fn summary(findings: &[Located], objects: usize) -> String {
    let count = |severity: Severity| findings.iter().filter(|f| f.severity == severity).count();
    format!(
        "{}, {} in {}\n",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(objects, "object")
    )
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
