//! The raw TOML shape of a p3gen spec: serde types that reject unknown keys, with no logic.
//!
//! Every field's `///` doc becomes its description in `schemas/p3gen.schema.json`. Keys are
//! kebab-case. Leaves that diagnostics point at are [`Spanned`].

mod parse;
mod spanned;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use parse::parse;
pub use spanned::Spanned;

use crate::target::{IstioVersion, KserveTarget};

/// A p3gen spec: one LLMInferenceService with its gateway, scheduler, mesh and NetworkPolicy settings.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "p3gen spec")]
pub struct Spec {
    /// The LLMInferenceService: its name, namespace and replica count.
    pub service: ServiceSpec,
    /// The model to serve.
    pub model: ModelSpec,
    /// The KServe and Istio versions to emit for.
    #[serde(default)]
    pub target: TargetSpec,
    /// The accelerator each replica runs on: `[accelerator.tpu]` or `[accelerator.gpu]`.
    pub accelerator: AcceleratorSpec,
    /// The vLLM container: image, pull secrets, secrets, environment and resources.
    pub container: ContainerSpec,
    /// How vLLM serves: HTTPS with KServe's certificates, or plain HTTP.
    #[serde(default)]
    pub serving: ServingSpec,
    /// vLLM arguments.
    #[serde(default)]
    pub vllm: VllmSpec,
    /// Liveness, readiness and startup probes of the vLLM container.
    #[serde(default)]
    pub probes: ProbesSpec,
    /// The Istio gateway that receives requests and calls the endpoint picker.
    pub gateway: GatewaySpec,
    /// The llm-d endpoint picker (EPP) that routes requests by prompt prefix.
    #[serde(default)]
    pub scheduler: SchedulerSpec,
    /// The EnvoyFilter that sets ext_proc processing modes on the InferencePool routes.
    #[serde(default)]
    pub envoy_filter: EnvoyFilterSpec,
    /// Istio mutual TLS for the workload namespace.
    #[serde(default)]
    pub mesh: MeshSpec,
    /// The NetworkPolicies that fence the workload in.
    #[serde(default)]
    pub network_policies: NetworkPoliciesSpec,
    /// Which warnings not to report for this spec.
    #[serde(default)]
    pub lints: LintsSpec,
}

/// Lint settings of a spec.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LintsSpec {
    /// Warnings not to report, by code, each with the reason, e.g. `{ P3402 = "the EPP shares the vLLM policies on purpose" }`.
    /// Errors cannot be allowed. `p3gen explain --list` lists the codes.
    #[serde(default)]
    pub allow: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// Identity and size of the LLMInferenceService.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ServiceSpec {
    /// The LLMInferenceService name (a DNS-1123 label). KServe derives every child name from it; keep it
    /// at most 38 characters so none of them is hashed.
    pub name: Spanned<String>,
    /// The namespace of the LLMInferenceService and its NetworkPolicies.
    pub namespace: Spanned<String>,
    /// The number of vLLM replicas; each runs on one TPU host or GPU node.
    pub replicas: Spanned<u32>,
}

/// The model KServe downloads and vLLM serves.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ModelSpec {
    /// Where KServe's storage initializer downloads the model from, e.g. `hf://Qwen/Qwen2.5-3B-Instruct`.
    pub uri: Spanned<String>,
    /// The model name clients send in requests (`spec.model.name`).
    pub name: Spanned<String>,
}

/// The versions of the controllers that consume the output.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TargetSpec {
    /// The KServe flavour and version: `odh-0.15` (Open Data Hub), `0.16` … `0.20`. Default `odh-0.15`.
    #[serde(default)]
    pub kserve: Spanned<KserveTarget>,
    /// The Istio version: `1.26` … `1.30`. Default `1.27`.
    #[serde(default)]
    pub istio: Spanned<IstioVersion>,
}

/// The accelerator of one replica.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub enum AcceleratorSpec {
    /// A Cloud TPU slice on GKE; one replica uses one single-host slice.
    Tpu(TpuSpec),
    /// NVIDIA GPUs on GKE.
    Gpu(GpuSpec),
}

