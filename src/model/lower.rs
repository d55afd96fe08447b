//! Lowering a [`Spec`] into a [`Pattern`]: defaults applied, derived values computed.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::spec::{
    AcceleratorSpec, ApiServerMode, ArgsForm, AutoscalingSpec, EgressMode, Int32, MtlsMode,
    PatchOperation, ProbeSpec, Profile, Protocol, Scheme, SecretKeySpec, Spanned, Spec,
};
use crate::target::{
    API_SERVER_PORT, BodyMode, COMPONENT_LABEL, DISABLE_LOG_REQUESTS, EPP_EXT_PROC_PORT,
    EPP_HEALTH_PORT, EPP_METRICS_PORT, FlagVerdict, HeaderMode, ISTIO_NAMESPACE, KserveProfile,
    MODEL_DIR, ProcessingMode, RouteRule, SCALING, TLS_DIR, TopologyError, TpuGenerationFacts,
    VLLM_PORT, VllmKnown, check_flag, default_body_modes, epp_args_override, find_shape,
    lower_weights_unchecked, route_names, unnamed_route_name,
};

use super::{
    Accelerator, ApiServer, Autoscaling, Container, DisruptionBudgets, EnvValue, EnvVar,
    EnvoyFilter, Gateway, GatewayToEpp, GatewayToVllm, Gitops, Gpu, Mesh, Monitoring,
    NetworkPolicies, Pattern, PlanSettings, PolicyMeta, Probe, Probes, ProcessingModes, Scheduler,
    ScorerSetting, SecretKey, Tpu, Vllm, VllmEgress, weights_of,
};

/// The default of a field under each profile: what the reference does (`poc`) and what production needs.
fn by_profile<T>(spec: &Spec, poc: T, production: T) -> T {
    match spec.profile.get() {
        Profile::Poc => poc,
        Profile::Production => production,
    }
}

/// Resolves a spec. Fails only where the spec names something that does not exist (a TPU
/// topology GKE does not offer); consistency checks are the validate stage's.
pub fn lower(spec: &Spec) -> Result<Pattern, Vec<Diagnostic>> {
    let accelerator = lower_accelerator(&spec.accelerator).map_err(|d| vec![d])?;
    let name = spec.service.name.clone();
    let kserve = spec.target.kserve.clone();
    let profile = kserve.get().profile();
    let scheme = spec.serving.scheme.clone().unwrap_or_else(|| {
        let tls = spec
            .target
            .llmisvc_tls
            .as_ref()
            .is_some_and(|tls| *tls.get());
        Spanned::unspanned(if profile.vllm.serves_https_with(tls) {
            Scheme::Https
        } else {
            Scheme::Http
        })
    });
    let vllm = lower_vllm(spec, profile, &accelerator, &scheme);
    let probes = lower_probes(spec, &accelerator, *scheme.get());
    let gateway = Gateway {
        name: spec.gateway.name.clone(),
        namespace: spec.gateway.namespace.clone(),
        binding: spec.gateway.binding,
    };
    let scheduler = lower_scheduler(spec, profile).map_err(|d| vec![d])?;
    let monitoring = lower_monitoring(spec);
    let envoy_filter = lower_envoy_filter(spec);
    // Indices name routes only where rules are unnamed. Where they are named and Istio already
    // sends request bodies to the EPP (1.27+), the filter is not needed: leave it out rather than
    // guess which named rules the indices meant.
    let leave_out_envoy_filter = envoy_filter
        .as_ref()
        .is_some_and(|filter| filter.route_indices.is_some())
        && profile.http_route.named_rules
        && spec
            .target
            .istio
            .get()
            .profile()
            .route_processing_mode
            .is_some();
    Ok(Pattern {
        profile: spec.profile.clone(),
        envoy_filter: envoy_filter.clone().filter(|_| !leave_out_envoy_filter),
        left_out_envoy_filter: envoy_filter.filter(|_| leave_out_envoy_filter),
        network_policies: lower_network_policies(spec, monitoring.is_some()),
        gitops: Gitops {
            sync_waves: spec.gitops.sync_waves,
        },
        literals: spec.literals.clone(),
        mesh: Mesh {
            mtls: or(
                &spec.mesh.mtls,
                by_profile(spec, MtlsMode::MeshDefault, MtlsMode::Strict),
            ),
            scope: spec.mesh.scope,
        },
        disruption_budgets: lower_disruption_budgets(spec),
        monitoring,
        plan: PlanSettings {
            chip_hour_usd: spec.plan.chip_hour_usd.clone(),
            node_hour_usd: spec.plan.node_hour_usd.clone(),
            throughput: spec.plan.throughput.clone(),
            utilisation: spec.plan.utilisation.clone(),
            hours_per_month: spec.plan.hours_per_month.clone(),
        },
        container: lower_container(spec, &accelerator),
        name,
        namespace: spec.service.namespace.clone(),
        replicas: spec
            .service
            .replicas
            .clone()
            .map(|replicas| replicas.map(Int32::get)),
        autoscaling: spec.autoscaling.as_ref().map(lower_autoscaling),
        service_table: spec.service.span(),
        model_uri: spec.model.uri.clone(),
        model_name: spec.model.name.clone(),
        kserve,
        istio: spec.target.istio.clone(),
        llmisvc_tls: spec.target.llmisvc_tls.clone(),
        accelerator,
        scheme,
        vllm,
        probes,
        gateway,
        scheduler,
    })
}

