//! Evaluating one flow against a set of NetworkPolicies: the source's egress, the destination's
//! ingress, and the policy and rule that allow each side (or the policies that isolate it).

use std::str::FromStr;

use ipnet::IpNet;
use k8s_openapi::api::networking::v1::{
    IPBlock, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::selector::selects;
use super::{Endpoint, Flow, Pod, Protocol};

/// Which side of a flow a policy decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    /// The source pod's egress.
    Egress,
    /// The destination pod's ingress.
    Ingress,
}

impl Side {
    fn policy_type(self) -> &'static str {
        match self {
            Side::Egress => "Egress",
            Side::Ingress => "Ingress",
        }
    }
}

/// What the policies say about one side of a flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// No policy selects the pod for this side (or the endpoint is outside the cluster): allowed.
    NotIsolated,
    /// Allowed by rule `rule` of policy `policy` (indices into the policies given); the first such
    /// rule in order.
    Allowed {
        /// The policy.
        policy: usize,
        /// The rule's index in its `ingress` or `egress` list.
        rule: usize,
    },
    /// Denied: these policies isolate the pod for this side, and none of their rules allows it.
    Denied {
        /// The isolating policies.
        isolated_by: Vec<usize>,
    },
}

impl Decision {
    /// Whether this side lets the flow through.
    pub fn allows(&self) -> bool {
        !matches!(self, Decision::Denied { .. })
    }
}

/// Both sides of a flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The source's egress.
    pub egress: Decision,
    /// The destination's ingress.
    pub ingress: Decision,
}

impl Verdict {
    /// Whether the flow gets through: both sides allow it.
    pub fn allowed(&self) -> bool {
        self.egress.allows() && self.ingress.allows()
    }
}

/// Evaluates `flow` against `policies` (each in the namespace its metadata names).
pub fn evaluate(policies: &[NetworkPolicy], flow: &Flow) -> Verdict {
    Verdict {
        egress: decide(policies, flow, Side::Egress),
        ingress: decide(policies, flow, Side::Ingress),
    }
}

fn decide(policies: &[NetworkPolicy], flow: &Flow, side: Side) -> Decision {
    let (subject, peer) = match side {
        Side::Egress => (&flow.from, &flow.to),
        Side::Ingress => (&flow.to, &flow.from),
    };
    let Some(pod) = subject.pod() else {
        return Decision::NotIsolated;
    };
    let destination = flow.to.pod();
    let mut isolated_by = Vec::new();
    for (index, policy) in policies.iter().enumerate() {
        if !isolates(policy, pod, side) {
            continue;
        }
        isolated_by.push(index);
        let spec = policy.spec.as_ref();
        let namespace = policy_namespace(policy);
        let allowed = match side {
            Side::Egress => spec
                .and_then(|s| s.egress.as_ref())
                .into_iter()
                .flatten()
                .position(|rule| {
                    peers_match(rule.to.as_deref(), peer, namespace)
                        && ports_match(rule.ports.as_deref(), flow, destination)
                }),
            Side::Ingress => spec
                .and_then(|s| s.ingress.as_ref())
                .into_iter()
                .flatten()
                .position(|rule| {
                    peers_match(rule.from.as_deref(), peer, namespace)
                        && ports_match(rule.ports.as_deref(), flow, destination)
                }),
        };
        if let Some(rule) = allowed {
            return Decision::Allowed {
                policy: index,
                rule,
            };
        }
    }
    if isolated_by.is_empty() {
        Decision::NotIsolated
    } else {
        Decision::Denied { isolated_by }
    }
}

fn policy_namespace(policy: &NetworkPolicy) -> &str {
    policy.metadata.namespace.as_deref().unwrap_or("default")
}

/// Whether `policy` selects `pod` and applies to `side`: `policyTypes`, or when absent Ingress
/// always and Egress when the policy has an `egress` section.
fn isolates(policy: &NetworkPolicy, pod: &Pod, side: Side) -> bool {
    let Some(spec) = &policy.spec else {
        return false;
    };
    if policy_namespace(policy) != pod.namespace {
        return false;
    }
    let applies = match &spec.policy_types {
        Some(types) => types.iter().any(|t| t == side.policy_type()),
        None => side == Side::Ingress || spec.egress.is_some(),
    };
    applies
        && spec
            .pod_selector
            .as_ref()
            .is_none_or(|selector| selects(selector, &pod.labels))
}

/// Whether a rule's peers admit `endpoint`: no peers (or an empty list) admit everything.
fn peers_match(peers: Option<&[NetworkPolicyPeer]>, endpoint: &Endpoint, namespace: &str) -> bool {
    match peers {
        None | Some([]) => true,
        Some(peers) => peers
            .iter()
            .any(|peer| peer_matches(peer, endpoint, namespace)),
    }
}

