//! Checks over the resolved model: each rule lives in its own file under `rules/`, with a stable
//! code, a severity, a one-line summary and its rationale (printed by `p3gen explain CODE`).

mod rule;
pub mod rules;

pub use rule::{Rule, RuleInfo};

use crate::diagnostic::Diagnostic;
use crate::model::Pattern;

/// Runs every rule over a pattern and returns all findings, errors and warnings alike, in rule order.
pub fn check(pattern: &Pattern) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for rule in rules::ALL {
        rule.check(pattern, &mut findings);
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

/// The documentation of a code, if it exists.
pub fn explain(code: &str) -> Option<&'static RuleInfo> {
    catalogue()
        .into_iter()
        .find(|info| info.code.eq_ignore_ascii_case(code) || info.name == code)
}
