//! What each KServe target's controller creates and accepts: one static table row per [`KserveTarget`].

use std::fmt;

use super::epp::{EppGeneration, EppProfile, FlagStyle};
use super::scaling::ScalingSupport;
use super::version::KserveTarget;

/// A Kubernetes API group and version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiGroupVersion {
    /// The group, e.g. `inference.networking.k8s.io`.
    pub group: &'static str,
    /// The version, e.g. `v1`.
    pub version: &'static str,
}

impl fmt::Display for ApiGroupVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.group, self.version)
    }
}

/// A scorer and its weight in a target's built-in EndpointPickerConfig.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DefaultScorer {
    /// The plugin type.
    pub plugin: &'static str,
    /// Its weight.
    pub weight: f64,
}

/// Where an HTTPRoute rule sends requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteBackend {
    /// The InferencePool: the gateway calls the EPP over ext_proc for these rules.
    InferencePool,
    /// The workload Service (the catch-all); no EPP involved, never patched.
    Service,
}

/// One rule of the HTTPRoute KServe creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteRuleInfo {
    /// The rule's position in `rules[]`.
    pub index: usize,
    /// `rules[].name` (0.19+); `None` for unnamed rules.
    pub name: Option<&'static str>,
    /// The path it matches; `None` for a rule that matches a header only.
    pub path: Option<&'static str>,
    /// Its backend.
    pub backend: RouteBackend,
}

/// The HTTPRoute `<name>-kserve-route` KServe creates from `router.route: {}`, with model-based
/// routing on where the target has it (its default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpRouteLayout {
    /// How many rules the route has.
    pub rule_count: usize,
    /// Whether the rules carry `name` (then Istio names each route after the rule, not the index).
    pub named_rules: bool,
    /// Every rule, in order.
    pub rules: &'static [RouteRuleInfo],
    /// The rules KServe drops when model-based routing is off (0.19+), by name.
    pub model_routing_rules: &'static [&'static str],
    /// Where the layout is written (`owner/repo@tag:path`).
    pub source: &'static str,
}

/// How the vLLM container is started by the target's `kserve-config-llm-template` (versions.md §A2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VllmCommand {
    /// ODH: `command: ["/bin/bash", "-c"]` and `args[0]` a script running
    /// `vllm serve /mnt/models --served-model-name "{{ .Spec.Model.Name }}" --port 8000 ${VLLM_ADDITIONAL_ARGS}
    /// --enable-ssl-refresh --ssl-certfile …/tls.crt --ssl-keyfile …/tls.key`, with HTTPS probes. A user
    /// `args` list replaces the script and keeps `/bin/bash -c`, so it must be one script string
    /// (`opendatahub-io/kserve@odh-v3.3:config/llmisvc/config-llm-template.yaml L14-18, L139-145`).
    BashScript,
    /// K16: `command: [vllm, serve, /mnt/models]` with a flag list in `args` and HTTP probes. A user
    /// `args` list replaces the flags and keeps the command, so it must be a complete flag list
    /// (`kserve/kserve@v0.16.0:config/llmisvcconfig/config-llm-template.yaml L14-29`).
    VllmServe,
    /// K17: everything in `command` (`vllm serve /mnt/models --served-model-name … --port 8000`), no
    /// default `args`; user `args` are appended (`kserve/kserve@v0.17.0:config/llmisvcconfig/config-llm-template.yaml L14-27`).
    VllmServeCommand,
    /// K18–K20: `command: ["/bin/bash", "-c", <script>, "--"]`; the script `eval`s
    /// `vllm serve /mnt/models --served-model-name … --port 8000 … $@`, so user `args` are appended
    /// and re-split by the shell (`kserve/kserve@v0.18.0:config/llmisvcconfig/config-llm-template.yaml L14-148`;
    /// `…@v0.20.0:… L16-179`). TLS flags and HTTPS probes only with `ingress.enableLLMInferenceServiceTLS`,
    /// false upstream by default (`kserve/kserve@v0.20.0:pkg/apis/serving/v1beta1/configmap.go L128`).
    BashEval,
}

impl VllmCommand {
    /// The form user `args` must take under this command: one script for ODH's `/bin/bash -c`, a
    /// flag list everywhere else.
    pub fn args_form(self) -> crate::spec::ArgsForm {
        match self {
            VllmCommand::BashScript => crate::spec::ArgsForm::Script,
            VllmCommand::VllmServe | VllmCommand::VllmServeCommand | VllmCommand::BashEval => {
                crate::spec::ArgsForm::Flags
            }
        }
    }

    /// Whether user `args` come after the template's own flags (model name, port) rather than
    /// replacing them.
    pub fn appends_user_args(self) -> bool {
        matches!(self, VllmCommand::VllmServeCommand | VllmCommand::BashEval)
    }

    /// Whether each user argument passes through a shell `eval`, so one with spaces, quotes or
    /// shell characters must be quoted inside its list element.
    pub fn evaluates_args(self) -> bool {
        self == VllmCommand::BashEval
    }

    /// Whether the template's own flags include `--disable-log-requests`: K16's only. ODH's script
    /// and the templates from 0.17 do not pass it; vLLM logs no requests by default from 0.10.1,
    /// deprecates the flag and exits on it from 0.17 (`vllm-project/vllm@v0.10.1.1:vllm/engine/arg_utils.py L1748-1756`;
    /// `@v0.17.0: L2187`).
    pub fn disables_request_logs(self) -> bool {
        self == VllmCommand::VllmServe
    }

    /// The start of the container `command` the template sets.
    pub fn command(self) -> &'static [&'static str] {
        match self {
            VllmCommand::BashScript => &["/bin/bash", "-c"],
            VllmCommand::VllmServe => &["vllm", "serve", "/mnt/models"],
            VllmCommand::VllmServeCommand => &[
                "vllm",
                "serve",
                "/mnt/models",
                "--served-model-name",
                "{{ .Spec.Model.Name }}",
                "--port",
                "8000",
            ],
            VllmCommand::BashEval => &["/bin/bash", "-c", "<script>", "--"],
        }
    }

    /// The template's default `args` as a flag list (K16); empty for the others.
    pub fn default_args(self) -> &'static [&'static str] {
        match self {
            VllmCommand::VllmServe => &[
                "--served-model-name",
                "{{ .Spec.Model.Name }}",
                "--port",
                "8000",
                "--disable-log-requests",
            ],
            _ => &[],
        }
    }

    /// Whether the template serves TLS by default: ODH always, K18+ only with
    /// `enableLLMInferenceServiceTLS` (false upstream by default), K16/K17 never.
    pub fn serves_https(self) -> bool {
        self == VllmCommand::BashScript
    }

    /// Whether the template's TLS flags, probe scheme and EPP metrics scheme follow the
    /// `inferenceservice-config` setting `ingress.enableLLMInferenceServiceTLS` (K18–K20:
    /// `kserve/kserve@v0.18.0:config/llmisvcconfig/config-llm-template.yaml L167-189`;
    /// `kserve/kserve@v0.20.0:pkg/apis/serving/v1beta1/configmap.go L128`, absent = false).
    pub fn follows_tls_setting(self) -> bool {
        self == VllmCommand::BashEval
    }

    /// Whether the template serves TLS on a cluster whose `enableLLMInferenceServiceTLS` is `tls`.
    pub fn serves_https_with(self, tls: bool) -> bool {
        self.serves_https() || (tls && self.follows_tls_setting())
    }

    /// The scheme of the template's probes by default: `HTTPS` or `HTTP`.
    pub fn probe_scheme(self) -> &'static str {
        if self.serves_https() {
            "HTTPS"
        } else if self.follows_tls_setting() {
            "HTTP (HTTPS with TLS on)"
        } else {
            "HTTP"
        }
    }

    /// A short description of the command and where user args go.
    pub fn describe(self) -> &'static str {
        match self {
            VllmCommand::BashScript => "/bin/bash -c <script> (args replace it)",
            VllmCommand::VllmServe => "vllm serve /mnt/models <flags> (args replace them)",
            VllmCommand::VllmServeCommand => "vllm serve /mnt/models … (args appended)",
            VllmCommand::BashEval => "/bin/bash -c <script> -- (args appended, eval'd)",
        }
    }
}

