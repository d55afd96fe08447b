//! `p3gen validate`: checks rendered output (from a spec) or manifest files against Kubernetes'
//! own schemas and the CRDs of a directory, the way a strict API server would.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{EXIT_FINDINGS, EXIT_OK, Outcome, Terminal};
use crate::diagnostic::SourceFile;
use crate::manifest::{Document, load_paths};
use crate::output::schema::{self, CrdSchemas, Validator};
use crate::target::KserveTarget;

/// What `p3gen validate` was asked to do.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// Specs (`*.toml`) to render, and manifest files or directories.
    pub paths: &'a [PathBuf],
    /// The directory of CRDs, if any.
    pub crds: Option<&'a Path>,
    /// The KServe version that picks the KServe CRD files for manifest files; without it, a file's
    /// own `# Target:` line (p3gen's output) or else 0.16.
    pub kserve: Option<KserveTarget>,
}

/// An object to validate: its JSON, where it came from, and its document when it was read from a
/// file (for line and column).
struct Subject {
    value: Value,
    origin: String,
    document: Option<Document>,
    kserve: KserveTarget,
}

/// Validates every object: exit 1 when one breaks its schema, 0 when all are valid, 2 when a
/// spec, a manifest or a CRD cannot be read.
pub fn run(request: &Request<'_>, terminal: Terminal) -> Outcome {
    let mut subjects = Vec::new();
    let (specs, files): (Vec<&PathBuf>, Vec<&PathBuf>) = request
        .paths
        .iter()
        .partition(|path| path.extension().is_some_and(|ext| ext == "toml"));
    for spec in specs {
        match rendered(spec, terminal) {
            Ok(more) => subjects.extend(more),
            Err(message) => return Outcome::error(message),
        }
    }
    let files: Vec<PathBuf> = files.into_iter().cloned().collect();
    if !files.is_empty() {
        let documents = match load_paths(&files) {
            Ok(documents) => documents,
            Err(error) => return Outcome::error(format!("error: {error}\n")),
        };
        let mut targets: BTreeMap<PathBuf, Option<KserveTarget>> = BTreeMap::new();
        for document in documents {
            let kserve = request.kserve.or_else(|| {
                *targets
                    .entry(document.file.clone())
                    .or_insert_with(|| declared_target(&document.file))
            });
            subjects.push(Subject {
                value: document.value.clone(),
                origin: document.file.display().to_string(),
                document: Some(document),
                kserve: kserve.unwrap_or(KserveTarget::V016),
            });
        }
    }
    let mut validators: Vec<(String, Validator)> = Vec::new();
    let mut stdout = String::new();
    let mut invalid = 0;
    let mut unchecked = Vec::new();
    for subject in &subjects {
        let family = crd_family(subject.kserve);
        let index = match validators.iter().position(|(f, _)| *f == family) {
            Some(index) => index,
            None => match validator(request.crds, &family) {
                Ok(validator) => {
                    validators.push((family, validator));
                    validators.len() - 1
                }
                Err(message) => return Outcome::error(message),
            },
        };
        let named = format!(
            "{}/{}",
            subject
                .value
                .get("kind")
                .and_then(Value::as_str)
                .unwrap_or("?"),
            subject
                .value
                .pointer("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or("?")
        );
        match validators[index].1.validate(&subject.value) {
            schema::Outcome::Valid => {}
            schema::Outcome::Invalid(violations) => {
                invalid += 1;
                let mut lines: Vec<((usize, usize), String)> = violations
                    .iter()
                    .map(|violation| {
                        let (at, position) = place(subject, &violation.pointer);
                        let line = format!(
                            "{at}: {named}: {}: {}\n",
                            json_path(&violation.pointer),
                            violation.message
                        );
                        (position, line)
                    })
                    .collect();
                lines.sort();
                stdout.extend(lines.into_iter().map(|(_, line)| line));
            }
            schema::Outcome::NoSchema(type_meta) if request.crds.is_some() => {
                invalid += 1;
                stdout.push_str(&format!(
                    "{}: {named}: no schema for {type_meta}: no CRD in the --crds directory defines it\n",
                    place(subject, "").0
                ));
            }
            schema::Outcome::NoSchema(type_meta) => {
                unchecked.push(format!("{named} ({type_meta})"))
            }
        }
    }
    stdout.push_str(&format!(
        "{} of {} objects valid\n",
        subjects.len() - invalid - unchecked.len(),
        subjects.len()
    ));
    let stderr = if unchecked.is_empty() {
        String::new()
    } else {
        format!(
            "note: not checked, no schema without --crds: {}\n",
            unchecked.join(", ")
        )
    };
    Outcome {
        stdout,
        stderr,
        code: if invalid > 0 { EXIT_FINDINGS } else { EXIT_OK },
    }
}

/// Renders a spec; its objects are validated with the CRDs of the spec's own KServe target.
fn rendered(path: &Path, terminal: Terminal) -> Result<Vec<Subject>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("error: cannot read {}: {error}\n", path.display()))?;
    let source = SourceFile::new(path.display().to_string(), text);
    let name = path.display().to_string();
    let compiled =
        crate::compile(&source, &name).map_err(|report| report.render(terminal.stderr_style))?;
    let kserve = *compiled.pattern.kserve.get();
    compiled
        .objects
        .iter()
        .map(|object| {
            let value = serde_json::to_value(object)
                .map_err(|error| format!("error: {name}: {error}\n"))?;
            Ok(Subject {
                value,
                origin: format!("{name} (rendered)"),
                document: None,
                kserve,
            })
        })
        .collect()
}

