//! Scorer weights as the user writes them, and their checks against an EPP generation's plugin registry.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::epp::{
    EppGeneration, EppProfile, ParameterDecoding, Parameters, PluginRole, RenamedTo, WeightType,
};
use super::kserve::KserveProfile;

/// One entry of [`ScorerWeights`]: a scorer's weight and raw plugin parameters (by the EPP's camelCase names).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScorerEntry {
    /// The weight; the profile sums score × weight over its scorers.
    pub weight: f64,
    /// Plugin parameters, passed through unchanged.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, serde_json::Value>,
}

/// Scorers by plugin type. Empty means the target's built-in defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScorerWeights(pub BTreeMap<String, ScorerEntry>);

impl ScorerWeights {
    /// Scorers by plugin type with these weights and no parameters.
    pub fn from_weights<'a>(entries: impl IntoIterator<Item = (&'a str, f64)>) -> ScorerWeights {
        ScorerWeights(
            entries
                .into_iter()
                .map(|(plugin, weight)| {
                    let scorer = ScorerEntry {
                        weight,
                        parameters: BTreeMap::new(),
                    };
                    (plugin.to_string(), scorer)
                })
                .collect(),
        )
    }

    /// The built-in default scorers of a KServe target, without parameters.
    pub fn defaults_of(profile: &KserveProfile) -> ScorerWeights {
        ScorerWeights::from_weights(profile.default_scorers.iter().map(|s| (s.plugin, s.weight)))
    }
}

/// The largest integer weight p3gen writes: above 2^53 an f64 no longer holds every integer.
const MAX_INTEGER_WEIGHT: f64 = 9_007_199_254_740_992.0;

/// How close a name must be (Jaro-Winkler) to be offered as "did you mean".
const SUGGESTION_THRESHOLD: f64 = 0.8;

/// What is wrong with one scorer entry.
#[derive(Debug, Clone, PartialEq)]
pub enum ScorerProblemKind {
    /// The EPP registers no plugin of this type; it would fail at start-up.
    UnknownPlugin {
        /// The closest scorer type this EPP registers, if any is close.
        suggestion: Option<&'static str>,
    },
    /// The EPP registers this plugin under another name.
    RenamedPlugin {
        /// The name this EPP registers.
        current: &'static str,
        /// When and where the rename happened.
        note: &'static str,
    },
    /// The plugin exists but is not a scorer, so it takes no weight.
    NotAScorer {
        /// What the plugin is.
        role: PluginRole,
    },
    /// The plugin reads no parameter of this name.
    UnknownParameter {
        /// The closest parameter name the plugin reads, if any is close.
        suggestion: Option<&'static str>,
    },
    /// The plugin reads this parameter under another name, or another plugin reads it.
    RenamedParameter {
        /// Where the value goes on this EPP.
        current: RenamedTo,
        /// Whether the stale name fails start-up even where unknown names are ignored.
        fails_start_up: bool,
        /// When and where the rename happened.
        note: &'static str,
    },
    /// The plugin takes no parameters.
    TakesNoParameters,
    /// The weight is negative, NaN or infinite.
    InvalidWeight {
        /// The weight given.
        weight: f64,
    },
    /// The EPP decodes weights into a Go `int` and rejects fractions at start-up.
    FractionalWeight {
        /// The weight given.
        weight: f64,
    },
    /// The weight is beyond what p3gen writes as an exact integer.
    WeightTooLarge {
        /// The weight given.
        weight: f64,
    },
    /// Every weight is zero, so every endpoint scores the same and routing ignores the prompt.
    AllWeightsZero,
}

/// A problem with the scorer weights, tied to the plugin (and parameter) it concerns so the caller
/// can point at the TOML span.
#[derive(Debug, Clone, PartialEq)]
pub struct ScorerProblem {
    /// The plugin type as written (for [`ScorerProblemKind::AllWeightsZero`], the first scorer).
    pub plugin: String,
    /// The parameter name as written, for parameter problems.
    pub parameter: Option<String>,
    /// What is wrong.
    pub kind: ScorerProblemKind,
    /// The EPP generation checked against.
    pub epp: EppGeneration,
}

/// What becomes of a plugin parameter the EPP does not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterFate {
    /// The EPP refuses to start: it decodes parameters strictly, or the stale name is fatal.
    FailsStartUp,
    /// The EPP ignores it and the plugin's default applies.
    Ignored,
    /// The KServe controller deletes it from the config before the EPP reads it.
    RemovedByController,
}

