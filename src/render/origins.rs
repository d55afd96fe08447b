//! Provenance: where in the spec each rendered field came from, so a rule that reads the rendered
//! objects reports its finding at the spec value that produced the field.
//!
//! [`origin`] maps a node of a rendered object (its JSON pointer, and for a script of container
//! args the word within it) to the span of the spec value it was rendered from. A node the table
//! does not name takes its nearest named ancestor's; a named node that no spec value produced (a
//! fixed port, a derived default) has none.

use std::ops::Range;

use crate::diagnostic::{Node, Setting};
use k8s_openapi::api::networking::v1::NetworkPolicy;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::model::{Accelerator, EnvValue, Pattern, PolicyMeta};
use crate::spec::ArgsForm;
use crate::spec::{ApiServerMode, Role};
use crate::target::{TPU_ACCELERATOR_LABEL, TPU_TOPOLOGY_LABEL};

use super::Object;

/// The span of the spec value that produced `node` of `objects[node.object]`, if any did.
pub fn origin(pattern: &Pattern, objects: &[Object], node: &Node) -> Option<Range<usize>> {
    let object = objects.get(node.object)?;
    let segments: Vec<String> = node
        .pointer
        .split('/')
        .skip(1)
        .map(|segment| segment.replace("~1", "/").replace("~0", "~"))
        .collect();
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    if let [.., "labels" | "matchLabels" | "annotations", entry] = segments.as_slice()
        && let Some(span) = label_origin(pattern, object, node, entry)
    {
        return Some(span);
    }
    // The node itself, then each ancestor in turn.
    (0..=segments.len())
        .rev()
        .find_map(|depth| {
            let token = if depth == segments.len() {
                node.token
            } else {
                None
            };
            field_origin(pattern, object, &segments[..depth], token)
        })
        .flatten()
}

/// A label (or annotation) entry comes from the spec string that reads as it: its key, or its
/// value.
fn label_origin(
    pattern: &Pattern,
    object: &Object,
    node: &Node,
    entry: &str,
) -> Option<Range<usize>> {
    let (text, role) = if node.key {
        (entry.to_owned(), Role::Key)
    } else {
        let value = serde_json::to_value(object).ok()?;
        (
            value.pointer(&node.pointer)?.as_str()?.to_owned(),
            Role::Value,
        )
    };
    pattern
        .literals
        .iter()
        .find(|literal| {
            literal.role == role && literal.label_part().is_some() && literal.text == text
        })
        .map(|literal| literal.span.clone())
}

/// The origin of a named node: `Some(span)` when a spec value produced it, `Some(None)` when it
/// is named but derived; `None` for a node the table does not name.
type Named = Option<Option<Range<usize>>>;

/// The span of a spec setting that no object node holds.
pub fn setting_origin(pattern: &Pattern, setting: Setting) -> Option<Range<usize>> {
    let policies = &pattern.network_policies;
    match setting {
        Setting::KserveTarget => pattern.kserve.span(),
        Setting::IstioTarget => pattern.istio.span(),
        Setting::DefaultDeny => policies.default_deny_setting.span(),
        Setting::AllowEpp => policies.gateway_to_vllm.as_ref()?.allow_epp.span(),
    }
}

fn field_origin(pattern: &Pattern, object: &Object, path: &[&str], token: Option<usize>) -> Named {
    match (object, path) {
        (_, ["metadata", "namespace"]) => Some(pattern.namespace.span()),
        (Object::LlmInferenceService(_), rest) => service_origin(pattern, rest, token),
        (Object::PeerAuthentication(_), ["spec", "mtls" | "portLevelMtls", ..]) => {
            Some(pattern.mesh.mtls.span())
        }
        (Object::EnvoyFilter(_), rest) => envoy_filter_origin(pattern, rest),
        (Object::NetworkPolicy(policy), rest) => policy_origin(pattern, policy, rest),
        _ => None,
    }
}

