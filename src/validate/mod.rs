//! Checks over the resolved model and over Kubernetes objects: each rule lives in its own file
//! under `rules/`, with a stable code, a severity, a one-line summary and its rationale (printed by
//! `p3gen explain CODE`). Facts that rules over the spec and over manifests share live in `facts/`.

pub mod facts;
mod levels;
pub mod objects;
mod rule;
pub mod rules;

pub use levels::{Levels, allow_from_spec};
pub use objects::{Finding, Objects};
pub use rule::{Applies, Rule, RuleInfo};

use crate::diagnostic::Diagnostic;
use crate::model::Pattern;
use crate::render::Object;

/// Runs every rule over a pattern and returns all findings, errors and warnings alike, in rule order.
pub fn check(pattern: &Pattern) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for rule in rules::ALL {
        rule.check(pattern, &mut findings);
    }
    findings
}

/// Runs the rules that apply to manifests over hand-written objects.
pub fn check_objects(objects: &Objects<'_>) -> Vec<Finding> {
    run_on_objects(objects, Applies::to_manifests)
}

/// Runs the rules that only objects can answer (e.g. duplicate names) over a rendered bundle; the
/// others already ran over the spec.
pub fn check_bundle(objects: &Objects<'_>) -> Vec<Finding> {
    run_on_objects(objects, |applies| applies == Applies::Manifests)
}

/// Runs [`check_bundle`] over a pattern's rendered objects, given with their JSON `values` (one
/// per object, in the same order); each diagnostic names its object.
pub fn check_rendered(
    pattern: &Pattern,
    objects: &[Object],
    values: &[serde_json::Value],
) -> Vec<Diagnostic> {
    let view = Objects::new(
        values,
        Some(*pattern.kserve.get()),
        Some(*pattern.istio.get()),
    );
    check_bundle(&view)
        .into_iter()
        .map(|finding| {
            let named = objects
                .get(finding.object)
                .map_or_else(String::new, |o| format!("{} `{}`: ", o.kind(), o.name()));
            let diagnostic = Diagnostic::new(
                finding.code,
                finding.severity,
                format!("{named}{}", finding.message),
            );
            match finding.help {
                Some(help) => diagnostic.help(help),
                None => diagnostic,
            }
        })
        .collect()
}

fn run_on_objects(objects: &Objects<'_>, select: impl Fn(Applies) -> bool) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in rules::ALL.iter().filter(|rule| select(rule.info().applies)) {
        rule.check_objects(objects, &mut findings);
    }
    findings
}

/// Every documented code, rules and spec-shape codes alike, sorted by code.
pub fn catalogue() -> Vec<&'static RuleInfo> {
    let mut all: Vec<&'static RuleInfo> = rules::ALL
        .iter()
        .map(|rule| rule.info())
        .chain(rules::SHAPE.iter())
        .collect();
    all.sort_by_key(|info| info.code);
    all
}

/// The documentation of a code (or rule name), if it exists.
pub fn explain(code: &str) -> Option<&'static RuleInfo> {
    catalogue()
        .into_iter()
        .find(|info| info.code.eq_ignore_ascii_case(code) || info.name == code)
}