impl ScorerProblem {
    /// A "did you mean …?" line, when there is a likely intended name.
    pub fn help(&self) -> Option<String> {
        let name = match &self.kind {
            ScorerProblemKind::UnknownPlugin { suggestion } => (*suggestion)?,
            ScorerProblemKind::RenamedPlugin { current, .. } => current,
            ScorerProblemKind::UnknownParameter { suggestion } => (*suggestion)?,
            ScorerProblemKind::RenamedParameter {
                current: RenamedTo::Parameter(current),
                ..
            } => current,
            ScorerProblemKind::RenamedParameter {
                current: RenamedTo::Plugin(plugin),
                ..
            } => {
                return Some(format!(
                    "remove it: on {} it is a parameter of `{plugin}`, which keeps its defaults",
                    self.epp.profile().label()
                ));
            }
            _ => return None,
        };
        Some(format!("did you mean `{name}`?"))
    }

    /// For a parameter the plugin does not read: what becomes of it under the controller `kserve`
    /// (whose config migrations may delete it first) and this EPP. `None` for other problems.
    pub fn parameter_fate(&self, kserve: &KserveProfile) -> Option<ParameterFate> {
        let strict = self.epp.profile().parameter_decoding == ParameterDecoding::Strict;
        let fatal = match &self.kind {
            ScorerProblemKind::UnknownParameter { .. } | ScorerProblemKind::TakesNoParameters => {
                strict
            }
            ScorerProblemKind::RenamedParameter { fails_start_up, .. } => strict || *fails_start_up,
            _ => return None,
        };
        let parameter = self.parameter.as_deref().unwrap_or_default();
        let removed = kserve
            .config_migrations
            .removes_parameter(&self.plugin, parameter);
        Some(if removed {
            ParameterFate::RemovedByController
        } else if fatal {
            ParameterFate::FailsStartUp
        } else {
            ParameterFate::Ignored
        })
    }
}

impl fmt::Display for ScorerProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let epp = self.epp.profile().label();
        let plugin = &self.plugin;
        let parameter = self.parameter.as_deref().unwrap_or("");
        match &self.kind {
            ScorerProblemKind::UnknownPlugin { .. } => write!(
                f,
                "`{plugin}` is not a scorer of {epp}; an unknown plugin type fails EPP start-up"
            ),
            ScorerProblemKind::RenamedPlugin { note, .. } => {
                write!(f, "`{plugin}` is not registered by {epp}: {note}")
            }
            ScorerProblemKind::NotAScorer { role } => write!(
                f,
                "`{plugin}` is a {} of {epp}, not a scorer, and takes no weight",
                role.as_str()
            ),
            ScorerProblemKind::UnknownParameter { .. } => {
                write!(f, "`{plugin}` on {epp} reads no parameter `{parameter}`")
            }
            ScorerProblemKind::RenamedParameter { note, .. } => {
                write!(f, "`{plugin}` on {epp} does not read `{parameter}`: {note}")
            }
            ScorerProblemKind::TakesNoParameters => write!(
                f,
                "`{plugin}` on {epp} takes no parameters, so not `{parameter}`"
            ),
            ScorerProblemKind::InvalidWeight { weight } => write!(
                f,
                "`{plugin}` has weight {weight}; weights must be finite and not negative"
            ),
            ScorerProblemKind::FractionalWeight { weight } => write!(
                f,
                "`{plugin}` has weight {weight}, but {epp} reads integer weights and rejects fractions at start-up"
            ),
            ScorerProblemKind::WeightTooLarge { weight } => write!(
                f,
                "`{plugin}` has weight {weight}, beyond the largest exact integer weight (2^53)"
            ),
            ScorerProblemKind::AllWeightsZero => write!(
                f,
                "every scorer weight is zero, so all endpoints score the same and prefix-aware routing is off"
            ),
        }
    }
}

impl std::error::Error for ScorerProblem {}

