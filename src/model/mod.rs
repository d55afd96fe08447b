//! The resolved Pattern: every default applied and every derived value computed once.

mod accelerator;
mod lower;
mod names;

use std::collections::BTreeMap;

pub use accelerator::{
    Accelerator, Gpu, TopologyError, Tpu, TpuGenerationFacts, TpuShape, find_shape,
};
pub use lower::lower;
pub use names::child_name;

use crate::spec::{
    ApiServerMode, ArgsForm, BodyMode, EgressMode, GatewayBinding, HeaderMode, MtlsMode, MtlsScope,
    PatchOperation, Protocol, Scheme, Spanned,
};
use crate::target::{IstioVersion, KserveTarget};

/// The port vLLM serves on.
pub const VLLM_PORT: u16 = 8000;
/// Where KServe mounts the serving certificate.
pub const TLS_DIR: &str = "/var/run/kserve/tls";
/// Where KServe's storage initializer puts the model.
pub const MODEL_DIR: &str = "/mnt/models";

/// A Pattern 3 deployment, resolved from a spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The LLMInferenceService name.
    pub name: Spanned<String>,
    /// Its namespace.
    pub namespace: Spanned<String>,
    /// vLLM replicas.
    pub replicas: Spanned<u32>,
    /// The model URI.
    pub model_uri: Spanned<String>,
    /// The model name clients send.
    pub model_name: Spanned<String>,
    /// The KServe version.
    pub kserve: Spanned<KserveTarget>,
    /// The Istio version.
    pub istio: Spanned<IstioVersion>,
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
    /// Istio peer authentication.
    pub mesh: Mesh,
    /// NetworkPolicies.
    pub network_policies: NetworkPolicies,
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
            "gateway.networking.k8s.io/gateway-name".to_owned(),
            self.name.get().clone(),
        )])
    }
}

/// The endpoint picker.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduler {
    /// Whether `router.scheduler` is set.
    pub enabled: Spanned<bool>,
    /// Scorer weights by plugin type; empty means the target's defaults.
    pub scorers: BTreeMap<Spanned<String>, Scorer>,
}

/// One scorer's weight and parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorer {
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
    /// The indices of the HTTPRoute rules to patch.
    pub route_indices: Spanned<Vec<u32>>,
    /// The Istio route names, one per index.
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

/// KServe's labels on vLLM pods that select them (the workload Service selector).
pub fn kserve_workload_selector(name: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("app.kubernetes.io/name".to_owned(), name.to_owned()),
        (
            "app.kubernetes.io/part-of".to_owned(),
            "llminferenceservice".to_owned(),
        ),
        ("kserve.io/component".to_owned(), "workload".to_owned()),
    ])
}

/// KServe's labels on EPP pods that select them.
pub fn kserve_epp_selector(name: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        (
            "app.kubernetes.io/component".to_owned(),
            "llminferenceservice-router-scheduler".to_owned(),
        ),
        ("app.kubernetes.io/name".to_owned(), name.to_owned()),
    ])
}
