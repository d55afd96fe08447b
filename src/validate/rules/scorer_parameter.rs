//! I20: scorer parameters are ones the plugin reads, under the name this EPP version reads.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::target::{INTEGER_PARAMETERS, Parameters, ScorerProblemKind};

use super::super::{Applies, Rule, RuleInfo};
use super::scorer_problems::{self, Located, Report};

/// Plugin parameters must be read by the plugin on the target's EPP.
pub struct ScorerParameter;

static INFO: RuleInfo = RuleInfo {
    code: "P3802",
    name: "scorer-parameter",
    severity: Severity::Error,
    applies: Applies::Spec,
    summary: "a scorer parameter that the plugin does not read on the target's EPP",
    doc: "## What it checks\nThat each key of a scorer's `parameters` is a parameter the plugin reads on the target's EPP, under the name that EPP version reads, and that integer parameters are whole numbers. Parameters of plugins whose parameters are not documented are not checked.\n\n## Why\nThe EPP decodes plugin parameters with a non-strict JSON decoder, so a misspelt or stale name is **silently ignored** and the default applies. `prefix-cache-scorer`'s `hashBlockSize` (GIE ≤ v1.0, KServe 0.16's EPP) became `blockSize` in GIE v1.1. Integer parameters (`blockSize`, `hashBlockSize`, `maxPrefixBlocksToMatch`, `lruCapacityPerServer`, `threshold`, `maxNumOfEndpoints`) must be whole numbers: the EPP decodes them into a Go `int` and refuses to start on a string (`blockSize = \"64\"`) or a fraction.\n\n## Example\n```toml\n[target]\nkserve = \"odh-0.15\"\n\n[scheduler.scorers]\nprefix-cache-scorer = { weight = 3, parameters = { hashBlockSize = 64 } }   # did you mean `blockSize`?\n```\n",
};

impl Rule for ScorerParameter {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let epp = pattern.scheduler.epp_profile();
        let wanted = |kind: &ScorerProblemKind| {
            matches!(
                kind,
                ScorerProblemKind::UnknownParameter { .. }
                    | ScorerProblemKind::RenamedParameter { .. }
                    | ScorerProblemKind::TakesNoParameters
            )
        };
        let help = |found: &Located| {
            let plugin = &found.problem.plugin;
            found.problem.help().unwrap_or_else(|| {
                match epp.plugin(plugin).map(|info| info.parameters) {
                    Some(Parameters::Known(names)) => {
                        let names: Vec<_> = names.iter().map(|n| format!("`{n}`")).collect();
                        format!("`{plugin}` reads {}", names.join(", "))
                    }
                    _ => "remove it".to_owned(),
                }
            })
        };
        let report = Report {
            wanted,
            place: |found: &Located| (found.parameter.clone(), "the EPP ignores this parameter"),
            help,
            show_epp: true,
        };
        scorer_problems::report(self, pattern, report, out);
        for (plugin, scorer) in &pattern.scheduler.scorers {
            for (name, value) in &scorer.parameters {
                let whole = value.get().as_i64().is_some() || value.get().as_u64().is_some();
                if INTEGER_PARAMETERS.contains(&name.get().as_str()) && !whole {
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