/// Checks `scorers` against the plugin registry of `epp`: plugin types, parameter names, weight values
/// and weight type. Returns every problem, in plugin order; an empty list means the weights can be lowered.
pub fn check_scorers(epp: &EppProfile, scorers: &ScorerWeights) -> Vec<ScorerProblem> {
    let mut problems = Vec::new();
    let problem = |plugin: &str, parameter: Option<&str>, kind| ScorerProblem {
        plugin: plugin.to_string(),
        parameter: parameter.map(str::to_string),
        kind,
        epp: epp.generation,
    };
    for (plugin_type, scorer) in &scorers.0 {
        if let Some(kind) = weight_problem(epp.weight_type, scorer.weight) {
            problems.push(problem(plugin_type, None, kind));
        }
        let info = match epp.plugin(plugin_type) {
            Some(info) => info,
            None => {
                let kind = match epp.plugin_rename(plugin_type) {
                    Some(rename) => ScorerProblemKind::RenamedPlugin {
                        current: rename.current,
                        note: rename.note,
                    },
                    None => ScorerProblemKind::UnknownPlugin {
                        suggestion: closest(plugin_type, epp.scorer_types()),
                    },
                };
                problems.push(problem(plugin_type, None, kind));
                continue;
            }
        };
        if info.role != PluginRole::Scorer {
            problems.push(problem(
                plugin_type,
                None,
                ScorerProblemKind::NotAScorer { role: info.role },
            ));
            continue;
        }
        for parameter in scorer.parameters.keys() {
            let kind = match info.parameters {
                Parameters::Undocumented => None,
                Parameters::None => Some(ScorerProblemKind::TakesNoParameters),
                Parameters::Known(names) if names.contains(&parameter.as_str()) => None,
                Parameters::Known(names) => {
                    Some(match epp.parameter_rename(plugin_type, parameter) {
                        Some(rename) => ScorerProblemKind::RenamedParameter {
                            current: rename.current,
                            fails_start_up: rename.fails_start_up,
                            note: rename.note,
                        },
                        None => ScorerProblemKind::UnknownParameter {
                            suggestion: closest(parameter, names.iter().copied()),
                        },
                    })
                }
            };
            if let Some(kind) = kind {
                problems.push(problem(plugin_type, Some(parameter), kind));
            }
        }
    }
    if let Some(first) = scorers.0.keys().next()
        && scorers.0.values().all(|s| s.weight == 0.0)
    {
        problems.push(problem(first, None, ScorerProblemKind::AllWeightsZero));
    }
    problems
}

/// The problem with one weight for the given weight type, if any.
fn weight_problem(weight_type: WeightType, weight: f64) -> Option<ScorerProblemKind> {
    if !weight.is_finite() || weight < 0.0 {
        return Some(ScorerProblemKind::InvalidWeight { weight });
    }
    if weight_type == WeightType::Integer {
        if weight.fract() != 0.0 {
            return Some(ScorerProblemKind::FractionalWeight { weight });
        }
        if weight > MAX_INTEGER_WEIGHT {
            return Some(ScorerProblemKind::WeightTooLarge { weight });
        }
    }
    None
}

