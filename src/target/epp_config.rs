//! The EndpointPickerConfig the EPP reads at start-up, typed, and its deterministic YAML text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::epp::{CONFIG_KIND, EppProfile, MAX_SCORE_PICKER, SINGLE_PROFILE_HANDLER, WeightType};
use super::scorers::ScorerWeights;

/// An EndpointPickerConfig (GIE@v1.0.0 `apix/config/v1alpha1/endpointpickerconfig_types.go`). Not a
/// Kubernetes object: the EPP reads it once at start-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointPickerConfig {
    /// `inference.networking.x-k8s.io/v1alpha1`, or `llm-d.ai/v1alpha1` on new LLMD-IS.
    pub api_version: String,
    /// Always `EndpointPickerConfig`.
    pub kind: String,
    /// The plugin instances.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plugins: Vec<PluginSpec>,
    /// The scheduling profiles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scheduling_profiles: Vec<SchedulingProfile>,
}

/// A plugin instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PluginSpec {
    /// The plugin type.
    #[serde(rename = "type")]
    pub plugin_type: String,
    /// The instance name; the loader defaults it to the type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Raw parameters for the plugin factory.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, serde_json::Value>,
}

/// A scheduling profile: the plugins that run, and the scorers' weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SchedulingProfile {
    /// The profile name.
    pub name: String,
    /// The plugin references.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plugins: Vec<ProfilePlugin>,
}

/// A reference from a profile to a plugin instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfilePlugin {
    /// The plugin instance name.
    pub plugin_ref: String,
    /// The weight, for scorers only; the loader defaults a missing one to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Weight>,
}

/// A scorer weight, written the way the EPP decodes it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Weight {
    /// A Go `*int` weight (GIE ≤v1.3).
    Integer(i64),
    /// A Go `*float64` weight (GIE ≥v1.4).
    Float(f64),
}

impl Weight {
    /// The weight for an EPP reading `weight_type`. Integer EPPs get the value truncated, so check
    /// it with [`super::check_scorers`] first.
    pub fn for_type(weight_type: WeightType, value: f64) -> Weight {
        match weight_type {
            // `as` saturates and maps NaN to 0; checked weights are exact integers.
            WeightType::Integer => Weight::Integer(value as i64),
            WeightType::Float => Weight::Float(value),
        }
    }
}

/// The name of the single scheduling profile p3gen writes.
pub const DEFAULT_PROFILE: &str = "default";

/// The EndpointPickerConfig for `scorers` on `epp`, shaped like KServe's built-in default: a
/// `single-profile-handler`, the scorers in plugin-type order, a `max-score-picker`, and one profile
/// `default` weighting the scorers and ending with the picker.
pub fn endpoint_picker_config(epp: &EppProfile, scorers: &ScorerWeights) -> EndpointPickerConfig {
    let plugin = |plugin_type: &str, parameters: BTreeMap<String, serde_json::Value>| PluginSpec {
        plugin_type: plugin_type.to_string(),
        name: None,
        parameters,
    };
    let mut plugins = vec![plugin(SINGLE_PROFILE_HANDLER, BTreeMap::new())];
    let mut references = Vec::new();
    for (plugin_type, scorer) in &scorers.0 {
        plugins.push(plugin(plugin_type, scorer.parameters.clone()));
        references.push(ProfilePlugin {
            plugin_ref: plugin_type.clone(),
            weight: Some(Weight::for_type(epp.weight_type, scorer.weight)),
        });
    }
    plugins.push(plugin(MAX_SCORE_PICKER, BTreeMap::new()));
    references.push(ProfilePlugin {
        plugin_ref: MAX_SCORE_PICKER.to_string(),
        weight: None,
    });
    EndpointPickerConfig {
        api_version: epp.config_api_version.to_string(),
        kind: CONFIG_KIND.to_string(),
        plugins,
        scheduling_profiles: vec![SchedulingProfile {
            name: DEFAULT_PROFILE.to_string(),
            plugins: references,
        }],
    }
}

/// The config could not be written as YAML.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the EndpointPickerConfig as YAML: {0}")]
pub struct ConfigTextError(#[from] serde_saphyr::ser::Error);

/// The config as YAML text, for `--config-text` / `--configText`: block style, two-space indent,
/// no folding of long strings, a trailing newline.
pub fn to_config_text(config: &EndpointPickerConfig) -> Result<String, ConfigTextError> {
    let options = serde_saphyr::ser_options! {
        prefer_block_scalars: false,
    };
    Ok(serde_saphyr::to_string_with_options(config, options)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::epp::EppGeneration;

    fn scorers(entries: &[(&str, f64)]) -> ScorerWeights {
        ScorerWeights::from_weights(entries.iter().copied())
    }

    #[test]
    fn integer_epp_config_text_is_exact() {
        let epp = EppGeneration::LlmdIs0_4.profile();
        let config = endpoint_picker_config(
            epp,
            &scorers(&[("prefix-cache-scorer", 3.0), ("load-aware-scorer", 1.0)]),
        );
        let text = to_config_text(&config).unwrap();
        assert_eq!(
            text,
            "\
apiVersion: inference.networking.x-k8s.io/v1alpha1
kind: EndpointPickerConfig
plugins:
- type: single-profile-handler
- type: load-aware-scorer
- type: prefix-cache-scorer
- type: max-score-picker
schedulingProfiles:
- name: default
  plugins:
  - pluginRef: load-aware-scorer
    weight: 1
  - pluginRef: prefix-cache-scorer
    weight: 3
  - pluginRef: max-score-picker
"
        );
    }

    #[test]
    fn float_epp_writes_float_weights_and_parameters() {
        let epp = EppGeneration::RouterEpp0_9.profile();
        let mut weights = scorers(&[("prefix-cache-scorer", 2.5), ("queue-scorer", 1.0)]);
        if let Some(prefix) = weights.0.get_mut("prefix-cache-scorer") {
            prefix
                .parameters
                .insert("blockSize".into(), serde_json::json!(64));
            prefix
                .parameters
                .insert("autoTune".into(), serde_json::json!(false));
        }
        let config = endpoint_picker_config(epp, &weights);
        let text = to_config_text(&config).unwrap();
        assert!(
            text.starts_with("apiVersion: llm-d.ai/v1alpha1\n"),
            "{text}"
        );
        assert!(text.contains("- type: prefix-cache-scorer\n  parameters:\n    autoTune: false\n    blockSize: 64\n"), "{text}");
        assert!(text.contains("weight: 2.5\n"), "{text}");
        let reparsed: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(
            reparsed["schedulingProfiles"][0]["plugins"][1]["weight"],
            serde_json::json!(1.0)
        );
        assert!(reparsed["schedulingProfiles"][0]["plugins"][1]["weight"].is_f64());
    }

    #[test]
    fn config_round_trips_through_yaml() {
        let epp = EppGeneration::LlmdIs0_2.profile();
        let config = endpoint_picker_config(epp, &scorers(&[("kv-cache-scorer", 2.0)]));
        let text = to_config_text(&config).unwrap();
        let back: EndpointPickerConfig = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(back, config);
    }
}
