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

/// What a plugin does in an EndpointPickerConfig.
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
    /// Decides whether a request is disaggregated (prefill/decode, encode).
    Decider,
    /// Feeds the scheduler: data sources, extractors, producers, tokenizers, parsers, reporters.
    DataLayer,
    /// Orders, admits or limits queued requests (flow control).
    FlowControl,
}

impl PluginRole {
    /// The role in words: `scorer`, `filter`, `picker`, …
    pub fn as_str(self) -> &'static str {
        match self {
            PluginRole::Scorer => "scorer",
            PluginRole::Filter => "filter",
            PluginRole::Picker => "picker",
            PluginRole::ProfileHandler => "profile handler",
            PluginRole::PreRequest => "pre-request plugin",
            PluginRole::Decider => "disaggregation decider",
            PluginRole::DataLayer => "data-layer plugin",
            PluginRole::FlowControl => "flow-control plugin",
        }
    }
}

/// The parameters a plugin reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parameters {
    /// The plugin takes no parameters.
    None,
    /// Exactly these names (camelCase, as the EPP reads them).
    Known(&'static [&'static str]),
    /// Not listed in versions.md; parameter names are not checked.
    Undocumented,
}

/// How an EPP decodes plugin parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterDecoding {
    /// `json.Unmarshal`: an unknown name is silently ignored and the default applies
    /// (`kubernetes-sigs/gateway-api-inference-extension@v1.4.0:pkg/epp/framework/plugins/scheduling/scorer/prefix/plugin.go L169`).
    Lenient,
    /// `DisallowUnknownFields`: an unknown name fails EPP start-up
    /// (`llm-d/llm-d-router@v0.9.0:pkg/epp/framework/interface/plugin/registry.go L24-42`).
    Strict,
}

/// Plugin parameters that the EPP decodes into a Go `int` (prefix-cache-scorer's
/// `hashBlockSize`/`blockSize`/`blockSizeTokens`, `maxPrefixBlocksToMatch`, `lruCapacityPerServer`,
/// load-aware-scorer's `threshold`, the pickers' `maxNumOfEndpoints`). `json.Unmarshal` refuses a
/// string or a fraction there, so the plugin factory fails and the EPP does not start.
/// Source: `kubernetes-sigs/gateway-api-inference-extension@v1.0.0:pkg/epp/scheduling/framework/plugins/multi/prefix/plugin.go`
/// (`hashBlockSize`), `…@v1.1.0:` same file (`blockSize`), `…@v1.4.0:pkg/epp/framework/plugins/scheduling/scorer/prefix/plugin.go L87-93`
/// (`blockSizeTokens`), as versions.md §B rows 20 and 23 cite them.
pub const INTEGER_PARAMETERS: &[&str] = &[
    "hashBlockSize",
    "blockSize",
    "blockSizeTokens",
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

/// A plugin parameter that this generation reads under another name, or in another plugin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParameterRename {
    /// The plugin type.
    pub plugin: &'static str,
    /// The name this plugin does not read.
    pub stale: &'static str,
    /// Where the value goes on this EPP.
    pub current: RenamedTo,
    /// Whether the stale name fails EPP start-up even where unknown names are ignored.
    pub fails_start_up: bool,
    /// When and where the rename happened.
    pub note: &'static str,
}

/// Where a stale parameter's value goes on an EPP generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenamedTo {
    /// Another parameter of the same plugin.
    Parameter(&'static str),
    /// A parameter of the same name in another plugin.
    Plugin(&'static str),
}

/// Everything p3gen needs to know about one EPP generation to write its configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EppProfile {
    /// The generation this row describes.
    pub generation: EppGeneration,
    /// The scheduler build, e.g. `llm-d-inference-scheduler v0.2.0`.
    pub scheduler: &'static str,
    /// The GIE version it is built on; `None` for the EPP that vendors it in-tree (llm-d-router).
    pub gie: Option<&'static str>,
    /// How its flags are spelt.
    pub flag_style: FlagStyle,
    /// The Go type of weights.
    pub weight_type: WeightType,
    /// How it decodes plugin parameters.
    pub parameter_decoding: ParameterDecoding,
    /// The EndpointPickerConfig `apiVersion` to write.
    pub config_api_version: &'static str,
    /// The plugin types it registers.
    pub plugins: &'static [PluginInfo],
    /// Plugin types it knows under another name.
    pub plugin_renames: &'static [PluginRename],
    /// Plugin parameters it reads under another name, or in another plugin.
    pub parameter_renames: &'static [ParameterRename],
    /// Whether it refuses to start when given any of [`METRIC_FLAGS`] (GIE v1.4.0 and later).
    pub rejects_metric_flags: bool,
    /// Where the row's values come from (`owner/repo@tag:path`).
    pub provenance: &'static str,
}

