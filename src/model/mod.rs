//! The resolved Pattern: every default applied and every derived value computed once.

mod accelerator;
mod lower;

use std::collections::BTreeMap;

pub use accelerator::{Accelerator, Gpu, Tpu};
pub use lower::lower;

use crate::spec::{
    ApiServerMode, ArgsForm, EgressMode, GatewayBinding, KedaSpec, Literal, MtlsMode, MtlsScope,
    PatchOperation, Profile, Protocol, ScalingBehaviorSpec, Scheme, Spanned,
};
use crate::target::{
    Actuator, BodyMode, EppGeneration, EppProfile, HeaderMode, IstioProfile, IstioVersion,
    KserveProfile, KserveTarget, SchedulerLowering, ScorerWeights,
};

/// A Pattern 3 deployment, resolved from a spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The profile whose defaults were applied.
    pub profile: Spanned<Profile>,
    /// The LLMInferenceService name.
    pub name: Spanned<String>,
    /// Its namespace.
    pub namespace: Spanned<String>,
    /// vLLM replicas, unless autoscaling sets a range instead.
    pub replicas: Option<Spanned<u32>>,
    /// WVA autoscaling of the vLLM replicas, when the spec asks for it.
    pub autoscaling: Option<Autoscaling>,
    /// Where the spec's `[service]` table is.
    pub service_table: Option<std::ops::Range<usize>>,
    /// The model URI.
    pub model_uri: Spanned<String>,
    /// The model name clients send.
    pub model_name: Spanned<String>,
    /// The KServe version.
    pub kserve: Spanned<KserveTarget>,
    /// The Istio version.
    pub istio: Spanned<IstioVersion>,
    /// The cluster's `enableLLMInferenceServiceTLS`, when the spec states it.
    pub llmisvc_tls: Option<Spanned<bool>>,
    /// The accelerator of one replica.
    pub accelerator: Accelerator,
    /// The vLLM container.
    pub container: Container,
    /// The serving scheme.
    pub scheme: Spanned<Scheme>,
    /// vLLM's arguments.
    pub vllm: Vllm,
    /// Probes.
    pub probes: Probes,
    /// The gateway.
    pub gateway: Gateway,
    /// The endpoint picker.
    pub scheduler: Scheduler,
    /// The EnvoyFilter, when enabled.
    pub envoy_filter: Option<EnvoyFilter>,
    /// The EnvoyFilter the spec enables but p3gen leaves out: its route indices name no route on a
    /// target with named rules, and the target's Istio forwards request bodies to the EPP itself.
    pub left_out_envoy_filter: Option<EnvoyFilter>,
    /// Istio peer authentication.
    pub mesh: Mesh,
    /// NetworkPolicies.
    pub network_policies: NetworkPolicies,
    /// PodDisruptionBudgets, when enabled.
    pub disruption_budgets: Option<DisruptionBudgets>,
    /// PodMonitors, when enabled.
    pub monitoring: Option<Monitoring>,
    /// Inputs of the capacity and cost plan.
    pub plan: PlanSettings,
    /// GitOps settings.
    pub gitops: Gitops,
    /// Every string the spec wrote, with its place: what the secret and label checks read, since
    /// any of them may reach the output. Shared with the spec, not copied.
    pub literals: std::sync::Arc<[Literal]>,
}

/// WVA autoscaling, resolved: the replica range, the actuator and its settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Autoscaling {
    /// Where the spec's `[autoscaling]` table is.
    pub table: Option<std::ops::Range<usize>>,
    /// The fewest replicas (KServe's default 1 when unset).
    pub min_replicas: Spanned<u32>,
    /// The most replicas.
    pub max_replicas: Spanned<u32>,
    /// HPA or KEDA.
    pub actuator: Spanned<Actuator>,
    /// WVA's cost of one replica, when the spec sets it.
    pub variant_cost: Option<Spanned<String>>,
    /// The HPA behaviour, when the spec sets it.
    pub behavior: Option<Spanned<ScalingBehaviorSpec>>,
    /// The KEDA settings, when the spec sets them.
    pub keda: Option<Spanned<KedaSpec>>,
}

/// GitOps settings, resolved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gitops {
    /// Annotate objects with Argo CD sync waves in apply order.
    pub sync_waves: bool,
}

impl Pattern {
    /// The fewest and the most vLLM replicas: the fixed count twice, or the autoscaling range;
    /// `None` when the spec sets neither.
    pub fn replica_range(&self) -> Option<(Spanned<u32>, Spanned<u32>)> {
        match (&self.replicas, &self.autoscaling) {
            (Some(replicas), _) => Some((replicas.clone(), replicas.clone())),
            (None, Some(scaling)) => {
                Some((scaling.min_replicas.clone(), scaling.max_replicas.clone()))
            }
            (None, None) => None,
        }
    }

