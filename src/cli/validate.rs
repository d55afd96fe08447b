//! `p3gen validate`: checks rendered output (from a spec) or manifest files against Kubernetes'
//! own schemas and the CRDs of a directory, the way a strict API server would.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{
    EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Outcome, ReportArgs, Terminal, compile_fleet_spec,
    fleet_failure, is_stdin, load_manifests,
};
use crate::diagnostic::{
    Located, MessageFormat, ObjectRef, Position, RenderStyle, Severity, format_lines,
};
use crate::fleet::{self, ProgressFn};
use crate::manifest::Document;
use crate::output::golden;
use crate::output::schema::{self, CrdSchemas, Validator};
use crate::target::{KserveTarget, TargetOverride};
use crate::validate::Levels;

/// What `p3gen validate` was asked to do.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// Specs (`*.toml`) to render, manifest files, and directories of either (a directory's
    /// `*.toml` files are specs; its manifests are read as before).
    pub paths: &'a [PathBuf],
    /// The directory of CRDs, if any.
    pub crds: Option<&'a Path>,
    /// The KServe version that picks the KServe CRD files for manifest files; without it, a file's
    /// own `# Target:` line (p3gen's output) or else 0.16.
    pub kserve: Option<KserveTarget>,
    /// How many specs and objects to work on at once.
    pub jobs: NonZeroUsize,
    /// How findings are written.
    pub report: ReportArgs,
}

/// An object to validate: its JSON, where it came from, and its document when it was read from a
/// file (for line and column).
struct Subject {
    value: Value,
    origin: String,
    document: Option<Document>,
    kserve: KserveTarget,
}

/// What validating one object found.
enum Verdict {
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

/// The code of a schema violation in the one-line formats (schema checks have no rule code).
const SCHEMA_CODE: &str = "schema";

/// Validates every object: exit 1 when one breaks its schema, 0 when all are valid, 2 when a
/// spec, a manifest or a CRD cannot be read. A bad spec does not stop the others from being
/// validated; the exit code is the worst of all. Specs are rendered and objects validated on
/// `jobs` threads, with the output in the order of the paths.
pub fn run(request: &Request<'_>, terminal: Terminal, progress: ProgressFn<'_>) -> Outcome {
    let mut specs = Vec::new();
    let mut files = Vec::new();
    for path in request.paths {
        if is_stdin(path) {
            files.push(path.clone());
        } else if path.is_dir() {
            match golden::spec_files(path) {
                Ok(found) => specs.extend(found),
                Err(error) => {
                    return Outcome::error(format!(
                        "error: cannot read {}: {error}\n",
                        path.display()
                    ));
                }
            }
            files.push(path.clone());
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            specs.push(path.clone());
        } else {
            files.push(path.clone());
        }
    }

    let style = terminal.stderr_style;
    let results = fleet::run(&specs, request.jobs, "rendering specs", progress, |spec| {
        rendered(spec, style, request.report)
    });
    let mut subjects = Vec::new();
    let mut failed = Vec::new();
    let mut stderr = String::new();
    for (spec, result) in specs.iter().zip(results) {
        match result {
            Ok(more) => subjects.extend(more),
            Err(message) => {
                stderr.push_str(&message);
                failed.push(spec.as_path());
            }
        }
    }
    if !files.is_empty() {
        let documents = match load_manifests(&files) {
            Ok(loaded) => {
                stderr.push_str(&super::skipped_notes(&loaded.skipped));
                loaded.documents
            }
            Err(error) => return Outcome::error(format!("{stderr}{error}")),
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

    // Each CRD family's schemas are compiled once, for every object that needs them.
    let mut validators: BTreeMap<String, Validator> = BTreeMap::new();
    for subject in &subjects {
        let family = crd_family(subject.kserve);
        if let std::collections::btree_map::Entry::Vacant(entry) = validators.entry(family) {
            match validator(request.crds, entry.key()) {
                Ok(validator) => entry.insert(validator),
                Err(message) => return Outcome::error(format!("{stderr}{message}")),
            };
        }
    }
    let verdicts = fleet::run(
        &subjects,
        request.jobs,
        "validating objects",
        progress,
        |subject| verdict(subject, &validators[&crd_family(subject.kserve)]),
    );

    let mut stdout = String::new();
    let mut invalid = 0;
    let mut unchecked = Vec::new();
    for (subject, verdict) in subjects.iter().zip(verdicts) {
        match verdict {
            Verdict::Valid => {}
            Verdict::Invalid(violations) => {
                invalid += 1;
                stdout.push_str(&violation_lines(&violations, request.report.message_format));
            }
            Verdict::NoSchema { named, type_meta } if request.crds.is_some() => {
                invalid += 1;
                let violation = located(
                    subject,
                    "",
                    &named,
                    format!("no schema for {type_meta}: no CRD in the --crds directory defines it"),
                );
                stdout.push_str(&violation_lines(
                    &[violation],
                    request.report.message_format,
                ));
            }
            Verdict::NoSchema { named, type_meta } => {
                unchecked.push(format!("{named} ({type_meta})"))
            }
        }
    }
    // The one-line formats are findings only, for tools to read.
    if !request.report.quiet && request.report.human() {
        stdout.push_str(&summary(subjects.len(), invalid, unchecked.len()));
        if !unchecked.is_empty() {
            stderr.push_str(&format!(
                "note: not checked, no schema without --crds: {}\n",
                unchecked.join(", ")
            ));
        }
    }
    let mut code = if invalid > 0 { EXIT_FINDINGS } else { EXIT_OK };
    if !failed.is_empty() {
        stderr.push_str(&fleet_failure(
            &failed,
            specs.len(),
            "the others were validated",
        ));
        code = EXIT_ERROR;
    }
    Outcome {
        stdout,
        stderr,
        code,
    }
}

/// The closing line: how many objects are valid of those checked, and how many could not be
/// checked (no schema for their kind without --crds).
fn summary(total: usize, invalid: usize, unchecked: usize) -> String {
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
    let (_, (line, column)) = place(subject, pointer);
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

/// Validates one object.
fn verdict(subject: &Subject, validator: &Validator) -> Verdict {
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
    match validator.validate(&subject.value) {
        schema::Outcome::Valid => Verdict::Valid,
        schema::Outcome::Invalid(violations) => {
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
        schema::Outcome::NoSchema(type_meta) => Verdict::NoSchema {
            named,
            type_meta: type_meta.to_string(),
        },
    }
}

/// Renders a spec; its objects are validated with the CRDs of the spec's own KServe target.
fn rendered(path: &Path, style: RenderStyle, shown: ReportArgs) -> Result<Vec<Subject>, String> {
    let spec = compile_fleet_spec(
        path,
        &TargetOverride::default(),
        &Levels::new(),
        style,
        shown,
    )?;
    let kserve = *spec.compiled.pattern.kserve.get();
    let name = path.display().to_string();
    spec.compiled
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
    let file = if file == Path::new(super::STDIN_NAME) {
        Path::new(super::STDIN_PATH)
    } else {
        file
    };
    let text = super::read_text(file).ok()?;
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
