//! I20: scorer weights name a scorer plugin the EPP knows.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::target::KserveTarget;
use crate::validate::facts::scorers;
use crate::validate::objects::{Finding, Objects};

use super::super::{Applies, Rule, RuleInfo};
use super::scorer_weights::INLINE_CONFIG;

/// A scorer weight for a plugin type the EPP does not have, or one that is not a scorer.
pub struct ScorerPlugin;

static INFO: RuleInfo = RuleInfo {
    code: "P3302",
    name: "unknown-scorer-plugin",
    severity: Severity::Error,
    applies: Applies::Both,
    summary: "a scorer weight names a plugin type that is not an EPP scorer",
    doc: "## What it checks\nThat every key of `[scheduler.scorers]` is an EPP scorer plugin type: `prefix-cache-scorer`, `load-aware-scorer`, `queue-scorer`, `kv-cache-utilization-scorer` (`kv-cache-scorer` before GIE 1.0), `lora-affinity-scorer`, `precise-prefix-cache-scorer`, `session-affinity-scorer`, `active-request-scorer`, `no-hit-lru-scorer`. Pickers, filters and profile handlers exist but take no weight. In manifests: the plugin types of an inline EPP configuration.\n\n## Why\nThe EPP's plugin registry rejects an unknown type and the EPP fails at start-up; with `failureMode: FailOpen` the gateway then skips it and prefix-cache routing is lost (domain §3, §4.3; invariant I20).\n\n## Example\n```toml\n[scheduler.scorers]\nprefix-scorer = { weight = 3 }   # did you mean `prefix-cache-scorer`?\n```\n",
};

fn help(target: KserveTarget, plugin: &str) -> String {
    if scorers::is_non_scorer_plugin(plugin) {
        return format!("`{plugin}` is not a scorer and takes no weight; remove it");
    }
    match scorers::closest_scorer(target, plugin) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!("scorers: {}", scorers::scorer_plugins(target).join(", ")),
    }
}

impl Rule for ScorerPlugin {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let target = *pattern.kserve.get();
        for plugin in pattern.scheduler.scorers.keys() {
            if !scorers::scorer_plugins(target).contains(&plugin.get().as_str()) {
                out.push(
                    self.finding(format!("`{}` is not an EPP scorer plugin", plugin.get()))
                        .primary(plugin.span(), "not a scorer")
                        .help(help(target, plugin.get())),
                );
            }
        }
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Finding>) {
        let target = objects.kserve.unwrap_or_default();
        for service in objects.inference_services() {
            let Some(plugins) = service
                .value
                .pointer(&format!("{INLINE_CONFIG}/plugins"))
                .and_then(Value::as_array)
            else {
                continue;
            };
            for (index, plugin) in plugins.iter().enumerate() {
                let Some(kind) = plugin.get("type").and_then(Value::as_str) else {
                    continue;
                };
                let known = scorers::scorer_plugins(target).contains(&kind)
                    || scorers::is_non_scorer_plugin(kind);
                if !known {
                    out.push(
                        self.object_finding(
                            service.index,
                            format!("{INLINE_CONFIG}/plugins/{index}/type"),
                            format!("`{kind}` is not an EPP plugin type; the EPP will not start"),
                        )
                        .help(help(target, kind)),
                    );
                }
            }
        }
    }
}
