//! The rule catalogue: one rule per file.

mod api_server_cidrs;
mod envoy_filter_route_gap;
mod envoy_filter_routes;
mod epp_flag_style;
mod monitoring_settings;
mod pool_api_watched;
mod production_resources;
mod scheduler_replicas;
mod scorer_parameter;
mod scorer_plugin;
mod scorer_problems;
mod scorer_weight_type;
mod scorer_weight_value;
mod served_model_id;
mod shape;
mod tensor_parallel;

pub use shape::SHAPE;

use super::Rule;

/// Every rule over the model, in the order they run.
pub static ALL: &[&dyn Rule] = &[
    &tensor_parallel::TensorParallelMatchesChips,
    &served_model_id::ServedModelId,
    &scorer_plugin::ScorerPlugin,
    &scorer_parameter::ScorerParameter,
    &scorer_weight_type::ScorerWeightType,
    &scorer_weight_value::ScorerWeightValue,
    &epp_flag_style::EppFlagStyle,
    &envoy_filter_routes::EnvoyFilterRoutes,
    &envoy_filter_route_gap::EnvoyFilterRouteGap,
    &pool_api_watched::PoolApiWatched,
    &api_server_cidrs::ApiServerCidrs,
    &scheduler_replicas::SchedulerReplicas,
    &production_resources::ProductionResources,
    &monitoring_settings::MonitoringSettings,
];