/// A single-host Cloud TPU slice.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TpuSpec {
    /// The TPU generation: `v5e`, `v5p` or `v6e`.
    pub generation: Spanned<TpuGeneration>,
    /// The slice topology as GKE labels it, e.g. `2x2` (v5e/v6e) or `2x2x1` (v5p); `2x2x1` is accepted for v5e/v6e too.
    pub topology: Spanned<String>,
    /// Emit `TPU_CHIPS_PER_HOST_BOUNDS`, `TPU_HOST_BOUNDS` and `PJRT_DEVICE=TPU`. Default true.
    #[serde(default = "yes")]
    pub env: bool,
    /// How the pod tolerates the `google.com/tpu=present:NoSchedule` taint. Default `equal`.
    #[serde(default)]
    pub toleration: TolerationOperator,
}

/// A TPU generation that GKE offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TpuGeneration {
    /// TPU v5e (`tpu-v5-lite-podslice`).
    V5e,
    /// TPU v5p (`tpu-v5p-slice`).
    V5p,
    /// TPU v6e, Trillium (`tpu-v6e-slice`).
    V6e,
}

/// The operator of the accelerator toleration.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TolerationOperator {
    /// `operator: Equal` with `value: present`.
    #[default]
    Equal,
    /// `operator: Exists`.
    Exists,
}

/// NVIDIA GPUs on GKE.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GpuSpec {
    /// The GKE accelerator type (`cloud.google.com/gke-accelerator`), e.g. `nvidia-l4`.
    #[serde(rename = "type")]
    pub accelerator_type: Spanned<String>,
    /// GPUs per replica (`nvidia.com/gpu`).
    pub count: Spanned<u32>,
    /// The Compute Engine machine type of the node pool, e.g. `g2-standard-4`; used by `plan`.
    #[serde(default)]
    pub machine_type: Option<Spanned<String>>,
    /// How the pod tolerates the `nvidia.com/gpu=present:NoSchedule` taint. Default `exists`.
    #[serde(default = "exists")]
    pub toleration: TolerationOperator,
}

/// The vLLM container.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ContainerSpec {
    /// The vLLM image.
    pub image: Spanned<String>,
    /// Names of image pull Secrets in the workload namespace.
    #[serde(default)]
    pub image_pull_secrets: Vec<Spanned<String>>,
    /// The Secret holding the Hugging Face token, passed as env `HF_TOKEN`. Only the reference is written; never a value.
    #[serde(default)]
    pub hf_token: Option<SecretKeySpec>,
    /// Extra environment variables, written after the derived ones. Values are plain text: put secrets in `secret-env`.
    #[serde(default)]
    pub env: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Extra environment variables read from Secrets, by variable name.
    #[serde(default)]
    pub secret_env: BTreeMap<Spanned<String>, SecretKeySpec>,
    /// CPU and memory requests and limits, next to the accelerator (which p3gen derives).
    #[serde(default)]
    pub resources: ResourcesSpec,
}

/// A key of a Secret in the workload namespace.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SecretKeySpec {
    /// The Secret name.
    pub secret: Spanned<String>,
    /// The key within the Secret.
    pub key: Spanned<String>,
}

/// CPU and memory requests and limits.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ResourcesSpec {
    /// Requests.
    #[serde(default)]
    pub requests: ResourceAmountsSpec,
    /// Limits.
    #[serde(default)]
    pub limits: ResourceAmountsSpec,
}

/// Kubernetes quantities for the non-accelerator resources.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ResourceAmountsSpec {
    /// CPU, e.g. `"8"` or `"7500m"`.
    #[serde(default)]
    pub cpu: Option<Spanned<String>>,
    /// Memory, e.g. `"32Gi"`.
    #[serde(default)]
    pub memory: Option<Spanned<String>>,
    /// Ephemeral storage, e.g. `"50Gi"`.
    #[serde(default)]
    pub ephemeral_storage: Option<Spanned<String>>,
}

/// The serving scheme of vLLM.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ServingSpec {
    /// `https` (vLLM serves TLS with the certificate KServe mounts at `/var/run/kserve/tls`) or `http`. Default `https`.
    #[serde(default)]
    pub scheme: Spanned<Scheme>,
}

/// An HTTP scheme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Scheme {
    /// TLS.
    #[default]
    Https,
    /// Plain text.
    Http,
}

