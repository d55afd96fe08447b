//! p3gen compiles a typed Pattern 3 spec (KServe LLMInferenceService, llm-d endpoint picker,
//! Istio gateway, NetworkPolicies) into validated, deterministic Kubernetes manifests.
//!
//! The pipeline runs one way: [`spec::parse`] → [`model::lower`] → [`render::render`] →
//! [`output::to_yaml`], with [`validate::check`] between the model and rendering. [`compile`]
//! runs all of it.

pub mod cli;
pub mod diagnostic;
pub mod explain;
pub mod fleet;
pub mod input;
pub mod lint;
pub mod manifest;
pub mod model;
pub mod network;
pub mod output;
pub mod plan;
pub mod render;
pub mod spec;
pub mod starter;
pub mod target;
pub mod validate;

use diagnostic::{Diagnostic, Report, SourceFile};
use model::Pattern;
use render::Object;
use target::TargetOverride;

/// The built-in Pattern 3 spec that reproduces the reviewed reference manifests.
pub const BUILTIN_SPEC: &str = include_str!("../patterns/pattern3.toml");
/// The file name of the built-in spec.
pub const BUILTIN_SPEC_NAME: &str = "pattern3.toml";

/// A compiled spec: the model, its objects in bundle order, the YAML, and any warnings.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The resolved pattern.
    pub pattern: Pattern,
    /// The objects, sorted.
    pub objects: Vec<Object>,
    /// Each object as a YAML document (no `---`, no provenance line), in the order of `objects`.
    pub documents: Vec<String>,
    /// The bundle's first lines: the provenance line naming the spec and the target line.
    pub header: String,
    /// Findings that did not stop rendering.
    pub warnings: Report,
}

impl Compiled {
    /// The YAML bundle: the header, then `documents`, each after a `---` line.
    pub fn yaml(&self) -> String {
        output::bundle(&self.header, &self.documents)
    }
}

/// Parses, lowers, checks, renders and serializes a spec, reporting every finding at its own
/// severity. `display_name` is the spec's file name as written into the provenance header.
pub fn compile(source: &SourceFile, display_name: &str) -> Result<Compiled, Report> {
    compile_with(
        source,
        display_name,
        &TargetOverride::default(),
        &validate::Levels::new(),
    )
}

/// [`compile`] for the versions in `target` where it names them, instead of the spec's `[target]`.
pub fn compile_for(
    source: &SourceFile,
    display_name: &str,
    target: &TargetOverride,
) -> Result<Compiled, Report> {
    compile_with(source, display_name, target, &validate::Levels::new())
}

/// [`compile_for`] with report levels: warnings allowed on the command line (the spec's
/// `[lints]` adds its own) and `--deny warnings`. Any error-level finding fails the compilation.
/// Before returning, the YAML is read back and compared with the rendered objects.
pub fn compile_with(
    source: &SourceFile,
    display_name: &str,
    target: &TargetOverride,
    levels: &validate::Levels,
) -> Result<Compiled, Report> {
    let fail = |diagnostics: Vec<Diagnostic>| Report {
        source: source.clone(),
        diagnostics,
    };
    let mut spec = spec::parse(source).map_err(|mut diagnostics| {
        // A spec that does not parse may still hold a secret on the line its diagnostic quotes.
        let literals = spec::literals_of(source.text());
        let shown = validate::rules::redact_secrets(&literals, source, &mut diagnostics);
        Report {
            source: shown,
            diagnostics,
        }
    })?;
    if let Some(kserve) = target.kserve {
        spec.target.kserve = spec::Spanned::unspanned(kserve);
    }
    if let Some(istio) = target.istio {
        spec.target.istio = spec::Spanned::unspanned(istio);
    }
    let mut levels = levels.clone();
    let mut findings = validate::allow_from_spec(&spec, &mut levels);
    let pattern = model::lower(&spec).map_err(fail)?;
    findings.extend(validate::check(&pattern));
    let mut objects = render::render(&pattern);
    if pattern.gitops.sync_waves {
        output::add_sync_waves(&mut objects);
    }
    output::sort(&mut objects);
    let unserializable = |error: &dyn std::fmt::Display| {
        fail(vec![Diagnostic::error(
            "P3009",
            format!("cannot serialize the bundle: {error}"),
        )])
    };
    let values = objects
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| unserializable(&error))?;
    findings.extend(validate::check_rendered(&pattern, &objects, &values));
    // Reports quote the spec: once it is found to hold a secret, they show the secret masked.
    let shown = if findings
        .iter()
        .any(|finding| finding.code == validate::rules::SECRET_LITERAL)
    {
        validate::rules::redact_secrets(&pattern.literals, source, &mut findings)
    } else {
        source.clone()
    };
    let fail = |diagnostics: Vec<Diagnostic>| Report {
        source: shown.clone(),
        diagnostics,
    };
    let findings = levels.apply(findings);
    if findings.iter().any(Diagnostic::is_error) {
        return Err(fail(findings));
    }
    let documents = output::to_yaml_documents(&objects).map_err(|error| unserializable(&error))?;
    output::self_check(&objects, &values).map_err(|problem| {
        fail(vec![
            Diagnostic::error(
                "P3009",
                format!("the rendered bundle does not read back as rendered: {problem}"),
            )
            .help("this is a bug in p3gen; please report it with the spec"),
        ])
    })?;
    Ok(Compiled {
        header: output::bundle_header(display_name, &pattern.target_summary()),
        pattern,
        objects,
        documents,
        warnings: fail(findings),
    })
}
