//! Plain-text explanation of a scoring setup: each scorer, its weight, what it measures, and the default it replaced.

use std::fmt::Write;

use super::epp::{EppProfile, MAX_SCORE_PICKER, WeightType};
use super::kserve::KserveProfile;
use super::scorers::ScorerWeights;
use super::text_table;

/// Explains `scorers` on the controller `kserve` and EPP `epp`: one row per scorer in use with its
/// weight, its share of the total, the target's default weight and what the score measures, followed
/// by the default scorers that were dropped. Empty weights explain the target's defaults.
pub fn explain_scoring(
    kserve: &KserveProfile,
    epp: &EppProfile,
    scorers: &ScorerWeights,
) -> String {
    let defaults = ScorerWeights::defaults_of(kserve);
    let using_defaults = scorers.0.is_empty();
    let in_use = if using_defaults { &defaults } else { scorers };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Scoring on KServe {} with {}, {} weights.",
        kserve.target,
        epp.label(),
        epp.weight_type.as_str()
    );
    let _ = writeln!(
        out,
        "Each scorer returns a value in [0,1]; the profile sums score × weight and {MAX_SCORE_PICKER} \
         takes the endpoint with the highest sum."
    );
    if using_defaults {
        let _ = writeln!(
            out,
            "No weights are set, so the target's built-in default applies."
        );
    }
    out.push('\n');

    let total: f64 = in_use
        .0
        .values()
        .map(|s| s.weight)
        .filter(|w| w.is_finite())
        .sum();
    let mut rows = Vec::new();
    for (plugin, scorer) in &in_use.0 {
        let share = if total > 0.0 && scorer.weight.is_finite() {
            format!("{:.0}%", 100.0 * scorer.weight / total)
        } else {
            "-".to_string()
        };
        let default = match kserve.default_weight(plugin) {
            Some(weight) => format_weight(epp.weight_type, weight),
            None => "not in default".to_string(),
        };
        rows.push(vec![
            plugin.clone(),
            format_weight(epp.weight_type, scorer.weight),
            share,
            default,
            measures(epp, plugin),
        ]);
    }
    for dropped in kserve
        .default_scorers
        .iter()
        .filter(|d| !in_use.0.contains_key(d.plugin))
    {
        rows.push(vec![
            dropped.plugin.to_string(),
            "dropped".to_string(),
            "-".to_string(),
            format_weight(epp.weight_type, dropped.weight),
            measures(epp, dropped.plugin),
        ]);
    }
    out.push_str(&text_table::render(
        &["scorer", "weight", "share", "default", "measures"],
        &rows,
    ));
    out
}

/// A weight as the EPP will read it: integers without a fraction on integer EPPs.
fn format_weight(weight_type: WeightType, weight: f64) -> String {
    match weight_type {
        WeightType::Integer if weight.fract() == 0.0 => format!("{weight:.0}"),
        _ => format!("{weight}"),
    }
}

/// What the scorer measures, or why that is not known.
fn measures(epp: &EppProfile, plugin: &str) -> String {
    match epp.plugin(plugin) {
        Some(info) => info.measures.unwrap_or("not described").to_string(),
        None => match epp.plugin_rename(plugin) {
            Some(rename) => format!(
                "not registered by this EPP; it is `{}` here",
                rename.current
            ),
            None => "not registered by this EPP".to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::version::KserveTarget;

    fn weights(entries: &[(&str, f64)]) -> ScorerWeights {
        ScorerWeights::from_weights(entries.iter().copied())
    }

    #[test]
    fn explains_weights_defaults_and_dropped_scorers() {
        let profile = KserveTarget::V017.profile();
        let text = explain_scoring(
            profile,
            profile.epp_profile(),
            &weights(&[("prefix-cache-scorer", 3.0), ("load-aware-scorer", 1.0)]),
        );
        assert!(text.starts_with("Scoring on KServe 0.17 with llm-d-inference-scheduler 0.4 (GIE v1.2.0), integer weights.\n"), "{text}");
        let line = |name: &str| {
            text.lines()
                .find(|l| l.starts_with(name))
                .unwrap_or_default()
                .to_string()
        };
        let prefix = line("prefix-cache-scorer");
        assert!(
            prefix.contains(" 3 ")
                && prefix.contains("75%")
                && prefix.contains("matched / total prompt blocks"),
            "{prefix}"
        );
        let load = line("load-aware-scorer");
        assert!(
            load.contains("25%") && load.contains("not in default"),
            "{load}"
        );
        let queue = line("queue-scorer");
        assert!(
            queue.contains("dropped") && queue.contains("(maxQ−q)/(maxQ−minQ)"),
            "{queue}"
        );
    }

    #[test]
    fn empty_weights_explain_the_defaults() {
        let profile = KserveTarget::Odh015.profile();
        let text = explain_scoring(profile, profile.epp_profile(), &ScorerWeights::default());
        assert!(text.contains("built-in default applies"));
        assert!(
            text.lines()
                .any(|l| l.starts_with("prefix-cache-scorer") && l.contains("67%")),
            "{text}"
        );
        assert!(!text.contains("dropped"));
    }

    #[test]
    fn float_weights_keep_their_fraction() {
        let profile = KserveTarget::V020.profile();
        let text = explain_scoring(
            profile,
            profile.epp_profile(),
            &weights(&[("prefix-cache-scorer", 2.5)]),
        );
        assert!(
            text.lines()
                .any(|l| l.starts_with("prefix-cache-scorer") && l.contains(" 2.5 ")),
            "{text}"
        );
    }
}