/// vLLM arguments. Typed flags render in a fixed order, then `extra-args` verbatim.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VllmSpec {
    /// How the arguments reach vLLM: `script`, one shell string for a `/bin/bash -c` command (Open Data Hub's
    /// template), or `flags`, a list of flags for `vllm serve /mnt/models` (upstream KServe). Default: the target's form.
    #[serde(default)]
    pub args_form: Option<Spanned<ArgsForm>>,
    /// The first line of a `script`: the program that starts the server. `--model=/mnt/models` follows it.
    #[serde(default = "default_launcher")]
    pub launcher: Spanned<String>,
    /// `--served-model-name`: the model id vLLM answers to. Without it the id is the path `/mnt/models`.
    #[serde(default)]
    pub served_model_name: Option<Spanned<String>>,
    /// `--dtype`.
    #[serde(default)]
    pub dtype: Option<Spanned<Dtype>>,
    /// `--max-model-len`: the context length in tokens.
    #[serde(default)]
    pub max_model_len: Option<Spanned<u32>>,
    /// `--tensor-parallel-size`. Derived from the accelerator (chips or GPUs per replica); set it only to state it.
    #[serde(default)]
    pub tensor_parallel_size: Option<Spanned<u32>>,
    /// `--gpu-memory-utilization`, a fraction in (0, 1].
    #[serde(default)]
    pub gpu_memory_utilization: Option<Spanned<f64>>,
    /// `--max-num-seqs`.
    #[serde(default)]
    pub max_num_seqs: Option<Spanned<u32>>,
    /// `--enable-prefix-caching`. Default true: Pattern 3 routes by prefix to reuse the KV cache.
    #[serde(default = "yes")]
    pub enable_prefix_caching: bool,
    /// `--disable-log-requests`. Default true.
    #[serde(default = "yes")]
    pub disable_log_requests: bool,
    /// Further arguments, verbatim, after the typed ones (e.g. `--block-size=128`).
    #[serde(default)]
    pub extra_args: Vec<Spanned<String>>,
}

impl Default for VllmSpec {
    fn default() -> Self {
        VllmSpec {
            args_form: None,
            launcher: default_launcher(),
            served_model_name: None,
            dtype: None,
            max_model_len: None,
            tensor_parallel_size: None,
            gpu_memory_utilization: None,
            max_num_seqs: None,
            enable_prefix_caching: true,
            disable_log_requests: true,
            extra_args: Vec::new(),
        }
    }
}

/// The form of the vLLM container arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ArgsForm {
    /// One shell script string, one flag per line, for `command: [/bin/bash, -c]`.
    Script,
    /// One list item per flag, for `command: [vllm, serve, /mnt/models]`.
    Flags,
}

/// A vLLM `--dtype` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Dtype {
    /// `auto`.
    Auto,
    /// `half` (float16).
    Half,
    /// `float16`.
    Float16,
    /// `bfloat16`.
    Bfloat16,
    /// `float` (float32).
    Float,
    /// `float32`.
    Float32,
}

/// The probes of the vLLM container.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProbesSpec {
    /// The liveness probe. Defaults: `/health`, period 30 s, timeout 30 s, failure threshold 5.
    #[serde(default)]
    pub liveness: ProbeSpec,
    /// The readiness probe. Defaults: `/v1/models`, period 10 s, timeout 10 s.
    #[serde(default)]
    pub readiness: ProbeSpec,
    /// An optional startup probe (path `/health`), for slow model downloads and compilation.
    #[serde(default)]
    pub startup: Option<ProbeSpec>,
}

/// One HTTP probe on port 8000. Unset fields take the accelerator's defaults
/// (initial delay 240 s on TPU, 180 s on GPU).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProbeSpec {
    /// The HTTP path.
    #[serde(default)]
    pub path: Option<Spanned<String>>,
    /// The probe scheme. Default: the serving scheme (anything else fails the probe).
    #[serde(default)]
    pub scheme: Option<Spanned<Scheme>>,
    /// `initialDelaySeconds`.
    #[serde(default)]
    pub initial_delay: Option<Spanned<u32>>,
    /// `periodSeconds`.
    #[serde(default)]
    pub period: Option<Spanned<u32>>,
    /// `timeoutSeconds`.
    #[serde(default)]
    pub timeout: Option<Spanned<u32>>,
    /// `failureThreshold`.
    #[serde(default)]
    pub failure_threshold: Option<Spanned<u32>>,
}