/// The candidate most similar to `given`, if similar enough to suggest.
fn closest(given: &str, candidates: impl Iterator<Item = &'static str>) -> Option<&'static str> {
    candidates
        .map(|candidate| (strsim::jaro_winkler(given, candidate), candidate))
        .filter(|(score, _)| *score >= SUGGESTION_THRESHOLD)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// Whether `scorers` equals the target's built-in default set (or is empty), so the caller can leave
/// the scheduler config to the controller (`scheduler: {}`).
pub fn is_default(profile: &KserveProfile, scorers: &ScorerWeights) -> bool {
    scorers.0.is_empty() || *scorers == ScorerWeights::defaults_of(profile)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::version::KserveTarget;

    fn weights(entries: &[(&str, f64)]) -> ScorerWeights {
        ScorerWeights::from_weights(entries.iter().copied())
    }

    fn with_parameter(mut scorers: ScorerWeights, plugin: &str, parameter: &str) -> ScorerWeights {
        if let Some(scorer) = scorers.0.get_mut(plugin) {
            scorer
                .parameters
                .insert(parameter.to_string(), serde_json::json!(64));
        }
        scorers
    }

    fn check(target: KserveTarget, scorers: &ScorerWeights) -> Vec<ScorerProblem> {
        check_scorers(target.profile().epp_profile(), scorers)
    }

    #[test]
    fn valid_weights_have_no_problems() {
        let scorers = weights(&[("prefix-cache-scorer", 3.0), ("load-aware-scorer", 1.0)]);
        assert_eq!(check(KserveTarget::Odh015, &scorers), []);
        let scorers = with_parameter(scorers, "prefix-cache-scorer", "blockSize");
        assert_eq!(check(KserveTarget::Odh015, &scorers), []);
    }

    #[test]
    fn fractional_weight_is_an_error_on_integer_epps_only() {
        let scorers = weights(&[("prefix-cache-scorer", 2.5), ("queue-scorer", 1.0)]);
        let problems = check(KserveTarget::Odh015, &scorers);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].plugin, "prefix-cache-scorer");
        assert_eq!(
            problems[0].kind,
            ScorerProblemKind::FractionalWeight { weight: 2.5 }
        );
        assert!(
            problems[0].to_string().contains("integer weights"),
            "{}",
            problems[0]
        );
        assert_eq!(check(KserveTarget::V020, &scorers), []);
    }

    #[test]
    fn two_point_zero_is_an_integer() {
        let scorers = weights(&[("prefix-cache-scorer", 2.0)]);
        assert_eq!(check(KserveTarget::V016, &scorers), []);
    }

    #[test]
    fn stale_kv_cache_scorer_on_0_20_suggests_the_new_name() {
        let scorers = weights(&[("kv-cache-scorer", 1.0)]);
        let problems = check(KserveTarget::V020, &scorers);
        assert_eq!(problems.len(), 1);
        assert!(matches!(
            problems[0].kind,
            ScorerProblemKind::RenamedPlugin {
                current: "kv-cache-utilization-scorer",
                ..
            }
        ));
        assert_eq!(
            problems[0].help().as_deref(),
            Some("did you mean `kv-cache-utilization-scorer`?")
        );
    }

    #[test]
    fn new_kv_cache_name_on_0_16_suggests_the_old_name() {
        let scorers = weights(&[("kv-cache-utilization-scorer", 1.0)]);
        let problems = check(KserveTarget::V016, &scorers);
        assert_eq!(
            problems[0].help().as_deref(),
            Some("did you mean `kv-cache-scorer`?")
        );
    }

    #[test]
    fn typos_get_a_suggestion_and_nonsense_gets_none() {
        let problems = check(
            KserveTarget::V017,
            &weights(&[("prefix-cache-scorrer", 1.0)]),
        );
        assert_eq!(
            problems[0].kind,
            ScorerProblemKind::UnknownPlugin {
                suggestion: Some("prefix-cache-scorer")
            }
        );
        let problems = check(KserveTarget::V017, &weights(&[("zzz", 1.0)]));
        assert_eq!(
            problems[0].kind,
            ScorerProblemKind::UnknownPlugin { suggestion: None }
        );
        assert_eq!(problems[0].help(), None);
    }

    #[test]
    fn stale_parameter_name_is_an_error_in_both_directions() {
        let scorers = with_parameter(
            weights(&[("prefix-cache-scorer", 3.0)]),
            "prefix-cache-scorer",
            "hashBlockSize",
        );
        let problems = check(KserveTarget::Odh015, &scorers);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].parameter.as_deref(), Some("hashBlockSize"));
        assert_eq!(
            problems[0].help().as_deref(),
            Some("did you mean `blockSize`?")
        );
        assert_eq!(check(KserveTarget::V016, &scorers), []);

        let scorers = with_parameter(
            weights(&[("prefix-cache-scorer", 3.0)]),
            "prefix-cache-scorer",
            "blockSize",
        );
        let problems = check(KserveTarget::V016, &scorers);
        assert_eq!(
            problems[0].help().as_deref(),
            Some("did you mean `hashBlockSize`?")
        );
    }

    #[test]
    fn unknown_and_unwanted_parameters_are_errors() {
        let scorers = with_parameter(
            weights(&[("load-aware-scorer", 1.0)]),
            "load-aware-scorer",
            "treshold",
        );
        let problems = check(KserveTarget::V020, &scorers);
        assert_eq!(
            problems[0].kind,
            ScorerProblemKind::UnknownParameter {
                suggestion: Some("threshold")
            }
        );
        let scorers = with_parameter(
            weights(&[("queue-scorer", 1.0)]),
            "queue-scorer",
            "threshold",
        );
        let problems = check(KserveTarget::V020, &scorers);
        assert_eq!(problems[0].kind, ScorerProblemKind::TakesNoParameters);
        let scorers = with_parameter(
            weights(&[("token-load-scorer", 1.0)]),
            "token-load-scorer",
            "anything",
        );
        assert_eq!(check(KserveTarget::V020, &scorers), []);
    }

    fn fate(target: KserveTarget, plugin: &str, parameter: &str) -> Option<ParameterFate> {
        let scorers = with_parameter(weights(&[(plugin, 1.0)]), plugin, parameter);
        let problems = check(target, &scorers);
        assert_eq!(
            problems.len(),
            1,
            "{target} {plugin} {parameter}: {problems:?}"
        );
        problems[0].parameter_fate(target.profile())
    }

    /// versions.md §B rows 20 and 21 and §A2.2 (K19/K20 config migrations): what becomes of a
    /// parameter the plugin does not read, per target.
    #[test]
    fn parameter_fate_follows_the_epp_and_the_controller() {
        use ParameterFate::*;
        // Lenient EPPs ignore a stale name …
        assert_eq!(
            fate(KserveTarget::Odh015, "prefix-cache-scorer", "hashBlockSize"),
            Some(Ignored)
        );
        assert_eq!(
            fate(KserveTarget::V017, "load-aware-scorer", "treshold"),
            Some(Ignored)
        );
        // … except `blockSize` alone on GIE v1.4.0 (KServe 0.18 and 0.19's EPP).
        assert_eq!(
            fate(KserveTarget::V018, "prefix-cache-scorer", "blockSize"),
            Some(FailsStartUp)
        );
        assert_eq!(
            fate(KserveTarget::V019, "prefix-cache-scorer", "blockSize"),
            Some(FailsStartUp)
        );
        // KServe 0.19 deletes `hashBlockSize` before the EPP reads it.
        assert_eq!(
            fate(KserveTarget::V019, "prefix-cache-scorer", "hashBlockSize"),
            Some(RemovedByController)
        );
        // The strict EPP of 0.20 refuses unknown names; 0.20 deletes the prefix scorer's settings.
        assert_eq!(
            fate(KserveTarget::V020, "load-aware-scorer", "treshold"),
            Some(FailsStartUp)
        );
        assert_eq!(
            fate(KserveTarget::V020, "queue-scorer", "threshold"),
            Some(FailsStartUp)
        );
        assert_eq!(
            fate(KserveTarget::V020, "prefix-cache-scorer", "blockSize"),
            Some(RemovedByController)
        );
    }

    #[test]
    fn bad_weights_are_errors() {
        for weight in [-1.0, f64::NAN, f64::INFINITY] {
            let problems = check(
                KserveTarget::V020,
                &weights(&[("queue-scorer", weight), ("prefix-cache-scorer", 1.0)]),
            );
            assert!(
                matches!(
                    problems[..],
                    [ScorerProblem {
                        kind: ScorerProblemKind::InvalidWeight { .. },
                        ..
                    }]
                ),
                "{weight}: {problems:?}"
            );
        }
        let problems = check(KserveTarget::V017, &weights(&[("queue-scorer", 1e300)]));
        assert!(matches!(
            problems[0].kind,
            ScorerProblemKind::WeightTooLarge { .. }
        ));
    }

    #[test]
    fn all_zero_weights_are_an_error_on_the_first_scorer() {
        let problems = check(
            KserveTarget::V020,
            &weights(&[("queue-scorer", 0.0), ("prefix-cache-scorer", 0.0)]),
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, ScorerProblemKind::AllWeightsZero);
        assert_eq!(problems[0].plugin, "prefix-cache-scorer");
        assert_eq!(
            check(
                KserveTarget::V020,
                &weights(&[("queue-scorer", 0.0), ("prefix-cache-scorer", 1.0)])
            ),
            []
        );
    }

    #[test]
    fn weights_on_non_scorers_are_errors() {
        let problems = check(KserveTarget::V020, &weights(&[("max-score-picker", 1.0)]));
        assert_eq!(
            problems[0].kind,
            ScorerProblemKind::NotAScorer {
                role: PluginRole::Picker
            }
        );
    }

    #[test]
    fn defaults_are_recognised_per_target() {
        let odh = KserveTarget::Odh015.profile();
        assert!(is_default(odh, &ScorerWeights::default()));
        assert!(is_default(
            odh,
            &weights(&[("prefix-cache-scorer", 2.0), ("load-aware-scorer", 1.0)])
        ));
        assert!(!is_default(
            odh,
            &weights(&[("prefix-cache-scorer", 3.0), ("load-aware-scorer", 1.0)])
        ));
        assert!(!is_default(odh, &weights(&[("prefix-cache-scorer", 2.0)])));
        let with_parameter = with_parameter(
            weights(&[("prefix-cache-scorer", 2.0), ("load-aware-scorer", 1.0)]),
            "prefix-cache-scorer",
            "blockSize",
        );
        assert!(!is_default(odh, &with_parameter));
        let k17 = KserveTarget::V017.profile();
        assert!(is_default(
            k17,
            &weights(&[("queue-scorer", 2.0), ("prefix-cache-scorer", 3.0)])
        ));
        assert!(!is_default(
            k17,
            &weights(&[("prefix-cache-scorer", 2.0), ("load-aware-scorer", 1.0)])
        ));
    }
}
