//! The raw TOML shape of a p3gen spec: serde types that reject unknown keys, with no logic.
//!
//! Every field's `///` doc becomes its description in `schemas/p3gen.schema.json`. Keys are
//! kebab-case. Leaves that diagnostics point at are [`Spanned`].

mod literals;
mod parse;
mod spanned;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use literals::{LabelPart, Literal, Role, literals_of};
pub use parse::parse;
pub use spanned::Spanned;

use crate::target::{Actuator, EppGeneration, IstioVersion, KserveTarget, VllmVersion};

/// The ext_proc modes the `[envoy-filter]` table takes; defined with the version tables.
pub use crate::target::{BodyMode, HeaderMode};

/// A p3gen spec: one LLMInferenceService with its gateway, scheduler, mesh and NetworkPolicy settings.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "p3gen spec")]
pub struct Spec {
    /// `poc` (default) or `production`. The profile chooses the defaults of the fields that do not say
    /// otherwise: under `production`, STRICT mTLS, a default-deny NetworkPolicy, restricted vLLM egress, the
    /// API server by ipBlock, the EPP health port open to the gateway, `--served-model-name` = `model.name`,
    /// PodDisruptionBudgets and PodMonitors. A value written in the spec always wins over the profile.
    #[serde(default)]
    pub profile: Spanned<Profile>,
    /// The LLMInferenceService: its name, namespace and replica count.
    pub service: Spanned<ServiceSpec>,
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
    /// Autoscaling of the vLLM replicas by the llm-d workload-variant-autoscaler (WVA), rendered as
    /// `spec.scaling` (KServe 0.18 and later); in place of `service.replicas`.
    #[serde(default)]
    pub autoscaling: Option<Spanned<AutoscalingSpec>>,
    /// Istio mutual TLS for the workload namespace.
    #[serde(default)]
    pub mesh: MeshSpec,
    /// The NetworkPolicies that fence the workload in.
    #[serde(default)]
    pub network_policies: NetworkPoliciesSpec,
    /// PodDisruptionBudgets for the vLLM pods and, with more than one replica, the EPP pods.
    #[serde(default)]
    pub disruption_budgets: DisruptionBudgetsSpec,
    /// Prometheus Operator PodMonitors for vLLM's and the EPP's metrics.
    #[serde(default)]
    pub monitoring: MonitoringSpec,
    /// Inputs of `p3gen plan`: prices, measured throughput, utilisation and hours per month. Rendering ignores them.
    #[serde(default)]
    pub plan: PlanSpec,
    /// GitOps settings: Argo CD sync waves in apply order.
    #[serde(default)]
    pub gitops: GitopsSpec,
    /// Which warnings not to report for this spec.
    #[serde(default)]
    pub lints: LintsSpec,
    /// Every string the spec writes, with its place; filled by [`parse`], not a key of the format.
    #[serde(skip)]
    #[schemars(skip)]
    pub literals: std::sync::Arc<[Literal]>,
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

/// Which defaults apply to the fields a spec leaves unset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// What the reviewed reference does: the mesh default for mTLS, no default-deny, allow-all vLLM egress,
    /// no PodDisruptionBudget and no PodMonitor.
    #[default]
    Poc,
    /// The parts the proof of concept deferred: STRICT mTLS, default-deny, restricted egress, the API server by
    /// ipBlock, PodDisruptionBudgets, PodMonitors, and vLLM serving the model under `model.name`.
    Production,
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
    /// The number of vLLM replicas; each runs on one TPU host or GPU node. Required unless
    /// `[autoscaling]` sets the range instead (the two exclude each other).
    #[serde(default)]
    pub replicas: Option<Spanned<Int32>>,
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

/// The versions of the controllers that consume the output. `p3gen targets` lists what differs between them;
/// `--target kserve=…,istio=…` on the command line overrides them.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TargetSpec {
    /// The KServe flavour and version: `odh-0.15` (Open Data Hub), `0.16` … `0.20`. Default `odh-0.15`.
    /// It decides the EPP (and so the scorer plugins, weight type and flag spelling), where scorer
    /// weights go, the HTTPRoute rules the EnvoyFilter patches, and how vLLM is started.
    #[serde(default)]
    pub kserve: Spanned<KserveTarget>,
    /// The Istio version: `1.26` … `1.30`. Default `1.27`.
    #[serde(default)]
    pub istio: Spanned<IstioVersion>,
    /// Another EPP than the one the KServe target deploys: its image and which EPP version it is.
    /// Default: the target's own EPP.
    #[serde(default)]
    pub epp: Option<EppSpec>,
    /// The vLLM release the serving image carries, whose `vllm serve` flags the arguments are
    /// checked against: `0.10.0`, `0.10.1`, `0.10.2`, `0.11.0`, `0.11.2`, `0.12.0`, `0.13.0`,
    /// `0.33.0`. Default: what the image tells (Red Hat AI Inference Server tags), else unknown,
    /// and the flags are checked against every release.
    #[serde(default)]
    pub vllm: Option<Spanned<VllmVersion>>,
    /// The cluster's `ingress.enableLLMInferenceServiceTLS` in KServe's `inferenceservice-config`
    /// (KServe 0.18 and later; absent there means false). With it on, the 0.18+ template serves
    /// HTTPS with KServe's certificates and probes over HTTPS. Default false, as upstream.
    #[serde(default)]
    pub llmisvc_tls: Option<Spanned<bool>>,
}