/// The timings of one probe of the template's vLLM container; `None` where the template leaves
/// kubelet's default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProbeTimings {
    /// `initialDelaySeconds`.
    pub initial_delay: Option<u32>,
    /// `periodSeconds`.
    pub period: Option<u32>,
    /// `timeoutSeconds`.
    pub timeout: Option<u32>,
    /// `failureThreshold`.
    pub failure_threshold: Option<u32>,
}

impl ProbeTimings {
    const fn new(
        initial_delay: Option<u32>,
        period: u32,
        timeout: Option<u32>,
        failure: u32,
    ) -> Self {
        ProbeTimings {
            initial_delay,
            period: Some(period),
            timeout,
            failure_threshold: Some(failure),
        }
    }

    /// Seconds before kubelet acts on a container that never answers:
    /// `initialDelaySeconds + periodSeconds × failureThreshold`.
    pub fn budget(&self) -> u32 {
        let period = self.period.unwrap_or(super::cluster::PROBE_DEFAULT_PERIOD);
        let failures = self
            .failure_threshold
            .unwrap_or(super::cluster::PROBE_DEFAULT_FAILURE_THRESHOLD);
        self.initial_delay
            .unwrap_or(0)
            .saturating_add(period.saturating_mul(failures))
    }

    /// `120 + 10 × 3 s` style: the budget as the template writes it.
    pub fn describe(&self) -> String {
        format!(
            "{}{} × {} s",
            self.initial_delay
                .map_or(String::new(), |d| format!("{d} + ")),
            self.failure_threshold
                .unwrap_or(super::cluster::PROBE_DEFAULT_FAILURE_THRESHOLD),
            self.period.unwrap_or(super::cluster::PROBE_DEFAULT_PERIOD)
        )
    }
}

/// The probes of the template's vLLM container (all `GET /health` on 8000; versions.md §A2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateProbes {
    /// The liveness probe.
    pub liveness: ProbeTimings,
    /// The readiness probe.
    pub readiness: ProbeTimings,
    /// The startup probe, where the template has one.
    pub startup: Option<ProbeTimings>,
    /// Where they are written.
    pub source: &'static str,
}

/// K16: `kserve/kserve@v0.16.0:config/llmisvcconfig/config-llm-template.yaml L48-65`.
const K16_PROBES: TemplateProbes = TemplateProbes {
    liveness: ProbeTimings::new(Some(120), 10, Some(10), 3),
    readiness: ProbeTimings::new(Some(10), 10, Some(5), 60),
    startup: None,
    source: "kserve/kserve@v0.16.0:config/llmisvcconfig/config-llm-template.yaml L48-65",
};
/// ODH: the same timings over HTTPS.
const ODH_PROBES: TemplateProbes = TemplateProbes {
    source: "opendatahub-io/kserve@odh-v3.3:config/llmisvc/config-llm-template.yaml L164-181",
    ..K16_PROBES
};
/// K17–K19: a startup probe of 60 × 10 s guards the start.
const K17_PROBES: TemplateProbes = TemplateProbes {
    liveness: ProbeTimings::new(None, 10, Some(10), 3),
    readiness: ProbeTimings::new(None, 10, Some(5), 60),
    startup: Some(ProbeTimings::new(None, 10, None, 60)),
    source: "kserve/kserve@v0.17.0:config/llmisvcconfig/config-llm-template.yaml L47-69 \
             (same at v0.18.0 L167-189, v0.19.0 L190-212)",
};
/// K20: tighter liveness and readiness, the same startup probe.
const K20_PROBES: TemplateProbes = TemplateProbes {
    liveness: ProbeTimings::new(None, 10, Some(1), 10),
    readiness: ProbeTimings::new(None, 1, Some(1), 2),
    startup: Some(ProbeTimings::new(None, 10, None, 60)),
    source: "kserve/kserve@v0.20.0:config/llmisvcconfig/config-llm-template.yaml L205-227",
};

/// What the controller rewrites in the scheduler config before the EPP reads it (`schedulerTransform`,
/// run when the scheduler pod template's `app.kubernetes.io/version` annotation, set by the target's
/// `kserve-config-llm-scheduler`, is at least 0.7.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfigMigrations {
    /// Whether `hashBlockSize` is deleted from every plugin.
    pub removes_hash_block_size: bool,
    /// Whether every `prefix-cache-scorer` parameter but `prefixMatchInfoProducerName` is deleted.
    pub prefix_scorer_keeps_producer_name_only: bool,
    /// Whether the EPP metric flags ([`super::epp::METRIC_FLAGS`]) are stripped from the EPP
    /// container and re-injected as a plugin; with no inline config the reconcile fails instead.
    pub strips_metric_flags: bool,
    /// Where the migrations are written.
    pub source: &'static str,
}

impl ConfigMigrations {
    /// No migrations (K16, ODH, K17, K18).
    const NONE: ConfigMigrations = ConfigMigrations {
        removes_hash_block_size: false,
        prefix_scorer_keeps_producer_name_only: false,
        strips_metric_flags: false,
        source: "",
    };

    /// Whether the controller deletes `parameter` of `plugin` before the EPP reads it.
    pub fn removes_parameter(&self, plugin: &str, parameter: &str) -> bool {
        (self.removes_hash_block_size && parameter == "hashBlockSize")
            || (self.prefix_scorer_keeps_producer_name_only
                && plugin == super::epp::PREFIX_CACHE_SCORER
                && parameter != "prefixMatchInfoProducerName")
    }
}

/// The 4 config flags that KServe 0.16's controller recognises in the EPP's `args`
/// (`kserve/kserve@v0.16.0:pkg/controller/v1alpha1/llmisvc/scheduler.go L329-332`).
const CONFIG_FLAGS_CAMEL: &[&str] = &["--configText", "-configText", "--configFile", "-configFile"];
/// The 4 config flags of ODH's controller (`opendatahub-io/kserve@odh-v3.3:pkg/controller/llmisvc/scheduler.go L321-343`).
const CONFIG_FLAGS_KEBAB: &[&str] = &[
    "--config-text",
    "-config-text",
    "--config-file",
    "-config-file",
];
/// All 8 spellings, recognised from KServe 0.17 (`kserve/kserve@v0.17.0:pkg/controller/v1alpha2/llmisvc/scheduler.go L486-489`;
/// `…@v0.20.0:… L600-649`).
const CONFIG_FLAGS_ALL: &[&str] = &[
    "--config-text",
    "-config-text",
    "--configText",
    "-configText",
    "--config-file",
    "-config-file",
    "--configFile",
    "-configFile",
];