fn service_origin(pattern: &Pattern, path: &[&str], token: Option<usize>) -> Named {
    Some(match path {
        ["metadata", "name"] => pattern.name.span(),
        ["spec", "replicas"] => pattern.replicas.as_ref().and_then(|r| r.span()),
        ["spec", "scaling", rest @ ..] => return scaling_origin(pattern, rest),
        ["spec", "model", "uri"] => pattern.model_uri.span(),
        ["spec", "model", "name"] => pattern.model_name.span(),
        ["spec", "template", "nodeSelector", label] => node_selector_origin(pattern, label),
        ["spec", "template", "imagePullSecrets", index, ..] => pattern
            .container
            .image_pull_secrets
            .get(index.parse::<usize>().ok()?)?
            .span(),
        ["spec", "router", "gateway", "refs", _, "name"] => pattern.gateway.name.span(),
        ["spec", "router", "gateway", "refs", _, "namespace"] => pattern.gateway.namespace.span(),
        ["spec", "template", "containers", "0", rest @ ..] => {
            return container_origin(pattern, rest, token);
        }
        ["spec", "router", "scheduler", "replicas"] => pattern
            .scheduler
            .replicas
            .as_ref()
            .and_then(|replicas| replicas.span()),
        _ => return None,
    })
}

fn scaling_origin(pattern: &Pattern, path: &[&str]) -> Named {
    let scaling = pattern.autoscaling.as_ref()?;
    let keda = scaling.keda.as_ref();
    let keda_field = |field: &str| {
        let keda = keda?.get();
        match field {
            "pollingInterval" => keda.polling_interval.as_ref()?.span(),
            "cooldownPeriod" => keda.cooldown_period.as_ref()?.span(),
            "initialCooldownPeriod" => keda.initial_cooldown_period.as_ref()?.span(),
            "idleReplicaCount" => keda.idle_replica_count.as_ref()?.span(),
            _ => None,
        }
    };
    Some(match path {
        [] => scaling.table.clone(),
        ["minReplicas"] => scaling.min_replicas.span().or(scaling.table.clone()),
        ["maxReplicas"] => scaling.max_replicas.span(),
        ["wva", "variantCost"] => scaling.variant_cost.as_ref().and_then(|c| c.span()),
        ["wva", "hpa", _, ..] => scaling.behavior.as_ref().and_then(|b| b.span()),
        ["wva", "keda", field] => keda_field(field).or(keda.and_then(|k| k.span())),
        ["wva", ..] => scaling.actuator.span(),
        _ => return None,
    })
}

fn envoy_filter_origin(pattern: &Pattern, path: &[&str]) -> Named {
    let filter = pattern.envoy_filter.as_ref()?;
    let modes = &filter.modes;
    let mode =
        |mode: Option<&crate::spec::Spanned<crate::spec::HeaderMode>>| mode.and_then(|m| m.span());
    Some(match path {
        // The whole object is `[envoy-filter]`'s.
        [] => filter.enabled.span(),
        ["metadata", "name"] => filter.name.span(),
        ["spec", "configPatches", _, "match", ..] => filter
            .route_indices
            .as_ref()
            .and_then(|indices| indices.span())
            .or_else(|| filter.route_rule_names.as_ref()?.span())
            .or(filter.enabled.span()),
        ["spec", "configPatches", _, "patch", "operation"] => {
            filter.operation.span().or(filter.enabled.span())
        }
        [.., "processing_mode", field] => match *field {
            "request_header_mode" => modes.request_header.span(),
            "response_header_mode" => modes.response_header.span(),
            "request_body_mode" => modes.request_body.span(),
            "response_body_mode" => modes.response_body.span(),
            "request_trailer_mode" => mode(modes.request_trailer.as_ref()),
            "response_trailer_mode" => mode(modes.response_trailer.as_ref()),
            _ => return None,
        },
        _ => return None,
    })
}

/// Which of the spec's policies a rendered NetworkPolicy is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PolicyKind {
    DefaultDeny,
    GatewayToVllm,
    GatewayToEpp,
    Istio,
    VllmEgress,
}

fn policy_kind<'p>(pattern: &'p Pattern, name: &str) -> Option<(PolicyKind, &'p PolicyMeta)> {
    let policies = &pattern.network_policies;
    [
        (PolicyKind::DefaultDeny, policies.default_deny.as_ref()),
        (
            PolicyKind::GatewayToVllm,
            policies.gateway_to_vllm.as_ref().map(|p| &p.meta),
        ),
        (
            PolicyKind::GatewayToEpp,
            policies.gateway_to_epp.as_ref().map(|p| &p.meta),
        ),
        (PolicyKind::Istio, policies.istio.as_ref()),
        (
            PolicyKind::VllmEgress,
            policies.vllm_egress.as_ref().map(|p| &p.meta),
        ),
    ]
    .into_iter()
    .find_map(|(kind, meta)| {
        meta.filter(|meta| meta.name.get() == name)
            .map(|meta| (kind, meta))
    })
}

