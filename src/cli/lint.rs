//! `p3gen lint`: checks hand-written manifests with the rules that apply to Kubernetes objects,
//! and reports each finding with its file, line and column.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{EXIT_FINDINGS, EXIT_OK, LevelArgs, Outcome};
use crate::diagnostic::Severity;
use crate::manifest::{Document, load_paths};
use crate::target::{IstioVersion, KserveTarget};
use crate::validate::{Finding, Objects, check_objects};

/// How findings are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per finding (`file:line:col: severity[CODE] Kind/name: message`) with its help.
    #[default]
    Text,
    /// One JSON object per line, for CI annotations.
    Json,
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
}

/// One finding, located: what both output formats print.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Located {
    /// The manifest file.
    pub file: String,
    /// The 1-based line of the YAML node.
    pub line: usize,
    /// The 1-based column of the YAML node.
    pub column: usize,
    /// The rule's code.
    pub code: &'static str,
    /// `error` or `warning`.
    pub severity: String,
    /// The object's kind.
    pub kind: String,
    /// The object's name.
    pub name: String,
    /// The object's namespace, empty when it names none.
    pub namespace: String,
    /// The JSON pointer of the node within the object.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Other places involved, as `file:line:col: text`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Lints manifest files: exit 1 when an error-level finding remains, 0 otherwise, 2 when the
/// files cannot be read.
pub fn run(request: &Request<'_>) -> Outcome {
    let levels = match request.levels.levels() {
        Ok(levels) => levels,
        Err(message) => return Outcome::error(message),
    };
    let documents = match load_paths(request.paths) {
        Ok(documents) => documents,
        Err(error) => return Outcome::error(format!("error: {error}\n")),
    };
    let (declared_kserve, declared_istio) = declared_target(&documents);
    let values: Vec<serde_json::Value> = documents.iter().map(|d| d.value.clone()).collect();
    let objects = Objects::new(
        &values,
        request.kserve.or(declared_kserve),
        request.istio.or(declared_istio),
    );
    let findings = levels.apply_findings(check_objects(&objects));
    let mut located: Vec<Located> = findings.iter().map(|f| locate(&documents, f)).collect();
    located.sort();
    let errors = located.iter().filter(|f| f.severity == "error").count();
    let stdout = match request.format {
        Format::Text => text(&located, documents.len()),
        Format::Json => located
            .iter()
            .map(|finding| serde_json::to_string(finding).unwrap_or_default() + "\n")
            .collect(),
    };
    Outcome {
        stdout,
        stderr: String::new(),
        code: if errors > 0 { EXIT_FINDINGS } else { EXIT_OK },
    }
}

/// The target that every file declares on its `# Target:` line (p3gen's output), when they all
/// declare the same one.
fn declared_target(documents: &[Document]) -> (Option<KserveTarget>, Option<IstioVersion>) {
    let files: BTreeSet<&Path> = documents.iter().map(|d| d.file.as_path()).collect();
    let declared: BTreeSet<(Option<KserveTarget>, Option<IstioVersion>)> = files
        .into_iter()
        .map(|file| {
            crate::input::read_text(file)
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

fn locate(documents: &[Document], finding: &Finding) -> Located {
    let Some(document) = documents.get(finding.object) else {
        return Located {
            file: String::new(),
            line: 0,
            column: 0,
            code: finding.code,
            severity: finding.severity.to_string(),
            kind: String::new(),
            name: String::new(),
            namespace: String::new(),
            pointer: finding.pointer.clone(),
            message: finding.message.clone(),
            help: finding.help.clone(),
            notes: Vec::new(),
        };
    };
    let (file, line, column) = place(document, &finding.pointer);
    let notes = finding
        .related
        .iter()
        .filter_map(|related| {
            let other = documents.get(related.object)?;
            let (file, line, column) = place(other, &related.pointer);
            Some(format!("{file}:{line}:{column}: {}", related.text))
        })
        .collect();
    Located {
        file,
        line,
        column,
        code: finding.code,
        severity: finding.severity.to_string(),
        kind: document.kind().unwrap_or_default().to_owned(),
        name: document.name().unwrap_or_default().to_owned(),
        namespace: document.namespace().unwrap_or_default().to_owned(),
        pointer: finding.pointer.clone(),
        message: finding.message.clone(),
        help: finding.help.clone(),
        notes,
    }
}

fn text(findings: &[Located], objects: usize) -> String {
    let mut out = String::new();
    for finding in findings {
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}/{}: {}\n",
            finding.file,
            finding.line,
            finding.column,
            finding.severity,
            finding.code,
            finding.kind,
            finding.name,
            finding.message
        ));
        for note in &finding.notes {
            out.push_str(&format!("  note: {note}\n"));
        }
        if let Some(help) = &finding.help {
            out.push_str(&format!("  help: {help}\n"));
        }
    }
    let count = |severity: Severity| {
        let name = severity.to_string();
        findings.iter().filter(|f| f.severity == name).count()
    };
    out.push_str(&format!(
        "{}, {} in {}\n",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(objects, "object")
    ));
    out
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
