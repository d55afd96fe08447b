//! Checks: each rule lives in its own file under `rules/`, with a stable code, a severity, a
//! one-line summary and its rationale (printed by `p3gen explain CODE`). A rule checks Kubernetes
//! objects when the fact shows in them (the rendered bundle and hand-written manifests alike, one
//! implementation), the resolved model when it does not. What rules share lives in `facts/`.

pub mod facts;
mod levels;
pub mod objects;
mod rule;
pub mod rules;

pub use levels::{Levels, allow_from_spec};
pub use objects::Objects;
pub use rule::{Applies, Rule, RuleInfo};

use crate::diagnostic::{Diagnostic, Place};
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
pub fn check_objects(objects: &Objects<'_>) -> Vec<Diagnostic> {
    run_on_objects(objects, Applies::to_manifests)
}

/// Runs the rules over objects on a pattern's rendered `objects`, given with their JSON `values`
/// (one per object, in the same order). Each finding is placed at the spec value its object node
/// was rendered from (see [`crate::render::origin`]); a finding with no such value names its
/// object instead. A spec value that renders into several places is reported once.
pub fn check_rendered(
    pattern: &Pattern,
    objects: &[Object],
    values: &[serde_json::Value],
) -> Vec<Diagnostic> {
    let mut view = Objects::rendered(
        objects,
        values,
        Some(*pattern.kserve.get()),
        Some(*pattern.istio.get()),
    );
    view.vllm = pattern.vllm.release.as_ref().map(|release| *release.get());
    let mut seen = std::collections::BTreeSet::new();
    run_on_objects(&view, |applies| applies == Applies::Objects)
        .into_iter()
        .filter_map(|finding| {
            let named = finding
                .node()
                .and_then(|node| objects.get(node.object))
                .map_or_else(String::new, |o| format!("{} `{}`: ", o.kind(), o.name()));
            let mut diagnostic = finding.resolve(|place| match place {
                Place::Node(node) => crate::render::origin(pattern, objects, node),
                Place::Setting(setting) => crate::render::setting_origin(pattern, *setting),
                Place::Span(span) => Some(span.clone()),
            });
            if diagnostic.labels.is_empty() {
                diagnostic.message = format!("{named}{}", diagnostic.message);
            }
            let place = diagnostic
                .labels
                .iter()
                .find(|label| label.primary)
                .and_then(|label| label.span().cloned());
            let key = (
                diagnostic.code,
                place.as_ref().map(|span| (span.start, span.end)),
                place.is_none().then(|| diagnostic.message.clone()),
            );
            seen.insert(key).then_some(diagnostic)
        })
        .collect()
}

fn run_on_objects(objects: &Objects<'_>, select: impl Fn(Applies) -> bool) -> Vec<Diagnostic> {
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