/// The gateway in front of the service.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GatewaySpec {
    /// The Gateway name; its pods carry `gateway.networking.k8s.io/gateway-name: <name>`.
    pub name: Spanned<String>,
    /// The Gateway namespace; the EnvoyFilter goes there.
    pub namespace: Spanned<String>,
    /// `default`: `router.gateway: {}` binds to KServe's configured ingress gateway, which must be this one.
    /// `explicit`: `router.gateway.refs` names this gateway. Default `default`.
    #[serde(default)]
    pub binding: GatewayBinding,
}

/// How the LLMInferenceService names its gateway.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum GatewayBinding {
    /// `gateway: {}`: KServe's `ingress.kserveIngressGateway`.
    #[default]
    Default,
    /// `gateway.refs: [{name, namespace}]`.
    Explicit,
}

/// The endpoint picker.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SchedulerSpec {
    /// Run the EPP (`router.scheduler`). Default true; without it there is no prefix-aware routing.
    #[serde(default = "spanned_yes")]
    pub enabled: Spanned<bool>,
    /// Scorer weights by EPP plugin type, e.g. `prefix-cache-scorer = { weight = 3 }`. Empty means the target's defaults.
    #[serde(default)]
    pub scorers: BTreeMap<Spanned<String>, ScorerSpec>,
}

impl Default for SchedulerSpec {
    fn default() -> Self {
        SchedulerSpec {
            enabled: spanned_yes(),
            scorers: BTreeMap::new(),
        }
    }
}

/// One EPP scorer plugin.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ScorerSpec {
    /// The weight: the profile sums score × weight over its scorers.
    pub weight: Spanned<f64>,
    /// Plugin parameters, by the EPP's own (camelCase) names, e.g. `{ blockSize = 64 }`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, serde_json::Value>")]
    pub parameters: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

/// The EnvoyFilter that sets per-route ext_proc processing modes on the gateway.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EnvoyFilterSpec {
    /// Emit the EnvoyFilter. Default false: Istio 1.27 and later configure ext_proc on InferencePool routes themselves.
    #[serde(default)]
    pub enabled: Spanned<bool>,
    /// The EnvoyFilter name. Default `<service>-ext-proc-body`.
    #[serde(default)]
    pub name: Option<Spanned<String>>,
    /// The patch operation on each route. Default `merge`.
    #[serde(default)]
    pub operation: Option<Spanned<PatchOperation>>,
    /// Indices of the HTTPRoute rules to patch. Default: the target's InferencePool rules.
    #[serde(default)]
    pub route_indices: Option<Spanned<Vec<u32>>>,
    /// `request_header_mode`.
    #[serde(default)]
    pub request_header_mode: Option<Spanned<HeaderMode>>,
    /// `response_header_mode`.
    #[serde(default)]
    pub response_header_mode: Option<Spanned<HeaderMode>>,
    /// `request_body_mode`. Default `FULL_DUPLEX_STREAMED`.
    #[serde(default)]
    pub request_body_mode: Option<Spanned<BodyMode>>,
    /// `response_body_mode`. Default `FULL_DUPLEX_STREAMED`.
    #[serde(default)]
    pub response_body_mode: Option<Spanned<BodyMode>>,
    /// `request_trailer_mode`; `FULL_DUPLEX_STREAMED` needs `SEND`.
    #[serde(default)]
    pub request_trailer_mode: Option<Spanned<HeaderMode>>,
    /// `response_trailer_mode`; `FULL_DUPLEX_STREAMED` needs `SEND`.
    #[serde(default)]
    pub response_trailer_mode: Option<Spanned<HeaderMode>>,
}

/// An EnvoyFilter patch operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PatchOperation {
    /// `MERGE`: replaces whole map entries such as `typed_per_filter_config["envoy.filters.http.ext_proc"]`.
    Merge,
    /// `REPLACE`.
    Replace,
}

/// An ext_proc header or trailer processing mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum HeaderMode {
    /// Use the filter's default.
    #[serde(rename = "DEFAULT")]
    Default,
    /// Send to the external processor.
    #[serde(rename = "SEND")]
    Send,
    /// Do not send.
    #[serde(rename = "SKIP")]
    Skip,
}

