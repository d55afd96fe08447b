//! The endpoint picker (EPP) generations: plugin registries, renames, flag spelling, weight type, config group.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An endpoint picker (EPP) build, as some KServe target deploys by default.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum EppGeneration {
    /// llm-d-inference-scheduler v0.2.0 on GIE v0.5.0 (KServe 0.16's default image).
    #[serde(rename = "inference-scheduler-0.2")]
    LlmdIs0_2,
    /// llm-d-inference-scheduler 0.4 on GIE v1.2.0 (ODH's `release-v0.4`, KServe 0.17's `v0.4.0`).
    #[serde(rename = "inference-scheduler-0.4")]
    LlmdIs0_4,
    /// llm-d-inference-scheduler v0.7.1 (KServe 0.18 and 0.19); its GIE base is not documented.
    #[serde(rename = "inference-scheduler-0.7")]
    LlmdIs0_7,
    /// llm-d-router-endpoint-picker v0.9.0 (KServe 0.20).
    #[serde(rename = "router-endpoint-picker-0.9")]
    RouterEpp0_9,
}

super::version::string_enum!(EppGeneration, "EPP" {
    LlmdIs0_2 => "inference-scheduler-0.2",
    LlmdIs0_4 => "inference-scheduler-0.4",
    LlmdIs0_7 => "inference-scheduler-0.7",
    RouterEpp0_9 => "router-endpoint-picker-0.9",
});

/// How the EPP spells its multi-word flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagStyle {
    /// `--poolName`, `--configText` (GIE ≤v0.5, LLMD-IS v0.2).
    Camel,
    /// `--pool-name`, `--config-text` (GIE ≥v1.0, LLMD-IS ≥v0.3).
    Kebab,
}

impl FlagStyle {
    /// The flag that passes the EndpointPickerConfig inline.
    pub fn config_text_flag(self) -> &'static str {
        match self {
            FlagStyle::Camel => "--configText",
            FlagStyle::Kebab => "--config-text",
        }
    }

    /// The flag that passes the EndpointPickerConfig as a file path.
    pub fn config_file_flag(self) -> &'static str {
        match self {
            FlagStyle::Camel => "--configFile",
            FlagStyle::Kebab => "--config-file",
        }
    }

    /// The args elements after which the KServe controller appends no default config: the two config
    /// flags with one or two dashes (K16 `scheduler.go` L322-341; ODH `scheduler.go` L321-343).
    pub fn config_flags_recognised(self) -> [&'static str; 4] {
        match self {
            FlagStyle::Camel => ["--configText", "-configText", "--configFile", "-configFile"],
            FlagStyle::Kebab => [
                "--config-text",
                "-config-text",
                "--config-file",
                "-config-file",
            ],
        }
    }

    /// The style's name: `camelCase` or `kebab-case`.
    pub fn as_str(self) -> &'static str {
        match self {
            FlagStyle::Camel => "camelCase",
            FlagStyle::Kebab => "kebab-case",
        }
    }
}

/// The Go type of a scheduling-profile weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeightType {
    /// `*int` (GIE ≤v1.3): the strict loader rejects `2.5`; `2.0` decodes as 2.
    Integer,
    /// `*float64` (GIE ≥v1.4.0).
    Float,
}

impl WeightType {
    /// `integer` or `float`.
    pub fn as_str(self) -> &'static str {
        match self {
            WeightType::Integer => "integer",
            WeightType::Float => "float",
        }
    }
}

/// What a plugin does in a scheduling profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluginRole {
    /// Scores endpoints in [0,1]; the only role that takes a weight.
    Scorer,
    /// Drops endpoints before scoring.
    Filter,
    /// Picks endpoints from the scores.
    Picker,
    /// Chooses which scheduling profiles run.
    ProfileHandler,
    /// Runs before the request is sent (P/D header handling).
    PreRequest,
}

impl PluginRole {
    /// The role in words: `scorer`, `filter`, `picker`, `profile handler`, `pre-request plugin`.
    pub fn as_str(self) -> &'static str {
        match self {
            PluginRole::Scorer => "scorer",
            PluginRole::Filter => "filter",
            PluginRole::Picker => "picker",
            PluginRole::ProfileHandler => "profile handler",
            PluginRole::PreRequest => "pre-request plugin",
        }
    }
}