fn lower_autoscaling(spec: &Spanned<AutoscalingSpec>) -> Autoscaling {
    let table = spec.span();
    let spec = spec.get();
    Autoscaling {
        table,
        min_replicas: spec.min_replicas.clone().map_or_else(
            || Spanned::unspanned(SCALING.default_min_replicas),
            |min| min.map(Int32::get),
        ),
        max_replicas: spec.max_replicas.clone().map(Int32::get),
        actuator: spec.actuator.clone(),
        variant_cost: spec.variant_cost.clone(),
        behavior: spec.behavior.clone(),
        keda: spec.keda.clone(),
    }
}

fn lower_accelerator(spec: &AcceleratorSpec) -> Result<Accelerator, Diagnostic> {
    match spec {
        AcceleratorSpec::Tpu(tpu) => {
            let generation = *tpu.generation.get();
            let shape = find_shape(generation, tpu.topology.get()).map_err(|error| {
                let offered: Vec<_> = generation.shapes().iter().map(|s| s.label).collect();
                let offered = offered.join(", ");
                match error {
                    TopologyError::Malformed => Diagnostic::error(
                        "P3101",
                        format!("`{}` is not a TPU topology", tpu.topology.get()),
                    )
                    .primary(tpu.topology.span(), "expected chips per axis, like `2x2`")
                    .help(format!("TPU {} topologies: {offered}", generation.name())),
                    TopologyError::NotOffered => Diagnostic::error(
                        "P3101",
                        format!(
                            "TPU {} has no `{}` topology",
                            generation.name(),
                            tpu.topology.get()
                        ),
                    )
                    .primary(tpu.topology.span(), "not offered for this generation")
                    .secondary(tpu.generation.span(), "the generation")
                    .help(format!("TPU {} topologies: {offered}", generation.name())),
                }
            })?;
            Ok(Accelerator::Tpu(Tpu {
                generation,
                topology: tpu.topology.clone(),
                shape,
                env: tpu.env,
                toleration: tpu.toleration,
            }))
        }
        AcceleratorSpec::Gpu(gpu) => Ok(Accelerator::Gpu(Gpu {
            accelerator_type: gpu.accelerator_type.clone(),
            count: gpu.count.clone(),
            machine_type: gpu.machine_type.clone(),
            toleration: gpu.toleration,
        })),
    }
}

fn lower_container(spec: &Spec, accelerator: &Accelerator) -> Container {
    let container = &spec.container;
    let mut env: Vec<EnvVar> = accelerator
        .runtime_env()
        .into_iter()
        .map(|(name, value)| EnvVar {
            name: Spanned::unspanned(name),
            value: EnvValue::Plain(Spanned::unspanned(value)),
        })
        .collect();
    if let Some(token) = &container.hf_token {
        env.push(EnvVar {
            name: Spanned::unspanned("HF_TOKEN".to_owned()),
            value: EnvValue::Secret {
                secret: token.secret.clone(),
                key: token.key.clone(),
            },
        });
    }
    env.extend(container.env.iter().map(|(name, value)| EnvVar {
        name: name.clone(),
        value: EnvValue::Plain(value.clone()),
    }));
    env.extend(container.secret_env.iter().map(|(name, source)| EnvVar {
        name: name.clone(),
        value: EnvValue::Secret {
            secret: source.secret.clone(),
            key: source.key.clone(),
        },
    }));
    let amounts = |amounts: &crate::spec::ResourceAmountsSpec| {
        [
            ("cpu", &amounts.cpu),
            ("memory", &amounts.memory),
            ("ephemeral-storage", &amounts.ephemeral_storage),
        ]
        .into_iter()
        .filter_map(|(name, value)| Some((name.to_owned(), value.clone()?)))
        .collect::<BTreeMap<_, _>>()
    };
    Container {
        image: container.image.clone(),
        image_pull_secrets: container.image_pull_secrets.clone(),
        env,
        requests: amounts(&container.resources.requests),
        limits: amounts(&container.resources.limits),
    }
}

