//! A validation run over many objects: rendered ones (from specs) and ones read from manifest
//! files, each checked against the CRDs of its own KServe target, on a number of threads, with the
//! violations placed at the line and column they were written at.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::num::NonZeroUsize;
use std::path::Path;

use serde_json::Value;

use super::crd::CrdSchemas;
use super::error::SchemaError;
use super::validator::{Validator, Validity};
use crate::diagnostic::{Located, MessageFormat, ObjectRef, Position, Severity, format_lines};
use crate::fleet::{self, ProgressFn};
use crate::manifest::Document;
use crate::render::Object;
use crate::target::{KserveProfile, KserveTarget};

/// The code of a schema violation in the one-line formats (schema checks have no rule code).
pub const SCHEMA_CODE: &str = "schema";

/// An object to validate: its JSON, where it came from, its document when it was read from a file
/// (for line and column), and the KServe target whose CRDs check it.
#[derive(Debug, Clone)]
pub struct Subject {
    value: Value,
    origin: String,
    document: Option<Document>,
    kserve: KserveTarget,
}

impl Subject {
    /// The objects a spec rendered, named after the spec (`<spec> (rendered)`), checked with the
    /// CRDs of the spec's own target.
    pub fn rendered(
        spec: &str,
        kserve: KserveTarget,
        objects: &[Object],
    ) -> Result<Vec<Subject>, serde_json::Error> {
        objects
            .iter()
            .map(|object| {
                Ok(Subject {
                    value: serde_json::to_value(object)?,
                    origin: format!("{spec} (rendered)"),
                    document: None,
                    kserve,
                })
            })
            .collect()
    }

    /// An object read from a manifest file, checked with the CRDs of `kserve`.
    pub fn read(document: Document, kserve: KserveTarget) -> Subject {
        Subject {
            value: document.value.clone(),
            origin: document.file.display().to_string(),
            document: Some(document),
            kserve,
        }
    }

    fn profile(&self) -> &'static KserveProfile {
        self.kserve.profile()
    }

    /// `Kind/name`, with `?` for what is missing.
    fn named(&self) -> String {
        let text = |value: Option<&Value>| value.and_then(Value::as_str).unwrap_or("?").to_owned();
        format!(
            "{}/{}",
            text(self.value.get("kind")),
            text(self.value.pointer("/metadata/name"))
        )
    }
}

/// What validating one object found.
enum Verdict {
    /// It matches its schema.
    Valid,
    /// What is wrong, in the order of the document.
    Invalid(Vec<Located>),
    /// No schema for the object's kind.
    NoSchema {
        /// `Kind/name`.
        named: String,
        /// The apiVersion and kind.
        type_meta: String,
    },
}

/// What a validation run found, object by object.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    /// The violations, in the order of the objects; with a CRD directory, an object of a kind no
    /// CRD defines is a violation too.
    pub violations: Vec<Vec<Located>>,
    /// How many objects were validated.
    pub total: usize,
    /// The objects that could not be checked (no schema for their kind, and no CRD directory), as
    /// `Kind/name (apiVersion kind)`.
    pub unchecked: Vec<String>,
}

impl Validation {
    /// How many objects break their schema.
    pub fn invalid(&self) -> usize {
        self.violations.len()
    }

    /// The violations as lines: `file:line:col: Kind/name: path: message` (the file alone for a
    /// rendered object), or in a one-line format.
    pub fn lines(&self, format: MessageFormat) -> String {
        self.violations
            .iter()
            .map(|violations| violation_lines(violations, format))
            .collect()
    }

    /// The closing line: how many objects are valid of those checked, and how many could not be
    /// checked (no schema for their kind without a CRD directory).
    pub fn summary(&self) -> String {
        let (total, invalid, unchecked) = (self.total, self.invalid(), self.unchecked.len());
        let valid = total - invalid - unchecked;
        let objects = |count: usize| if count == 1 { "object" } else { "objects" };
        if unchecked == 0 {
            return format!("{valid} of {total} {} valid\n", objects(total));
        }
        let invalid = if invalid > 0 {
            format!(", {invalid} invalid")
        } else {
            String::new()
        };
        format!(
            "{valid} {} valid{invalid}, {unchecked} not checked (no CRD given)\n",
            objects(valid)
        )
    }
}