/// An ext_proc body processing mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum BodyMode {
    /// Do not send the body.
    #[serde(rename = "NONE")]
    None,
    /// Stream chunks.
    #[serde(rename = "STREAMED")]
    Streamed,
    /// Buffer the whole body; fails above the buffer limit.
    #[serde(rename = "BUFFERED")]
    Buffered,
    /// Buffer up to the limit and truncate.
    #[serde(rename = "BUFFERED_PARTIAL")]
    BufferedPartial,
    /// Stream both ways; needs the trailer mode `SEND`.
    #[serde(rename = "FULL_DUPLEX_STREAMED")]
    FullDuplexStreamed,
}

/// Istio peer authentication for the workload namespace.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MeshSpec {
    /// The mTLS mode. `mesh-default` emits no PeerAuthentication (the mesh-wide policy applies).
    #[serde(default)]
    pub mtls: Spanned<MtlsMode>,
    /// `namespace`: one PeerAuthentication named `default` for the namespace; `workload`: one selecting the vLLM pods.
    #[serde(default)]
    pub scope: MtlsScope,
}

/// An Istio mTLS mode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MtlsMode {
    /// Emit nothing; the mesh default applies.
    #[default]
    MeshDefault,
    /// Accept plain text and mTLS.
    Permissive,
    /// Require mTLS.
    Strict,
    /// No mTLS.
    Disable,
}

/// What a PeerAuthentication applies to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MtlsScope {
    /// The whole namespace.
    #[default]
    Namespace,
    /// The vLLM pods only.
    Workload,
}

/// The NetworkPolicies.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NetworkPoliciesSpec {
    /// Appended to every policy name. Default `-<service name>`.
    #[serde(default)]
    pub name_suffix: Option<Spanned<String>>,
    /// Labels on every policy whose `common-labels` is true.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// The namespace Prometheus scrapes from. Default `monitoring`.
    #[serde(default)]
    pub monitoring_namespace: Option<Spanned<String>>,
    /// The Istio control-plane namespace. Default `istio-system`.
    #[serde(default)]
    pub istio_namespace: Option<Spanned<String>>,
    /// Emit a namespace default-deny policy for ingress and egress. Default false.
    #[serde(default)]
    pub default_deny: Spanned<bool>,
    /// Pod selectors. Each defaults to the labels KServe really sets.
    #[serde(default)]
    pub selectors: SelectorsSpec,
    /// How pods reach the Kubernetes API server.
    #[serde(default)]
    pub api_server: ApiServerSpec,
    /// Ingress to vLLM from the gateway.
    #[serde(default)]
    pub gateway_to_vllm: GatewayToVllmSpec,
    /// Ingress to the EPP from the gateway and monitoring, and the EPP's egress.
    #[serde(default)]
    pub gateway_to_epp: GatewayToEppSpec,
    /// Ingress and egress between every pod and the Istio control plane.
    #[serde(default)]
    pub istio: IstioPolicySpec,
    /// Egress of the vLLM pods.
    #[serde(default)]
    pub vllm_egress: VllmEgressSpec,
}

/// Label selectors used by the policies.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SelectorsSpec {
    /// Selects the vLLM pods that the vLLM policies apply to.
    /// Default `{app.kubernetes.io/name: <service>, app.kubernetes.io/part-of: llminferenceservice, kserve.io/component: workload}`.
    #[serde(default)]
    pub workload: Option<Spanned<BTreeMap<String, String>>>,
    /// Selects the vLLM pods as the EPP's egress peer. Default: the `workload` selector.
    #[serde(default)]
    pub workload_peer: Option<Spanned<BTreeMap<String, String>>>,
    /// Selects the EPP pods.
    /// Default `{app.kubernetes.io/component: llminferenceservice-router-scheduler, app.kubernetes.io/name: <service>}`.
    #[serde(default)]
    pub epp: Option<Spanned<BTreeMap<String, String>>>,
}

/// How the API server is reached.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ApiServerSpec {
    /// `ip-block`: TCP `port` to `cidrs` (a managed control plane is outside the cluster). `pod-selector`: TCP 443 to pods
    /// labelled `component: apiserver` in any namespace, and TCP 6443 to any namespace (self-hosted control planes).
    /// `none`: no rule. Default `none`.
    #[serde(default)]
    pub mode: Spanned<ApiServerMode>,
    /// The control-plane CIDRs, for `ip-block`.
    #[serde(default)]
    pub cidrs: Vec<Spanned<String>>,
    /// The API server port, for `ip-block`. Default 443.
    #[serde(default)]
    pub port: Option<Spanned<u16>>,
}