/// The parameters a plugin reads. Plugin parameters are decoded with non-strict `json.Unmarshal`,
/// so any other name is silently ignored by the EPP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parameters {
    /// The plugin takes no parameters.
    None,
    /// Exactly these names (camelCase, as the EPP reads them).
    Known(&'static [&'static str]),
    /// Not documented in domain.md; parameter names are not checked.
    Undocumented,
}

/// Plugin parameters that the EPP decodes into a Go `int` (domain.md §4.3: prefix-cache-scorer's
/// `hashBlockSize`/`blockSize` 64, `maxPrefixBlocksToMatch` 256, `lruCapacityPerServer` 31250,
/// load-aware-scorer's `threshold` 128, max-score-picker's `maxNumOfEndpoints` 1). `json.Unmarshal`
/// refuses a string or a fraction there, so the plugin factory fails and the EPP does not start.
/// Source: the prefix plugin's parameter struct,
/// `kubernetes-sigs/gateway-api-inference-extension@v1.0.0:pkg/epp/scheduling/framework/plugins/multi/prefix/plugin.go`
/// (`hashBlockSize`), `…@v1.1.0:` same file (`blockSize`), as versions.md §B rows 20 and 23 cite them.
pub const INTEGER_PARAMETERS: &[&str] = &[
    "hashBlockSize",
    "blockSize",
    "maxPrefixBlocksToMatch",
    "lruCapacityPerServer",
    "threshold",
    "maxNumOfEndpoints",
];

/// One plugin type an EPP generation registers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PluginInfo {
    /// The `type` in an EndpointPickerConfig.
    pub plugin_type: &'static str,
    /// Its role.
    pub role: PluginRole,
    /// The parameters it reads.
    pub parameters: Parameters,
    /// For scorers: what the score measures (domain.md §4.3); `None` where undocumented.
    pub measures: Option<&'static str>,
}

/// A plugin type that this generation knows under another name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PluginRename {
    /// The name this EPP does not register (an unknown type fails EPP start-up).
    pub stale: &'static str,
    /// The name this EPP registers for the same plugin.
    pub current: &'static str,
    /// When and where the rename happened.
    pub note: &'static str,
}

/// A plugin parameter that this generation reads under another name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParameterRename {
    /// The plugin type.
    pub plugin: &'static str,
    /// The name this EPP ignores.
    pub stale: &'static str,
    /// The name this EPP reads.
    pub current: &'static str,
    /// When and where the rename happened.
    pub note: &'static str,
}

/// Everything p3gen needs to know about one EPP generation to write its configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EppProfile {
    /// The generation this row describes.
    pub generation: EppGeneration,
    /// The scheduler build, e.g. `llm-d-inference-scheduler v0.2.0`.
    pub scheduler: &'static str,
    /// The GIE version it is built on, where documented.
    pub gie: Option<&'static str>,
    /// How its flags are spelt.
    pub flag_style: FlagStyle,
    /// The Go type of weights.
    pub weight_type: WeightType,
    /// The EndpointPickerConfig `apiVersion` to write.
    pub config_api_version: &'static str,
    /// The plugin types it registers.
    pub plugins: &'static [PluginInfo],
    /// Plugin types it knows under another name.
    pub plugin_renames: &'static [PluginRename],
    /// Plugin parameters it reads under another name.
    pub parameter_renames: &'static [ParameterRename],
    /// Where the row's values come from, and what is inferred rather than documented.
    pub provenance: &'static str,
}

/// The EndpointPickerConfig `kind`.
pub const CONFIG_KIND: &str = "EndpointPickerConfig";
/// The config group of GIE and of LLMD-IS before a0421431.
pub const CONFIG_API_VERSION_GIE: &str = "inference.networking.x-k8s.io/v1alpha1";
/// The config group from LLMD-IS a0421431 (2026-05); the old group is still accepted with a deprecation log.
pub const CONFIG_API_VERSION_LLMD: &str = "llm-d.ai/v1alpha1";

/// The profile handler p3gen writes.
pub const SINGLE_PROFILE_HANDLER: &str = "single-profile-handler";
/// The picker p3gen writes.
pub const MAX_SCORE_PICKER: &str = "max-score-picker";

