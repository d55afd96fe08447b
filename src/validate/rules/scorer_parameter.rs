//! I20: scorer parameters are ones the plugin reads, under the name this EPP version reads.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::target::{INTEGER_PARAMETERS, ParameterFate, Parameters, ScorerProblem};

use super::super::{Applies, Rule, RuleInfo};
use super::scorer_problems::{self, Located, Report};

/// The help of a parameter finding: the likely intended name, or the names the plugin reads.
pub(super) fn parameter_help(pattern: &Pattern, found: &Located) -> String {
    let plugin = &found.problem.plugin;
    found.problem.help().unwrap_or_else(|| {
        match pattern
            .scheduler
            .epp_profile()
            .plugin(plugin)
            .map(|info| info.parameters)
        {
            Some(Parameters::Known(names)) => {
                let names: Vec<_> = names.iter().map(|n| format!("`{n}`")).collect();
                format!("remove it: `{plugin}` reads {}", names.join(", "))
            }
            _ => "remove it".to_owned(),
        }
    })
}

/// Plugin parameters must be read by the plugin on the target's EPP.
pub struct ScorerParameter;

static INFO: RuleInfo = RuleInfo {
    code: "P3802",
    name: "scorer-parameter",
    severity: Severity::Error,
    applies: Applies::Spec,
    summary: "a scorer parameter that makes the target's EPP refuse to start",
    doc: "## What it checks\nThat no scorer parameter makes the EPP refuse to start: a name the plugin does not read on an EPP that decodes parameters strictly (llm-d-router v0.9, KServe 0.20's EPP), a stale name that the EPP rejects (`blockSize` alone on GIE v1.4.0, KServe 0.18 and 0.19's EPP), and an integer parameter that is not a whole number. A name that the EPP would only ignore is P3809, a warning.\n\n## Why\nllm-d-router v0.9.0 decodes plugin parameters with `DisallowUnknownFields` (`llm-d/llm-d-router@v0.9.0:pkg/epp/framework/interface/plugin/registry.go L24-42`), and GIE v1.4.0's prefix scorer fails when `blockSize` is set without `blockSizeTokens` (`kubernetes-sigs/gateway-api-inference-extension@v1.4.0:pkg/epp/framework/plugins/scheduling/scorer/prefix/plugin.go L87-93, L186-190`). Integer parameters (`hashBlockSize`, `blockSize`, `blockSizeTokens`, `maxPrefixBlocksToMatch`, `lruCapacityPerServer`, `threshold`, `maxNumOfEndpoints`) are decoded into a Go `int`, so a string (`blockSize = \"64\"`) or a fraction fails the plugin factory.\n\n## Example\n```toml\n[target]\nkserve = \"0.18\"\n\n[scheduler.scorers]\nprefix-cache-scorer = { weight = 3, parameters = { blockSize = 64 } }   # did you mean `blockSizeTokens`?\n```\n",
};

impl Rule for ScorerParameter {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let kserve = pattern.kserve_profile();
        let wanted = |problem: &ScorerProblem| {
            problem.parameter_fate(kserve) == Some(ParameterFate::FailsStartUp)
        };
        let report = Report {
            wanted,
            place: |found: &Located| (found.parameter.clone(), "the EPP refuses to start"),
            help: |found: &Located| parameter_help(pattern, found),
            show_epp: true,
        };
        scorer_problems::report(self, pattern, report, out);
        for (plugin, scorer) in &pattern.scheduler.scorers {
            for (name, value) in &scorer.parameters {
                let whole = value.get().as_i64().is_some() || value.get().as_u64().is_some();
                let removed = kserve
                    .config_migrations
                    .removes_parameter(plugin.get(), name.get());
                if INTEGER_PARAMETERS.contains(&name.get().as_str()) && !whole && !removed {
                    out.push(
                        self.finding(format!(
                            "`{}` of `{}` is a whole number, but the spec gives {}",
                            name.get(),
                            plugin.get(),
                            json_kind(value.get())
                        ))
                        .primary(value.span(), "not a whole number")
                        .help(format!(
                            "write a whole number without quotes, e.g. `{} = 64`: the EPP refuses anything else at start-up",
                            name.get()
                        )),
                    );
                }
            }
        }
    }
}

/// How a message names the kind of a JSON value.
fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Number(_) => "a fraction",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "a table",
        serde_json::Value::Null => "nothing",
    }
}