/// Validates every subject on `jobs` threads against the core schemas and, with `crds`, the CRDs
/// of that directory; each KServe CRD family is compiled once, for every subject whose target uses
/// it. Fails when a CRD cannot be read or compiled.
pub fn validate_all(
    subjects: &[Subject],
    crds: Option<&Path>,
    jobs: NonZeroUsize,
    progress: ProgressFn<'_>,
) -> Result<Validation, SchemaError> {
    let mut validators: BTreeMap<String, Validator> = BTreeMap::new();
    for subject in subjects {
        if let Entry::Vacant(entry) = validators.entry(subject.profile().crd_file_prefix()) {
            entry.insert(validator(crds, subject.profile())?);
        }
    }
    let verdicts = fleet::run(subjects, jobs, "validating objects", progress, |subject| {
        verdict(subject, &validators[&subject.profile().crd_file_prefix()])
    });
    let mut validation = Validation {
        violations: Vec::new(),
        total: subjects.len(),
        unchecked: Vec::new(),
    };
    for (subject, verdict) in subjects.iter().zip(verdicts) {
        match verdict {
            Verdict::Valid => {}
            Verdict::Invalid(violations) => validation.violations.push(violations),
            Verdict::NoSchema { named, type_meta } if crds.is_some() => {
                validation.violations.push(vec![located(
                    subject,
                    "",
                    &named,
                    format!("no schema for {type_meta}: no CRD in the --crds directory defines it"),
                )]);
            }
            Verdict::NoSchema { named, type_meta } => {
                validation.unchecked.push(format!("{named} ({type_meta})"));
            }
        }
    }
    Ok(validation)
}

/// The validator of one target: the core schemas and the CRDs of `crds` that its objects use.
fn validator(crds: Option<&Path>, profile: &KserveProfile) -> Result<Validator, SchemaError> {
    let schemas = match crds {
        None => CrdSchemas::default(),
        Some(dir) => CrdSchemas::load_dir_filtered(dir, |name| profile.uses_crd_file(name))?,
    };
    Validator::new(&schemas)
}

/// Validates one object.
fn verdict(subject: &Subject, validator: &Validator) -> Verdict {
    let named = subject.named();
    match validator.validate(&subject.value) {
        Validity::Valid => Verdict::Valid,
        Validity::Invalid(violations) => {
            let mut located: Vec<Located> = violations
                .iter()
                .map(|violation| {
                    located(
                        subject,
                        &violation.pointer,
                        &named,
                        format!("{}: {}", json_path(&violation.pointer), violation.message),
                    )
                })
                .collect();
            located.sort_by(|a, b| {
                (a.line, a.column, &a.message).cmp(&(b.line, b.column, &b.message))
            });
            Verdict::Invalid(located)
        }
        Validity::NoSchema(type_meta) => Verdict::NoSchema {
            named,
            type_meta: type_meta.to_string(),
        },
    }
}

/// Schema violations as lines: `file:line:col: Kind/name: path: message` (the file alone for a
/// rendered object), or in a one-line format.
fn violation_lines(violations: &[Located], format: MessageFormat) -> String {
    if format != MessageFormat::Human {
        return format_lines(violations, format);
    }
    let mut out = String::new();
    for violation in violations {
        let named = violation
            .object
            .as_ref()
            .map(|object| format!("{}/{}", object.kind, object.name))
            .unwrap_or_default();
        if violation.line == 0 {
            out.push_str(&format!(
                "{}: {named}: {}\n",
                violation.file, violation.message
            ));
        } else {
            out.push_str(&format!(
                "{}:{}:{}: {named}: {}\n",
                violation.file, violation.line, violation.column, violation.message
            ));
        }
    }
    out
}

/// A schema violation at `pointer` of a subject; line 0 for a rendered object.
fn located(subject: &Subject, pointer: &str, named: &str, message: String) -> Located {
    let (line, column) = match &subject.document {
        Some(document) => document
            .locate_nearest(pointer)
            .map_or((1, 1), |(_, position)| (position.line, position.column)),
        None => (0, 0),
    };
    let (kind, name) = named.split_once('/').unwrap_or((named, ""));
    Located {
        file: subject.origin.clone(),
        line,
        column,
        end: Position { line, column },
        severity: Severity::Error,
        code: SCHEMA_CODE,
        message,
        help: None,
        object: Some(ObjectRef {
            kind: kind.to_owned(),
            name: name.to_owned(),
            namespace: subject
                .value
                .pointer("/metadata/namespace")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            pointer: pointer.to_owned(),
        }),
        notes: Vec::new(),
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

    fn validation(total: usize, invalid: usize, unchecked: usize) -> Validation {
        Validation {
            violations: vec![Vec::new(); invalid],
            total,
            unchecked: vec![String::new(); unchecked],
        }
    }

    #[test]
    fn the_summary_counts_valid_invalid_and_unchecked_objects() {
        assert_eq!(validation(1, 0, 0).summary(), "1 of 1 object valid\n");
        assert_eq!(validation(5, 2, 0).summary(), "3 of 5 objects valid\n");
        assert_eq!(
            validation(5, 1, 2).summary(),
            "2 objects valid, 1 invalid, 2 not checked (no CRD given)\n"
        );
        assert_eq!(
            validation(2, 0, 1).summary(),
            "1 object valid, 1 not checked (no CRD given)\n"
        );
    }
}