/// Everything p3gen knows about one KServe target (domain.md §1, §3, §4; versions.md §A).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KserveProfile {
    /// The target this row describes.
    pub target: KserveTarget,
    /// The LLMInferenceService `apiVersion` p3gen emits (served by every target).
    pub llmisvc_api_version: &'static str,
    /// The version the API server stores (`v1alpha2` from 0.17).
    pub llmisvc_storage_version: &'static str,
    /// The upstream KServe release whose LLMInferenceService CRD validates what p3gen emits for this
    /// target (`shared/crds/kserve-v<version>_serving.kserve.io_llminferenceservices.yaml`).
    pub crd_kserve_version: &'static str,
    /// Whether `spec.router.scheduler.config` (`inline` / `ref`) exists.
    pub scheduler_config: bool,
    /// Whether `spec.router.scheduler.replicas` exists. The EPP Deployment's strategy is always
    /// `Recreate`; more than one replica adds `--ha-enable-leader-election`
    /// (`kserve/kserve@v0.17.0:pkg/controller/v1alpha2/llmisvc/scheduler.go L345, L375-388`).
    pub scheduler_replicas: bool,
    /// The EPP image the controller deploys by default.
    pub default_epp_image: &'static str,
    /// The EPP generation of that image.
    pub epp: EppGeneration,
    /// The EPP container's default `args` in `kserve-config-llm-scheduler`, with the Go template strings
    /// the controller expands; empty where the flags are in the `command`.
    pub default_epp_args: &'static [&'static str],
    /// The EPP container's default `command` when it carries the flags (K18–K20); empty where the
    /// image's entrypoint runs the EPP with the `args`.
    pub default_epp_command: &'static [&'static str],
    /// Where the EPP container's defaults come from (`owner/repo@tag:path`).
    pub default_epp_args_source: &'static str,
    /// The config flags whose presence in the EPP container's `args` stops the controller from
    /// appending its own `--config-text`.
    pub config_flags_recognised: &'static [&'static str],
    /// What the controller rewrites in the scheduler config.
    pub config_migrations: ConfigMigrations,
    /// The scorers of the built-in non-P/D EndpointPickerConfig.
    pub default_scorers: &'static [DefaultScorer],
    /// Where the built-in config is written (versions.md §B rows 10-12).
    pub default_scorers_source: &'static str,
    /// The InferencePool API the controller creates.
    pub inference_pool: ApiGroupVersion,
    /// The same-named v1alpha2 pool the controller also creates, and keeps the HTTPRoute on until
    /// the gateway resolves the v1 one (KServe 0.17 and later).
    pub alpha_pool_twin: Option<AlphaPoolTwin>,
    /// Whether the controller also creates an InferenceModel `<name>-inference-model`.
    pub creates_inference_model: bool,
    /// The HTTPRoute the controller creates.
    pub http_route: HttpRouteLayout,
    /// How the vLLM container is started.
    pub vllm: VllmCommand,
    /// The probes of the template's vLLM container, which apply where the container sets none.
    pub vllm_probes: TemplateProbes,
    /// Whether the controller reads `spec.scaling`.
    pub scaling: ScalingSupport,
    /// Facts about this target that matter to users and fit no field.
    pub notes: &'static [&'static str],
}

/// How the names of KServe's CRD files in `shared/crds/` start, before their version
/// (`kserve-v0.16.0_serving.kserve.io_llminferenceservices.yaml`).
const KSERVE_CRD_FILE_PREFIX: &str = "kserve-v";

/// The LLMInferenceService `apiVersion` p3gen emits for every target.
const LLMISVC_V1ALPHA1: &str = "serving.kserve.io/v1alpha1";

/// The Go template that KServe expands to the InferencePool name.
pub const POOL_NAME_TEMPLATE: &str = "{{ ChildName .ObjectMeta.Name `-inference-pool` }}";
/// The Go template that KServe expands to the LLMInferenceService namespace.
pub const NAMESPACE_TEMPLATE: &str = "{{ .ObjectMeta.Namespace }}";

/// K16 `config/llmisvcconfig/config-llm-scheduler.yaml` (TLS flags are commented out upstream).
const K16_EPP_ARGS: &[&str] = &[
    "--poolName",
    POOL_NAME_TEMPLATE,
    "--poolNamespace",
    NAMESPACE_TEMPLATE,
    "--zap-encoder",
    "json",
    "--grpcPort",
    "9002",
    "--grpcHealthPort",
    "9003",
];

/// ODH odh-v3.3 `config/llmisvc/config-llm-scheduler.yaml`.
const ODH_EPP_ARGS: &[&str] = &[
    "--pool-name",
    POOL_NAME_TEMPLATE,
    "--pool-namespace",
    NAMESPACE_TEMPLATE,
    "--pool-group",
    "inference.networking.x-k8s.io",
    "--zap-encoder",
    "json",
    "--grpc-port",
    "9002",
    "--grpc-health-port",
    "9003",
    "--secure-serving",
    "--model-server-metrics-scheme",
    "https",
    "--cert-path",
    "/var/run/kserve/tls",
];

/// K17: the ODH list without `--pool-group` and the TLS flags, plus the KV-cache metric flag, last
/// (`kserve/kserve@v0.17.0:config/llmisvcconfig/config-llm-scheduler.yaml L61-73`). EPPs on GIE ≥ v1.4.0
/// refuse that flag at start-up (`kubernetes-sigs/gateway-api-inference-extension@v1.4.0:pkg/epp/server/options.go L239-250`).
const K17_EPP_ARGS: &[&str] = &[
    "--pool-name",
    POOL_NAME_TEMPLATE,
    "--pool-namespace",
    NAMESPACE_TEMPLATE,
    "--zap-encoder",
    "json",
    "--grpc-port",
    "9002",
    "--grpc-health-port",
    "9003",
    "--kv-cache-usage-percentage-metric",
    "vllm:kv_cache_usage_perc",
];

/// K18–K20: no `args`; the flags are in `command`, the TLS ones only under `EnableTLS`
/// (`kserve/kserve@v0.18.0:config/llmisvcconfig/config-llm-scheduler.yaml L61-76`; the same at v0.19.0
/// L63-78 and v0.20.0 L69-84). No metric flag: GIE ≥ v1.4.0 EPPs reject it.
const K18_EPP_COMMAND: &[&str] = &[
    "/app/epp",
    "--pool-name",
    POOL_NAME_TEMPLATE,
    "--pool-namespace",
    NAMESPACE_TEMPLATE,
    "--zap-encoder",
    "json",
    "--grpc-port",
    "9002",
    "--grpc-health-port",
    "9003",
    "{{if EnableTLS}}--enable-cert-reload=true{{end}}",
    "{{if EnableTLS}}--secure-serving=true{{end}}",
    "{{if EnableTLS}}--model-server-metrics-scheme=https{{end}}",
    "{{if EnableTLS}}--cert-path=/var/run/kserve/tls{{end}}",
];

