//! The EPP's scorer plugins: which plugin types exist, and which of them take a weight.
//!
//! One list for every target for now (domain §4.3). [`scorer_plugins`] takes the target so that a
//! per-version table can replace the list without touching the rules.

use crate::target::KserveTarget;

/// Scorer plugin types of GIE and llm-d's inference scheduler, across versions.
const SCORERS: &[&str] = &[
    "active-request-scorer",
    "kv-cache-scorer",
    "kv-cache-utilization-scorer",
    "load-aware-scorer",
    "lora-affinity-scorer",
    "no-hit-lru-scorer",
    "precise-prefix-cache-scorer",
    "prefix-cache-scorer",
    "queue-scorer",
    "session-affinity-scorer",
];

/// Plugin types that exist but score nothing (pickers, profile handlers, filters): they take no
/// weight.
const OTHER_PLUGINS: &[&str] = &[
    "by-label",
    "by-label-selector",
    "decision-tree-filter",
    "decode-filter",
    "least-kv-cache-filter",
    "least-queue-filter",
    "lora-affinity-filter",
    "low-queue-filter",
    "max-score-picker",
    "pd-profile-handler",
    "prefill-filter",
    "prefill-header-handler",
    "random-picker",
    "single-profile-handler",
    "weighted-random-picker",
];

/// The scorer plugin types the target's EPP knows.
pub fn scorer_plugins(_target: KserveTarget) -> &'static [&'static str] {
    SCORERS
}

/// Whether a plugin type exists but is not a scorer.
pub fn is_non_scorer_plugin(plugin: &str) -> bool {
    OTHER_PLUGINS.contains(&plugin)
}

/// The known scorer closest to a misspelt one.
pub fn closest_scorer(target: KserveTarget, plugin: &str) -> Option<&'static str> {
    scorer_plugins(target)
        .iter()
        .map(|known| (strsim::damerau_levenshtein(plugin, known), *known))
        .filter(|(distance, known)| *distance <= 3.max(known.len() / 4))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, known)| known)
}

/// Why a scorer weight cannot be used, if it cannot: it is NaN, infinite or negative.
pub fn weight_problem(weight: f64) -> Option<&'static str> {
    if weight.is_nan() {
        Some("is not a number")
    } else if weight.is_infinite() {
        Some("is infinite")
    } else if weight < 0.0 {
        Some("is negative")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_scorer() {
        assert_eq!(
            closest_scorer(KserveTarget::V016, "prefix-cache-scoring"),
            Some("prefix-cache-scorer")
        );
        assert_eq!(closest_scorer(KserveTarget::V016, "zzz"), None);
        assert!(is_non_scorer_plugin("max-score-picker"));
    }

    #[test]
    fn weights_must_be_finite_and_not_negative() {
        assert_eq!(weight_problem(-1.0), Some("is negative"));
        assert_eq!(weight_problem(f64::NAN), Some("is not a number"));
        assert_eq!(weight_problem(f64::INFINITY), Some("is infinite"));
        assert_eq!(weight_problem(0.0), None);
    }
}