const fn scorer(
    plugin_type: &'static str,
    parameters: Parameters,
    measures: Option<&'static str>,
) -> PluginInfo {
    PluginInfo {
        plugin_type,
        role: PluginRole::Scorer,
        parameters,
        measures,
    }
}

const fn plugin(plugin_type: &'static str, role: PluginRole, parameters: Parameters) -> PluginInfo {
    PluginInfo {
        plugin_type,
        role,
        parameters,
        measures: None,
    }
}

const PREFIX_CACHE_MEASURES: Option<&str> = Some(
    "matched / total prompt blocks; blocks are prompt bytes (64 B ≈ 16 tokens), \
     estimated from the EPP's own routing history",
);
const KV_CACHE_MEASURES: Option<&str> = Some("1 − KVCacheUsagePercent");

// Scorers (domain.md §4.3).
const PREFIX_CACHE_GIE_0_5: PluginInfo = scorer(
    "prefix-cache-scorer",
    Parameters::Known(&[
        "hashBlockSize",
        "maxPrefixBlocksToMatch",
        "lruCapacityPerServer",
        "mode",
    ]),
    PREFIX_CACHE_MEASURES,
);
const PREFIX_CACHE_GIE_1_2: PluginInfo = scorer(
    "prefix-cache-scorer",
    Parameters::Known(&[
        "blockSize",
        "maxPrefixBlocksToMatch",
        "lruCapacityPerServer",
        "autoTune",
    ]),
    PREFIX_CACHE_MEASURES,
);
const LOAD_AWARE: PluginInfo = scorer(
    "load-aware-scorer",
    Parameters::Known(&["threshold"]),
    Some("0.5 if the waiting queue is empty, else 0.5×(1−min(q,threshold)/threshold)"),
);
const QUEUE: PluginInfo = scorer(
    "queue-scorer",
    Parameters::None,
    Some("(maxQ−q)/(maxQ−minQ) over the waiting queues; 1.0 if all are equal"),
);
const KV_CACHE_GIE_0_5: PluginInfo = scorer("kv-cache-scorer", Parameters::None, KV_CACHE_MEASURES);
const KV_CACHE_UTILIZATION: PluginInfo = scorer(
    "kv-cache-utilization-scorer",
    Parameters::None,
    KV_CACHE_MEASURES,
);
const LORA_AFFINITY: PluginInfo = scorer(
    "lora-affinity-scorer",
    Parameters::None,
    Some("LoRA affinity"),
);
const PRECISE_PREFIX_CACHE: PluginInfo = scorer(
    "precise-prefix-cache-scorer",
    Parameters::Known(&["indexerConfig", "kvEventsConfig", "tokenProcessorConfig"]),
    Some("real KV-event prefix tracking (ZMQ events from vLLM)"),
);
const SESSION_AFFINITY: PluginInfo =
    scorer("session-affinity-scorer", Parameters::Undocumented, None);
const ACTIVE_REQUEST: PluginInfo = scorer("active-request-scorer", Parameters::Undocumented, None);
const NO_HIT_LRU: PluginInfo = scorer("no-hit-lru-scorer", Parameters::Undocumented, None);

// Pickers, profile handlers, P/D plugins.
const MAX_SCORE: PluginInfo = plugin(
    MAX_SCORE_PICKER,
    PluginRole::Picker,
    Parameters::Known(&["maxNumOfEndpoints"]),
);
const RANDOM: PluginInfo = plugin(
    "random-picker",
    PluginRole::Picker,
    Parameters::Undocumented,
);
const WEIGHTED_RANDOM: PluginInfo = plugin(
    "weighted-random-picker",
    PluginRole::Picker,
    Parameters::Undocumented,
);
const SINGLE_PROFILE: PluginInfo = plugin(
    SINGLE_PROFILE_HANDLER,
    PluginRole::ProfileHandler,
    Parameters::Undocumented,
);
const PD_PROFILE: PluginInfo = plugin(
    "pd-profile-handler",
    PluginRole::ProfileHandler,
    Parameters::Known(&["threshold"]),
);
const PREFILL_HEADER: PluginInfo = plugin(
    "prefill-header-handler",
    PluginRole::PreRequest,
    Parameters::Undocumented,
);
const PREFILL_FILTER: PluginInfo = plugin(
    "prefill-filter",
    PluginRole::Filter,
    Parameters::Undocumented,
);
const DECODE_FILTER: PluginInfo = plugin(
    "decode-filter",
    PluginRole::Filter,
    Parameters::Undocumented,
);
const BY_LABEL: PluginInfo = plugin("by-label", PluginRole::Filter, Parameters::Undocumented);
const BY_LABEL_SELECTOR: PluginInfo = plugin(
    "by-label-selector",
    PluginRole::Filter,
    Parameters::Undocumented,
);