/// K19: `hashBlockSize` is deleted from every plugin.
const K19_MIGRATIONS: ConfigMigrations = ConfigMigrations {
    removes_hash_block_size: true,
    prefix_scorer_keeps_producer_name_only: false,
    strips_metric_flags: true,
    source: "kserve/kserve@v0.19.0:pkg/controller/v1alpha2/llmisvc/scheduler.go L1257-1293 (annotation 0.7.0, \
             config/llmisvcconfig/config-llm-scheduler.yaml L26)",
};
/// K20: as K19, and the prefix scorer keeps only `prefixMatchInfoProducerName` (annotation 0.9.0).
const K20_MIGRATIONS: ConfigMigrations = ConfigMigrations {
    removes_hash_block_size: true,
    prefix_scorer_keeps_producer_name_only: true,
    strips_metric_flags: true,
    source: "kserve/kserve@v0.20.0:pkg/controller/v1alpha2/llmisvc/scheduler.go L1308-1412 (annotation 0.9.0, \
             config/llmisvcconfig/config-llm-scheduler.yaml L26)",
};

const PREFIX_2_LOAD_AWARE_1: &[DefaultScorer] = &[
    DefaultScorer {
        plugin: "prefix-cache-scorer",
        weight: 2.0,
    },
    DefaultScorer {
        plugin: "load-aware-scorer",
        weight: 1.0,
    },
];

const QUEUE_2_PREFIX_3: &[DefaultScorer] = &[
    DefaultScorer {
        plugin: "queue-scorer",
        weight: 2.0,
    },
    DefaultScorer {
        plugin: "prefix-cache-scorer",
        weight: 3.0,
    },
];

const K20_SCORERS: &[DefaultScorer] = &[
    DefaultScorer {
        plugin: "queue-scorer",
        weight: 2.0,
    },
    DefaultScorer {
        plugin: "kv-cache-utilization-scorer",
        weight: 2.0,
    },
    DefaultScorer {
        plugin: "prefix-cache-scorer",
        weight: 3.0,
    },
    DefaultScorer {
        plugin: "no-hit-lru-scorer",
        weight: 2.0,
    },
];

/// A v1alpha2 InferencePool that KServe 0.17+ creates beside the v1 one, with the same name
/// (`<name>-inference-pool`), converted from the v1 spec (versions.md §A2.4, §B row 27).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlphaPoolTwin {
    /// Its API (`inference.networking.x-k8s.io/v1alpha2`).
    pub api: ApiGroupVersion,
    /// Whether the controller skips it when that CRD is absent (K20) instead of failing (K17–K19).
    pub skipped_without_crd: bool,
    /// The HTTPRoute annotation the controller sets once it has moved the backendRefs to the v1
    /// pool for good (after the gateway resolves v1 refs or rejects v1alpha2 ones).
    pub migration_annotation: &'static str,
    /// Where these facts come from.
    pub source: &'static str,
}

/// The annotation upstream KServe 0.17+ sets on the HTTPRoute when it migrates to the v1 pool
/// (`kserve/kserve@v0.17.0:pkg/controller/v1alpha2/llmisvc/router.go L183-253`).
pub const POOL_MIGRATED_ANNOTATION: &str = "serving.kserve.io/inference-pool-migrated";

/// K17–K19: the twin is always created.
const ALPHA_TWIN_K17: AlphaPoolTwin = AlphaPoolTwin {
    api: POOL_X_K8S_V1ALPHA2,
    skipped_without_crd: false,
    migration_annotation: POOL_MIGRATED_ANNOTATION,
    source: "kserve/kserve@v0.17.0:pkg/controller/v1alpha2/llmisvc/scheduler.go L168-198, \
             router.go L183-253",
};

/// K20: the twin only where the v1alpha2 CRD is installed.
const ALPHA_TWIN_K20: AlphaPoolTwin = AlphaPoolTwin {
    api: POOL_X_K8S_V1ALPHA2,
    skipped_without_crd: true,
    migration_annotation: POOL_MIGRATED_ANNOTATION,
    source: "kserve/kserve@v0.20.0:pkg/controller/v1alpha2/llmisvc/scheduler.go L188-228, L321-353, \
             router.go L270-325",
};

/// The x-k8s.io alpha InferencePool API (KServe 0.16 / ODH; watched by Istio 1.27).
pub const POOL_X_K8S_V1ALPHA2: ApiGroupVersion = ApiGroupVersion {
    group: "inference.networking.x-k8s.io",
    version: "v1alpha2",
};
/// The GA InferencePool API (KServe 0.17+; watched by Istio 1.28+).
pub const POOL_K8S_V1: ApiGroupVersion = ApiGroupVersion {
    group: "inference.networking.k8s.io",
    version: "v1",
};

/// K16: one unnamed rule `/<ns>/<name>` → pool, rewritten to `/`.
const K16_ROUTE: HttpRouteLayout = HttpRouteLayout {
    rule_count: 1,
    named_rules: false,
    rules: &[RouteRuleInfo {
        index: 0,
        name: None,
        path: Some("/<ns>/<name> (rewritten to /)"),
        backend: RouteBackend::InferencePool,
    }],
    model_routing_rules: &[],
    source: "kserve/kserve@v0.16.0:config/llmisvcconfig/config-llm-router-route.yaml L17-38",
};

/// Rule `.0` from ODH on: `/v1/completions` → pool.
const COMPLETIONS_RULE: RouteRuleInfo = RouteRuleInfo {
    index: 0,
    name: None,
    path: Some("/v1/completions"),
    backend: RouteBackend::InferencePool,
};

/// Rule `.1` from ODH on: `/v1/chat/completions` → pool.
const CHAT_RULE: RouteRuleInfo = RouteRuleInfo {
    index: 1,
    name: None,
    path: Some("/v1/chat/completions"),
    backend: RouteBackend::InferencePool,
};

/// ODH and K17 (`config-llm-router-route.yaml`): completions and chat → pool, catch-all → Service.
const ODH_ROUTE: HttpRouteLayout = HttpRouteLayout {
    rule_count: 3,
    named_rules: false,
    rules: &[
        COMPLETIONS_RULE,
        CHAT_RULE,
        RouteRuleInfo {
            index: 2,
            name: None,
            path: Some("/<ns>/<name>"),
            backend: RouteBackend::Service,
        },
    ],
    model_routing_rules: &[],
    source: "opendatahub-io/kserve@odh-v3.3:config/llmisvc/config-llm-router-route.yaml L17-79; \
             kserve/kserve@v0.17.0:config/llmisvcconfig/config-llm-router-route.yaml L17-79",
};

/// K18: completions, chat and responses → pool, catch-all → Service.
const K18_ROUTE: HttpRouteLayout = HttpRouteLayout {
    rule_count: 4,
    named_rules: false,
    rules: &[
        COMPLETIONS_RULE,
        CHAT_RULE,
        RouteRuleInfo {
            index: 2,
            name: None,
            path: Some("/v1/responses"),
            backend: RouteBackend::InferencePool,
        },
        RouteRuleInfo {
            index: 3,
            name: None,
            path: Some("/<ns>/<name>"),
            backend: RouteBackend::Service,
        },
    ],
    model_routing_rules: &[],
    source: "kserve/kserve@v0.18.0:config/llmisvcconfig/config-llm-router-route.yaml L17-100",
};

