//! A scorer parameter that the target's EPP ignores, or that its controller deletes first.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::target::{ParameterFate, ScorerProblem};

use super::super::{Applies, Rule, RuleInfo};
use super::scorer_parameter::parameter_help;
use super::scorer_problems::{self, Located, Report};

/// A scorer parameter that has no effect on the target.
pub struct IgnoredScorerParameter;

static INFO: RuleInfo = RuleInfo {
    code: "P3809",
    name: "ignored-scorer-parameter",
    severity: Severity::Warning,
    applies: Applies::Spec,
    summary: "a scorer parameter that the target's EPP ignores, or that KServe deletes before the EPP reads it",
    doc: "## What it checks\nThat each key of a scorer's `parameters` is read by the plugin on the target's EPP, under the name that EPP version reads, where a wrong name does not stop the EPP (that is P3802).\n\n## Why\nEPPs up to llm-d-inference-scheduler v0.8 decode plugin parameters with `json.Unmarshal` (`kubernetes-sigs/gateway-api-inference-extension@v1.4.0:pkg/epp/framework/plugins/scheduling/scorer/prefix/plugin.go L169`), so a misspelt or stale name is **silently ignored** and the default applies: `hashBlockSize` (GIE ≤ v1.0, KServe 0.16's EPP) became `blockSize` in GIE v1.1 and `blockSizeTokens` in v1.4.0. KServe 0.19 and 0.20 rewrite the scheduler config before the EPP reads it: both delete `hashBlockSize` from every plugin, and 0.20 deletes every `prefix-cache-scorer` parameter but `prefixMatchInfoProducerName` (`kserve/kserve@v0.20.0:pkg/controller/v1alpha2/llmisvc/scheduler.go L1308-1412`), whose block settings moved to `approx-prefix-cache-producer`.\n\n## Example\n```toml\n[target]\nkserve = \"odh-0.15\"\n\n[scheduler.scorers]\nprefix-cache-scorer = { weight = 3, parameters = { hashBlockSize = 64 } }   # did you mean `blockSize`?\n```\n",
};

impl Rule for IgnoredScorerParameter {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let kserve = pattern.kserve_profile();
        let fate = |problem: &ScorerProblem| problem.parameter_fate(kserve);
        let report = Report {
            wanted: |problem: &ScorerProblem| {
                matches!(
                    fate(problem),
                    Some(ParameterFate::Ignored | ParameterFate::RemovedByController)
                )
            },
            place: |found: &Located| {
                let label = match fate(&found.problem) {
                    Some(ParameterFate::RemovedByController) => "KServe deletes this parameter",
                    _ => "the EPP ignores this parameter",
                };
                (found.parameter.clone(), label)
            },
            help: |found: &Located| parameter_help(pattern, found),
            show_epp: true,
        };
        scorer_problems::report(self, pattern, report, out);
    }
}