/// The EPP, its weights and where they go. Lowering the weights fails only if their config cannot
/// be written as YAML; what the EPP would reject is the validate stage's to report.
fn lower_scheduler(spec: &Spec, profile: &'static KserveProfile) -> Result<Scheduler, Diagnostic> {
    let (epp, image) = match &spec.target.epp {
        Some(epp) => (epp.version.clone(), Some(epp.image.clone())),
        None => (Spanned::unspanned(profile.epp), None),
    };
    let scorers: BTreeMap<Spanned<String>, ScorerSetting> = spec
        .scheduler
        .scorers
        .iter()
        .map(|(plugin, scorer)| {
            let parameters = scorer
                .parameters
                .iter()
                .map(|(key, value)| (key.clone(), value.clone().map(toml_to_json)))
                .collect();
            let scorer = ScorerSetting {
                weight: scorer.weight.clone(),
                parameters,
            };
            (plugin.clone(), scorer)
        })
        .collect();
    let lowering = lower_weights_unchecked(profile, epp.get().profile(), &weights_of(&scorers))
        .map_err(|error| Diagnostic::error("P3009", error.to_string()))?;
    let args_override = epp_args_override(profile, epp.get().profile());
    Ok(Scheduler {
        enabled: spec.scheduler.enabled,
        epp,
        image,
        scorers,
        args_override,
        lowering,
        replicas: spec.scheduler.replicas.clone().map(|r| r.map(Int32::get)),
    })
}

fn lower_vllm(
    spec: &Spec,
    profile: &KserveProfile,
    accelerator: &Accelerator,
    scheme: &Spanned<Scheme>,
) -> Vllm {
    let scheme_span = scheme.span();
    let vllm = &spec.vllm;
    let form = vllm
        .args_form
        .clone()
        .unwrap_or_else(|| Spanned::unspanned(profile.vllm.args_form()));
    let tensor_parallel_size = vllm
        .tensor_parallel_size
        .clone()
        .unwrap_or_else(|| Spanned::unspanned(accelerator.chips()));
    let mut flags = Vec::new();
    let mut flag = |text: String, span: Option<std::ops::Range<usize>>| {
        flags.push(match span {
            Some(span) => Spanned::new(text, span),
            None => Spanned::unspanned(text),
        });
    };
    // Where the template appends the args to its own `vllm serve … --served-model-name <model.name>
    // --port 8000`, p3gen repeats neither (a second `--served-model-name` would replace the
    // template's names, which on 0.19+ include the publisher path).
    let appends = profile.vllm.appends_user_args();
    match form.get() {
        ArgsForm::Script => flag(format!("--model={MODEL_DIR}"), None),
        ArgsForm::Flags if !appends => flag(format!("--port={}", VLLM_PORT), None),
        ArgsForm::Flags => {}
    }
    let served_model_name = vllm.served_model_name.clone().or_else(|| {
        by_profile(
            spec,
            None,
            Some(Spanned::unspanned(spec.model.name.get().clone())),
        )
        .filter(|_| !appends)
    });
    if let Some(name) = &served_model_name {
        flag(format!("--served-model-name={}", name.get()), name.span());
    }
    if let Some(dtype) = &vllm.dtype {
        flag(
            format!("--dtype={}", dtype_name(*dtype.get())),
            dtype.span(),
        );
    }
    if let Some(len) = &vllm.max_model_len {
        flag(format!("--max-model-len={}", len.get()), len.span());
    }
    flag(
        format!("--tensor-parallel-size={}", tensor_parallel_size.get()),
        tensor_parallel_size.span(),
    );
    if let Some(fraction) = &vllm.gpu_memory_utilization {
        flag(
            format!("--gpu-memory-utilization={}", fraction.get()),
            fraction.span(),
        );
    }
    if let Some(seqs) = &vllm.max_num_seqs {
        flag(format!("--max-num-seqs={}", seqs.get()), seqs.span());
    }
    if vllm.enable_prefix_caching {
        flag("--enable-prefix-caching".to_owned(), None);
    }
    // By default as the target's template does, unless the image's vLLM deprecates the flag.
    let release = VllmKnown::resolve(
        spec.target.vllm.as_ref().map(|release| *release.get()),
        spec.container.image.get(),
    );
    let by_default = profile.vllm.disables_request_logs()
        && check_flag(release, DISABLE_LOG_REQUESTS) == FlagVerdict::Valid;
    let disable_log_requests = vllm
        .disable_log_requests
        .as_ref()
        .map_or(by_default, |set| *set.get());
    if disable_log_requests {
        let span = vllm.disable_log_requests.as_ref().and_then(Spanned::span);
        flag(DISABLE_LOG_REQUESTS.to_owned(), span);
    }
    if *scheme.get() == Scheme::Https {
        // Serving TLS is what the scheme says: the flags come from it. With TLS on, the 0.18+
        // template passes the same two flags too; argparse keeps the last, the same files.
        flag(
            format!("--ssl-certfile={TLS_DIR}/tls.crt"),
            scheme_span.clone(),
        );
        flag(format!("--ssl-keyfile={TLS_DIR}/tls.key"), scheme_span);
    }
    for extra in &vllm.extra_args {
        flag(extra.get().clone(), extra.span());
    }
    Vllm {
        form,
        launcher: vllm.launcher.clone(),
        served_model_name,
        tensor_parallel_size,
        flags,
        release: spec.target.vllm.clone(),
    }
}