const fn named(
    index: usize,
    name: &'static str,
    path: Option<&'static str>,
    backend: RouteBackend,
) -> RouteRuleInfo {
    RouteRuleInfo {
        index,
        name: Some(name),
        path,
        backend,
    }
}

use RouteBackend::{InferencePool as POOL, Service as SERVICE};

/// K19: 8 named rules (kserve commit 7f4fb4610, first in v0.19.0); 4 when model-based routing is
/// off (`kserve/kserve@v0.19.0:pkg/controller/v1alpha2/llmisvc/config_merge.go L471-489`).
const K19_ROUTE: HttpRouteLayout = HttpRouteLayout {
    rule_count: 8,
    named_rules: true,
    rules: &[
        named(
            0,
            "v1-completions-path",
            Some("/<ns>/<name>/v1/completions"),
            POOL,
        ),
        named(
            1,
            "v1-completions-model-routing",
            Some("/v1/completions + header"),
            POOL,
        ),
        named(
            2,
            "v1-chat-completions-path",
            Some("/<ns>/<name>/v1/chat/completions"),
            POOL,
        ),
        named(
            3,
            "v1-chat-completions-model-routing",
            Some("/v1/chat/completions + header"),
            POOL,
        ),
        named(
            4,
            "v1-responses-path",
            Some("/<ns>/<name>/v1/responses"),
            POOL,
        ),
        named(
            5,
            "v1-responses-model-routing",
            Some("/v1/responses + header"),
            POOL,
        ),
        named(6, "v1-catch-all-path", Some("/<ns>/<name>"), SERVICE),
        named(7, "v1-catch-all-model-routing", None, SERVICE),
    ],
    model_routing_rules: &[
        "v1-completions-model-routing",
        "v1-chat-completions-model-routing",
        "v1-responses-model-routing",
        "v1-catch-all-model-routing",
    ],
    source: "kserve/kserve@v0.19.0:config/llmisvcconfig/config-llm-router-route.yaml L34-216",
};

/// K20: 12 named rules; 10 when model-based routing is off
/// (`kserve/kserve@v0.20.0:pkg/controller/v1alpha2/llmisvc/router.go L253-267`, `config_merge.go L501-519`).
const K20_ROUTE: HttpRouteLayout = HttpRouteLayout {
    rule_count: 12,
    named_rules: true,
    rules: &[
        named(
            0,
            "v1-completions-path",
            Some("/<ns>/<name>/v1/completions"),
            POOL,
        ),
        named(
            1,
            "v1-chat-completions-path",
            Some("/<ns>/<name>/v1/chat/completions"),
            POOL,
        ),
        named(
            2,
            "v1-responses-path",
            Some("/<ns>/<name>/v1/responses"),
            POOL,
        ),
        named(
            3,
            "v1-messages-path",
            Some("/<ns>/<name>/v1/messages"),
            POOL,
        ),
        named(
            4,
            "v1-model-routing",
            Some("/v1/{completions,chat/completions,responses,messages} + header"),
            POOL,
        ),
        named(
            5,
            "v1-completions-publisher-path",
            Some("/publishers/<ns>/models/<model>/v1/completions"),
            POOL,
        ),
        named(
            6,
            "v1-chat-completions-publisher-path",
            Some("/publishers/<ns>/models/<model>/v1/chat/completions"),
            POOL,
        ),
        named(
            7,
            "v1-responses-publisher-path",
            Some("/publishers/<ns>/models/<model>/v1/responses"),
            POOL,
        ),
        named(
            8,
            "v1-messages-publisher-path",
            Some("/publishers/<ns>/models/<model>/v1/messages"),
            POOL,
        ),
        named(
            9,
            "v1-publisher-path-catch-all",
            Some("/publishers/<ns>/models/<model>"),
            SERVICE,
        ),
        named(10, "v1-catch-all-path", Some("/<ns>/<name>"), SERVICE),
        named(11, "v1-catch-all-model-routing", None, SERVICE),
    ],
    model_routing_rules: &["v1-model-routing", "v1-catch-all-model-routing"],
    source: "kserve/kserve@v0.20.0:config/llmisvcconfig/config-llm-router-route.yaml L35-342",
};