/// A NetworkPolicy's nodes: its selector from `selectors`, each rule from the setting that adds
/// it, read from the rendered rule itself (its peers and ports say which it is).
fn policy_origin(pattern: &Pattern, policy: &NetworkPolicy, path: &[&str]) -> Named {
    use PolicyKind::*;
    let policies = &pattern.network_policies;
    let (kind, meta) = policy_kind(pattern, policy.metadata.name.as_deref()?)?;
    let spec = policy.spec.as_ref()?;
    Some(match (kind, path) {
        (_, ["metadata", "name"]) => meta.name.span(),
        (_, [.., "namespaceSelector", "matchLabels", _]) => {
            // The namespace a peer selects by name: whichever spec value names it.
            let pointer: String = path
                .iter()
                .map(|segment| format!("/{}", crate::manifest::pointer_segment(segment)))
                .collect();
            let value = serde_json::to_value(policy).ok()?;
            let named = value.pointer(&pointer)?.as_str()?;
            [
                &policies.monitoring_namespace,
                &policies.istio_namespace,
                &pattern.gateway.namespace,
                &pattern.namespace,
            ]
            .into_iter()
            .find(|namespace| namespace.get() == named)?
            .span()
        }
        (DefaultDeny, _) => policies.default_deny_setting.span(),
        (GatewayToVllm | VllmEgress, ["spec", "podSelector", ..]) => {
            policies.workload_selector.span()
        }
        (GatewayToEpp, ["spec", "podSelector", ..]) => policies.epp_selector.span(),
        (GatewayToVllm, ["spec", "ingress", index, rest @ ..]) => {
            let vllm = policies.gateway_to_vllm.as_ref()?;
            let rule = spec.ingress.as_ref()?.get(index.parse::<usize>().ok()?)?;
            let peer = rule.from.as_ref()?.first()?;
            let selects_all = |selector: &Option<LabelSelector>| {
                selector
                    .as_ref()
                    .is_some_and(|s| *s == LabelSelector::default())
            };
            if selects_all(&peer.namespace_selector)
                && (peer.pod_selector.is_none() || selects_all(&peer.pod_selector))
            {
                vllm.any_pod_probe_rule.span()
            } else if peer.namespace_selector.is_none() && peer.pod_selector.is_some() {
                match rest {
                    ["from", _, "podSelector", ..] => policies.epp_selector.span(),
                    _ => vllm.allow_epp.span(),
                }
            } else if peer.namespace_selector.is_some() && peer.pod_selector.is_none() {
                vllm.allow_monitoring.span()
            } else {
                return None;
            }
        }
        (GatewayToVllm, ["spec", "ingress"]) => policies.gateway_to_vllm.as_ref()?.allow_epp.span(),
        (GatewayToEpp | VllmEgress, ["spec", "egress", index, rest @ ..]) => {
            let rule = spec.egress.as_ref()?.get(index.parse::<usize>().ok()?)?;
            let dns = rule
                .ports
                .iter()
                .flatten()
                .any(|port| port.port == Some(IntOrString::Int(53)));
            let peers = rule.to.as_deref().unwrap_or_default();
            if rule.to.is_none() && rule.ports.is_none() {
                policies.vllm_egress.as_ref()?.mode.span()
            } else if dns {
                match kind {
                    GatewayToEpp => policies.gateway_to_epp.as_ref()?.dns_protocols.span(),
                    _ => policies.vllm_egress.as_ref()?.mode.span(),
                }
            } else if peers.iter().any(|peer| peer.ip_block.is_some()) {
                let api_server = &policies.api_server;
                match rest {
                    ["to", peer, ..] if api_server.mode.get() == &ApiServerMode::IpBlock => {
                        api_server
                            .cidrs
                            .get(peer.parse::<usize>().ok()?)
                            .and_then(|cidr| cidr.span())
                            .or(api_server.mode.span())
                    }
                    _ if api_server.mode.get() == &ApiServerMode::IpBlock => api_server.mode.span(),
                    _ => policies.vllm_egress.as_ref()?.mode.span(),
                }
            } else if peers.iter().any(|peer| peer.namespace_selector.is_some()) {
                policies.api_server.mode.span()
            } else if kind == GatewayToEpp {
                policies.workload_peer_selector.span()
            } else {
                return None;
            }
        }
        (Istio, _) => policies.istio_namespace.span(),
        _ => return None,
    })
}