fn dtype_name(dtype: crate::spec::Dtype) -> &'static str {
    use crate::spec::Dtype;
    match dtype {
        Dtype::Auto => "auto",
        Dtype::Half => "half",
        Dtype::Float16 => "float16",
        Dtype::Bfloat16 => "bfloat16",
        Dtype::Float => "float",
        Dtype::Float32 => "float32",
    }
}

struct ProbeDefaults {
    path: &'static str,
    period: u32,
    timeout: u32,
    failure_threshold: Option<u32>,
}

fn lower_probes(spec: &Spec, accelerator: &Accelerator, scheme: Scheme) -> Probes {
    let delay = accelerator.default_initial_delay();
    let probe = |probe: &ProbeSpec, defaults: ProbeDefaults| Probe {
        path: or(&probe.path, defaults.path.to_owned()),
        scheme: or(&probe.scheme, scheme),
        initial_delay: or(&int32(&probe.initial_delay), delay),
        period: or(&int32(&probe.period), defaults.period),
        timeout: or(&int32(&probe.timeout), defaults.timeout),
        failure_threshold: int32(&probe.failure_threshold)
            .or(defaults.failure_threshold.map(Spanned::unspanned)),
    };
    let liveness = ProbeDefaults {
        path: "/health",
        period: 30,
        timeout: 30,
        failure_threshold: Some(5),
    };
    let readiness = ProbeDefaults {
        path: "/v1/models",
        period: 10,
        timeout: 10,
        failure_threshold: None,
    };
    let startup = ProbeDefaults {
        path: "/health",
        period: 30,
        timeout: 10,
        failure_threshold: Some(60),
    };
    Probes {
        liveness: probe(&spec.probes.liveness, liveness),
        readiness: probe(&spec.probes.readiness, readiness),
        startup: spec.probes.startup.as_ref().map(|p| probe(p, startup)),
    }
}

fn int32(value: &Option<Spanned<Int32>>) -> Option<Spanned<u32>> {
    value.clone().map(|value| value.map(Int32::get))
}

fn or<T: Clone>(value: &Option<Spanned<T>>, default: T) -> Spanned<T> {
    value.clone().unwrap_or_else(|| Spanned::unspanned(default))
}

fn lower_envoy_filter(spec: &Spec) -> Option<EnvoyFilter> {
    let filter = &spec.envoy_filter;
    if !*filter.enabled.get() {
        return None;
    }
    let kserve = *spec.target.kserve.get();
    let namespace = spec.service.namespace.get();
    let name = spec.service.name.get();
    let route_names = match (&filter.route_names, &filter.route_indices) {
        (Some(names), _) => names.get().clone(),
        (None, Some(indices)) => indices
            .get()
            .iter()
            .map(|index| unnamed_route_name(namespace, name, *index as usize))
            .collect(),
        (None, None) => route_names(kserve, namespace, name)
            .into_iter()
            .filter(RouteRule::is_patchable)
            .map(|rule| rule.route_name)
            .collect(),
    };
    let defaults = default_body_modes(kserve, *spec.target.istio.get());
    Some(EnvoyFilter {
        enabled: filter.enabled.clone(),
        name: or(&filter.name, format!("{name}-ext-proc-body")),
        operation: or(&filter.operation, PatchOperation::Merge),
        route_indices: filter.route_indices.clone(),
        route_rule_names: filter.route_names.clone(),
        route_names,
        modes: lower_modes(filter, &defaults),
    })
}

