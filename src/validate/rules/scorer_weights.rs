//! I20: scorer weights must be usable numbers, and not all zero.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::validate::facts::scorers;
use crate::validate::objects::{Finding, Objects};

use super::super::{Applies, Rule, RuleInfo};

/// A negative, NaN or infinite weight, or weights that are all zero.
pub struct ScorerWeights;

/// Where an LLMInferenceService (KServe 0.17 and later) holds an inline EPP configuration.
pub const INLINE_CONFIG: &str = "/spec/router/scheduler/config/inline";

static INFO: RuleInfo = RuleInfo {
    code: "P3301",
    name: "scorer-weights",
    severity: Severity::Error,
    applies: Applies::Both,
    summary: "a scorer weight is negative, NaN or infinite, or all weights are zero",
    doc: "## What it checks\nThat every `scheduler.scorers.<plugin>.weight` is a finite number of 0 or more, and that at least one is above 0. In manifests, the weights of the scheduling profiles of an inline EPP configuration (`spec.router.scheduler.config.inline`).\n\n## Why\nThe EPP sums `score × weight` over a profile's scorers and picks the highest (domain §4.3). A negative weight turns a scorer upside down (prefix-cache hits would repel requests), NaN or infinity make every sum equal or undefined, and all-zero weights make every endpoint score 0, so the picker chooses at random and prefix-cache routing, Pattern 3's point, is gone. EPP loaders up to GIE 1.3 take integer weights only (invariant I20).\n\n## Example\n```toml\n[scheduler.scorers]\nprefix-cache-scorer = { weight = -3 }   # error\n```\n",
};

/// The weights of an inline EndpointPickerConfig, with the JSON pointer of each.
pub fn inline_weights(config: &Value) -> Vec<(String, Option<f64>)> {
    let mut weights = Vec::new();
    for (p, profile) in config
        .get("schedulingProfiles")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        for (r, reference) in profile
            .get("plugins")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            if let Some(weight) = reference.get("weight") {
                weights.push((
                    format!("{INLINE_CONFIG}/schedulingProfiles/{p}/plugins/{r}/weight"),
                    weight.as_f64(),
                ));
            }
        }
    }
    weights
}

impl Rule for ScorerWeights {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let scorers = &pattern.scheduler.scorers;
        for (plugin, scorer) in scorers {
            let weight = *scorer.weight.get();
            if let Some(problem) = scorers::weight_problem(weight) {
                out.push(
                    self.finding(format!("the weight of `{}` {problem}", plugin.get()))
                        .primary(scorer.weight.span(), format!("{weight}"))
                        .help("use a finite weight of 0 or more; the EPP sums score × weight"),
                );
            }
        }
        if !scorers.is_empty() && scorers.values().all(|scorer| *scorer.weight.get() == 0.0) {
            let mut diagnostic = self
                .finding("every scorer weight is 0, so every endpoint scores the same".to_owned());
            for (index, scorer) in scorers.values().enumerate() {
                diagnostic = if index == 0 {
                    diagnostic.primary(scorer.weight.span(), "0")
                } else {
                    diagnostic.secondary(scorer.weight.span(), "0")
                };
            }
            out.push(
                diagnostic
                    .help("give at least one scorer (e.g. `prefix-cache-scorer`) a weight above 0"),
            );
        }
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Finding>) {
        for service in objects.inference_services() {
            let Some(config) = service.value.pointer(INLINE_CONFIG) else {
                continue;
            };
            let weights = inline_weights(config);
            for (at, weight) in &weights {
                let problem = match weight {
                    Some(weight) => scorers::weight_problem(*weight),
                    None => Some("is not a number"),
                };
                if let Some(problem) = problem {
                    out.push(
                        self.object_finding(
                            service.index,
                            at,
                            format!("a scorer weight {problem}"),
                        )
                        .help("use a finite weight of 0 or more"),
                    );
                }
            }
            if !weights.is_empty() && weights.iter().all(|(_, weight)| *weight == Some(0.0)) {
                out.push(
                    self.object_finding(
                        service.index,
                        weights[0].0.clone(),
                        "every scorer weight is 0, so every endpoint scores the same".to_owned(),
                    )
                    .help("give at least one scorer a weight above 0"),
                );
            }
        }
    }
}