/// One peer: an `ipBlock` matches addresses; pod and namespace selectors match pods, the
/// namespace selector (absent: the policy's own namespace) and the pod selector (absent: every
/// pod) together.
fn peer_matches(peer: &NetworkPolicyPeer, endpoint: &Endpoint, namespace: &str) -> bool {
    if let Some(block) = &peer.ip_block {
        return match endpoint.address() {
            Some(address) => block_contains(block, address),
            None => {
                matches!(endpoint, Endpoint::External(None)) && block_contains_any_public(block)
            }
        };
    }
    let Some(pod) = endpoint.pod() else {
        return false;
    };
    if peer.pod_selector.is_none() && peer.namespace_selector.is_none() {
        return false;
    }
    let in_namespace = match &peer.namespace_selector {
        Some(selector) => selects(selector, &pod.namespace_labels),
        None => pod.namespace == namespace,
    };
    in_namespace
        && peer
            .pod_selector
            .as_ref()
            .is_none_or(|selector| selects(selector, &pod.labels))
}

/// Whether `address` is in the block's CIDR and in none of its exceptions. A CIDR that does not
/// parse (the API would reject it) contains nothing.
fn block_contains(block: &IPBlock, address: std::net::IpAddr) -> bool {
    let contains = |cidr: &str| IpNet::from_str(cidr).is_ok_and(|net| net.contains(&address));
    contains(&block.cidr) && !block.except.iter().flatten().any(|cidr| contains(cidr))
}

/// The private and special-use ranges an `except` may cut out of `0.0.0.0/0` and still leave
/// the public internet in the block (RFC 1918, RFC 6598, loopback, link-local, RFC 4193).
const NOT_PUBLIC: &[&str] = &[
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "fc00::/7",
    "fe80::/10",
    "::1/128",
];

/// Whether a block holds every public address, for an endpoint somewhere on the internet whose
/// address is not known: a `/0` whose exceptions cut out only private and special-use ranges.
fn block_contains_any_public(block: &IPBlock) -> bool {
    let private: Vec<IpNet> = NOT_PUBLIC.iter().filter_map(|c| c.parse().ok()).collect();
    let within_private = |cidr: &str| {
        IpNet::from_str(cidr).is_ok_and(|net| private.iter().any(|p| p.contains(&net)))
    };
    IpNet::from_str(&block.cidr).is_ok_and(|net| net.prefix_len() == 0)
        && block
            .except
            .iter()
            .flatten()
            .all(|cidr| within_private(cidr))
}

