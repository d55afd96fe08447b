//! NetworkPolicy semantics the rules need: empty selectors, peers that admit every pod, ports.

use k8s_openapi::api::networking::v1::{NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::pods::Labels;
use crate::target::{API_SERVER_NODE_PORT, API_SERVER_POD_LABEL, API_SERVER_PORT};

/// Whether a selector selects everything (`{}`).
pub fn is_empty(selector: &LabelSelector) -> bool {
    selector
        .match_labels
        .as_ref()
        .is_none_or(|labels| labels.is_empty())
        && selector
            .match_expressions
            .as_ref()
            .is_none_or(|expressions| expressions.is_empty())
}

/// The `matchLabels` of a selector that uses nothing else; `None` when it has expressions,
/// whose meaning the rules do not evaluate.
pub fn match_labels(selector: &LabelSelector) -> Option<Labels> {
    if selector
        .match_expressions
        .as_ref()
        .is_some_and(|expressions| !expressions.is_empty())
    {
        return None;
    }
    Some(selector.match_labels.clone().unwrap_or_default())
}

/// Whether a peer admits every pod of every namespace: `namespaceSelector: {}` with no pod
/// selector or `podSelector: {}`.
pub fn is_any_pod(peer: &NetworkPolicyPeer) -> bool {
    peer.ip_block.is_none()
        && peer.namespace_selector.as_ref().is_some_and(is_empty)
        && peer.pod_selector.as_ref().is_none_or(is_empty)
}

/// Whether the ports of a rule include `port` over `protocol` (no ports means all ports).
pub fn allows_port(ports: Option<&Vec<NetworkPolicyPort>>, port: i32, protocol: &str) -> bool {
    let Some(ports) = ports.filter(|ports| !ports.is_empty()) else {
        return true;
    };
    ports.iter().any(|entry| {
        let same_protocol = entry.protocol.as_deref().unwrap_or("TCP") == protocol;
        let covers = match &entry.port {
            None => true,
            Some(IntOrString::Int(number)) => {
                *number == port || (*number..=entry.end_port.unwrap_or(*number)).contains(&port)
            }
            Some(IntOrString::String(_)) => false,
        };
        same_protocol && covers
    })
}

/// Whether a policy restricts (ingress, egress): its policy types, defaulted as the API server
/// does (Ingress, plus Egress when it has egress rules).
pub fn restricted_directions(policy: &NetworkPolicy) -> (bool, bool) {
    let Some(spec) = &policy.spec else {
        return (true, false);
    };
    match &spec.policy_types {
        Some(types) => (
            types.iter().any(|kind| kind == "Ingress"),
            types.iter().any(|kind| kind == "Egress"),
        ),
        None => (true, spec.egress.is_some()),
    }
}

/// Whether a policy denies every ingress and egress of every pod in its namespace, alone or as
/// one half of a pair: returns (denies ingress, denies egress).
pub fn default_deny(policy: &NetworkPolicy) -> (bool, bool) {
    let Some(spec) = &policy.spec else {
        return (false, false);
    };
    if !spec.pod_selector.as_ref().is_none_or(is_empty) {
        return (false, false);
    }
    let (ingress, egress) = restricted_directions(policy);
    (
        ingress && spec.ingress.as_ref().is_none_or(Vec::is_empty),
        egress && spec.egress.as_ref().is_none_or(Vec::is_empty),
    )
}

/// Whether an egress peer is a guess at the API server that cannot match a managed control
/// plane: pods labelled `component: apiserver`, or every namespace on the API-server ports.
pub fn is_api_server_guess(
    peer: &NetworkPolicyPeer,
    ports: Option<&Vec<NetworkPolicyPort>>,
) -> bool {
    let apiserver_pods = peer
        .pod_selector
        .as_ref()
        .and_then(match_labels)
        .is_some_and(|labels| {
            labels.get(API_SERVER_POD_LABEL.0).map(String::as_str) == Some(API_SERVER_POD_LABEL.1)
        });
    let api_ports = ports.is_some_and(|ports| {
        ports
            .iter()
            .any(|port| matches!(port.port, Some(IntOrString::Int(number)) if number == i32::from(API_SERVER_PORT) || number == i32::from(API_SERVER_NODE_PORT)))
    });
    let every_namespace = peer.ip_block.is_none()
        && peer.namespace_selector.as_ref().is_some_and(is_empty)
        && peer.pod_selector.is_none();
    apiserver_pods || (every_namespace && api_ports)
}

/// The namespace a peer's `namespaceSelector` names through [`NAMESPACE_NAME_LABEL`].
pub fn named_namespace(selector: &LabelSelector) -> Option<String> {
    match_labels(selector)?
        .get(crate::target::NAMESPACE_NAME_LABEL)
        .cloned()
}

/// Whether an egress rule allows everything: no destinations and no ports (`egress: [{}]`).
pub fn is_allow_all(
    to: Option<&Vec<NetworkPolicyPeer>>,
    ports: Option<&Vec<NetworkPolicyPort>>,
) -> bool {
    to.is_none_or(Vec::is_empty) && ports.is_none_or(Vec::is_empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kubelet_rule_admits_every_pod() {
        let peer = NetworkPolicyPeer {
            namespace_selector: Some(LabelSelector::default()),
            pod_selector: Some(LabelSelector::default()),
            ..NetworkPolicyPeer::default()
        };
        assert!(is_any_pod(&peer));
        let gateway = NetworkPolicyPeer {
            namespace_selector: Some(LabelSelector {
                match_labels: Some([("a".to_owned(), "b".to_owned())].into()),
                ..LabelSelector::default()
            }),
            ..NetworkPolicyPeer::default()
        };
        assert!(!is_any_pod(&gateway));
    }

    #[test]
    fn ports_default_to_tcp_and_ranges_count() {
        let port = |number, protocol: Option<&str>, end| NetworkPolicyPort {
            port: Some(IntOrString::Int(number)),
            protocol: protocol.map(str::to_owned),
            end_port: end,
        };
        assert!(allows_port(None, 8000, "TCP"));
        assert!(allows_port(
            Some(&vec![port(8000, None, None)]),
            8000,
            "TCP"
        ));
        assert!(!allows_port(
            Some(&vec![port(53, Some("UDP"), None)]),
            53,
            "TCP"
        ));
        assert!(allows_port(
            Some(&vec![port(8000, None, Some(8100))]),
            8080,
            "TCP"
        ));
    }
}