    /// The KServe target's row of the KServe table.
    pub fn kserve_profile(&self) -> &'static KserveProfile {
        self.kserve.get().profile()
    }

    /// The Istio version's row of the Istio table.
    pub fn istio_profile(&self) -> &'static IstioProfile {
        self.istio.get().profile()
    }

    /// The versions the output is for, in one line: KServe (with the release whose CRD schema
    /// validates the output), the EPP and Istio.
    pub fn target_summary(&self) -> String {
        let kserve = self.kserve_profile();
        format!(
            "KServe {} (LLMInferenceService schema of KServe v{}), EPP {}, Istio {}",
            kserve.target,
            kserve.crd_kserve_version,
            self.scheduler.epp_profile().label(),
            self.istio.get()
        )
    }
}

/// The vLLM container, apart from arguments and probes.
#[derive(Debug, Clone, PartialEq)]
pub struct Container {
    /// The image.
    pub image: Spanned<String>,
    /// Image pull Secret names.
    pub image_pull_secrets: Vec<Spanned<String>>,
    /// Environment variables in order: accelerator runtime, Hugging Face token, extras.
    pub env: Vec<EnvVar>,
    /// CPU, memory and ephemeral-storage requests.
    pub requests: BTreeMap<String, Spanned<String>>,
    /// CPU, memory and ephemeral-storage limits.
    pub limits: BTreeMap<String, Spanned<String>>,
}

/// One environment variable.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvVar {
    /// The variable name.
    pub name: Spanned<String>,
    /// Its value or source.
    pub value: EnvValue,
}

/// Where an environment variable's value comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum EnvValue {
    /// A literal.
    Plain(Spanned<String>),
    /// A Secret key.
    Secret {
        /// The Secret name.
        secret: Spanned<String>,
        /// The key.
        key: Spanned<String>,
    },
}

/// vLLM's command-line arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Vllm {
    /// Script or flag list.
    pub form: Spanned<ArgsForm>,
    /// The launcher line of a script.
    pub launcher: Spanned<String>,
    /// The served model name, when set.
    pub served_model_name: Option<Spanned<String>>,
    /// The tensor-parallel size: the spec's value or the accelerator's chips.
    pub tensor_parallel_size: Spanned<u32>,
    /// The flags in render order, each as one `--flag` or `--flag=value` string.
    pub flags: Vec<Spanned<String>>,
    /// The vLLM release the spec names (`target.vllm`), whose flags the arguments must be.
    pub release: Option<Spanned<crate::target::VllmVersion>>,
}

impl Vllm {
    /// Whether a flag (`--name` or `--name=…`) is present.
    pub fn flag(&self, name: &str) -> Option<&Spanned<String>> {
        self.flags.iter().find(|flag| {
            flag.get() == name
                || flag
                    .get()
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with('='))
        })
    }
}

/// The container probes.
#[derive(Debug, Clone, PartialEq)]
pub struct Probes {
    /// Liveness.
    pub liveness: Probe,
    /// Readiness.
    pub readiness: Probe,
    /// Startup, when asked for.
    pub startup: Option<Probe>,
}

/// One HTTP GET probe on the vLLM port.
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    /// The path.
    pub path: Spanned<String>,
    /// The scheme.
    pub scheme: Spanned<Scheme>,
    /// `initialDelaySeconds`.
    pub initial_delay: Spanned<u32>,
    /// `periodSeconds`.
    pub period: Spanned<u32>,
    /// `timeoutSeconds`.
    pub timeout: Spanned<u32>,
    /// `failureThreshold`, when not the Kubernetes default.
    pub failure_threshold: Option<Spanned<u32>>,
}

/// The gateway.
#[derive(Debug, Clone, PartialEq)]
pub struct Gateway {
    /// The Gateway name.
    pub name: Spanned<String>,
    /// Its namespace.
    pub namespace: Spanned<String>,
    /// How the LLMInferenceService binds to it.
    pub binding: GatewayBinding,
}

impl Gateway {
    /// The labels Istio puts on the gateway's pods.
    pub fn pod_labels(&self) -> BTreeMap<String, String> {
        BTreeMap::from([(
            crate::target::GATEWAY_NAME_LABEL.to_owned(),
            self.name.get().clone(),
        )])
    }
}

