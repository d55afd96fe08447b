//! Every version, label, port and name fact p3gen relies on, each with its upstream source: one
//! table row per KServe, EPP and Istio version, the labels and ports of the pods KServe creates and
//! the names it gives its children, Istio's control-plane ports, the Prometheus Operator API, GKE's
//! accelerator labels, resources, TPU topologies and GPU machine types, and the lowering of scorer
//! weights into what each version accepts. Other stages read these; they hard-code none.
//!
//! The tables follow the domain reference (§1 names and labels, §3 version matrix, §4 scorer
//! weights, §5 Istio, §6 GKE accelerators); where that reference is silent, the row says so in its
//! doc or `notes` instead of guessing quietly.

mod cluster;
mod describe;
mod epp;
mod epp_config;
mod explain;
mod ext_proc;
mod gke;
mod istio;
mod kserve;
mod lowering;
mod machines;
mod monitoring;
mod names;
mod pods;
mod routes;
mod scaling;
mod scorers;
mod selection;
mod text_table;
mod version;
mod vllm;

#[cfg(test)]
mod crd_tests;
#[cfg(test)]
mod facts_tests;

pub use cluster::{
    API_SERVER_NODE_PORT, API_SERVER_POD_LABEL, API_SERVER_PORT, DNS_NAMESPACE, DNS_POD_LABEL,
    DNS_PORT, HTTPS_PORT, NAMESPACE_NAME_LABEL, PROBE_DEFAULT_FAILURE_THRESHOLD,
    PROBE_DEFAULT_PERIOD,
};
pub use describe::describe_targets;
pub use epp::{
    APPROX_PREFIX_CACHE_PRODUCER, CONFIG_API_VERSION_GIE, CONFIG_API_VERSION_LLMD, CONFIG_KIND,
    EppGeneration, EppProfile, FlagStyle, INTEGER_PARAMETERS, MAX_SCORE_PICKER, METRIC_FLAGS,
    PREFIX_CACHE_SCORER, ParameterDecoding, ParameterRename, Parameters, PluginInfo, PluginRename,
    PluginRole, RenamedTo, SINGLE_PROFILE_HANDLER, WeightType, metric_flag_of,
};
pub use epp_config::{
    ConfigTextError, DEFAULT_PROFILE, EndpointPickerConfig, PluginSpec, ProfilePlugin,
    SchedulingProfile, Weight, endpoint_picker_config, to_config_text,
};
pub use explain::explain_scoring;
pub use ext_proc::{BodyMode, Direction, HeaderMode, ProcessingMode, default_body_modes};
pub use gke::{
    ACCELERATOR_TAINT_EFFECT, ACCELERATOR_TAINT_VALUE, GPU_ACCELERATOR_LABEL, GPU_RESOURCE,
    TPU_ACCELERATOR_LABEL, TPU_RESOURCE, TPU_TOPOLOGY_LABEL, TopologyError, TpuGenerationFacts,
    TpuShape, find_shape, tpu_generation_for_label,
};
pub use istio::{
    ENVOY_FILTER_API_VERSION, GATEWAY_NAME_LABEL, ISTIO_NAMESPACE, ISTIOD_POD_LABEL,
    ISTIOD_WEBHOOK_PORT, ISTIOD_XDS_PORT, IstioProfile, PEER_AUTHENTICATION_API_VERSION,
};
pub use kserve::{
    AlphaPoolTwin, ApiGroupVersion, ConfigMigrations, DefaultScorer, HttpRouteLayout,
    KserveProfile, NAMESPACE_TEMPLATE, POOL_K8S_V1, POOL_MIGRATED_ANNOTATION, POOL_NAME_TEMPLATE,
    POOL_X_K8S_V1ALPHA2, RouteBackend, RouteRuleInfo, VllmCommand,
};
pub use lowering::{
    EPP_CONTAINER, LoweringError, SchedulerLowering, check_flag_style, default_epp_args_for,
    epp_args_override, lower_weights, lower_weights_unchecked,
};
pub use machines::{GPU_MACHINES, GpuMachine, gpu_machine, machines_for};
pub use monitoring::POD_MONITOR_API_VERSION;
pub use names::{CHILD_SUFFIXES, LONGEST_UNHASHED_NAME, child_name};
pub use pods::{
    COMPONENT_LABEL, EPP_COMPONENT, EPP_EXT_PROC_PORT, EPP_HEALTH_PORT, EPP_METRICS_PORT,
    EPP_METRICS_PORT_NAME, KSERVE_COMPONENT_LABEL, KSERVE_WORKLOAD_COMPONENT, LLMD_ROLE_BOTH,
    LLMD_ROLE_LABEL, MODEL_DIR, NAME_LABEL, PART_OF_LABEL, PART_OF_VALUE, TLS_DIR, VLLM_CONTAINER,
    VLLM_PORT, WORKLOAD_COMPONENT, epp_pod_labels, epp_selector, workload_pod_labels,
    workload_selector,
};
pub use routes::{HTTP_ROUTE_SUFFIX, RouteRule, http_route_name, route_names, unnamed_route_name};
pub use scaling::{Actuator, SCALING, SCALING_SOURCE, ScalingFacts, ScalingSupport};
pub use scorers::{
    ParameterFate, ScorerEntry, ScorerProblem, ScorerProblemKind, ScorerWeights, check_scorers,
    is_default,
};
pub use selection::{TargetOverride, TargetOverrideError};
pub use text_table::render as render_text_table;
pub use version::{IstioVersion, KserveTarget, UnknownVersion};
pub use vllm::{
    DISABLE_LOG_REQUESTS, FlagInfo, FlagKind, FlagVerdict, MISTAKEN_FLAGS, VllmKnown, VllmVersion,
    check_flag,
};
