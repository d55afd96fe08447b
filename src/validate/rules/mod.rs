//! The rule catalogue: one rule per file.

mod api_server_cidrs;
mod monitoring_settings;
mod production_resources;
mod scheduler_replicas;
mod served_model_id;
mod shape;
mod tensor_parallel;

pub use shape::SHAPE;

use super::Rule;

/// Every rule over the model, in the order they run.
pub static ALL: &[&dyn Rule] = &[
    &tensor_parallel::TensorParallelMatchesChips,
    &served_model_id::ServedModelId,
    &api_server_cidrs::ApiServerCidrs,
    &scheduler_replicas::SchedulerReplicas,
    &production_resources::ProductionResources,
    &monitoring_settings::MonitoringSettings,
];
