//! Lowering a [`Spec`] into a [`Pattern`]: defaults applied, derived values computed.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::spec::{
    AcceleratorSpec, ArgsForm, BodyMode, HeaderMode, PatchOperation, ProbeSpec, Protocol, Scheme,
    Spanned, Spec,
};

use super::{
    Accelerator, ApiServer, Container, EnvValue, EnvVar, EnvoyFilter, Gateway, GatewayToEpp,
    GatewayToVllm, Gpu, MODEL_DIR, Mesh, NetworkPolicies, Pattern, PolicyMeta, Probe, Probes,
    ProcessingModes, Scheduler, Scorer, TLS_DIR, TopologyError, Tpu, TpuGenerationFacts, Vllm,
    VllmEgress, child_name, find_shape, kserve_epp_selector, kserve_workload_selector,
};

/// Resolves a spec. Fails only where the spec names something that does not exist (a TPU
/// topology GKE does not offer); consistency checks are the validate stage's.
pub fn lower(spec: &Spec) -> Result<Pattern, Vec<Diagnostic>> {
    let accelerator = lower_accelerator(&spec.accelerator).map_err(|d| vec![d])?;
    let name = spec.service.name.clone();
    let kserve = spec.target.kserve.clone();
    let scheme = spec.serving.scheme.clone();
    let vllm = lower_vllm(spec, &accelerator, *scheme.get());
    let probes = lower_probes(spec, &accelerator, *scheme.get());
    let gateway = Gateway {
        name: spec.gateway.name.clone(),
        namespace: spec.gateway.namespace.clone(),
        binding: spec.gateway.binding,
    };
    let scheduler = Scheduler {
        enabled: spec.scheduler.enabled.clone(),
        scorers: spec
            .scheduler
            .scorers
            .iter()
            .map(|(plugin, scorer)| {
                let parameters = scorer
                    .parameters
                    .iter()
                    .map(|(key, value)| (key.clone(), value.clone().map(toml_to_json)))
                    .collect();
                let scorer = Scorer {
                    weight: scorer.weight.clone(),
                    parameters,
                };
                (plugin.clone(), scorer)
            })
            .collect(),
    };
    Ok(Pattern {
        envoy_filter: lower_envoy_filter(spec),
        network_policies: lower_network_policies(spec),
        mesh: Mesh {
            mtls: spec.mesh.mtls.clone(),
            scope: spec.mesh.scope,
        },
        container: lower_container(spec, &accelerator),
        name,
        namespace: spec.service.namespace.clone(),
        replicas: spec.service.replicas.clone(),
        model_uri: spec.model.uri.clone(),
        model_name: spec.model.name.clone(),
        kserve,
        istio: spec.target.istio.clone(),
        accelerator,
        scheme,
        vllm,
        probes,
        gateway,
        scheduler,
    })
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

fn lower_vllm(spec: &Spec, accelerator: &Accelerator, scheme: Scheme) -> Vllm {
    let vllm = &spec.vllm;
    let form = vllm
        .args_form
        .clone()
        .unwrap_or_else(|| Spanned::unspanned(spec.target.kserve.get().default_args_form()));
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
    match form.get() {
        ArgsForm::Script => flag(format!("--model={MODEL_DIR}"), None),
        ArgsForm::Flags => flag(format!("--port={}", super::VLLM_PORT), None),
    }
    if let Some(name) = &vllm.served_model_name {
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
    if vllm.disable_log_requests {
        flag("--disable-log-requests".to_owned(), None);
    }
    if scheme == Scheme::Https {
        flag(format!("--ssl-certfile={TLS_DIR}/tls.crt"), None);
        flag(format!("--ssl-keyfile={TLS_DIR}/tls.key"), None);
    }
    for extra in &vllm.extra_args {
        flag(extra.get().clone(), extra.span());
    }
    Vllm {
        form,
        launcher: vllm.launcher.clone(),
        served_model_name: vllm.served_model_name.clone(),
        tensor_parallel_size,
        flags,
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
        initial_delay: or(&probe.initial_delay, delay),
        period: or(&probe.period, defaults.period),
        timeout: or(&probe.timeout, defaults.timeout),
        failure_threshold: probe
            .failure_threshold
            .clone()
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
    let route_indices = filter
        .route_indices
        .clone()
        .unwrap_or_else(|| Spanned::unspanned(kserve.inference_pool_rule_indices().to_vec()));
    let route = child_name(name, "-kserve-route");
    let route_names = route_indices
        .get()
        .iter()
        .map(|index| format!("{namespace}.{route}.{index}"))
        .collect();
    let request_body = or(&filter.request_body_mode, BodyMode::FullDuplexStreamed);
    let response_body = or(&filter.response_body_mode, BodyMode::FullDuplexStreamed);
    let trailer = |mode: &Option<Spanned<HeaderMode>>, body: BodyMode| {
        mode.clone().or_else(|| {
            (body == BodyMode::FullDuplexStreamed).then(|| Spanned::unspanned(HeaderMode::Send))
        })
    };
    let modes = ProcessingModes {
        request_header: or(&filter.request_header_mode, HeaderMode::Send),
        response_header: or(&filter.response_header_mode, HeaderMode::Send),
        request_trailer: trailer(&filter.request_trailer_mode, *request_body.get()),
        response_trailer: trailer(&filter.response_trailer_mode, *response_body.get()),
        request_body,
        response_body,
    };
    Some(EnvoyFilter {
        enabled: filter.enabled.clone(),
        name: or(&filter.name, format!("{name}-ext-proc-body")),
        operation: or(&filter.operation, PatchOperation::Merge),
        route_indices,
        route_names,
        modes,
    })
}

fn lower_network_policies(spec: &Spec) -> NetworkPolicies {
    let policies = &spec.network_policies;
    let service = spec.service.name.get();
    let suffix = policies
        .name_suffix
        .as_ref()
        .map_or_else(|| format!("-{service}"), |s| s.get().clone());
    let suffix_span = policies.name_suffix.as_ref().and_then(Spanned::span);
    let meta = |name: &Option<Spanned<String>>,
                default_name: &str,
                common_labels: Option<bool>,
                component: &Option<String>,
                default_component: &str| {
        let mut labels = BTreeMap::new();
        if common_labels.unwrap_or(true) {
            labels.extend(policies.labels.clone());
            labels.insert(
                "app.kubernetes.io/component".to_owned(),
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
        .unwrap_or_else(|| Spanned::unspanned(kserve_workload_selector(service)));
    let vllm = &policies.gateway_to_vllm;
    let epp = &policies.gateway_to_epp;
    let istio = &policies.istio;
    let egress = &policies.vllm_egress;
    NetworkPolicies {
        monitoring_namespace: or(&policies.monitoring_namespace, "monitoring".to_owned()),
        istio_namespace: or(&policies.istio_namespace, "istio-system".to_owned()),
        default_deny_setting: policies.default_deny.clone(),
        default_deny: policies
            .default_deny
            .get()
            .then(|| meta(&None, "default-deny", Some(true), &None, "default-deny")),
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
            .unwrap_or_else(|| Spanned::unspanned(kserve_epp_selector(service))),
        api_server: ApiServer {
            mode: policies.api_server.mode.clone(),
            cidrs: policies.api_server.cidrs.clone(),
            port: policies.api_server.port.as_ref().map_or(443, |p| *p.get()),
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
        }),
        gateway_to_epp: epp
            .enabled
            .unwrap_or(*spec.scheduler.enabled.get())
            .then(|| GatewayToEpp {
                meta: meta(
                    &epp.name,
                    "allow-gateway-to-epp",
                    epp.common_labels,
                    &epp.component,
                    "scheduler",
                ),
                gateway_ports: epp.gateway_ports.clone().unwrap_or_else(|| vec![9002]),
                monitoring_ports: epp.monitoring_ports.clone().unwrap_or_else(|| vec![9090]),
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
            mode: egress.mode.clone(),
        }),
    }
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