/// The endpoint picker.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduler {
    /// Whether `router.scheduler` is set.
    pub enabled: bool,
    /// Which EPP runs: the target's own, or the spec's `target.epp.version`.
    pub epp: Spanned<EppGeneration>,
    /// The EPP image when the spec replaces the target's.
    pub image: Option<Spanned<String>>,
    /// Scorer weights by plugin type; empty means the target's defaults.
    pub scorers: BTreeMap<Spanned<String>, ScorerSetting>,
    /// Where the weights go in the LLMInferenceService. Computed without checking the weights: the
    /// validate stage reports what the EPP would reject.
    pub lowering: SchedulerLowering,
    /// EPP replicas, when the spec sets them.
    pub replicas: Option<Spanned<u32>>,
    /// The EPP container's `args` in place of the controller's defaults, where those carry a flag
    /// the EPP refuses (KServe 0.17's metric flag under an EPP on GIE v1.4.0 or later).
    pub args_override: Option<Vec<String>>,
}

impl Scheduler {
    /// The EPP's row of the EPP table.
    pub fn epp_profile(&self) -> &'static EppProfile {
        self.epp.get().profile()
    }

    /// The weights without their places in the spec, as the version tables take them.
    pub fn weights(&self) -> ScorerWeights {
        weights_of(&self.scorers)
    }

    /// Whether more than one EPP pod runs.
    pub fn is_replicated(&self) -> bool {
        self.enabled && self.replicas.as_ref().is_some_and(|r| *r.get() > 1)
    }
}

/// Spanned scorer entries as plain [`ScorerWeights`].
fn weights_of(scorers: &BTreeMap<Spanned<String>, ScorerSetting>) -> ScorerWeights {
    ScorerWeights(
        scorers
            .iter()
            .map(|(plugin, scorer)| {
                let parameters = scorer
                    .parameters
                    .iter()
                    .map(|(name, value)| (name.get().clone(), value.get().clone()))
                    .collect();
                let weights = crate::target::ScorerEntry {
                    weight: *scorer.weight.get(),
                    parameters,
                };
                (plugin.get().clone(), weights)
            })
            .collect(),
    )
}

/// One scorer's weight and parameters as the spec sets them, with their places in it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScorerSetting {
    /// The weight.
    pub weight: Spanned<f64>,
    /// Plugin parameters by name.
    pub parameters: BTreeMap<Spanned<String>, Spanned<serde_json::Value>>,
}

/// The EnvoyFilter.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvoyFilter {
    /// The spec's `enabled = true`.
    pub enabled: Spanned<bool>,
    /// Its name.
    pub name: Spanned<String>,
    /// The patch operation.
    pub operation: Spanned<PatchOperation>,
    /// The HTTPRoute rule indices the spec asks to patch, if it names them.
    pub route_indices: Option<Spanned<Vec<u32>>>,
    /// The HTTPRoute rule names the spec asks to patch, if it names them.
    pub route_rule_names: Option<Spanned<Vec<String>>>,
    /// The Istio route names to patch: from the spec's indices or names, else the target's
    /// InferencePool rules.
    pub route_names: Vec<String>,
    /// The processing modes.
    pub modes: ProcessingModes,
}

/// ext_proc processing modes; unset trailer modes are not written.
#[derive(Debug, Clone, PartialEq)]
pub struct ProcessingModes {
    /// `request_header_mode`.
    pub request_header: Spanned<HeaderMode>,
    /// `response_header_mode`.
    pub response_header: Spanned<HeaderMode>,
    /// `request_body_mode`.
    pub request_body: Spanned<BodyMode>,
    /// `response_body_mode`.
    pub response_body: Spanned<BodyMode>,
    /// `request_trailer_mode`.
    pub request_trailer: Option<Spanned<HeaderMode>>,
    /// `response_trailer_mode`.
    pub response_trailer: Option<Spanned<HeaderMode>>,
}

/// Istio peer authentication.
#[derive(Debug, Clone, PartialEq)]
pub struct Mesh {
    /// The mTLS mode.
    pub mtls: Spanned<MtlsMode>,
    /// Namespace-wide or vLLM pods only.
    pub scope: MtlsScope,
}