/// An EPP image in place of the KServe target's default one.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EppSpec {
    /// The EPP image, set on the scheduler's `main` container.
    pub image: Spanned<String>,
    /// Which EPP the image is, which decides its plugins, weight type, flag spelling and config
    /// `apiVersion`: `inference-scheduler-0.2`, `inference-scheduler-0.4`, `inference-scheduler-0.7`
    /// (llm-d-inference-scheduler) or `router-endpoint-picker-0.9` (llm-d-router-endpoint-picker).
    pub version: Spanned<EppGeneration>,
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
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
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
    /// `https` (vLLM serves TLS with the certificate KServe mounts at `/var/run/kserve/tls`) or `http`.
    /// Default: the scheme of the target's own vLLM template, `https` on `odh-0.15` and `http` upstream.
    #[serde(default)]
    pub scheme: Option<Spanned<Scheme>>,
}

/// An HTTP scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Scheme {
    /// TLS.
    Https,
    /// Plain text.
    Http,
}

/// vLLM arguments. Typed flags render in a fixed order, then `extra-args` verbatim.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VllmSpec {
    /// How the arguments reach vLLM: `script`, one shell string for a `/bin/bash -c` command (Open Data Hub's
    /// template), or `flags`, a list of flags for `vllm serve /mnt/models` (upstream KServe). Default: the form
    /// the target's template needs (`script` on `odh-0.15`, `flags` upstream).
    #[serde(default)]
    pub args_form: Option<Spanned<ArgsForm>>,
    /// The first line of a `script`: the program that starts the server. `--model=/mnt/models` follows it.
    #[serde(default = "default_launcher")]
    pub launcher: Spanned<String>,
    /// `--served-model-name`: the model id vLLM answers to. Without it the id is the path `/mnt/models`.
    /// Default: none under `poc`; `model.name` under `production`.
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
    /// `--disable-log-requests`. Default: true on `0.16`, whose template passes it; false on
    /// `odh-0.15` and from `0.17`, whose templates do not: vLLM logs no requests by default from
    /// 0.10.1, deprecates the flag, and exits on it from 0.17.
    #[serde(default)]
    pub disable_log_requests: Option<Spanned<bool>>,
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
            disable_log_requests: None,
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
    pub initial_delay: Option<Spanned<Int32>>,
    /// `periodSeconds`.
    #[serde(default)]
    pub period: Option<Spanned<Int32>>,
    /// `timeoutSeconds`.
    #[serde(default)]
    pub timeout: Option<Spanned<Int32>>,
    /// `failureThreshold`.
    #[serde(default)]
    pub failure_threshold: Option<Spanned<Int32>>,
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
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Scorer weights by EPP plugin type, e.g. `prefix-cache-scorer = { weight = 3 }`, checked against the
    /// plugins of the target's EPP. Empty, or equal to the target's built-in default, renders `scheduler: {}`;
    /// other weights become an EndpointPickerConfig where the target reads one (`p3gen explain-routing`).
    #[serde(default)]
    pub scorers: BTreeMap<Spanned<String>, ScorerSpec>,
    /// EPP replicas (`router.scheduler.replicas`, KServe 0.17 and later; more than one turns on leader election).
    /// Default: KServe's, one.
    #[serde(default)]
    pub replicas: Option<Spanned<Int32>>,
}

impl Default for SchedulerSpec {
    fn default() -> Self {
        SchedulerSpec {
            enabled: true,
            scorers: BTreeMap::new(),
            replicas: None,
        }
    }
}

/// One EPP scorer plugin.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ScorerSpec {
    /// The weight: the profile sums score × weight over its scorers. A whole number on EPPs that read
    /// integer weights (every target before `0.20`).
    pub weight: Spanned<f64>,
    /// Plugin parameters, by the EPP's own (camelCase) names, e.g. `{ blockSize = 64 }` for
    /// `prefix-cache-scorer` (`hashBlockSize` on `0.16`).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, serde_json::Value>")]
    pub parameters: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