/// The processing modes: each unset mode takes the target's default, except that a trailer mode is
/// only defaulted alongside the body mode it belongs to (`SEND` is what `FULL_DUPLEX_STREAMED` needs,
/// and the reference's `BUFFERED` carries no trailer modes).
fn lower_modes(
    filter: &crate::spec::EnvoyFilterSpec,
    defaults: &ProcessingMode,
) -> ProcessingModes {
    let header = |mode: &Option<Spanned<HeaderMode>>, default: Option<HeaderMode>| {
        mode.clone()
            .or_else(|| default.map(Spanned::unspanned))
            .unwrap_or_else(|| Spanned::unspanned(HeaderMode::Send))
    };
    let body = |mode: &Option<Spanned<BodyMode>>, default: Option<BodyMode>| {
        mode.clone()
            .or_else(|| default.map(Spanned::unspanned))
            .unwrap_or_else(|| Spanned::unspanned(BodyMode::None))
    };
    let trailer = |mode: &Option<Spanned<HeaderMode>>,
                   body_mode: &Spanned<BodyMode>,
                   default: Option<HeaderMode>| {
        mode.clone().or_else(|| {
            (*body_mode.get() == BodyMode::FullDuplexStreamed)
                .then(|| Spanned::unspanned(default.unwrap_or(HeaderMode::Send)))
        })
    };
    let request_body = body(&filter.request_body_mode, defaults.request_body_mode);
    let response_body = body(&filter.response_body_mode, defaults.response_body_mode);
    ProcessingModes {
        request_header: header(&filter.request_header_mode, defaults.request_header_mode),
        response_header: header(&filter.response_header_mode, defaults.response_header_mode),
        request_trailer: trailer(
            &filter.request_trailer_mode,
            &request_body,
            defaults.request_trailer_mode,
        ),
        response_trailer: trailer(
            &filter.response_trailer_mode,
            &response_body,
            defaults.response_trailer_mode,
        ),
        request_body,
        response_body,
    }
}

