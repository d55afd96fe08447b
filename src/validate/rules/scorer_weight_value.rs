//! Scorer weights are finite, not negative, and not all zero.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::target::{ScorerProblem, ScorerProblemKind};

use super::super::{Applies, Rule, RuleInfo};
use super::scorer_problems::{self, Located, Report};

/// Weights must be usable numbers, and at least one must count.
pub struct ScorerWeightValue;

static INFO: RuleInfo = RuleInfo {
    code: "P3804",
    name: "scorer-weight-value",
    severity: Severity::Error,
    applies: Applies::Spec,
    summary: "a negative, NaN or infinite scorer weight, or all weights zero",
    doc: "## What it checks\nThat every scorer weight is a finite number of 0 or more, and that at least one is above 0.\n\n## Why\nEach scorer returns a value in [0,1] and the profile sums score × weight (GIE `scheduler_profile.go`). A negative weight turns a preference into an aversion (a prefix-cache hit would push requests away), and NaN or infinity make every sum meaningless. With every weight 0 all endpoints score the same, so routing ignores the prompt: Pattern 3's prefix-aware routing is off.\n\n## Example\n```toml\n[scheduler.scorers]\nprefix-cache-scorer = { weight = -1 }   # error\n```\n",
};

impl Rule for ScorerWeightValue {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let all_zero = |found: &Located| found.problem.kind == ScorerProblemKind::AllWeightsZero;
        let report = Report {
            wanted: |problem: &ScorerProblem| {
                matches!(
                    problem.kind,
                    ScorerProblemKind::InvalidWeight { .. } | ScorerProblemKind::AllWeightsZero
                )
            },
            place: |found: &Located| {
                let label = if all_zero(found) {
                    "every weight is 0"
                } else {
                    "not a weight"
                };
                (found.weight.clone(), label)
            },
            help: |found: &Located| {
                if all_zero(found) {
                    "give at least one scorer a positive weight"
                } else {
                    "write a finite number, 0 or more"
                }
                .to_owned()
            },
            show_epp: false,
        };
        scorer_problems::report(self, pattern, report, out);
    }
}