/// LLMD-IS v0.2 on GIE v0.5 (LLMD-IS@v0.2.0 `register.go`; GIE v0.5.1's filters).
const PLUGINS_0_2: &[PluginInfo] = &[
    PREFIX_CACHE_GIE_0_5,
    LOAD_AWARE,
    QUEUE,
    KV_CACHE_GIE_0_5,
    SESSION_AFFINITY,
    ACTIVE_REQUEST,
    NO_HIT_LRU,
    MAX_SCORE,
    RANDOM,
    WEIGHTED_RANDOM,
    SINGLE_PROFILE,
    PD_PROFILE,
    PREFILL_HEADER,
    PREFILL_FILTER,
    DECODE_FILTER,
    BY_LABEL,
    BY_LABEL_SELECTOR,
    plugin(
        "low-queue-filter",
        PluginRole::Filter,
        Parameters::Undocumented,
    ),
    plugin(
        "least-queue-filter",
        PluginRole::Filter,
        Parameters::Undocumented,
    ),
    plugin(
        "least-kv-cache-filter",
        PluginRole::Filter,
        Parameters::Undocumented,
    ),
    plugin(
        "lora-affinity-filter",
        PluginRole::Filter,
        Parameters::Undocumented,
    ),
    plugin(
        "decision-tree-filter",
        PluginRole::Filter,
        Parameters::Undocumented,
    ),
];

/// LLMD-IS ≥0.4 on GIE ≥v1.2 (GIE@v1.0.0 `registerInTreePlugins`; LLMD-IS@v0.3.2 `register.go`):
/// `kv-cache-utilization-scorer`, `blockSize`, `autoTune`, the LoRA and precise prefix scorers, and
/// no GIE v0.5.1 filters.
const PLUGINS_0_4: &[PluginInfo] = &[
    PREFIX_CACHE_GIE_1_2,
    LOAD_AWARE,
    QUEUE,
    KV_CACHE_UTILIZATION,
    LORA_AFFINITY,
    PRECISE_PREFIX_CACHE,
    SESSION_AFFINITY,
    ACTIVE_REQUEST,
    NO_HIT_LRU,
    MAX_SCORE,
    RANDOM,
    WEIGHTED_RANDOM,
    SINGLE_PROFILE,
    PD_PROFILE,
    PREFILL_HEADER,
    PREFILL_FILTER,
    DECODE_FILTER,
    BY_LABEL,
    BY_LABEL_SELECTOR,
];

const RENAMES_TO_OLD: [PluginRename; 1] = [PluginRename {
    stale: "kv-cache-utilization-scorer",
    current: "kv-cache-scorer",
    note: "`kv-cache-utilization-scorer` is the GIE ≥v1.0 name; EPPs on GIE ≤v0.5.1 register `kv-cache-scorer`",
}];
const RENAMES_TO_NEW: [PluginRename; 1] = [PluginRename {
    stale: "kv-cache-scorer",
    current: "kv-cache-utilization-scorer",
    note: "`kv-cache-scorer` was renamed `kv-cache-utilization-scorer` in GIE v1.0 (commit 216d5bf0)",
}];
const PARAMETER_RENAMES_TO_OLD: [ParameterRename; 1] = [ParameterRename {
    plugin: "prefix-cache-scorer",
    stale: "blockSize",
    current: "hashBlockSize",
    note: "`blockSize` replaced `hashBlockSize` in GIE v1.1; EPPs on GIE ≤v1.0 read `hashBlockSize`",
}];
const PARAMETER_RENAMES_TO_NEW: [ParameterRename; 1] = [ParameterRename {
    plugin: "prefix-cache-scorer",
    stale: "hashBlockSize",
    current: "blockSize",
    note: "`hashBlockSize` (GIE ≤v1.0) became `blockSize` in GIE v1.1",
}];