/// How the API server is reached.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ApiServerMode {
    /// No API-server rule.
    #[default]
    None,
    /// Pods labelled `component: apiserver` on 443, any namespace on 6443.
    PodSelector,
    /// An `ipBlock` per CIDR.
    IpBlock,
}

/// The gateway → vLLM ingress policy.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GatewayToVllmSpec {
    /// Emit this policy. Default true.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The name before the suffix. Default `allow-gateway-to-vllm`.
    #[serde(default)]
    pub name: Option<Spanned<String>>,
    /// Carry the common labels plus `app.kubernetes.io/component: <component>`. Default true.
    #[serde(default)]
    pub common_labels: Option<bool>,
    /// The `app.kubernetes.io/component` label value. Default `ingress`.
    #[serde(default)]
    pub component: Option<String>,
    /// Also admit port 8000 from every pod in every namespace (meant for kubelet probes, which need no rule). Default false.
    #[serde(default)]
    pub any_pod_probe_rule: Spanned<bool>,
    /// Admit port 8000 from the EPP pods, which read vLLM's metrics there. Default true.
    #[serde(default)]
    pub allow_epp: Option<Spanned<bool>>,
}

/// The gateway → EPP policy.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GatewayToEppSpec {
    /// Emit this policy. Default true when the scheduler is enabled.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The name before the suffix. Default `allow-gateway-to-epp`.
    #[serde(default)]
    pub name: Option<Spanned<String>>,
    /// Carry the common labels plus `app.kubernetes.io/component: <component>`. Default true.
    #[serde(default)]
    pub common_labels: Option<bool>,
    /// The `app.kubernetes.io/component` label value. Default `scheduler`.
    #[serde(default)]
    pub component: Option<String>,
    /// EPP ports the gateway may reach. Default `[9002]` (ext_proc gRPC).
    #[serde(default)]
    pub gateway_ports: Option<Vec<u16>>,
    /// EPP ports the monitoring namespace may reach. Default `[9090]` (metrics).
    #[serde(default)]
    pub monitoring_ports: Option<Vec<u16>>,
    /// DNS protocols the EPP may use. Default `["UDP", "TCP"]`.
    #[serde(default)]
    pub dns_protocols: Option<Spanned<Vec<Protocol>>>,
}

/// The Istio control-plane policy.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct IstioPolicySpec {
    /// Emit this policy. Default true.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The name before the suffix. Default `allow-istio-control-plane`.
    #[serde(default)]
    pub name: Option<Spanned<String>>,
    /// Carry the common labels plus `app.kubernetes.io/component: <component>`. Default true.
    #[serde(default)]
    pub common_labels: Option<bool>,
    /// The `app.kubernetes.io/component` label value. Default `istio`.
    #[serde(default)]
    pub component: Option<String>,
}

/// The vLLM egress policy.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VllmEgressSpec {
    /// Emit this policy. Default true.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The name before the suffix. Default `allow-vllm-egress`.
    #[serde(default)]
    pub name: Option<Spanned<String>>,
    /// Carry the common labels plus `app.kubernetes.io/component: <component>`. Default true.
    #[serde(default)]
    pub common_labels: Option<bool>,
    /// The `app.kubernetes.io/component` label value. Default `egress`.
    #[serde(default)]
    pub component: Option<String>,
    /// `all`: any destination. `restricted`: DNS (UDP and TCP 53 to kube-dns), HTTPS (TCP 443) and the API server.
    /// Default `all`.
    #[serde(default)]
    pub mode: Spanned<EgressMode>,
}

/// How much egress vLLM gets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EgressMode {
    /// `egress: [{}]`.
    #[default]
    All,
    /// DNS, HTTPS and the API server only.
    Restricted,
}

/// A network protocol.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum Protocol {
    /// UDP.
    #[serde(rename = "UDP")]
    Udp,
    /// TCP.
    #[serde(rename = "TCP")]
    Tcp,
}

fn yes() -> bool {
    true
}

fn spanned_yes() -> Spanned<bool> {
    Spanned::unspanned(true)
}

fn exists() -> TolerationOperator {
    TolerationOperator::Exists
}

fn default_launcher() -> Spanned<String> {
    Spanned::unspanned("python3 -m vllm.entrypoints.openai.api_server".to_owned())
}

/// The JSON Schema of the spec format, pretty-printed, with a trailing newline.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Spec);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
