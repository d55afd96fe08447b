//! Shared by the scorer rules: the problems the version tables find in the weights
//! ([`check_scorers`]), each with the places in the spec it concerns.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::model::Pattern;
use crate::target::{ScorerProblem, check_scorers};

use super::super::Rule;

/// One scorer problem and where it is in the spec.
pub(super) struct Located {
    /// What is wrong.
    pub problem: ScorerProblem,
    /// The scorer's key, e.g. `prefix-cache-scorer`.
    pub plugin: Option<Range<usize>>,
    /// The scorer's weight.
    pub weight: Option<Range<usize>>,
    /// The parameter's key, for parameter problems.
    pub parameter: Option<Range<usize>>,
}

/// How a scorer rule reports its kinds of problem.
pub(super) struct Report<W, P, H> {
    /// The kinds of problem the rule reports.
    pub wanted: W,
    /// Where the primary label goes, and its text.
    pub place: P,
    /// The help line.
    pub help: H,
    /// Whether to point at where the EPP comes from (the KServe target or `target.epp`).
    pub show_epp: bool,
}

/// Appends one finding of `rule` per problem the version tables find that `report` wants: the
/// tables' message, the primary label, the EPP's source as a secondary label, and the help.
pub(super) fn report<W, P, H>(
    rule: &dyn Rule,
    pattern: &Pattern,
    report: Report<W, P, H>,
    out: &mut Vec<Diagnostic>,
) where
    W: Fn(&ScorerProblem) -> bool,
    P: Fn(&Located) -> (Option<Range<usize>>, &'static str),
    H: Fn(&Located) -> String,
{
    let (source, source_label) = epp_source(pattern);
    for found in located(pattern, &report.wanted) {
        let (span, label) = (report.place)(&found);
        let mut finding = rule.finding(found.problem.to_string()).primary(span, label);
        if report.show_epp {
            finding = finding.secondary(source.clone(), source_label.clone());
        }
        out.push(finding.help((report.help)(&found)));
    }
}

/// The problems of kinds `wanted` accepts, in plugin order; none when the scheduler is off.
fn located(pattern: &Pattern, wanted: impl Fn(&ScorerProblem) -> bool) -> Vec<Located> {
    let scheduler = &pattern.scheduler;
    if !scheduler.enabled {
        return Vec::new();
    }
    check_scorers(scheduler.epp_profile(), &scheduler.weights())
        .into_iter()
        .filter(|problem| wanted(problem))
        .map(|problem| {
            let entry = scheduler.scorers.get_key_value(problem.plugin.as_str());
            let parameter = problem.parameter.as_deref().and_then(|name| {
                entry.and_then(|(_, scorer)| scorer.parameters.get_key_value(name))
            });
            Located {
                plugin: entry.and_then(|(key, _)| key.span()),
                weight: entry.and_then(|(_, scorer)| scorer.weight.span()),
                parameter: parameter.and_then(|(key, _)| key.span()),
                problem,
            }
        })
        .collect()
}

/// Where the EPP the weights are checked against comes from, and a label saying which EPP it is:
/// the spec's `target.epp.version` if it sets one, else the KServe target.
fn epp_source(pattern: &Pattern) -> (Option<Range<usize>>, String) {
    let epp = pattern.scheduler.epp_profile().label();
    match pattern.scheduler.epp.span() {
        Some(span) => (Some(span), format!("the EPP is {epp}")),
        None => (
            pattern.kserve.span(),
            format!("KServe {} deploys {epp}", pattern.kserve.get()),
        ),
    }
}