/// One row per [`EppGeneration`], in declaration order.
const EPP_PROFILES: [EppProfile; 4] = [
    EppProfile {
        generation: EppGeneration::LlmdIs0_2,
        scheduler: "llm-d-inference-scheduler v0.2.0",
        gie: Some("v0.5.0"),
        flag_style: FlagStyle::Camel,
        weight_type: WeightType::Integer,
        config_api_version: CONFIG_API_VERSION_GIE,
        plugins: PLUGINS_0_2,
        plugin_renames: &RENAMES_TO_OLD,
        parameter_renames: &PARAMETER_RENAMES_TO_OLD,
        provenance: "GIE@v0.5.1 runner.go flags; llm-d-inference-scheduler@v0.2.0 pkg/plugins/register.go",
    },
    EppProfile {
        generation: EppGeneration::LlmdIs0_4,
        scheduler: "llm-d-inference-scheduler 0.4",
        gie: Some("v1.2.0"),
        flag_style: FlagStyle::Kebab,
        weight_type: WeightType::Integer,
        config_api_version: CONFIG_API_VERSION_GIE,
        plugins: PLUGINS_0_4,
        plugin_renames: &RENAMES_TO_NEW,
        parameter_renames: &PARAMETER_RENAMES_TO_NEW,
        provenance: "ODH release-v0.4 = llm-d-inference-scheduler 0.4 on GIE v1.2.0; KServe 0.17's v0.4.0 is taken to share that GIE base",
    },
    EppProfile {
        generation: EppGeneration::LlmdIs0_7,
        scheduler: "llm-d-inference-scheduler v0.7.1",
        gie: None,
        flag_style: FlagStyle::Kebab,
        weight_type: WeightType::Integer,
        config_api_version: CONFIG_API_VERSION_GIE,
        plugins: PLUGINS_0_4,
        plugin_renames: &RENAMES_TO_NEW,
        parameter_renames: &PARAMETER_RENAMES_TO_NEW,
        provenance: "GIE base undocumented: integer weights are assumed because they decode on every EPP, \
                     and the plugin registry of llm-d-inference-scheduler 0.4 is reused",
    },
    EppProfile {
        generation: EppGeneration::RouterEpp0_9,
        scheduler: "llm-d-router-endpoint-picker v0.9.0",
        gie: None,
        flag_style: FlagStyle::Kebab,
        weight_type: WeightType::Float,
        config_api_version: CONFIG_API_VERSION_LLMD,
        plugins: PLUGINS_0_4,
        plugin_renames: &RENAMES_TO_NEW,
        parameter_renames: &PARAMETER_RENAMES_TO_NEW,
        provenance: "built after the EPP left GIE (removed in GIE v1.6.0), so on GIE ≥v1.4 float weights; the \
                     llm-d.ai/v1alpha1 config group (llm-d-inference-scheduler a0421431, 2026-05) is inferred from its release \
                     with KServe 0.20 (2026-08); plugin registry of llm-d-inference-scheduler 0.4 reused",
    },
];

impl EppGeneration {
    /// This generation's row of the EPP table.
    pub fn profile(self) -> &'static EppProfile {
        match self {
            EppGeneration::LlmdIs0_2 => &EPP_PROFILES[0],
            EppGeneration::LlmdIs0_4 => &EPP_PROFILES[1],
            EppGeneration::LlmdIs0_7 => &EPP_PROFILES[2],
            EppGeneration::RouterEpp0_9 => &EPP_PROFILES[3],
        }
    }
}