/// The NetworkPolicies, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkPolicies {
    /// The monitoring namespace.
    pub monitoring_namespace: Spanned<String>,
    /// The Istio control-plane namespace.
    pub istio_namespace: Spanned<String>,
    /// The default-deny policy, when asked for.
    pub default_deny: Option<PolicyMeta>,
    /// The spec's `default-deny` setting.
    pub default_deny_setting: Spanned<bool>,
    /// Selects vLLM pods for the vLLM policies.
    pub workload_selector: Spanned<BTreeMap<String, String>>,
    /// Selects vLLM pods as the EPP's egress peer.
    pub workload_peer_selector: Spanned<BTreeMap<String, String>>,
    /// Selects EPP pods.
    pub epp_selector: Spanned<BTreeMap<String, String>>,
    /// The API-server rule.
    pub api_server: ApiServer,
    /// Gateway → vLLM.
    pub gateway_to_vllm: Option<GatewayToVllm>,
    /// Gateway → EPP, and the EPP's egress.
    pub gateway_to_epp: Option<GatewayToEpp>,
    /// Pods ↔ Istio control plane.
    pub istio: Option<PolicyMeta>,
    /// vLLM egress.
    pub vllm_egress: Option<VllmEgress>,
}

/// The name and labels of one policy.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyMeta {
    /// The full name, suffix included; its place is the name's if written, else the suffix's.
    pub name: Spanned<String>,
    /// Its labels.
    pub labels: BTreeMap<String, String>,
}

/// How pods reach the API server.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiServer {
    /// The mode.
    pub mode: Spanned<ApiServerMode>,
    /// CIDRs for `ip-block`.
    pub cidrs: Vec<Spanned<String>>,
    /// The port for `ip-block`.
    pub port: u16,
}

/// The gateway → vLLM policy.
#[derive(Debug, Clone, PartialEq)]
pub struct GatewayToVllm {
    /// Name and labels.
    pub meta: PolicyMeta,
    /// Admit the vLLM port from any pod in any namespace.
    pub any_pod_probe_rule: Spanned<bool>,
    /// Admit the vLLM port from the EPP pods.
    pub allow_epp: Spanned<bool>,
    /// Admit the vLLM port from the monitoring namespace.
    pub allow_monitoring: Spanned<bool>,
}

/// The gateway → EPP policy.
#[derive(Debug, Clone, PartialEq)]
pub struct GatewayToEpp {
    /// Name and labels.
    pub meta: PolicyMeta,
    /// EPP ports open to the gateway.
    pub gateway_ports: Vec<u16>,
    /// EPP ports open to monitoring.
    pub monitoring_ports: Vec<u16>,
    /// DNS protocols allowed.
    pub dns_protocols: Spanned<Vec<Protocol>>,
}

/// The vLLM egress policy.
#[derive(Debug, Clone, PartialEq)]
pub struct VllmEgress {
    /// Name and labels.
    pub meta: PolicyMeta,
    /// All or restricted.
    pub mode: Spanned<EgressMode>,
}

/// The PodDisruptionBudgets.
#[derive(Debug, Clone, PartialEq)]
pub struct DisruptionBudgets {
    /// `maxUnavailable` of the vLLM pods.
    pub max_unavailable: Spanned<u32>,
    /// `maxUnavailable` of the EPP pods, whose budget exists only with more than one EPP replica.
    pub epp_max_unavailable: Spanned<u32>,
}

/// The PodMonitors.
#[derive(Debug, Clone, PartialEq)]
pub struct Monitoring {
    /// Labels on the PodMonitors.
    pub labels: BTreeMap<String, String>,
    /// The scrape interval, when set.
    pub interval: Option<Spanned<String>>,
    /// The Prometheus scrape class, when set.
    pub scrape_class: Option<Spanned<String>>,
    /// The CA Prometheus verifies vLLM's certificate with (HTTPS serving); none means `insecureSkipVerify`.
    pub vllm_ca: Option<SecretKey>,
    /// The name vLLM's certificate is verified for, with a CA.
    pub vllm_server_name: Option<Spanned<String>>,
    /// The Secret key of the EPP metrics bearer token, when set.
    pub epp_bearer_token: Option<SecretKey>,
}

/// A key of a Secret in the workload namespace.
#[derive(Debug, Clone, PartialEq)]
pub struct SecretKey {
    /// The Secret name.
    pub secret: Spanned<String>,
    /// The key.
    pub key: Spanned<String>,
}

/// The spec's inputs to `p3gen plan`; the command line may override each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanSettings {
    /// USD per chip-hour or GPU-hour.
    pub chip_hour_usd: Option<Spanned<f64>>,
    /// USD per node-hour.
    pub node_hour_usd: Option<Spanned<f64>>,
    /// Sustained requests per second.
    pub throughput: Option<Spanned<f64>>,
    /// Utilisation in (0, 1].
    pub utilisation: Option<Spanned<f64>>,
    /// Hours per month.
    pub hours_per_month: Option<Spanned<f64>>,
}