/// The replica range and the actuator of WVA autoscaling (`spec.scaling`; `p3gen explain-scaling`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AutoscalingSpec {
    /// The fewest vLLM replicas (`minReplicas`, at least 1). Default 1.
    #[serde(default)]
    pub min_replicas: Option<Spanned<Int32>>,
    /// The most vLLM replicas (`maxReplicas`).
    pub max_replicas: Spanned<Int32>,
    /// What scales the Deployment to WVA's decision: `hpa` (a HorizontalPodAutoscaler; needs a
    /// Prometheus Adapter) or `keda` (a KEDA ScaledObject; needs KEDA and KServe's `prometheus.url`).
    pub actuator: Spanned<Actuator>,
    /// WVA's cost of one replica of this variant, a decimal string such as `"10.0"` (`wva.variantCost`).
    /// Default: KServe's, `"10.0"`.
    #[serde(default)]
    pub variant_cost: Option<Spanned<String>>,
    /// The HPA's scaling behaviour (`wva.hpa.behavior`), with `actuator = "hpa"` only.
    #[serde(default)]
    pub behavior: Option<Spanned<ScalingBehaviorSpec>>,
    /// KEDA's polling, cooldown and idle settings (`wva.keda`), with `actuator = "keda"` only.
    #[serde(default)]
    pub keda: Option<Spanned<KedaSpec>>,
}

/// `autoscaling/v2` HorizontalPodAutoscaler behaviour: how fast to scale up and down.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ScalingBehaviorSpec {
    /// Scaling up (`scaleUp`).
    #[serde(default)]
    pub scale_up: Option<ScalingRulesSpec>,
    /// Scaling down (`scaleDown`).
    #[serde(default)]
    pub scale_down: Option<ScalingRulesSpec>,
}

/// One direction of HPA scaling (`HPAScalingRules`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ScalingRulesSpec {
    /// Seconds of past recommendations to consider (`stabilizationWindowSeconds`, 0 to 3600).
    #[serde(default)]
    pub stabilization_window_seconds: Option<Spanned<Int32>>,
    /// Which policy wins: `Max`, `Min` or `Disabled` (`selectPolicy`).
    #[serde(default)]
    pub select_policy: Option<Spanned<SelectPolicy>>,
    /// Rate limits, e.g. `[{ type = "Pods", value = 1, period-seconds = 300 }]` (`policies`).
    #[serde(default)]
    pub policies: Vec<ScalingPolicySpec>,
}

/// Which of several HPA scaling policies applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum SelectPolicy {
    /// The policy that changes the most replicas.
    Max,
    /// The policy that changes the fewest replicas.
    Min,
    /// No scaling in this direction.
    Disabled,
}

/// One HPA scaling policy (`HPAScalingPolicy`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ScalingPolicySpec {
    /// `Pods` (a number of replicas) or `Percent` (of the current replicas).
    #[serde(rename = "type")]
    pub kind: Spanned<ScalingPolicyType>,
    /// How many pods or what percentage (more than 0).
    pub value: Spanned<Int32>,
    /// Over how many seconds (1 to 1800).
    pub period_seconds: Spanned<Int32>,
}

/// The unit of an HPA scaling policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum ScalingPolicyType {
    /// A number of replicas.
    Pods,
    /// A percentage of the current replicas.
    Percent,
}