impl EppProfile {
    /// The plugin registered under `plugin_type`, if any.
    pub fn plugin(&self, plugin_type: &str) -> Option<&'static PluginInfo> {
        self.plugins.iter().find(|p| p.plugin_type == plugin_type)
    }

    /// The scorer types this generation registers, in table order.
    pub fn scorer_types(&self) -> impl Iterator<Item = &'static str> {
        self.plugins
            .iter()
            .filter(|p| p.role == PluginRole::Scorer)
            .map(|p| p.plugin_type)
    }

    /// The rename whose stale name is `plugin_type`, if this generation knows the plugin as something else.
    pub fn plugin_rename(&self, plugin_type: &str) -> Option<&'static PluginRename> {
        self.plugin_renames.iter().find(|r| r.stale == plugin_type)
    }

    /// The rename whose stale name is `parameter` on `plugin_type`, if any.
    pub fn parameter_rename(
        &self,
        plugin_type: &str,
        parameter: &str,
    ) -> Option<&'static ParameterRename> {
        self.parameter_renames
            .iter()
            .find(|r| r.plugin == plugin_type && r.stale == parameter)
    }

    /// The flag that passes the config inline (`--configText` / `--config-text`).
    pub fn config_text_flag(&self) -> &'static str {
        self.flag_style.config_text_flag()
    }

    /// A short label: the scheduler build and, where documented, its GIE base.
    pub fn label(&self) -> String {
        match self.gie {
            Some(gie) => format!("{} (GIE {gie})", self.scheduler),
            None => self.scheduler.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn rows_are_in_generation_order_and_plugin_types_are_unique() {
        for &generation in EppGeneration::ALL {
            let profile = generation.profile();
            assert_eq!(profile.generation, generation);
            let types: BTreeSet<_> = profile.plugins.iter().map(|p| p.plugin_type).collect();
            assert_eq!(types.len(), profile.plugins.len(), "{generation:?}");
            assert!(profile.plugin(SINGLE_PROFILE_HANDLER).is_some());
            assert!(profile.plugin(MAX_SCORE_PICKER).is_some());
        }
    }

    #[test]
    fn kv_cache_scorer_name_follows_the_generation() {
        let old = EppGeneration::LlmdIs0_2.profile();
        assert!(old.plugin("kv-cache-scorer").is_some());
        assert!(old.plugin("kv-cache-utilization-scorer").is_none());
        assert_eq!(
            old.plugin_rename("kv-cache-utilization-scorer")
                .map(|r| r.current),
            Some("kv-cache-scorer")
        );
        for generation in &EppGeneration::ALL[1..] {
            let profile = generation.profile();
            assert!(profile.plugin("kv-cache-scorer").is_none());
            assert!(profile.plugin("kv-cache-utilization-scorer").is_some());
            assert_eq!(
                profile.plugin_rename("kv-cache-scorer").map(|r| r.current),
                Some("kv-cache-utilization-scorer")
            );
        }
    }

    #[test]
    fn renames_always_point_at_registered_names() {
        for &generation in EppGeneration::ALL {
            let profile = generation.profile();
            for rename in profile.plugin_renames {
                assert!(profile.plugin(rename.current).is_some());
                assert!(profile.plugin(rename.stale).is_none());
            }
            for rename in profile.parameter_renames {
                let Some(Parameters::Known(names)) =
                    profile.plugin(rename.plugin).map(|p| p.parameters)
                else {
                    panic!("{rename:?} names a plugin without known parameters");
                };
                assert!(names.contains(&rename.current));
                assert!(!names.contains(&rename.stale));
            }
        }
    }

    #[test]
    fn flag_spelling_and_weight_type_per_generation() {
        assert_eq!(
            EppGeneration::LlmdIs0_2.profile().config_text_flag(),
            "--configText"
        );
        assert_eq!(
            EppGeneration::LlmdIs0_4.profile().config_text_flag(),
            "--config-text"
        );
        assert_eq!(
            EppGeneration::LlmdIs0_2.profile().weight_type,
            WeightType::Integer
        );
        assert_eq!(
            EppGeneration::LlmdIs0_4.profile().weight_type,
            WeightType::Integer
        );
        assert_eq!(
            EppGeneration::RouterEpp0_9.profile().weight_type,
            WeightType::Float
        );
        assert_eq!(
            EppGeneration::RouterEpp0_9.profile().config_api_version,
            "llm-d.ai/v1alpha1"
        );
        assert_eq!(
            EppGeneration::LlmdIs0_4.profile().config_api_version,
            "inference.networking.x-k8s.io/v1alpha1"
        );
    }

    #[test]
    fn gie_0_5_filters_exist_only_on_the_oldest_generation() {
        assert!(
            EppGeneration::LlmdIs0_2
                .profile()
                .plugin("decision-tree-filter")
                .is_some()
        );
        assert!(
            EppGeneration::LlmdIs0_4
                .profile()
                .plugin("low-queue-filter")
                .is_none()
        );
        assert!(
            EppGeneration::LlmdIs0_4
                .profile()
                .plugin("pd-profile-handler")
                .is_some()
        );
    }
}