/// The model-server metric flags that EPPs on GIE v1.4.0 and later refuse at start-up ("flag … is
/// deprecated and cannot be used; configure metrics via engineConfigs";
/// `kubernetes-sigs/gateway-api-inference-extension@v1.4.0:pkg/epp/server/options.go L239-250`;
/// `llm-d/llm-d-router@v0.9.0:pkg/epp/server/options.go L39-47`), as the K19/K20 controllers list
/// them when they strip them (`kserve/kserve@v0.20.0:pkg/controller/v1alpha2/llmisvc/scheduler.go L1261-1268`).
pub const METRIC_FLAGS: &[&str] = &[
    "--total-queued-requests-metric",
    "--total-running-requests-metric",
    "--kv-cache-usage-percentage-metric",
    "--lora-info-metric",
    "--cache-info-metric",
];

/// The metric flag `arg` sets (`--flag` or `--flag=value`), if it is one of [`METRIC_FLAGS`].
pub fn metric_flag_of(arg: &str) -> Option<&'static str> {
    let name = arg.split_once('=').map_or(arg, |(name, _)| name);
    METRIC_FLAGS.iter().copied().find(|flag| *flag == name)
}

/// The EndpointPickerConfig `kind`.
pub const CONFIG_KIND: &str = "EndpointPickerConfig";
/// The config group of GIE and of LLMD-IS up to v0.8.0
/// (`kubernetes-sigs/gateway-api-inference-extension@v1.4.0:apix/config/v1alpha1/zz_generated.register.go L31`).
pub const CONFIG_API_VERSION_GIE: &str = "inference.networking.x-k8s.io/v1alpha1";
/// The config group from llm-d-router v0.9.0 (commit a04214311); the old group is still accepted
/// with a deprecation log (`llm-d/llm-d-router@v0.9.0:apix/config/v1alpha1/zz_generated.register.go L15`;
/// `…@v0.9.0:pkg/epp/config/loader/configloader.go L50-61, L88-91`).
pub const CONFIG_API_VERSION_LLMD: &str = "llm-d.ai/v1alpha1";

/// The profile handler p3gen writes.
pub const SINGLE_PROFILE_HANDLER: &str = "single-profile-handler";
/// The picker p3gen writes.
pub const MAX_SCORE_PICKER: &str = "max-score-picker";
/// The prefix scorer.
pub const PREFIX_CACHE_SCORER: &str = "prefix-cache-scorer";
/// The producer that holds the prefix scorer's block settings from llm-d-router v0.9.0.
pub const APPROX_PREFIX_CACHE_PRODUCER: &str = "approx-prefix-cache-producer";

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

/// A plugin whose parameters versions.md does not list.
const fn other(plugin_type: &'static str, role: PluginRole) -> PluginInfo {
    plugin(plugin_type, role, Parameters::Undocumented)
}

const PREFIX_CACHE_MEASURES: Option<&str> = Some(
    "matched / total prompt blocks, estimated from the EPP's own routing history \
     (blocks of 64 prompt bytes ≈ 16 tokens up to GIE v1.3, of 16 tokens from v1.4)",
);
const KV_CACHE_MEASURES: Option<&str> = Some("1 − KVCacheUsagePercent");

