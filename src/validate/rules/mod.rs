//! The rule catalogue: one rule per file. Codes: P30xx spec shape, P31xx accelerator, P32xx
//! serving/vLLM/probes/secrets, P33xx routing/EPP/EnvoyFilter/mesh, P34xx NetworkPolicy, P35xx
//! names and the bundle, P36xx production settings, P37xx `plan`, P38xx the version targets.

mod actuator_settings;
mod allow_all_egress;
mod any_pod_rule;
mod api_server_cidrs;
mod api_server_egress;
mod args_form;
mod buffered_body;
mod dated_vllm_flag;
mod default_deny;
mod dns_names;
mod dns_udp_only;
mod duplicate_names;
mod envoy_filter_left_out;
mod envoy_filter_merge;
mod envoy_filter_routes;
mod envoy_filter_scheduler;
mod envoy_filter_shared_routes;
mod epp_flag_style;
mod epp_metric_flag;
mod epp_to_vllm;
mod full_duplex_trailers;
mod gpu_machine;
mod ignored_scorer_parameter;
mod label_syntax;
mod llmisvc_tls;
mod long_name;
mod monitoring_settings;
mod multi_host_topology;
mod permissive_mtls;
mod pool_api_watched;
mod probe_scheme;
mod probe_timing;
mod production_resources;
mod replica_count;
mod replicas;
mod route_name;
mod scaling;
mod scheduler_replicas;
mod scorer_parameter;
mod scorer_plugin;
mod scorer_problems;
mod scorer_weight_type;
mod scorer_weight_value;
mod secret_literal;
mod selector_matches_nothing;
mod served_model_id;
mod shape;
mod tensor_parallel;
mod tpu_env_on_gpu;
mod unknown_vllm_flag;
mod vllm_flag_verdicts;
mod workload_selector_epp;

pub use gpu_machine::misfit as gpu_machine_misfit;
pub use secret_literal::{CODE as SECRET_LITERAL, redact as redact_secrets};
pub use shape::SHAPE;

use super::Rule;

/// Every rule, in the order they run.
pub static ALL: &[&dyn Rule] = &[
    &tensor_parallel::TensorParallelMatchesChips,
    &multi_host_topology::MultiHostTopology,
    &tpu_env_on_gpu::TpuEnvOnGpu,
    &gpu_machine::GpuMachineFit,
    &served_model_id::ServedModelId,
    &probe_scheme::ProbeScheme,
    &llmisvc_tls::LlmisvcTls,
    &unknown_vllm_flag::UnknownVllmFlag,
    &dated_vllm_flag::DatedVllmFlag,
    &secret_literal::SecretLiteral,
    &label_syntax::LabelSyntax,
    &replicas::Replicas,
    &replica_count::ReplicaCount,
    &scaling::ScalingSettings,
    &actuator_settings::ActuatorSettings,
    &probe_timing::ProbeTiming,
    &args_form::ArgsFormMatchesTarget,
    &scorer_weight_value::ScorerWeightValue,
    &scorer_plugin::ScorerPlugin,
    &envoy_filter_scheduler::EnvoyFilterWithoutScheduler,
    &envoy_filter_merge::EnvoyFilterMerge,
    &buffered_body::BufferedBodyMode,
    &permissive_mtls::PermissiveMtls,
    &full_duplex_trailers::FullDuplexTrailers,
    &scorer_parameter::ScorerParameter,
    &ignored_scorer_parameter::IgnoredScorerParameter,
    &scorer_weight_type::ScorerWeightType,
    &epp_flag_style::EppFlagStyle,
    &epp_metric_flag::EppMetricFlag,
    &envoy_filter_routes::EnvoyFilterRoutes,
    &envoy_filter_shared_routes::EnvoyFilterSharedRoutes,
    &envoy_filter_left_out::EnvoyFilterLeftOut,
    &pool_api_watched::PoolApiWatched,
    &selector_matches_nothing::SelectorMatchesNothing,
    &workload_selector_epp::WorkloadSelectorSelectsEpp,
    &any_pod_rule::AnyPodRule,
    &api_server_egress::ApiServerEgress,
    &default_deny::NoDefaultDeny,
    &allow_all_egress::AllowAllEgress,
    &epp_to_vllm::EppToVllm,
    &dns_udp_only::DnsUdpOnly,
    &dns_names::DnsNames,
    &route_name::RouteName,
    &long_name::LongName,
    &duplicate_names::DuplicateNames,
    &api_server_cidrs::ApiServerCidrs,
    &scheduler_replicas::SchedulerReplicas,
    &production_resources::ProductionResources,
    &monitoring_settings::MonitoringSettings,
];
