//! I20: weights are written in the type the target's EPP decodes (integers on EPPs built on GIE ≤ 1.3).

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::target::{ScorerProblem, ScorerProblemKind};

use super::super::{Applies, Rule, RuleInfo};
use super::scorer_problems::{self, Located, Report};

/// Fractional weights on an EPP that reads integer weights.
pub struct ScorerWeightType;

static INFO: RuleInfo = RuleInfo {
    code: "P3803",
    name: "scorer-weight-type",
    severity: Severity::Error,
    applies: Applies::Spec,
    summary: "a fractional (or too large) weight on an EPP that reads integer weights",
    doc: "## What it checks\nThat weights are whole numbers (up to 2^53) when the target's EPP decodes them as integers: every EPP before KServe 0.20's (llm-d-inference-scheduler on GIE ≤ v1.3, Open Data Hub's `release-v0.4` included).\n\n## Why\nThe weight is a Go `*int` up to GIE v1.3 and a `*float64` from GIE v1.4.0. The config loader is strict, so `2.5` is **rejected** and the EPP does not start; `2.0` decodes as 2 (GIE@v1.0.0 `configloader.go`).\n\n## Example\n```toml\n[target]\nkserve = \"odh-0.15\"\n\n[scheduler.scorers]\nprefix-cache-scorer = { weight = 2.5 }   # write 5, and double the other weights\n```\n",
};

impl Rule for ScorerWeightType {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let report = Report {
            wanted: |problem: &ScorerProblem| {
                matches!(
                    problem.kind,
                    ScorerProblemKind::FractionalWeight { .. }
                        | ScorerProblemKind::WeightTooLarge { .. }
                )
            },
            place: |found: &Located| (found.weight.clone(), "the EPP reads an integer here"),
            help: |found: &Located| {
                match found.problem.kind {
                    ScorerProblemKind::FractionalWeight { .. } => {
                        "write whole numbers: scale every weight by the same factor to keep their ratios"
                    }
                    _ => "only the ratios between weights matter: scale them all down",
                }
                .to_owned()
            },
            show_epp: true,
        };
        scorer_problems::report(self, pattern, report, out);
    }
}