/// The prefix of the KServe CRD files that describe a target's LLMInferenceService schema, e.g.
/// `kserve-v0.16.0_` (Open Data Hub "0.15" shares upstream 0.16's CRDs).
pub fn crd_family(kserve: KserveTarget) -> String {
    format!("kserve-v{}_", kserve.profile().crd_kserve_version)
}

/// The KServe target a file generated by p3gen names on its `# Target:` line.
fn declared_target(file: &Path) -> Option<KserveTarget> {
    let text = std::fs::read_to_string(file).ok()?;
    crate::output::declared_target(&text).0
}

fn validator(crds: Option<&Path>, family: &str) -> Result<Validator, String> {
    let schemas = match crds {
        None => CrdSchemas::default(),
        Some(dir) => CrdSchemas::load_dir_filtered(dir, |name| {
            !name.starts_with("kserve-v") || name.starts_with(family)
        })
        .map_err(|error| format!("error: {error}\n"))?,
    };
    Validator::new(&schemas).map_err(|error| format!("error: {error}\n"))
}

/// Where a node of a subject was written, as `file:line:col` (the origin alone for a rendered
/// object), with its line and column for sorting.
fn place(subject: &Subject, pointer: &str) -> (String, (usize, usize)) {
    match &subject.document {
        Some(document) => {
            let (line, column) = document
                .locate_nearest(pointer)
                .map_or((1, 1), |(_, position)| (position.line, position.column));
            (
                format!("{}:{line}:{column}", subject.origin),
                (line, column),
            )
        }
        None => (subject.origin.clone(), (0, 0)),
    }
}

/// A JSON pointer as a path: `/spec/containers/0/image` → `spec.containers[0].image`, with keys
/// that hold `.` or `/` quoted: `metadata.labels["app.kubernetes.io/name"]`.
pub fn json_path(pointer: &str) -> String {
    let mut path = String::new();
    for segment in pointer.split('/').skip(1) {
        let key = segment.replace("~1", "/").replace("~0", "~");
        if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
            path.push_str(&format!("[{key}]"));
        } else if key.contains(['.', '/', '[', ']', '"']) {
            path.push_str(&format!("[{key:?}]"));
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&key);
        }
    }
    if path.is_empty() {
        ".".to_owned()
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_read_as_json_paths() {
        assert_eq!(
            json_path("/spec/containers/0/image"),
            "spec.containers[0].image"
        );
        assert_eq!(
            json_path("/metadata/labels/app.kubernetes.io~1name"),
            "metadata.labels[\"app.kubernetes.io/name\"]"
        );
        assert_eq!(json_path(""), ".");
    }

    #[test]
    fn odh_uses_the_016_crds() {
        assert_eq!(crd_family(KserveTarget::Odh015), "kserve-v0.16.0_");
        assert_eq!(crd_family(KserveTarget::V020), "kserve-v0.20.0_");
    }
}