fn node_selector_origin(pattern: &Pattern, label: &str) -> Option<Range<usize>> {
    match &pattern.accelerator {
        Accelerator::Tpu(tpu) if label == TPU_TOPOLOGY_LABEL => tpu.topology.span(),
        Accelerator::Tpu(tpu) if label == TPU_ACCELERATOR_LABEL => tpu.topology.span(),
        Accelerator::Gpu(gpu) => gpu.accelerator_type.span(),
        Accelerator::Tpu(_) => None,
    }
}

fn container_origin(pattern: &Pattern, path: &[&str], token: Option<usize>) -> Named {
    let container = &pattern.container;
    let accelerator = pattern.accelerator.resource_name();
    Some(match path {
        ["image"] => container.image.span(),
        ["args"] => pattern.vllm.form.span(),
        ["args", index] => args_origin(pattern, index.parse().ok()?, token),
        ["resources"] => accelerator_count_origin(&pattern.accelerator),
        ["resources", "requests" | "limits", resource] if *resource == accelerator => {
            accelerator_count_origin(&pattern.accelerator)
        }
        ["resources", "requests", resource] => container.requests.get(*resource)?.span(),
        ["resources", "limits", resource] => container.limits.get(*resource)?.span(),
        ["env", index, rest @ ..] => {
            let var = container.env.get(index.parse::<usize>().ok()?)?;
            match (rest, &var.value) {
                (["value"], EnvValue::Plain(value)) => value.span(),
                (["valueFrom", "secretKeyRef", "name"], EnvValue::Secret { secret, .. }) => {
                    secret.span()
                }
                (["valueFrom", "secretKeyRef", "key"], EnvValue::Secret { key, .. }) => key.span(),
                _ => var.name.span(),
            }
        }
        [
            probe @ ("livenessProbe" | "readinessProbe" | "startupProbe"),
            rest @ ..,
        ] => {
            let probe = match *probe {
                "livenessProbe" => &pattern.probes.liveness,
                "readinessProbe" => &pattern.probes.readiness,
                _ => pattern.probes.startup.as_ref()?,
            };
            match rest {
                ["httpGet", "path"] => probe.path.span(),
                ["httpGet", "scheme"] => probe.scheme.span(),
                ["initialDelaySeconds"] => probe.initial_delay.span(),
                ["periodSeconds"] => probe.period.span(),
                ["timeoutSeconds"] => probe.timeout.span(),
                ["failureThreshold"] => probe.failure_threshold.as_ref()?.span(),
                _ => return None,
            }
        }
        _ => return None,
    })
}

/// The spec value behind the accelerator request: the topology (TPU) or the GPU count.
fn accelerator_count_origin(accelerator: &Accelerator) -> Option<Range<usize>> {
    match accelerator {
        Accelerator::Tpu(tpu) => tpu.topology.span(),
        Accelerator::Gpu(gpu) => gpu.count.span(),
    }
}

/// The spec value behind one arg: a flag of the list, or the word `token` of the script (the
/// launcher's words, then each flag's).
fn args_origin(pattern: &Pattern, index: usize, token: Option<usize>) -> Option<Range<usize>> {
    let vllm = &pattern.vllm;
    match vllm.form.get() {
        ArgsForm::Flags => vllm.flags.get(index)?.span(),
        ArgsForm::Script => {
            let token = token?;
            let words = |text: &str| text.split_whitespace().filter(|word| *word != "\\").count();
            let launcher = words(vllm.launcher.get());
            if token < launcher {
                return vllm.launcher.span();
            }
            let mut first = launcher;
            for flag in &vllm.flags {
                let next = first + words(flag.get());
                if token < next {
                    return flag.span();
                }
                first = next;
            }
            None
        }
    }
}
