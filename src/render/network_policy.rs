//! The NetworkPolicies: default-deny, gateway → vLLM, gateway → EPP (with the EPP's egress),
//! the Istio control plane, and vLLM egress.

use std::collections::BTreeMap;

use k8s_openapi::api::networking::v1::{
    IPBlock, NetworkPolicy, NetworkPolicyEgressRule, NetworkPolicyIngressRule, NetworkPolicyPeer,
    NetworkPolicyPort, NetworkPolicySpec,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::model::{ApiServer, Pattern, PolicyMeta};
use crate::spec::{ApiServerMode, EgressMode, Protocol};
use crate::target::{
    API_SERVER_NODE_PORT, API_SERVER_POD_LABEL, API_SERVER_PORT, DNS_NAMESPACE, DNS_POD_LABEL,
    DNS_PORT, HTTPS_PORT, ISTIOD_WEBHOOK_PORT, ISTIOD_XDS_PORT, VLLM_PORT,
};

/// Renders every enabled policy.
pub fn render(pattern: &Pattern) -> Vec<NetworkPolicy> {
    let policies = &pattern.network_policies;
    let mut out = Vec::new();
    if let Some(meta) = &policies.default_deny {
        out.push(policy(
            pattern,
            meta,
            select_all(),
            Some(Vec::new()),
            Some(Vec::new()),
        ));
    }
    if let Some(vllm) = &policies.gateway_to_vllm {
        let mut ingress = vec![ingress_rule(vec![gateway_peer(pattern)], tcp(&[VLLM_PORT]))];
        if *vllm.allow_epp.get() {
            ingress.push(ingress_rule(
                vec![pod_peer(policies.epp_selector.get())],
                tcp(&[VLLM_PORT]),
            ));
        }
        if *vllm.allow_monitoring.get() {
            ingress.push(ingress_rule(
                vec![namespace_peer(policies.monitoring_namespace.get())],
                tcp(&[VLLM_PORT]),
            ));
        }
        if *vllm.any_pod_probe_rule.get() {
            let any_pod = NetworkPolicyPeer {
                namespace_selector: Some(select_all()),
                pod_selector: Some(select_all()),
                ..NetworkPolicyPeer::default()
            };
            ingress.push(ingress_rule(vec![any_pod], tcp(&[VLLM_PORT])));
        }
        out.push(policy(
            pattern,
            &vllm.meta,
            selector(policies.workload_selector.get()),
            Some(ingress),
            None,
        ));
    }
    if let Some(epp) = &policies.gateway_to_epp {
        let mut ingress = vec![ingress_rule(
            vec![gateway_peer(pattern)],
            tcp(&epp.gateway_ports),
        )];
        if !epp.monitoring_ports.is_empty() {
            ingress.push(ingress_rule(
                vec![namespace_peer(policies.monitoring_namespace.get())],
                tcp(&epp.monitoring_ports),
            ));
        }
        let mut egress = vec![egress_rule(
            vec![pod_peer(policies.workload_peer_selector.get())],
            tcp(&[VLLM_PORT]),
        )];
        egress.push(dns_rule(epp.dns_protocols.get()));
        egress.extend(api_server_rules(&policies.api_server));
        out.push(policy(
            pattern,
            &epp.meta,
            selector(policies.epp_selector.get()),
            Some(ingress),
            Some(egress),
        ));
    }
    if let Some(meta) = &policies.istio {
        let istiod = || vec![namespace_peer(policies.istio_namespace.get())];
        out.push(policy(
            pattern,
            meta,
            select_all(),
            Some(vec![ingress_rule(
                istiod(),
                tcp(&[ISTIOD_XDS_PORT, ISTIOD_WEBHOOK_PORT]),
            )]),
            Some(vec![egress_rule(
                istiod(),
                tcp(&[ISTIOD_XDS_PORT, ISTIOD_WEBHOOK_PORT]),
            )]),
        ));
    }
    if let Some(egress) = &policies.vllm_egress {
        let rules = match egress.mode.get() {
            EgressMode::All => vec![NetworkPolicyEgressRule::default()],
            EgressMode::Restricted => {
                let mut rules = vec![dns_rule(&[Protocol::Udp, Protocol::Tcp])];
                rules.push(egress_rule(
                    vec![NetworkPolicyPeer {
                        ip_block: Some(IPBlock {
                            cidr: "0.0.0.0/0".to_owned(),
                            except: None,
                        }),
                        ..NetworkPolicyPeer::default()
                    }],
                    tcp(&[HTTPS_PORT]),
                ));
                rules.extend(api_server_rules(&policies.api_server));
                rules
            }
        };
        out.push(policy(
            pattern,
            &egress.meta,
            selector(policies.workload_selector.get()),
            None,
            Some(rules),
        ));
    }
    out
}

fn policy(
    pattern: &Pattern,
    meta: &PolicyMeta,
    pod_selector: LabelSelector,
    ingress: Option<Vec<NetworkPolicyIngressRule>>,
    egress: Option<Vec<NetworkPolicyEgressRule>>,
) -> NetworkPolicy {
    let mut policy_types = Vec::new();
    if ingress.is_some() {
        policy_types.push("Ingress".to_owned());
    }
    if egress.is_some() {
        policy_types.push("Egress".to_owned());
    }
    NetworkPolicy {
        metadata: super::metadata(meta.name.get(), pattern.namespace.get(), &meta.labels),
        spec: Some(NetworkPolicySpec {
            pod_selector: Some(pod_selector),
            policy_types: Some(policy_types),
            ingress: empty_to_none(ingress),
            egress: empty_to_none(egress),
        }),
    }
}

/// Omits an empty rule list: `policyTypes` alone then denies everything of that type.
fn empty_to_none<T>(rules: Option<Vec<T>>) -> Option<Vec<T>> {
    rules.filter(|rules| !rules.is_empty())
}

fn select_all() -> LabelSelector {
    LabelSelector::default()
}

fn selector(labels: &BTreeMap<String, String>) -> LabelSelector {
    LabelSelector {
        match_labels: Some(labels.clone()),
        ..LabelSelector::default()
    }
}

fn namespace_selector(namespace: &str) -> LabelSelector {
    selector(&BTreeMap::from([(
        crate::target::NAMESPACE_NAME_LABEL.to_owned(),
        namespace.to_owned(),
    )]))
}

fn gateway_peer(pattern: &Pattern) -> NetworkPolicyPeer {
    NetworkPolicyPeer {
        namespace_selector: Some(namespace_selector(pattern.gateway.namespace.get())),
        pod_selector: Some(selector(&pattern.gateway.pod_labels())),
        ..NetworkPolicyPeer::default()
    }
}

fn namespace_peer(namespace: &str) -> NetworkPolicyPeer {
    NetworkPolicyPeer {
        namespace_selector: Some(namespace_selector(namespace)),
        ..NetworkPolicyPeer::default()
    }
}

fn pod_peer(labels: &BTreeMap<String, String>) -> NetworkPolicyPeer {
    NetworkPolicyPeer {
        pod_selector: Some(selector(labels)),
        ..NetworkPolicyPeer::default()
    }
}

fn ports(protocol: &str, numbers: &[u16]) -> Vec<NetworkPolicyPort> {
    numbers
        .iter()
        .map(|port| NetworkPolicyPort {
            port: Some(IntOrString::Int(i32::from(*port))),
            protocol: Some(protocol.to_owned()),
            end_port: None,
        })
        .collect()
}

fn tcp(numbers: &[u16]) -> Vec<NetworkPolicyPort> {
    ports("TCP", numbers)
}

fn ingress_rule(
    from: Vec<NetworkPolicyPeer>,
    ports: Vec<NetworkPolicyPort>,
) -> NetworkPolicyIngressRule {
    NetworkPolicyIngressRule {
        from: Some(from),
        ports: Some(ports),
    }
}

fn egress_rule(
    to: Vec<NetworkPolicyPeer>,
    ports: Vec<NetworkPolicyPort>,
) -> NetworkPolicyEgressRule {
    NetworkPolicyEgressRule {
        to: Some(to),
        ports: Some(ports),
    }
}

fn dns_rule(protocols: &[Protocol]) -> NetworkPolicyEgressRule {
    let kube_dns = NetworkPolicyPeer {
        namespace_selector: Some(namespace_selector(DNS_NAMESPACE)),
        pod_selector: Some(selector(&BTreeMap::from([(
            DNS_POD_LABEL.0.to_owned(),
            DNS_POD_LABEL.1.to_owned(),
        )]))),
        ..NetworkPolicyPeer::default()
    };
    let ports = protocols
        .iter()
        .flat_map(|protocol| match protocol {
            Protocol::Udp => ports("UDP", &[DNS_PORT]),
            Protocol::Tcp => ports("TCP", &[DNS_PORT]),
        })
        .collect();
    egress_rule(vec![kube_dns], ports)
}

fn api_server_rules(api_server: &ApiServer) -> Vec<NetworkPolicyEgressRule> {
    match api_server.mode.get() {
        ApiServerMode::None => Vec::new(),
        ApiServerMode::PodSelector => vec![
            egress_rule(
                vec![NetworkPolicyPeer {
                    namespace_selector: Some(select_all()),
                    pod_selector: Some(selector(&BTreeMap::from([(
                        API_SERVER_POD_LABEL.0.to_owned(),
                        API_SERVER_POD_LABEL.1.to_owned(),
                    )]))),
                    ..NetworkPolicyPeer::default()
                }],
                tcp(&[API_SERVER_PORT]),
            ),
            egress_rule(
                vec![NetworkPolicyPeer {
                    namespace_selector: Some(select_all()),
                    ..NetworkPolicyPeer::default()
                }],
                tcp(&[API_SERVER_NODE_PORT]),
            ),
        ],
        ApiServerMode::IpBlock => vec![egress_rule(
            api_server
                .cidrs
                .iter()
                .map(|cidr| NetworkPolicyPeer {
                    ip_block: Some(IPBlock {
                        cidr: cidr.get().clone(),
                        except: None,
                    }),
                    ..NetworkPolicyPeer::default()
                })
                .collect(),
            tcp(&[api_server.port]),
        )],
    }
}
