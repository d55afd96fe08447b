//! Every KServe, EPP and Istio version fact p3gen relies on, as one table per target, the GKE GPU
//! machine types, and the lowering of scorer weights into what each version accepts.
//!
//! The tables follow the domain reference (§1 names, §3 version matrix, §4 scorer weights, §5 Istio,
//! §6.2 GKE GPU machine types);
//! where that reference is silent, the row says so in its doc or `notes` instead of guessing quietly.

mod describe;
mod epp;
mod epp_config;
mod explain;
mod ext_proc;
mod istio;
mod kserve;
mod lowering;
mod machines;
mod names;
mod routes;
mod scorers;
mod selection;
mod text_table;
mod version;

#[cfg(test)]
mod crd_tests;

pub use describe::describe_targets;
pub use epp::{
    CONFIG_API_VERSION_GIE, CONFIG_API_VERSION_LLMD, CONFIG_KIND, EppGeneration, EppProfile,
    FlagStyle, INTEGER_PARAMETERS, MAX_SCORE_PICKER, ParameterRename, Parameters, PluginInfo,
    PluginRename, PluginRole, SINGLE_PROFILE_HANDLER, WeightType,
};
pub use epp_config::{
    ConfigTextError, DEFAULT_PROFILE, EndpointPickerConfig, PluginSpec, ProfilePlugin,
    SchedulingProfile, Weight, endpoint_picker_config, to_config_text,
};
pub use explain::explain_scoring;
pub use ext_proc::{BodyMode, Direction, HeaderMode, ProcessingMode, default_body_modes};
pub use istio::{ENVOY_FILTER_API_VERSION, IstioProfile, PEER_AUTHENTICATION_API_VERSION};
pub use kserve::{
    ApiGroupVersion, DefaultScorer, HttpRouteLayout, KserveProfile, NAMESPACE_TEMPLATE,
    POOL_K8S_V1, POOL_NAME_TEMPLATE, POOL_X_K8S_V1ALPHA2, RouteBackend, RouteRuleInfo, VllmCommand,
};
pub use lowering::{
    EPP_CONTAINER, LoweringError, SchedulerLowering, check_flag_style, lower_scheduler,
    lower_scheduler_unchecked,
};
pub use machines::{GPU_MACHINES, GpuMachine, gpu_machine, machines_for};
pub use names::child_name;
pub use routes::{HTTP_ROUTE_SUFFIX, RouteRule, route_names, unnamed_route_name};
pub use scorers::{
    Scorer, ScorerProblem, ScorerProblemKind, ScorerWeights, check_scorers, is_default,
};
pub use selection::{TargetOverride, TargetOverrideError};
pub use version::{IstioVersion, KserveTarget, UnknownVersion};