/// KEDA ScaledObject settings that KServe passes through (`wva.keda`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KedaSpec {
    /// Seconds between metric queries (`pollingInterval`, at least 1; KEDA's default 30).
    #[serde(default)]
    pub polling_interval: Option<Spanned<Int32>>,
    /// Seconds after the last active trigger before scaling to the idle count (`cooldownPeriod`; KEDA's default 300).
    #[serde(default)]
    pub cooldown_period: Option<Spanned<Int32>>,
    /// Seconds after creation before the first cooldown (`initialCooldownPeriod`; KEDA's default 0).
    #[serde(default)]
    pub initial_cooldown_period: Option<Spanned<Int32>>,
    /// The replicas while no trigger is active (`idleReplicaCount`, at least 1 and below `min-replicas`).
    #[serde(default)]
    pub idle_replica_count: Option<Spanned<Int32>>,
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
    /// Indices of the HTTPRoute rules to patch, for targets whose rules are unnamed (`odh-0.15` … `0.18`).
    /// Only InferencePool rules may be patched. Default: the target's InferencePool rules.
    #[serde(default)]
    pub route_indices: Option<Spanned<Vec<u32>>>,
    /// Names of the HTTPRoute rules to patch, for targets whose rules are named (`0.19`, `0.20`); Istio
    /// names their routes after the rule. Default: the target's documented InferencePool rule names.
    #[serde(default)]
    pub route_names: Option<Spanned<Vec<String>>>,
    /// `request_header_mode`.
    #[serde(default)]
    pub request_header_mode: Option<Spanned<HeaderMode>>,
    /// `response_header_mode`.
    #[serde(default)]
    pub response_header_mode: Option<Spanned<HeaderMode>>,
    /// `request_body_mode`. Default: the target's, `FULL_DUPLEX_STREAMED` (`BUFFERED` made the EPP hang).
    #[serde(default)]
    pub request_body_mode: Option<Spanned<BodyMode>>,
    /// `response_body_mode`. Default: the target's, `FULL_DUPLEX_STREAMED`.
    #[serde(default)]
    pub response_body_mode: Option<Spanned<BodyMode>>,
    /// `request_trailer_mode`; `FULL_DUPLEX_STREAMED` needs `SEND`. Default `SEND` with a
    /// `FULL_DUPLEX_STREAMED` request body, otherwise unset.
    #[serde(default)]
    pub request_trailer_mode: Option<Spanned<HeaderMode>>,
    /// `response_trailer_mode`; `FULL_DUPLEX_STREAMED` needs `SEND`. Default `SEND` with a
    /// `FULL_DUPLEX_STREAMED` response body, otherwise unset.
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

/// Istio peer authentication for the workload namespace.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MeshSpec {
    /// The mTLS mode. `mesh-default` emits no PeerAuthentication (the mesh-wide policy applies).
    /// Default `mesh-default` under `poc`, `strict` under `production`.
    #[serde(default)]
    pub mtls: Option<Spanned<MtlsMode>>,
    /// `namespace`: one PeerAuthentication named `default` for the namespace; `workload`: one selecting the vLLM pods.
    #[serde(default)]
    pub scope: MtlsScope,
}

/// GitOps settings.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GitopsSpec {
    /// Annotate every object with `argocd.argoproj.io/sync-wave` in apply order: namespace-wide
    /// prerequisites and mesh policy `"0"`, the LLMInferenceService `"1"`, the EnvoyFilter `"2"` (it patches
    /// routes that exist only once the service has reconciled), NetworkPolicies and monitoring `"3"`.
    /// Default false.
    #[serde(default)]
    pub sync_waves: bool,
}

/// An Istio mTLS mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MtlsMode {
    /// Emit nothing; the mesh default applies.
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
    /// Emit a namespace default-deny policy for ingress and egress. Default false under `poc`, true under `production`.
    #[serde(default)]
    pub default_deny: Option<Spanned<bool>>,
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
    /// `none`: no rule. Default `none` under `poc`, `ip-block` under `production` (which then needs `cidrs`).
    #[serde(default)]
    pub mode: Option<Spanned<ApiServerMode>>,
    /// The control-plane CIDRs, for `ip-block`.
    #[serde(default)]
    pub cidrs: Vec<Spanned<String>>,
    /// The API server port, for `ip-block`. Default 443.
    #[serde(default)]
    pub port: Option<Spanned<u16>>,
}

/// How the API server is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ApiServerMode {
    /// No API-server rule.
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
    /// Admit port 8000 from the monitoring namespace, so Prometheus can scrape vLLM's `/metrics`.
    /// Default: whether `monitoring.enabled` is.
    #[serde(default)]
    pub allow_monitoring: Option<Spanned<bool>>,
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
    /// EPP ports the gateway may reach. Default `[9002]` (ext_proc gRPC) under `poc`, `[9002, 9003]` (ext_proc and
    /// gRPC health) under `production`.
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
    /// Default `all` under `poc`, `restricted` under `production`.
    #[serde(default)]
    pub mode: Option<Spanned<EgressMode>>,
}

/// How much egress vLLM gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EgressMode {
    /// `egress: [{}]`.
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

/// The PodDisruptionBudgets.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DisruptionBudgetsSpec {
    /// Emit a `policy/v1` PodDisruptionBudget for the vLLM pods, and one for the EPP pods when
    /// `scheduler.replicas` is more than one. Default false under `poc`, true under `production`.
    #[serde(default)]
    pub enabled: Option<Spanned<bool>>,
    /// `maxUnavailable` of the vLLM pods' budget: how many replicas a drain may take down at once. Default 1.
    #[serde(default)]
    pub max_unavailable: Option<Spanned<Int32>>,
    /// `maxUnavailable` of the EPP pods' budget. Default 1.
    #[serde(default)]
    pub epp_max_unavailable: Option<Spanned<Int32>>,
}

