//! What every cluster p3gen targets runs besides KServe and Istio: cluster DNS and the Kubernetes
//! API server, as the NetworkPolicies must name them (domain reference §8, the port contract).

/// The label the API server puts on every namespace, its name
/// (`kubernetes/kubernetes@v1.34.0:pkg/apis/core/v1/defaults.go`, since Kubernetes 1.22).
pub const NAMESPACE_NAME_LABEL: &str = "kubernetes.io/metadata.name";
/// The namespace cluster DNS runs in.
pub const DNS_NAMESPACE: &str = "kube-system";
/// The label key and value of the cluster DNS pods, which CoreDNS keeps from kube-dns
/// (`kubernetes/kubernetes@v1.34.0:cluster/addons/dns/coredns/coredns.yaml.base`, `k8s-app: kube-dns`).
pub const DNS_POD_LABEL: (&str, &str) = ("k8s-app", "kube-dns");
/// The DNS port, over UDP and TCP.
pub const DNS_PORT: u16 = 53;
/// The pod label the reference's EPP policy selects the API server by, for the `pod-selector` mode
/// (domain reference D4: on GKE the control plane is no pod, so it selects nothing).
pub const API_SERVER_POD_LABEL: (&str, &str) = ("component", "apiserver");
/// The API server's port behind the `kubernetes` Service, and GKE's control-plane endpoint
/// (domain reference §8: kube-apiserver on 443 on GKE).
pub const API_SERVER_PORT: u16 = 443;
/// The API server's port on clusters where it listens on the nodes (domain reference §8: often
/// 6443 elsewhere).
pub const API_SERVER_NODE_PORT: u16 = 6443;
/// The port HTTPS egress goes to.
pub const HTTPS_PORT: u16 = 443;

/// kubelet's default probe `periodSeconds`
/// (`kubernetes/kubernetes@v1.34.0:pkg/apis/core/v1/defaults.go`, `SetDefaults_Probe`).
pub const PROBE_DEFAULT_PERIOD: u32 = 10;
/// kubelet's default probe `failureThreshold` (same source).
pub const PROBE_DEFAULT_FAILURE_THRESHOLD: u32 = 3;