/// One row per [`KserveTarget`], in [`KserveTarget::ALL`] order.
const KSERVE_PROFILES: [KserveProfile; 6] = [
    KserveProfile {
        target: KserveTarget::Odh015,
        llmisvc_api_version: LLMISVC_V1ALPHA1,
        llmisvc_storage_version: "v1alpha1",
        crd_kserve_version: "0.16.0",
        scheduler_config: false,
        scheduler_replicas: false,
        default_epp_image: "quay.io/opendatahub/llm-d-inference-scheduler:release-v0.4",
        epp: EppGeneration::LlmdIs0_4,
        default_epp_args: ODH_EPP_ARGS,
        default_epp_command: &[],
        default_epp_args_source: "opendatahub-io/kserve@odh-v3.3:config/llmisvc/config-llm-scheduler.yaml L54-70",
        config_flags_recognised: CONFIG_FLAGS_KEBAB,
        config_migrations: ConfigMigrations::NONE,
        default_scorers: PREFIX_2_LOAD_AWARE_1,
        default_scorers_source: "opendatahub-io/kserve@odh-v3.3:pkg/controller/llmisvc/scheduler.go L384-400",
        inference_pool: POOL_X_K8S_V1ALPHA2,
        alpha_pool_twin: None,
        creates_inference_model: true,
        http_route: ODH_ROUTE,
        vllm: VllmCommand::BashScript,
        vllm_probes: ODH_PROBES,
        scaling: ScalingSupport::Absent,
        notes: &[
            "the EPP image comes from config/overlays/odh/params.env L9, which replaces the YAML's v0.2.0",
            "release-v0.15 builds (Feb 2026+) also create a v1 InferencePool, move the HTTPRoute backendRef \
             to it and set the annotation serving.kserve.io/inferencepool-migrated",
        ],
    },
    KserveProfile {
        target: KserveTarget::V016,
        llmisvc_api_version: LLMISVC_V1ALPHA1,
        llmisvc_storage_version: "v1alpha1",
        crd_kserve_version: "0.16.0",
        scheduler_config: false,
        scheduler_replicas: false,
        default_epp_image: "ghcr.io/llm-d/llm-d-inference-scheduler:v0.2.0",
        epp: EppGeneration::LlmdIs0_2,
        default_epp_args: K16_EPP_ARGS,
        default_epp_command: &[],
        default_epp_args_source: "kserve/kserve@v0.16.0:config/llmisvcconfig/config-llm-scheduler.yaml L50-60",
        config_flags_recognised: CONFIG_FLAGS_CAMEL,
        config_migrations: ConfigMigrations::NONE,
        default_scorers: PREFIX_2_LOAD_AWARE_1,
        default_scorers_source: "kserve/kserve@v0.16.0:pkg/controller/v1alpha1/llmisvc/scheduler.go L383-400",
        inference_pool: POOL_X_K8S_V1ALPHA2,
        alpha_pool_twin: None,
        creates_inference_model: true,
        http_route: K16_ROUTE,
        vllm: VllmCommand::VllmServe,
        vllm_probes: K16_PROBES,
        scaling: ScalingSupport::Absent,
        notes: &[],
    },
    KserveProfile {
        target: KserveTarget::V017,
        llmisvc_api_version: LLMISVC_V1ALPHA1,
        llmisvc_storage_version: "v1alpha2",
        crd_kserve_version: "0.20.0",
        scheduler_config: true,
        scheduler_replicas: true,
        default_epp_image: "ghcr.io/llm-d/llm-d-inference-scheduler:v0.4.0",
        epp: EppGeneration::LlmdIs0_4,
        default_epp_args: K17_EPP_ARGS,
        default_epp_command: &[],
        default_epp_args_source: "kserve/kserve@v0.17.0:config/llmisvcconfig/config-llm-scheduler.yaml L61-73",
        config_flags_recognised: CONFIG_FLAGS_ALL,
        config_migrations: ConfigMigrations::NONE,
        default_scorers: QUEUE_2_PREFIX_3,
        default_scorers_source: "kserve/kserve@v0.17.0:pkg/controller/v1alpha2/llmisvc/scheduler.go L463-482",
        inference_pool: POOL_K8S_V1,
        alpha_pool_twin: Some(ALPHA_TWIN_K17),
        creates_inference_model: false,
        http_route: ODH_ROUTE,
        vllm: VllmCommand::VllmServeCommand,
        vllm_probes: K17_PROBES,
        scaling: ScalingSupport::Unreconciled,
        notes: &[],
    },
    KserveProfile {
        target: KserveTarget::V018,
        llmisvc_api_version: LLMISVC_V1ALPHA1,
        llmisvc_storage_version: "v1alpha2",
        crd_kserve_version: "0.20.0",
        scheduler_config: true,
        scheduler_replicas: true,
        default_epp_image: "ghcr.io/llm-d/llm-d-inference-scheduler:v0.7.1",
        epp: EppGeneration::LlmdIs0_7,
        default_epp_args: &[],
        default_epp_command: K18_EPP_COMMAND,
        default_epp_args_source: "kserve/kserve@v0.18.0:config/llmisvcconfig/config-llm-scheduler.yaml L61-76",
        config_flags_recognised: CONFIG_FLAGS_ALL,
        config_migrations: ConfigMigrations::NONE,
        default_scorers: QUEUE_2_PREFIX_3,
        default_scorers_source: "kserve/kserve@v0.18.0:pkg/controller/v1alpha2/llmisvc/scheduler.go L509-528",
        inference_pool: POOL_K8S_V1,
        alpha_pool_twin: Some(ALPHA_TWIN_K17),
        creates_inference_model: false,
        http_route: K18_ROUTE,
        vllm: VllmCommand::BashEval,
        vllm_probes: K17_PROBES,
        scaling: ScalingSupport::Reconciled,
        notes: &[
            "the EPP pod gets a `tokenizer` sidecar (ghcr.io/llm-d/llm-d-uds-tokenizer:v0.7.1, port 8082) \
             (kserve/kserve@v0.18.0:config/llmisvcconfig/config-llm-scheduler.yaml L101-106)",
        ],
    },
    KserveProfile {
        target: KserveTarget::V019,
        llmisvc_api_version: LLMISVC_V1ALPHA1,
        llmisvc_storage_version: "v1alpha2",
        crd_kserve_version: "0.20.0",
        scheduler_config: true,
        scheduler_replicas: true,
        default_epp_image: "ghcr.io/llm-d/llm-d-inference-scheduler:v0.7.1",
        epp: EppGeneration::LlmdIs0_7,
        default_epp_args: &[],
        default_epp_command: K18_EPP_COMMAND,
        default_epp_args_source: "kserve/kserve@v0.19.0:config/llmisvcconfig/config-llm-scheduler.yaml L63-78",
        config_flags_recognised: CONFIG_FLAGS_ALL,
        config_migrations: K19_MIGRATIONS,
        default_scorers: QUEUE_2_PREFIX_3,
        default_scorers_source: "kserve/kserve@v0.19.0:pkg/controller/v1alpha2/llmisvc/scheduler.go L522-541",
        inference_pool: POOL_K8S_V1,
        alpha_pool_twin: Some(ALPHA_TWIN_K17),
        creates_inference_model: false,
        http_route: K19_ROUTE,
        vllm: VllmCommand::BashEval,
        vllm_probes: K17_PROBES,
        scaling: ScalingSupport::Reconciled,
        notes: &[
            "the EPP pod keeps the `tokenizer` sidecar; the config migration renames prefill-header-handler \
             to disagg-headers-handler and pd-profile-handler to disagg-profile-handler \
             (kserve/kserve@v0.19.0:pkg/controller/v1alpha2/llmisvc/scheduler.go L1257-1293)",
            "Istio names a named rule's route after the rule alone, so an EnvoyFilter route match by name \
             also hits other LLMInferenceServices' routes on the same gateway \
             (istio/istio@1.28.0:pilot/pkg/config/kube/gateway/conversion.go L104-111)",
            "with model-based routing off (the Gateway annotation serving.kserve.io/model-based-routing-enabled: \
             \"false\") KServe drops the *-model-routing rules",
        ],
    },
    KserveProfile {
        target: KserveTarget::V020,
        llmisvc_api_version: LLMISVC_V1ALPHA1,
        llmisvc_storage_version: "v1alpha2",
        crd_kserve_version: "0.20.0",
        scheduler_config: true,
        scheduler_replicas: true,
        default_epp_image: "ghcr.io/llm-d/llm-d-router-endpoint-picker:v0.9.0",
        epp: EppGeneration::RouterEpp0_9,
        default_epp_args: &[],
        default_epp_command: K18_EPP_COMMAND,
        default_epp_args_source: "kserve/kserve@v0.20.0:config/llmisvcconfig/config-llm-scheduler.yaml L69-84",
        config_flags_recognised: CONFIG_FLAGS_ALL,
        config_migrations: K20_MIGRATIONS,
        default_scorers: K20_SCORERS,
        default_scorers_source: "kserve/kserve@v0.20.0:pkg/controller/v1alpha2/llmisvc/scheduler.go L554-589",
        inference_pool: POOL_K8S_V1,
        alpha_pool_twin: Some(ALPHA_TWIN_K20),
        creates_inference_model: false,
        http_route: K20_ROUTE,
        vllm: VllmCommand::BashEval,
        vllm_probes: K20_PROBES,
        scaling: ScalingSupport::Reconciled,
        notes: &[
            "the config migration renames the P/D handlers as on 0.19 and removes the EPP's `tokenizer` \
             sidecar (ghcr.io/llm-d/llm-d-uds-tokenizer:vllm-v0.19.1) unless precise-prefix-cache-scorer is \
             used (kserve/kserve@v0.20.0:pkg/controller/v1alpha2/llmisvc/scheduler.go L1414-1451)",
            "with LoRA adapters the default config also has lora-affinity-scorer 4",
            "Istio names a named rule's route after the rule alone, so an EnvoyFilter route match by name \
             also hits other LLMInferenceServices' routes on the same gateway \
             (istio/istio@1.28.0:pilot/pkg/config/kube/gateway/conversion.go L104-111)",
            "with model-based routing off (the Gateway annotation serving.kserve.io/model-based-routing-enabled: \
             \"false\") KServe drops the *-model-routing rules",
        ],
    },
];