/// Whether a rule's ports admit the flow's port: no ports admit every port; a named port
/// resolves against the destination pod's container ports.
fn ports_match(
    ports: Option<&[NetworkPolicyPort]>,
    flow: &Flow,
    destination: Option<&Pod>,
) -> bool {
    match ports {
        None | Some([]) => true,
        Some(ports) => ports.iter().any(|entry| {
            if Protocol::of_policy(entry.protocol.as_deref()) != Some(flow.protocol) {
                return false;
            }
            match &entry.port {
                None => true,
                Some(IntOrString::Int(number)) => {
                    let first = *number;
                    let last = entry.end_port.unwrap_or(first);
                    (first..=last).contains(&i32::from(flow.port))
                }
                Some(IntOrString::String(name)) => destination
                    .and_then(|pod| pod.named_ports.get(name))
                    .is_some_and(|(number, protocol)| {
                        *number == flow.port && *protocol == flow.protocol
                    }),
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    //! The examples of <https://kubernetes.io/docs/concepts/services-networking/network-policies/>.

    use std::collections::BTreeMap;

    use super::*;
    use crate::network::Labels;
    use crate::network::selector::labels;

    fn pod(namespace: &str, pairs: &[(&str, &str)]) -> Endpoint {
        Endpoint::Pod(Pod {
            namespace: namespace.to_owned(),
            namespace_labels: labels(&[("kubernetes.io/metadata.name", namespace)]),
            labels: labels(pairs),
            address: None,
            named_ports: BTreeMap::new(),
        })
    }

    fn with_address(endpoint: Endpoint, address: &str) -> Endpoint {
        match endpoint {
            Endpoint::Pod(mut pod) => {
                pod.address = Some(address.parse().unwrap());
                Endpoint::Pod(pod)
            }
            Endpoint::External(_) => Endpoint::External(Some(address.parse().unwrap())),
        }
    }

    fn policies(yaml: &str) -> Vec<NetworkPolicy> {
        yaml.split("\n---\n")
            .map(|doc| serde_saphyr::from_str(doc).expect("a NetworkPolicy"))
            .collect()
    }

    fn flow(from: &Endpoint, to: &Endpoint, port: u16, protocol: Protocol) -> Flow {
        Flow {
            from: from.clone(),
            to: to.clone(),
            port,
            protocol,
        }
    }

    const DEFAULT_DENY: &str = "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-all, namespace: prod}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
";

    #[test]
    fn no_policy_allows_everything_and_default_deny_denies_both_sides() {
        let (a, b) = (pod("prod", &[("app", "a")]), pod("prod", &[("app", "b")]));
        let open = evaluate(&[], &flow(&a, &b, 80, Protocol::Tcp));
        assert!(open.allowed());
        assert_eq!(open.egress, Decision::NotIsolated);
        let closed = evaluate(&policies(DEFAULT_DENY), &flow(&a, &b, 80, Protocol::Tcp));
        assert!(!closed.allowed());
        assert_eq!(
            closed.egress,
            Decision::Denied {
                isolated_by: vec![0]
            }
        );
        assert_eq!(
            closed.ingress,
            Decision::Denied {
                isolated_by: vec![0]
            }
        );
        // Another namespace is not isolated by it.
        let other = pod("dev", &[("app", "a")]);
        assert!(
            evaluate(
                &policies(DEFAULT_DENY),
                &flow(&other, &other, 80, Protocol::Tcp)
            )
            .allowed()
        );
    }

    /// The documentation's `test-network-policy`: ingress from an ipBlock (with except), from a
    /// namespace by label, or from `role: frontend` pods, to TCP 6379; egress to 10.0.0.0/24:5978.
    const TEST_NETWORK_POLICY: &str = "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: test-network-policy, namespace: default}
spec:
  podSelector: {matchLabels: {role: db}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - ipBlock: {cidr: 172.17.0.0/16, except: [172.17.1.0/24]}
    - namespaceSelector: {matchLabels: {project: myproject}}
    - podSelector: {matchLabels: {role: frontend}}
    ports:
    - {protocol: TCP, port: 6379}
  egress:
  - to:
    - ipBlock: {cidr: 10.0.0.0/24}
    ports:
    - {protocol: TCP, port: 5978}
";

    #[test]
    fn the_documentation_example_admits_its_three_peers_and_nothing_else() {
        let set = policies(TEST_NETWORK_POLICY);
        let db = pod("default", &[("role", "db")]);
        let frontend = pod("default", &[("role", "frontend")]);
        let to_db =
            |from: &Endpoint, port, protocol| evaluate(&set, &flow(from, &db, port, protocol));
        assert_eq!(
            to_db(&frontend, 6379, Protocol::Tcp).ingress,
            Decision::Allowed { policy: 0, rule: 0 }
        );
        assert!(!to_db(&frontend, 6380, Protocol::Tcp).allowed());
        assert!(!to_db(&frontend, 6379, Protocol::Udp).allowed());
        // A frontend pod in another namespace: the pod selector alone means the policy's namespace.
        assert!(!to_db(&pod("other", &[("role", "frontend")]), 6379, Protocol::Tcp).allowed());
        let mut project = Pod {
            namespace: "myproject-ns".to_owned(),
            namespace_labels: labels(&[("project", "myproject")]),
            labels: Labels::new(),
            address: None,
            named_ports: BTreeMap::new(),
        };
        assert!(to_db(&Endpoint::Pod(project.clone()), 6379, Protocol::Tcp).allowed());
        project.namespace_labels = labels(&[("project", "other")]);
        assert!(!to_db(&Endpoint::Pod(project), 6379, Protocol::Tcp).allowed());
        // ipBlock with except.
        let outside = |address| Endpoint::External(Some(address));
        assert!(to_db(&outside("172.17.2.9".parse().unwrap()), 6379, Protocol::Tcp).allowed());
        assert!(!to_db(&outside("172.17.1.9".parse().unwrap()), 6379, Protocol::Tcp).allowed());
        assert!(!to_db(&Endpoint::External(None), 6379, Protocol::Tcp).allowed());
        // An unknown public address is in `0.0.0.0/0`, also with private ranges cut out, and
        // not in a block that cuts out public space.
        let block = |cidr: &str, except: &[&str]| IPBlock {
            cidr: cidr.to_owned(),
            except: Some(except.iter().map(|e| e.to_string()).collect()),
        };
        assert!(block_contains_any_public(&block("0.0.0.0/0", &[])));
        assert!(block_contains_any_public(&block(
            "0.0.0.0/0",
            &["10.0.0.0/8", "172.16.0.0/12"]
        )));
        assert!(!block_contains_any_public(&block(
            "0.0.0.0/0",
            &["0.0.0.0/1"]
        )));
        assert!(!block_contains_any_public(&block("52.0.0.0/8", &[])));
        // Egress: only 10.0.0.0/24 on 5978.
        let egress =
            |to: &Endpoint, port| evaluate(&set, &flow(&db, to, port, Protocol::Tcp)).egress;
        let inside = with_address(Endpoint::External(None), "10.0.0.7");
        assert_eq!(
            egress(&inside, 5978),
            Decision::Allowed { policy: 0, rule: 0 }
        );
        assert!(!egress(&inside, 443).allows());
        assert!(!egress(&with_address(Endpoint::External(None), "10.0.1.7"), 5978).allows());
        // Pods that the policy does not select are not isolated by it.
        assert!(evaluate(&set, &flow(&frontend, &frontend, 1, Protocol::Tcp)).allowed());
    }

    #[test]
    fn namespace_and_pod_selector_in_one_peer_are_anded_in_two_peers_ored() {
        let and = policies(
            "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: and, namespace: prod}
spec:
  podSelector: {}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {user: alice}}
      podSelector: {matchLabels: {role: client}}
",
        );
        let or = policies(
            "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: or, namespace: prod}
spec:
  podSelector: {}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {user: alice}}
    - podSelector: {matchLabels: {role: client}}
",
        );
        let server = pod("prod", &[("app", "server")]);
        let alice = |role: &str| {
            Endpoint::Pod(Pod {
                namespace: "alice".to_owned(),
                namespace_labels: labels(&[("user", "alice")]),
                labels: labels(&[("role", role)]),
                address: None,
                named_ports: BTreeMap::new(),
            })
        };
        let local_client = pod("prod", &[("role", "client")]);
        let admits = |set: &[NetworkPolicy], from: &Endpoint| {
            evaluate(set, &flow(from, &server, 80, Protocol::Tcp)).allowed()
        };
        assert!(admits(&and, &alice("client")));
        assert!(!admits(&and, &alice("other")));
        assert!(!admits(&and, &local_client));
        assert!(admits(&or, &alice("other")));
        assert!(admits(&or, &local_client));
        // No policyTypes and no egress section: egress is not isolated.
        let out = evaluate(&and, &flow(&server, &pod("x", &[]), 53, Protocol::Udp));
        assert_eq!(out.egress, Decision::NotIsolated);
    }

    #[test]
    fn end_port_and_named_ports_and_protocols() {
        let set = policies(
            "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ports, namespace: prod}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress:
  - ports:
    - {protocol: TCP, port: 32000, endPort: 32768}
    - {port: metrics}
    - {protocol: UDP, port: 53}
",
        );
        let mut api = Pod {
            namespace: "prod".to_owned(),
            namespace_labels: Labels::new(),
            labels: labels(&[("app", "api")]),
            address: None,
            named_ports: BTreeMap::new(),
        };
        api.named_ports
            .insert("metrics".to_owned(), (9090, Protocol::Tcp));
        let api = Endpoint::Pod(api);
        let client = pod("prod", &[]);
        let on = |port, protocol| evaluate(&set, &flow(&client, &api, port, protocol)).allowed();
        assert!(on(32000, Protocol::Tcp) && on(32500, Protocol::Tcp) && on(32768, Protocol::Tcp));
        assert!(!on(32769, Protocol::Tcp) && !on(31999, Protocol::Tcp));
        assert!(
            on(9090, Protocol::Tcp),
            "the named port resolves on the destination"
        );
        assert!(!on(9091, Protocol::Tcp));
        assert!(on(53, Protocol::Udp) && !on(53, Protocol::Tcp));
        assert!(!on(32000, Protocol::Sctp));
    }

    #[test]
    fn the_first_allowing_rule_is_named_and_every_isolating_policy_is_listed() {
        let set = policies(&format!(
            "{DEFAULT_DENY}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {{name: allow-dns, namespace: prod}}
spec:
  podSelector: {{}}
  policyTypes: [Egress]
  egress:
  - ports: [{{protocol: TCP, port: 443}}]
  - to: [{{namespaceSelector: {{matchLabels: {{kubernetes.io/metadata.name: kube-system}}}}}}]
    ports: [{{protocol: UDP, port: 53}}]
"
        ));
        let app = pod("prod", &[("app", "a")]);
        let dns = pod("kube-system", &[("k8s-app", "kube-dns")]);
        let out = evaluate(&set, &flow(&app, &dns, 53, Protocol::Udp));
        assert_eq!(out.egress, Decision::Allowed { policy: 1, rule: 1 });
        // `namespaceSelector` matches pods only: an address outside the cluster is not admitted.
        let out = evaluate(
            &set,
            &flow(&app, &Endpoint::External(None), 53, Protocol::Udp),
        );
        assert_eq!(
            out.egress,
            Decision::Denied {
                isolated_by: vec![0, 1]
            }
        );
        // A rule without peers admits any destination, outside the cluster too.
        let out = evaluate(
            &set,
            &flow(&app, &Endpoint::External(None), 443, Protocol::Tcp),
        );
        assert_eq!(out.egress, Decision::Allowed { policy: 1, rule: 0 });
    }
}
