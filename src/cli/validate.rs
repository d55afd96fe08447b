//! `p3gen validate`: checks rendered output (from a spec) or manifest files against Kubernetes'
//! own schemas and the CRDs of a directory, the way a strict API server would. The run itself is
//! [`crate::output::schema::validate_all`]; this file sorts the paths into specs and manifests,
//! reads them, and prints what the run found.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use super::{
    EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Outcome, ReportArgs, Terminal, compile_fleet_spec,
    fleet_failure, is_stdin, load_manifests,
};
use crate::diagnostic::RenderStyle;
use crate::fleet::{self, ProgressFn};
use crate::output::golden;
use crate::output::schema::{self, Subject};
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
            subjects.push(Subject::read(
                document,
                kserve.unwrap_or(KserveTarget::V016),
            ));
        }
    }

    let validation = match schema::validate_all(&subjects, request.crds, request.jobs, progress) {
        Ok(validation) => validation,
        Err(error) => return Outcome::error(format!("{stderr}error: {error}\n")),
    };
    let mut stdout = validation.lines(request.report.message_format);
    // The one-line formats are findings only, for tools to read.
    if !request.report.quiet && request.report.human() {
        stdout.push_str(&validation.summary());
        if !validation.unchecked.is_empty() {
            stderr.push_str(&format!(
                "note: not checked, no schema without --crds: {}\n",
                validation.unchecked.join(", ")
            ));
        }
    }
    let invalid = validation.invalid();
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

/// Renders a spec; its objects are validated with the CRDs of the spec's own KServe target.
fn rendered(path: &Path, style: RenderStyle, shown: ReportArgs) -> Result<Vec<Subject>, String> {
    let spec = compile_fleet_spec(
        path,
        &TargetOverride::default(),
        &Levels::new(),
        style,
        shown,
    )?;
    let name = path.display().to_string();
    Subject::rendered(
        &name,
        *spec.compiled.pattern.kserve.get(),
        &spec.compiled.objects,
    )
    .map_err(|error| format!("error: {name}: {error}\n"))
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