/// The PodMonitors (`monitoring.coreos.com/v1`) that let a Prometheus Operator scrape vLLM and the EPP.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MonitoringSpec {
    /// Emit a PodMonitor for vLLM's `/metrics` on port 8000 and, with the scheduler, one for the EPP's `metrics`
    /// port (9090). Default false under `poc`, true under `production`.
    #[serde(default)]
    pub enabled: Option<Spanned<bool>>,
    /// Labels on the PodMonitors, e.g. the one your Prometheus selects them by (`release = "prometheus"`).
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// The scrape interval, e.g. `"30s"`. Default: Prometheus's global interval.
    #[serde(default)]
    pub interval: Option<Spanned<String>>,
    /// A `scrapeClass` of your Prometheus to use, e.g. one that carries Istio workload certificates when the
    /// scraped pods run sidecars under STRICT mTLS. Default: Prometheus's default class.
    #[serde(default)]
    pub scrape_class: Option<Spanned<String>>,
    /// The CA that signed vLLM's serving certificate (HTTPS serving only). Without it Prometheus scrapes with
    /// `insecureSkipVerify`, because KServe's certificate is self-signed and names the Service, not the pod IPs
    /// Prometheus scrapes.
    #[serde(default)]
    pub vllm_ca: Option<SecretKeySpec>,
    /// The name to verify vLLM's certificate against, with `vllm-ca`, e.g. `<name>-kserve-workload-svc.<namespace>.svc`.
    #[serde(default)]
    pub vllm_server_name: Option<Spanned<String>>,
    /// A Secret key holding a bearer token for the EPP's metrics endpoint, which may require one
    /// (sent as `authorization: {type: Bearer}`). Default: none.
    #[serde(default)]
    pub epp_bearer_token: Option<SecretKeySpec>,
}

/// Inputs of the capacity and cost plan (`p3gen plan`). Command-line flags win over these.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlanSpec {
    /// USD per chip-hour (TPU) or per GPU-hour, instead of the built-in table. Give this or `node-hour-usd`.
    #[serde(default)]
    pub chip_hour_usd: Option<Spanned<f64>>,
    /// USD per node-hour (the whole machine), instead of the built-in table.
    #[serde(default)]
    pub node_hour_usd: Option<Spanned<f64>>,
    /// Sustained requests per second at saturation, as measured; gives the cost per 1M requests.
    #[serde(default)]
    pub throughput: Option<Spanned<f64>>,
    /// The share of the time the throughput is sustained, in (0, 1]. Default 1.
    #[serde(default)]
    pub utilisation: Option<Spanned<f64>>,
    /// Hours per month for the monthly cost. Default 720 (24 × 30).
    #[serde(default)]
    pub hours_per_month: Option<Spanned<f64>>,
}

/// A whole number that lands in an `int32` field of a Kubernetes object (replicas, probe
/// timings, `maxUnavailable`): 0 to 2,147,483,647. A larger number, which the API server would
/// reject, is refused where the spec writes it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Int32(u32);

impl Int32 {
    /// The largest value of an `int32`.
    pub const MAX: u32 = i32::MAX.unsigned_abs();

    /// The number.
    pub fn get(self) -> u32 {
        self.0
    }
}

const INT32_EXPECTED: &str =
    "a whole number from 0 to 2147483647 (the Kubernetes field is an int32)";

impl<'de> Deserialize<'de> for Int32 {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Int32;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                // As for any `u32`: the parse diagnostics describe it as a whole number, 0 or more.
                f.write_str("u32")
            }

            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Int32, E> {
                if value < 0 {
                    return Err(E::invalid_value(
                        serde::de::Unexpected::Signed(value),
                        &self,
                    ));
                }
                u32::try_from(value)
                    .ok()
                    .filter(|value| *value <= Int32::MAX)
                    .map(Int32)
                    .ok_or_else(|| {
                        E::invalid_value(serde::de::Unexpected::Signed(value), &INT32_EXPECTED)
                    })
            }

            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Int32, E> {
                match i64::try_from(value) {
                    Ok(value) => self.visit_i64(value),
                    Err(_) => Err(E::invalid_value(
                        serde::de::Unexpected::Unsigned(value),
                        &INT32_EXPECTED,
                    )),
                }
            }
        }
        deserializer.deserialize_i64(Visitor)
    }
}

impl JsonSchema for Int32 {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Int32".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer",
            "format": "int32",
            "minimum": 0,
            "maximum": Int32::MAX,
        })
    }
}

fn yes() -> bool {
    true
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