impl KserveTarget {
    /// This target's row of the KServe table.
    pub fn profile(self) -> &'static KserveProfile {
        match self {
            KserveTarget::Odh015 => &KSERVE_PROFILES[0],
            KserveTarget::V016 => &KSERVE_PROFILES[1],
            KserveTarget::V017 => &KSERVE_PROFILES[2],
            KserveTarget::V018 => &KSERVE_PROFILES[3],
            KserveTarget::V019 => &KSERVE_PROFILES[4],
            KserveTarget::V020 => &KSERVE_PROFILES[5],
        }
    }
}

impl KserveProfile {
    /// The EPP generation's row of the EPP table.
    pub fn epp_profile(&self) -> &'static EppProfile {
        self.epp.profile()
    }

    /// The EPP flags of the controller's default container: the `args`, or the `command` after
    /// the binary.
    pub fn default_epp_flags(&self) -> &'static [&'static str] {
        match self.default_epp_command {
            [] => self.default_epp_args,
            [_binary, flags @ ..] => flags,
        }
    }

    /// How the default EPP spells its flags.
    pub fn epp_flag_style(&self) -> FlagStyle {
        self.epp.profile().flag_style
    }

    /// The file name in `shared/crds/` of the LLMInferenceService CRD that validates this target's output.
    pub fn llmisvc_crd_file(&self) -> String {
        format!(
            "{}serving.kserve.io_llminferenceservices.yaml",
            self.crd_file_prefix()
        )
    }

    /// The prefix of the `shared/crds/` files of [`KserveProfile::crd_kserve_version`], e.g.
    /// `kserve-v0.16.0_`: the CRD family that validates this target's output (Open Data Hub "0.15"
    /// shares upstream 0.16's CRDs, `shared/crds/README.md`).
    pub fn crd_file_prefix(&self) -> String {
        format!("{KSERVE_CRD_FILE_PREFIX}{}_", self.crd_kserve_version)
    }

    /// Whether the CRD file `file_name` of a CRD directory validates this target's objects: every
    /// file except the KServe CRDs of another version.
    pub fn uses_crd_file(&self, file_name: &str) -> bool {
        !file_name.starts_with(KSERVE_CRD_FILE_PREFIX)
            || file_name.starts_with(&self.crd_file_prefix())
    }

    /// The default weight of `plugin`, if it is in the built-in config.
    pub fn default_weight(&self, plugin: &str) -> Option<f64> {
        self.default_scorers
            .iter()
            .find(|s| s.plugin == plugin)
            .map(|s| s.weight)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odh_uses_the_016_crds_and_ignores_other_kserve_versions() {
        let odh = KserveTarget::Odh015.profile();
        assert_eq!(odh.crd_file_prefix(), "kserve-v0.16.0_");
        assert_eq!(
            KserveTarget::V020.profile().crd_file_prefix(),
            "kserve-v0.20.0_"
        );
        assert!(odh.uses_crd_file("kserve-v0.16.0_serving.kserve.io_llminferenceservices.yaml"));
        assert!(!odh.uses_crd_file("kserve-v0.20.0_serving.kserve.io_llminferenceservices.yaml"));
        assert!(odh.uses_crd_file("istio-1.30.3_envoyfilters.networking.istio.io.yaml"));
    }

    #[test]
    fn rows_are_in_target_order() {
        for target in KserveTarget::ALL {
            assert_eq!(target.profile().target, *target);
        }
    }

    #[test]
    fn odh_default_epp_args_are_the_verbatim_odh_list() {
        let expected = [
            "--pool-name",
            "{{ ChildName .ObjectMeta.Name `-inference-pool` }}",
            "--pool-namespace",
            "{{ .ObjectMeta.Namespace }}",
            "--pool-group",
            "inference.networking.x-k8s.io",
            "--zap-encoder",
            "json",
            "--grpc-port",
            "9002",
            "--grpc-health-port",
            "9003",
            "--secure-serving",
            "--model-server-metrics-scheme",
            "https",
            "--cert-path",
            "/var/run/kserve/tls",
        ];
        assert_eq!(KserveTarget::Odh015.profile().default_epp_args, expected);
    }

    #[test]
    fn k16_uses_camel_case_flags_and_config_text() {
        let profile = KserveTarget::V016.profile();
        assert_eq!(profile.epp_flag_style(), FlagStyle::Camel);
        assert_eq!(profile.epp_profile().config_text_flag(), "--configText");
        assert_eq!(
            profile.default_epp_args,
            [
                "--poolName",
                "{{ ChildName .ObjectMeta.Name `-inference-pool` }}",
                "--poolNamespace",
                "{{ .ObjectMeta.Namespace }}",
                "--zap-encoder",
                "json",
                "--grpcPort",
                "9002",
                "--grpcHealthPort",
                "9003",
            ]
        );
    }

    #[test]
    fn default_flags_use_the_epp_flag_style() {
        for target in KserveTarget::ALL {
            let profile = target.profile();
            let pool_flag = match profile.epp_flag_style() {
                FlagStyle::Camel => "--poolName",
                FlagStyle::Kebab => "--pool-name",
            };
            let flags = profile.default_epp_flags();
            assert_eq!(flags.first(), Some(&pool_flag), "{target}");
            assert!(
                !flags
                    .iter()
                    .any(|a| profile.config_flags_recognised.contains(a)),
                "{target}: default flags must not carry a config flag"
            );
        }
    }

    /// versions.md §B row 9: K18–K20 put the EPP flags in `command`, without the metric flag.
    #[test]
    fn k18_to_k20_start_the_epp_by_command_without_the_metric_flag() {
        for target in [KserveTarget::V018, KserveTarget::V019, KserveTarget::V020] {
            let profile = target.profile();
            assert!(profile.default_epp_args.is_empty(), "{target}");
            assert_eq!(profile.default_epp_command.first(), Some(&"/app/epp"));
            assert_eq!(profile.default_epp_command.len(), 15, "{target}");
            assert!(
                !profile
                    .default_epp_command
                    .contains(&"--kv-cache-usage-percentage-metric"),
                "{target}"
            );
            assert_eq!(
                profile.default_epp_command[11],
                "{{if EnableTLS}}--enable-cert-reload=true{{end}}"
            );
        }
        for target in [KserveTarget::Odh015, KserveTarget::V016, KserveTarget::V017] {
            assert!(target.profile().default_epp_command.is_empty(), "{target}");
        }
    }

    /// versions.md §B row 25: KServe 0.17+ recognises all 8 config flag spellings.
    #[test]
    fn config_flags_recognised_per_controller() {
        assert_eq!(
            KserveTarget::V016.profile().config_flags_recognised,
            ["--configText", "-configText", "--configFile", "-configFile"]
        );
        assert_eq!(
            KserveTarget::Odh015.profile().config_flags_recognised,
            [
                "--config-text",
                "-config-text",
                "--config-file",
                "-config-file"
            ]
        );
        for target in &KserveTarget::ALL[2..] {
            let recognised = target.profile().config_flags_recognised;
            assert_eq!(recognised.len(), 8, "{target}");
            assert!(recognised.contains(&"--configText") && recognised.contains(&"-config-file"));
        }
    }

    /// The K19/K20 config migrations (versions.md §A2.2): `hashBlockSize` goes everywhere on both,
    /// the prefix scorer's parameters but the producer name on K20 only.
    #[test]
    fn config_migrations_per_target() {
        let k18 = KserveTarget::V018.profile().config_migrations;
        assert!(!k18.removes_parameter("prefix-cache-scorer", "hashBlockSize"));
        let k19 = KserveTarget::V019.profile().config_migrations;
        assert!(k19.removes_parameter("load-aware-scorer", "hashBlockSize"));
        assert!(!k19.removes_parameter("prefix-cache-scorer", "blockSize"));
        let k20 = KserveTarget::V020.profile().config_migrations;
        assert!(k20.removes_parameter("prefix-cache-scorer", "blockSizeTokens"));
        assert!(!k20.removes_parameter("prefix-cache-scorer", "prefixMatchInfoProducerName"));
        assert!(!k20.removes_parameter("load-aware-scorer", "threshold"));
    }

    #[test]
    fn k17_list_is_odh_without_pool_group_and_tls_plus_the_metric_flag() {
        let odh = KserveTarget::Odh015.profile().default_epp_args;
        let removed = [
            "--pool-group",
            "inference.networking.x-k8s.io",
            "--secure-serving",
            "--model-server-metrics-scheme",
            "https",
            "--cert-path",
            "/var/run/kserve/tls",
        ];
        let mut expected: Vec<&str> = odh
            .iter()
            .copied()
            .filter(|a| !removed.contains(a))
            .collect();
        expected.extend([
            "--kv-cache-usage-percentage-metric",
            "vllm:kv_cache_usage_perc",
        ]);
        assert_eq!(KserveTarget::V017.profile().default_epp_args, expected);
    }

    #[test]
    fn scheduler_config_pool_api_and_storage_switch_at_0_17() {
        for target in KserveTarget::ALL {
            let profile = target.profile();
            let new = *target >= KserveTarget::V017;
            assert_eq!(profile.scheduler_config, new, "{target}");
            assert_eq!(profile.scheduler_replicas, new, "{target}");
            assert_eq!(profile.creates_inference_model, !new, "{target}");
            assert_eq!(
                profile.inference_pool.version,
                if new { "v1" } else { "v1alpha2" }
            );
            assert_eq!(
                profile.llmisvc_storage_version,
                if new { "v1alpha2" } else { "v1alpha1" }
            );
            assert_eq!(profile.llmisvc_api_version, "serving.kserve.io/v1alpha1");
        }
    }

    #[test]
    fn default_scorers_are_registered_by_the_default_epp() {
        for target in KserveTarget::ALL {
            let profile = target.profile();
            for scorer in profile.default_scorers {
                let plugin = profile.epp_profile().plugin(scorer.plugin);
                assert!(plugin.is_some(), "{target}: {}", scorer.plugin);
            }
        }
        assert_eq!(
            KserveTarget::V020
                .profile()
                .default_weight("no-hit-lru-scorer"),
            Some(2.0)
        );
        assert_eq!(
            KserveTarget::Odh015
                .profile()
                .default_weight("prefix-cache-scorer"),
            Some(2.0)
        );
        assert_eq!(
            KserveTarget::V017
                .profile()
                .default_weight("prefix-cache-scorer"),
            Some(3.0)
        );
    }

    #[test]
    fn route_layouts_list_every_rule_in_order() {
        for target in KserveTarget::ALL {
            let route = target.profile().http_route;
            assert_eq!(route.rules.len(), route.rule_count, "{target}");
            for (position, rule) in route.rules.iter().enumerate() {
                assert_eq!(rule.index, position, "{target}");
                assert_eq!(rule.name.is_some(), route.named_rules, "{target}");
            }
            for name in route.model_routing_rules {
                assert!(
                    route.rules.iter().any(|r| r.name == Some(name)),
                    "{target}: {name}"
                );
            }
        }
    }

    /// versions.md §A1 (§B rows 32, 33): K19 has 6 pool rules and 2 Service rules, K20 9 and 3;
    /// model-based routing off leaves 4 and 10.
    #[test]
    fn k19_and_k20_rule_names_and_backends() {
        let pool = |target: KserveTarget| -> Vec<&str> {
            let route = target.profile().http_route;
            route
                .rules
                .iter()
                .filter(|r| r.backend == RouteBackend::InferencePool)
                .filter_map(|r| r.name)
                .collect()
        };
        assert_eq!(
            pool(KserveTarget::V019),
            [
                "v1-completions-path",
                "v1-completions-model-routing",
                "v1-chat-completions-path",
                "v1-chat-completions-model-routing",
                "v1-responses-path",
                "v1-responses-model-routing",
            ]
        );
        assert_eq!(pool(KserveTarget::V020).len(), 9);
        assert_eq!(pool(KserveTarget::V020)[0], "v1-completions-path");
        assert_eq!(pool(KserveTarget::V020)[4], "v1-model-routing");
        let routing_off = |target: KserveTarget| {
            let route = target.profile().http_route;
            route.rule_count - route.model_routing_rules.len()
        };
        assert_eq!(routing_off(KserveTarget::V019), 4);
        assert_eq!(routing_off(KserveTarget::V020), 10);
    }

    #[test]
    fn vllm_command_form_per_target() {
        assert_eq!(
            KserveTarget::Odh015.profile().vllm.command(),
            ["/bin/bash", "-c"]
        );
        assert_eq!(KserveTarget::Odh015.profile().vllm.probe_scheme(), "HTTPS");
        assert_eq!(
            KserveTarget::V016.profile().vllm.command(),
            ["vllm", "serve", "/mnt/models"]
        );
        assert_eq!(KserveTarget::V016.profile().vllm.probe_scheme(), "HTTP");
    }

    /// versions.md §B rows 40, 41, 46: K17 starts vLLM from `command` and appends the args; K18–K20
    /// `eval` them in a bash script; neither passes `--disable-log-requests`; probes are HTTP
    /// upstream unless TLS is turned on.
    #[test]
    fn vllm_templates_from_0_17_append_the_args() {
        let k17 = KserveTarget::V017.profile().vllm;
        assert_eq!(k17, VllmCommand::VllmServeCommand);
        assert_eq!(&k17.command()[..3], ["vllm", "serve", "/mnt/models"]);
        assert!(k17.appends_user_args() && !k17.evaluates_args());
        assert!(
            !k17.serves_https_with(true),
            "K17 comments its TLS flags out"
        );
        for target in [KserveTarget::V018, KserveTarget::V019, KserveTarget::V020] {
            let vllm = target.profile().vllm;
            assert_eq!(vllm, VllmCommand::BashEval, "{target}");
            assert!(vllm.appends_user_args() && vllm.evaluates_args());
            assert_eq!(vllm.probe_scheme(), "HTTP (HTTPS with TLS on)");
            assert!(!vllm.serves_https_with(false) && vllm.serves_https_with(true));
        }
        for target in KserveTarget::ALL {
            let vllm = target.profile().vllm;
            assert_eq!(
                vllm.disables_request_logs(),
                *target == KserveTarget::V016,
                "{target}"
            );
            assert_eq!(vllm.appends_user_args(), *target >= KserveTarget::V017);
        }
    }
}