// Scorers and their parameters per version (versions.md §A5).
/// LLMD-IS v0.2.0's wrapper: `mode` estimate|cache_tracking; estimate passes the block settings to
/// GIE v0.5, cache_tracking reads the indexer settings.
const PREFIX_CACHE_0_2: PluginInfo = scorer(
    PREFIX_CACHE_SCORER,
    Parameters::Known(&[
        "mode",
        "hashBlockSize",
        "maxPrefixBlocksToMatch",
        "lruCapacityPerServer",
        "indexerConfig",
        "kvEventsConfig",
    ]),
    PREFIX_CACHE_MEASURES,
);
/// GIE v1.2 (`…@v1.2.0:pkg/epp/scheduling/framework/plugins/multi/prefix/plugin.go`).
const PREFIX_CACHE_GIE_1_2: PluginInfo = scorer(
    PREFIX_CACHE_SCORER,
    Parameters::Known(&[
        "blockSize",
        "maxPrefixBlocksToMatch",
        "lruCapacityPerServer",
        "autoTune",
    ]),
    PREFIX_CACHE_MEASURES,
);
/// GIE v1.4.0: block size in tokens (`…@v1.4.0:pkg/epp/framework/plugins/scheduling/scorer/prefix/plugin.go L87-93`).
const PREFIX_CACHE_GIE_1_4: PluginInfo = scorer(
    PREFIX_CACHE_SCORER,
    Parameters::Known(&[
        "blockSizeTokens",
        "maxPrefixBlocksToMatch",
        "lruCapacityPerServer",
        "autoTune",
    ]),
    PREFIX_CACHE_MEASURES,
);
/// llm-d-router v0.9.0: only the producer's name (`llm-d/llm-d-router@v0.9.0:pkg/epp/framework/plugins/scheduling/scorer/prefix/plugin.go L33-36`).
const PREFIX_CACHE_ROUTER_0_9: PluginInfo = scorer(
    PREFIX_CACHE_SCORER,
    Parameters::Known(&["prefixMatchInfoProducerName"]),
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
const PRECISE_PREFIX_CACHE_0_4: PluginInfo = scorer(
    "precise-prefix-cache-scorer",
    Parameters::Known(&["indexerConfig", "kvEventsConfig"]),
    Some("real KV-event prefix tracking (ZMQ events from vLLM)"),
);
const PRECISE_PREFIX_CACHE_0_7: PluginInfo = scorer(
    "precise-prefix-cache-scorer",
    Parameters::Known(&[
        "indexerConfig",
        "kvEventsConfig",
        "tokenProcessorConfig",
        "speculativeIndexing",
        "speculativeTTL",
    ]),
    Some("real KV-event prefix tracking (ZMQ events from vLLM)"),
);
const SESSION_AFFINITY: PluginInfo =
    scorer("session-affinity-scorer", Parameters::Undocumented, None);
const ACTIVE_REQUEST_0_4: PluginInfo = scorer(
    "active-request-scorer",
    Parameters::Known(&["requestTimeout"]),
    None,
);
const ACTIVE_REQUEST_0_7: PluginInfo = scorer(
    "active-request-scorer",
    Parameters::Known(&["requestTimeout", "idleThreshold", "maxBusyScore"]),
    None,
);
const NO_HIT_LRU_0_4: PluginInfo = scorer(
    "no-hit-lru-scorer",
    Parameters::Known(&["lruSize", "prefixPluginName"]),
    None,
);
const NO_HIT_LRU_0_7: PluginInfo = scorer(
    "no-hit-lru-scorer",
    Parameters::Known(&["lruSize", "prefixPluginName", "prefixPluginType"]),
    None,
);
const RUNNING_REQUESTS_SIZE: PluginInfo = scorer(
    "running-requests-size-scorer",
    Parameters::Undocumented,
    None,
);
const CONTEXT_LENGTH_AWARE_0_7: PluginInfo = scorer(
    "context-length-aware",
    Parameters::Known(&["label", "enableFiltering"]),
    None,
);

// Pickers, profile handlers, filters.
const MAX_SCORE: PluginInfo = plugin(
    MAX_SCORE_PICKER,
    PluginRole::Picker,
    Parameters::Known(&["maxNumOfEndpoints"]),
);
const RANDOM: PluginInfo = plugin(
    "random-picker",
    PluginRole::Picker,
    Parameters::Known(&["maxNumOfEndpoints"]),
);
const WEIGHTED_RANDOM: PluginInfo = plugin(
    "weighted-random-picker",
    PluginRole::Picker,
    Parameters::Known(&["maxNumOfEndpoints"]),
);
const SINGLE_PROFILE: PluginInfo = other(SINGLE_PROFILE_HANDLER, PluginRole::ProfileHandler);
const PREFILL_FILTER: PluginInfo = other("prefill-filter", PluginRole::Filter);
const DECODE_FILTER: PluginInfo = other("decode-filter", PluginRole::Filter);
const BY_LABEL: PluginInfo = plugin(
    "by-label",
    PluginRole::Filter,
    Parameters::Known(&["label", "validValues", "allowsNoLabel"]),
);
const BY_LABEL_SELECTOR: PluginInfo = other("by-label-selector", PluginRole::Filter);
const PREFILL_HEADER_0_2: PluginInfo = plugin(
    "prefill-header-handler",
    PluginRole::PreRequest,
    Parameters::Known(&["prefillProfile"]),
);
const DATA_PARALLEL_PROFILE: PluginInfo = plugin(
    "data-parallel-profile-handler",
    PluginRole::ProfileHandler,
    Parameters::Known(&["primaryPort"]),
);

/// LLMD-IS v0.2.0 on GIE v0.5.0 (`llm-d/llm-d-inference-scheduler@v0.2.0:pkg/plugins/register.go L15-23`;
/// `kubernetes-sigs/gateway-api-inference-extension@v0.5.0:cmd/epp/runner/register.go L33-45`). No
/// `active-request-scorer`, `no-hit-lru-scorer`, `weighted-random-picker` (versions.md §B row 18).
const PLUGINS_0_2: &[PluginInfo] = &[
    BY_LABEL,
    BY_LABEL_SELECTOR,
    DECODE_FILTER,
    PREFILL_FILTER,
    PREFILL_HEADER_0_2,
    plugin(
        "pd-profile-handler",
        PluginRole::ProfileHandler,
        Parameters::Known(&[
            "threshold",
            "hashBlockSize",
            "prefillProfile",
            "decodeProfile",
        ]),
    ),
    PREFIX_CACHE_0_2,
    LOAD_AWARE,
    SESSION_AFFINITY,
    other("decision-tree-filter", PluginRole::Filter),
    other("least-kv-cache-filter", PluginRole::Filter),
    other("least-queue-filter", PluginRole::Filter),
    plugin(
        "lora-affinity-filter",
        PluginRole::Filter,
        Parameters::Known(&["threshold"]),
    ),
    plugin(
        "low-queue-filter",
        PluginRole::Filter,
        Parameters::Known(&["threshold"]),
    ),
    MAX_SCORE,
    RANDOM,
    SINGLE_PROFILE,
    KV_CACHE_GIE_0_5,
    QUEUE,
];

/// LLMD-IS v0.4.0 on GIE v1.2 (`llm-d/llm-d-inference-scheduler@v0.4.0:pkg/plugins/register.go L13-24`;
/// `kubernetes-sigs/gateway-api-inference-extension@v1.2.0:cmd/epp/runner/runner.go L421-432`): the
/// v0.3 set plus `data-parallel-profile-handler` and `no-hit-lru-scorer` (§B row 19).
const PLUGINS_0_4: &[PluginInfo] = &[
    BY_LABEL,
    BY_LABEL_SELECTOR,
    DECODE_FILTER,
    PREFILL_FILTER,
    PREFILL_HEADER_0_2,
    plugin(
        "pd-profile-handler",
        PluginRole::ProfileHandler,
        Parameters::Known(&[
            "threshold",
            "hashBlockSize",
            "prefixPluginName",
            "prefillProfile",
            "decodeProfile",
            "primaryPort",
        ]),
    ),
    DATA_PARALLEL_PROFILE,
    PRECISE_PREFIX_CACHE_0_4,
    LOAD_AWARE,
    SESSION_AFFINITY,
    ACTIVE_REQUEST_0_4,
    NO_HIT_LRU_0_4,
    PREFIX_CACHE_GIE_1_2,
    MAX_SCORE,
    RANDOM,
    WEIGHTED_RANDOM,
    SINGLE_PROFILE,
    KV_CACHE_UTILIZATION,
    QUEUE,
    LORA_AFFINITY,
];

/// LLMD-IS v0.7.1 on GIE v1.4.0 (`llm-d/llm-d-inference-scheduler@v0.7.1:pkg/plugins/register.go L16-42`;
/// `kubernetes-sigs/gateway-api-inference-extension@v1.4.0:cmd/epp/runner/runner.go L443-469`; §B row 20).
const PLUGINS_0_7: &[PluginInfo] = &[
    BY_LABEL,
    BY_LABEL_SELECTOR,
    other("encode-filter", PluginRole::Filter),
    DECODE_FILTER,
    PREFILL_FILTER,
    plugin(
        "disagg-headers-handler",
        PluginRole::PreRequest,
        Parameters::Known(&["prefillProfile", "encodeProfile"]),
    ),
    PREFILL_HEADER_0_2,
    DATA_PARALLEL_PROFILE,
    other("disagg-profile-handler", PluginRole::ProfileHandler),
    other("pd-profile-handler", PluginRole::ProfileHandler),
    PRECISE_PREFIX_CACHE_0_7,
    LOAD_AWARE,
    SESSION_AFFINITY,
    ACTIVE_REQUEST_0_7,
    NO_HIT_LRU_0_7,
    other("models-data-source", PluginRole::DataLayer),
    other("model-server-protocol-models", PluginRole::DataLayer),
    plugin(
        "prefix-based-pd-decider",
        PluginRole::Decider,
        Parameters::Known(&["nonCachedTokens"]),
    ),
    other("always-disagg-pd-decider", PluginRole::Decider),
    plugin(
        "tokenizer",
        PluginRole::DataLayer,
        Parameters::Known(&["modelName", "udsTokenizerConfig"]),
    ),
    other("always-disagg-multimodal-decider", PluginRole::Decider),
    CONTEXT_LENGTH_AWARE_0_7,
    PREFIX_CACHE_GIE_1_4,
    MAX_SCORE,
    RANDOM,
    WEIGHTED_RANDOM,
    SINGLE_PROFILE,
    KV_CACHE_UTILIZATION,
    QUEUE,
    RUNNING_REQUESTS_SIZE,
    LORA_AFFINITY,
    other("global-strict-fairness-policy", PluginRole::FlowControl),
    other("round-robin-fairness-policy", PluginRole::FlowControl),
    other("fcfs-ordering-policy", PluginRole::FlowControl),
    other("edf-ordering-policy", PluginRole::FlowControl),
    scorer("predicted-latency-scorer", Parameters::Undocumented, None),
    plugin(
        "metrics-data-source",
        PluginRole::DataLayer,
        Parameters::Known(&["scheme", "path", "insecureSkipVerify"]),
    ),
    plugin(
        "model-server-protocol-metrics",
        PluginRole::DataLayer,
        Parameters::Known(&["engineLabelKey", "defaultEngine", "engineConfigs"]),
    ),
    other("k8s-notification-source", PluginRole::DataLayer),
    other("request-attribute-reporter", PluginRole::DataLayer),
];

/// llm-d-router v0.9.0, the EPP in-tree (`llm-d/llm-d-router@v0.9.0:cmd/epp/runner/runner.go L483-579`;
/// §B row 21).
const PLUGINS_ROUTER_0_9: &[PluginInfo] = &[
    other("label-selector-filter", PluginRole::Filter),
    BY_LABEL_SELECTOR,
    BY_LABEL,
    other("encode-filter", PluginRole::Filter),
    DECODE_FILTER,
    PREFILL_FILTER,
    other("session-affinity-filter", PluginRole::Filter),
    DATA_PARALLEL_PROFILE,
    LOAD_AWARE,
    scorer(
        "session-affinity-scorer",
        Parameters::Known(&["headerName", "profileName"]),
        None,
    ),
    scorer("context-length-aware", Parameters::Undocumented, None),
    other("models-data-source", PluginRole::DataLayer),
    other("models-data-extractor", PluginRole::DataLayer),
    PREFIX_CACHE_ROUTER_0_9,
    MAX_SCORE,
    RANDOM,
    WEIGHTED_RANDOM,
    SINGLE_PROFILE,
    other("disagg-headers-handler", PluginRole::PreRequest),
    other("prefill-header-handler", PluginRole::PreRequest),
    other("pd-profile-handler", PluginRole::ProfileHandler),
    other("disagg-profile-handler", PluginRole::ProfileHandler),
    other("always-disagg-pd-decider", PluginRole::Decider),
    other("prefix-based-pd-decider", PluginRole::Decider),
    other("always-disagg-multimodal-decider", PluginRole::Decider),
    KV_CACHE_UTILIZATION,
    QUEUE,
    RUNNING_REQUESTS_SIZE,
    LORA_AFFINITY,
    scorer("token-load-scorer", Parameters::Undocumented, None),
    scorer(
        "no-hit-lru-scorer",
        Parameters::Known(&[
            "lruSize",
            "prefixMatchInfoProducerName",
            "prefixPluginName",
            "prefixPluginType",
        ]),
        None,
    ),
    scorer(
        "active-request-scorer",
        Parameters::Known(&[
            "requestTimeout",
            "idleThreshold",
            "maxBusyScore",
            "inFlightLoadProducerName",
        ]),
        None,
    ),
    scorer(
        "precise-prefix-cache-scorer",
        Parameters::Undocumented,
        None,
    ),
    scorer("mm-embeddings-cache-scorer", Parameters::Undocumented, None),
    other("precise-prefix-cache-producer", PluginRole::DataLayer),
    other("global-strict-fairness-policy", PluginRole::FlowControl),
    other("round-robin-fairness-policy", PluginRole::FlowControl),
    other("program-aware-fairness", PluginRole::FlowControl),
    other("fcfs-ordering-policy", PluginRole::FlowControl),
    other("edf-ordering-policy", PluginRole::FlowControl),
    other("slo-deadline-ordering-policy", PluginRole::FlowControl),
    other("static-usage-limit-policy", PluginRole::FlowControl),
    plugin(
        APPROX_PREFIX_CACHE_PRODUCER,
        PluginRole::DataLayer,
        Parameters::Known(&[
            "autoTune",
            "blockSizeTokens",
            "blockSize",
            "maxPrefixBlocksToMatch",
            "maxPrefixTokensToMatch",
            "lruCapacityPerServer",
        ]),
    ),
    other("inflight-load-producer", PluginRole::DataLayer),
    other("predicted-latency-producer", PluginRole::DataLayer),
    other("token-producer", PluginRole::DataLayer),
    other("tokenizer", PluginRole::DataLayer),
    other("session-id-producer", PluginRole::DataLayer),
    other("latency-slo-admitter", PluginRole::FlowControl),
    other("probabilistic-admitter", PluginRole::FlowControl),
    other("prefix-cache-affinity-filter", PluginRole::Filter),
    other("slo-headroom-tier-filter", PluginRole::Filter),
    scorer("latency-scorer", Parameters::Undocumented, None),
    other("metrics-data-source", PluginRole::DataLayer),
    other("core-metrics-extractor", PluginRole::DataLayer),
    other("k8s-notification-source", PluginRole::DataLayer),
    other("endpoint-notification-source", PluginRole::DataLayer),
    other("request-attribute-reporter", PluginRole::DataLayer),
    other("anthropic-parser", PluginRole::DataLayer),
    other("openai-parser", PluginRole::DataLayer),
    other("vllmgrpc-parser", PluginRole::DataLayer),
    other("vllmhttp-parser", PluginRole::DataLayer),
    other("passthrough-parser", PluginRole::DataLayer),
    other("vertexai-parser", PluginRole::DataLayer),
    other("concurrency-detector", PluginRole::DataLayer),
    other("utilization-detector", PluginRole::DataLayer),
    other("file-discovery", PluginRole::DataLayer),
    other("agent-identity", PluginRole::DataLayer),
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

const fn prefix_rename(
    stale: &'static str,
    current: RenamedTo,
    fails_start_up: bool,
    note: &'static str,
) -> ParameterRename {
    ParameterRename {
        plugin: PREFIX_CACHE_SCORER,
        stale,
        current,
        fails_start_up,
        note,
    }
}

/// GIE ≤ v1.0 reads `hashBlockSize` (`kubernetes-sigs/gateway-api-inference-extension@v1.0.0:pkg/epp/scheduling/framework/plugins/multi/prefix/plugin.go`).
const PARAMETER_RENAMES_0_2: [ParameterRename; 2] = [
    prefix_rename(
        "blockSize",
        RenamedTo::Parameter("hashBlockSize"),
        false,
        "`blockSize` replaced `hashBlockSize` in GIE v1.1; EPPs on GIE ≤v1.0 read `hashBlockSize`",
    ),
    prefix_rename(
        "blockSizeTokens",
        RenamedTo::Parameter("hashBlockSize"),
        false,
        "`blockSizeTokens` (GIE ≥v1.4) counts tokens; EPPs on GIE ≤v1.0 read `hashBlockSize`, in prompt bytes",
    ),
];
/// GIE v1.1–v1.3 reads `blockSize` (`…@v1.1.0:pkg/epp/scheduling/framework/plugins/multi/prefix/plugin.go`).
const PARAMETER_RENAMES_0_4: [ParameterRename; 2] = [
    prefix_rename(
        "hashBlockSize",
        RenamedTo::Parameter("blockSize"),
        false,
        "`hashBlockSize` (GIE ≤v1.0) became `blockSize` in GIE v1.1",
    ),
    prefix_rename(
        "blockSizeTokens",
        RenamedTo::Parameter("blockSize"),
        false,
        "`blockSizeTokens` (GIE ≥v1.4) counts tokens; GIE v1.2 reads `blockSize`, in prompt bytes",
    ),
];
/// GIE v1.4.0 reads `blockSizeTokens`; `blockSize` set alone fails the plugin
/// (`…@v1.4.0:pkg/epp/framework/plugins/scheduling/scorer/prefix/plugin.go L87-93, L186-190`).
const PARAMETER_RENAMES_0_7: [ParameterRename; 2] = [
    prefix_rename(
        "blockSize",
        RenamedTo::Parameter("blockSizeTokens"),
        true,
        "GIE v1.4.0 reads the block size in tokens as `blockSizeTokens`; `blockSize` set alone fails the plugin at start-up",
    ),
    prefix_rename(
        "hashBlockSize",
        RenamedTo::Parameter("blockSizeTokens"),
        false,
        "`hashBlockSize` (GIE ≤v1.0) became `blockSize` in v1.1 and `blockSizeTokens` in v1.4.0",
    ),
];
/// llm-d-router v0.9.0 moved the block settings to `approx-prefix-cache-producer`
/// (`llm-d/llm-d-router@v0.9.0:pkg/epp/framework/plugins/scheduling/scorer/prefix/plugin.go L33-36`).
const PARAMETER_RENAMES_ROUTER_0_9: [ParameterRename; 6] = {
    const NOTE: &str = "llm-d-router v0.9.0 moved the prefix scorer's block and LRU settings to the \
                        `approx-prefix-cache-producer` plugin; the scorer reads only `prefixMatchInfoProducerName`";
    const TO: RenamedTo = RenamedTo::Plugin(APPROX_PREFIX_CACHE_PRODUCER);
    [
        prefix_rename("autoTune", TO, true, NOTE),
        prefix_rename("blockSizeTokens", TO, true, NOTE),
        prefix_rename("blockSize", TO, true, NOTE),
        prefix_rename("maxPrefixBlocksToMatch", TO, true, NOTE),
        prefix_rename("maxPrefixTokensToMatch", TO, true, NOTE),
        prefix_rename("lruCapacityPerServer", TO, true, NOTE),
    ]
};

/// One row per [`EppGeneration`], in declaration order (versions.md §A5).
const EPP_PROFILES: [EppProfile; 4] = [
    EppProfile {
        generation: EppGeneration::LlmdIs0_2,
        scheduler: "llm-d-inference-scheduler v0.2.0",
        gie: Some("v0.5.0"),
        flag_style: FlagStyle::Camel,
        weight_type: WeightType::Integer,
        parameter_decoding: ParameterDecoding::Lenient,
        config_api_version: CONFIG_API_VERSION_GIE,
        plugins: PLUGINS_0_2,
        plugin_renames: &RENAMES_TO_OLD,
        parameter_renames: &PARAMETER_RENAMES_0_2,
        rejects_metric_flags: false,
        provenance: "llm-d/llm-d-inference-scheduler@v0.2.0:pkg/plugins/register.go L15-23; \
                     kubernetes-sigs/gateway-api-inference-extension@v0.5.0:cmd/epp/runner/register.go L33-45, \
                     api/config/v1alpha1/endpointpickerconfig_types.go L91 (*int weights)",
    },
    EppProfile {
        generation: EppGeneration::LlmdIs0_4,
        scheduler: "llm-d-inference-scheduler 0.4",
        gie: Some("v1.2.0"),
        flag_style: FlagStyle::Kebab,
        weight_type: WeightType::Integer,
        parameter_decoding: ParameterDecoding::Lenient,
        config_api_version: CONFIG_API_VERSION_GIE,
        plugins: PLUGINS_0_4,
        plugin_renames: &RENAMES_TO_NEW,
        parameter_renames: &PARAMETER_RENAMES_0_4,
        rejects_metric_flags: false,
        provenance: "llm-d/llm-d-inference-scheduler@v0.4.0:pkg/plugins/register.go L13-24, go.mod (GIE v1.2.0; \
                     ODH release-v0.4: v1.2.1); kubernetes-sigs/gateway-api-inference-extension@v1.2.0:cmd/epp/runner/runner.go \
                     L421-432, apix/config/v1alpha1/endpointpickerconfig_types.go L123 (*int weights)",
    },
    EppProfile {
        generation: EppGeneration::LlmdIs0_7,
        scheduler: "llm-d-inference-scheduler v0.7.1",
        gie: Some("v1.4.0"),
        flag_style: FlagStyle::Kebab,
        weight_type: WeightType::Float,
        parameter_decoding: ParameterDecoding::Lenient,
        config_api_version: CONFIG_API_VERSION_GIE,
        plugins: PLUGINS_0_7,
        plugin_renames: &RENAMES_TO_NEW,
        parameter_renames: &PARAMETER_RENAMES_0_7,
        rejects_metric_flags: true,
        provenance: "llm-d/llm-d-inference-scheduler@v0.7.1:go.mod L34 (GIE v1.4.0), pkg/plugins/register.go L16-42; \
                     kubernetes-sigs/gateway-api-inference-extension@v1.4.0:cmd/epp/runner/runner.go L443-469, \
                     apix/config/v1alpha1/endpointpickerconfig_types.go L157 (*float64 weights)",
    },
    EppProfile {
        generation: EppGeneration::RouterEpp0_9,
        scheduler: "llm-d-router-endpoint-picker v0.9.0",
        gie: None,
        flag_style: FlagStyle::Kebab,
        weight_type: WeightType::Float,
        parameter_decoding: ParameterDecoding::Strict,
        config_api_version: CONFIG_API_VERSION_LLMD,
        plugins: PLUGINS_ROUTER_0_9,
        plugin_renames: &RENAMES_TO_NEW,
        parameter_renames: &PARAMETER_RENAMES_ROUTER_0_9,
        rejects_metric_flags: true,
        provenance: "llm-d/llm-d-router@v0.9.0:cmd/epp/runner/runner.go L483-579 (the EPP in-tree; GIE v1.5.0 for the API \
                     only), apix/config/v1alpha1/endpointpickerconfig_types.go L177 (*float64 weights), \
                     pkg/epp/framework/interface/plugin/registry.go L24-42 (strict parameters)",
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
                let known = |plugin: &str| match profile.plugin(plugin).map(|p| p.parameters) {
                    Some(Parameters::Known(names)) => names,
                    _ => panic!("{rename:?}: `{plugin}` has no known parameters"),
                };
                assert!(!known(rename.plugin).contains(&rename.stale), "{rename:?}");
                match rename.current {
                    RenamedTo::Parameter(current) => {
                        assert!(known(rename.plugin).contains(&current), "{rename:?}");
                    }
                    RenamedTo::Plugin(plugin) => {
                        assert!(known(plugin).contains(&rename.stale), "{rename:?}");
                    }
                }
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
        // versions.md §B row 14: LLMD-IS v0.7.1 is built on GIE v1.4.0, whose weights are `*float64`.
        let v0_7 = EppGeneration::LlmdIs0_7.profile();
        assert_eq!(v0_7.weight_type, WeightType::Float);
        assert_eq!(v0_7.gie, Some("v1.4.0"));
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

    /// versions.md §B row 18: LLMD-IS v0.2.0 registers none of these three.
    #[test]
    fn v0_2_lacks_the_later_scorers_and_picker() {
        let v0_2 = EppGeneration::LlmdIs0_2.profile();
        for missing in [
            "active-request-scorer",
            "no-hit-lru-scorer",
            "weighted-random-picker",
            "kv-cache-utilization-scorer",
            "lora-affinity-scorer",
        ] {
            assert!(v0_2.plugin(missing).is_none(), "{missing}");
        }
        let v0_4 = EppGeneration::LlmdIs0_4.profile();
        assert!(v0_4.plugin("weighted-random-picker").is_some());
        assert!(v0_4.plugin("no-hit-lru-scorer").is_some());
    }

    /// versions.md §B row 19: LLMD-IS v0.4.0 also registers `data-parallel-profile-handler`.
    #[test]
    fn v0_4_registers_the_data_parallel_profile_handler() {
        let plugin = EppGeneration::LlmdIs0_4
            .profile()
            .plugin("data-parallel-profile-handler");
        assert_eq!(plugin.map(|p| p.role), Some(PluginRole::ProfileHandler));
        assert_eq!(
            plugin.map(|p| p.parameters),
            Some(Parameters::Known(&["primaryPort"]))
        );
    }

    /// versions.md §B row 20: the GIE v1.4.0 prefix scorer reads `blockSizeTokens`; `blockSize`
    /// alone fails start-up; the 0.7.1 registry has the disaggregation and data-layer plugins.
    #[test]
    fn v0_7_prefix_scorer_reads_block_size_tokens() {
        let v0_7 = EppGeneration::LlmdIs0_7.profile();
        let prefix = v0_7.plugin(PREFIX_CACHE_SCORER).map(|p| p.parameters);
        assert_eq!(
            prefix,
            Some(Parameters::Known(&[
                "blockSizeTokens",
                "maxPrefixBlocksToMatch",
                "lruCapacityPerServer",
                "autoTune",
            ]))
        );
        let rename = v0_7.parameter_rename(PREFIX_CACHE_SCORER, "blockSize");
        assert_eq!(
            rename.map(|r| (r.current, r.fails_start_up)),
            Some((RenamedTo::Parameter("blockSizeTokens"), true))
        );
        for plugin in [
            "disagg-headers-handler",
            "disagg-profile-handler",
            "prefix-based-pd-decider",
            "tokenizer",
            "context-length-aware",
            "running-requests-size-scorer",
            "model-server-protocol-metrics",
        ] {
            assert!(v0_7.plugin(plugin).is_some(), "{plugin}");
        }
        assert_eq!(v0_7.parameter_decoding, ParameterDecoding::Lenient);
    }

    /// versions.md §B row 21: llm-d-router v0.9.0 decodes parameters strictly, and its prefix
    /// scorer reads only the producer's name; the block settings belong to the producer.
    #[test]
    fn router_0_9_is_strict_and_moves_the_prefix_settings() {
        let router = EppGeneration::RouterEpp0_9.profile();
        assert_eq!(router.parameter_decoding, ParameterDecoding::Strict);
        assert_eq!(
            router.plugin(PREFIX_CACHE_SCORER).map(|p| p.parameters),
            Some(Parameters::Known(&["prefixMatchInfoProducerName"]))
        );
        for stale in ["blockSize", "blockSizeTokens", "autoTune"] {
            let rename = router.parameter_rename(PREFIX_CACHE_SCORER, stale);
            assert_eq!(
                rename.map(|r| r.current),
                Some(RenamedTo::Plugin(APPROX_PREFIX_CACHE_PRODUCER)),
                "{stale}"
            );
        }
        assert!(router.plugin("model-server-protocol-metrics").is_none());
        assert!(router.plugin("core-metrics-extractor").is_some());
    }
}