fn lower_network_policies(spec: &Spec, monitoring: bool) -> NetworkPolicies {
    let policies = &spec.network_policies;
    let service = spec.service.name.get();
    let suffix = policies
        .name_suffix
        .as_ref()
        .map_or_else(|| format!("-{service}"), |s| s.get().clone());
    // A default suffix is the service name: the policy names come from it.
    let suffix_span = match &policies.name_suffix {
        Some(suffix) => suffix.span(),
        None => spec.service.name.span(),
    };
    let meta = |name: &Option<Spanned<String>>,
                default_name: &str,
                common_labels: Option<bool>,
                component: &Option<String>,
                default_component: &str| {
        let mut labels = BTreeMap::new();
        if common_labels.unwrap_or(true) {
            labels.extend(policies.labels.clone());
            labels.insert(
                COMPONENT_LABEL.to_owned(),
                component
                    .clone()
                    .unwrap_or_else(|| default_component.to_owned()),
            );
        }
        let full = format!(
            "{}{suffix}",
            name.as_ref()
                .map_or(default_name, |name| name.get().as_str())
        );
        PolicyMeta {
            name: match name
                .as_ref()
                .and_then(Spanned::span)
                .or(suffix_span.clone())
            {
                Some(span) => Spanned::new(full, span),
                None => Spanned::unspanned(full),
            },
            labels,
        }
    };
    let workload_selector = policies
        .selectors
        .workload
        .clone()
        .unwrap_or_else(|| Spanned::unspanned(crate::target::workload_selector(service)));
    let vllm = &policies.gateway_to_vllm;
    let epp = &policies.gateway_to_epp;
    let istio = &policies.istio;
    let egress = &policies.vllm_egress;
    let default_deny_setting = or(&policies.default_deny, by_profile(spec, false, true));
    NetworkPolicies {
        monitoring_namespace: or(&policies.monitoring_namespace, "monitoring".to_owned()),
        istio_namespace: or(&policies.istio_namespace, ISTIO_NAMESPACE.to_owned()),
        default_deny: default_deny_setting
            .get()
            .then(|| meta(&None, "default-deny", Some(true), &None, "default-deny")),
        default_deny_setting,
        workload_peer_selector: policies
            .selectors
            .workload_peer
            .clone()
            .unwrap_or_else(|| workload_selector.clone()),
        workload_selector,
        epp_selector: policies
            .selectors
            .epp
            .clone()
            .unwrap_or_else(|| Spanned::unspanned(crate::target::epp_selector(service))),
        api_server: ApiServer {
            mode: or(
                &policies.api_server.mode,
                by_profile(spec, ApiServerMode::None, ApiServerMode::IpBlock),
            ),
            cidrs: policies.api_server.cidrs.clone(),
            port: policies
                .api_server
                .port
                .as_ref()
                .map_or(API_SERVER_PORT, |p| *p.get()),
        },
        gateway_to_vllm: vllm.enabled.unwrap_or(true).then(|| GatewayToVllm {
            meta: meta(
                &vllm.name,
                "allow-gateway-to-vllm",
                vllm.common_labels,
                &vllm.component,
                "ingress",
            ),
            any_pod_probe_rule: vllm.any_pod_probe_rule.clone(),
            allow_epp: or(&vllm.allow_epp, true),
            allow_monitoring: or(&vllm.allow_monitoring, monitoring),
        }),
        gateway_to_epp: epp
            .enabled
            .unwrap_or(spec.scheduler.enabled)
            .then(|| GatewayToEpp {
                meta: meta(
                    &epp.name,
                    "allow-gateway-to-epp",
                    epp.common_labels,
                    &epp.component,
                    "scheduler",
                ),
                gateway_ports: epp.gateway_ports.clone().unwrap_or_else(|| {
                    by_profile(
                        spec,
                        vec![EPP_EXT_PROC_PORT],
                        vec![EPP_EXT_PROC_PORT, EPP_HEALTH_PORT],
                    )
                }),
                monitoring_ports: epp
                    .monitoring_ports
                    .clone()
                    .unwrap_or_else(|| vec![EPP_METRICS_PORT]),
                dns_protocols: epp
                    .dns_protocols
                    .clone()
                    .unwrap_or_else(|| Spanned::unspanned(vec![Protocol::Udp, Protocol::Tcp])),
            }),
        istio: istio.enabled.unwrap_or(true).then(|| {
            meta(
                &istio.name,
                "allow-istio-control-plane",
                istio.common_labels,
                &istio.component,
                "istio",
            )
        }),
        vllm_egress: egress.enabled.unwrap_or(true).then(|| VllmEgress {
            meta: meta(
                &egress.name,
                "allow-vllm-egress",
                egress.common_labels,
                &egress.component,
                "egress",
            ),
            mode: or(
                &egress.mode,
                by_profile(spec, EgressMode::All, EgressMode::Restricted),
            ),
        }),
    }
}

fn lower_disruption_budgets(spec: &Spec) -> Option<DisruptionBudgets> {
    let budgets = &spec.disruption_budgets;
    or(&budgets.enabled, by_profile(spec, false, true))
        .get()
        .then(|| DisruptionBudgets {
            max_unavailable: or(&int32(&budgets.max_unavailable), 1),
            epp_max_unavailable: or(&int32(&budgets.epp_max_unavailable), 1),
        })
}

fn lower_monitoring(spec: &Spec) -> Option<Monitoring> {
    let monitoring = &spec.monitoring;
    if !*or(&monitoring.enabled, by_profile(spec, false, true)).get() {
        return None;
    }
    let secret_key = |spec: &SecretKeySpec| SecretKey {
        secret: spec.secret.clone(),
        key: spec.key.clone(),
    };
    Some(Monitoring {
        labels: monitoring.labels.clone(),
        interval: monitoring.interval.clone(),
        scrape_class: monitoring.scrape_class.clone(),
        vllm_ca: monitoring.vllm_ca.as_ref().map(secret_key),
        vllm_server_name: monitoring.vllm_server_name.clone(),
        epp_bearer_token: monitoring.epp_bearer_token.as_ref().map(secret_key),
    })
}

/// Converts a TOML value into JSON for plugin parameters; datetimes become strings.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => serde_json::Value::String(s),
        toml::Value::Integer(i) => serde_json::Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        toml::Value::Boolean(b) => serde_json::Value::Bool(b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(items) => items.into_iter().map(toml_to_json).collect(),
        toml::Value::Table(table) => table
            .into_iter()
            .map(|(key, value)| (key, toml_to_json(value)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}
