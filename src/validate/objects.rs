//! Kubernetes objects as rules see them (hand-written manifests or the rendered bundle, as JSON),
//! and the findings rules report about them, located by JSON pointer.

use k8s_openapi::api::core::v1::{Container, PodSpec};
use k8s_openapi::api::networking::v1::{NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort};
use serde_json::Value;

use crate::diagnostic::Severity;
use crate::target::{IstioVersion, KserveTarget};

/// The kind of KServe's LLM service.
pub const LLM_INFERENCE_SERVICE: &str = "LLMInferenceService";

/// Objects to check, with the controller versions they are meant for when known.
#[derive(Debug, Clone, Copy)]
pub struct Objects<'a> {
    items: &'a [Value],
    /// The KServe version, when known; rules that depend on it assume the worst case otherwise.
    pub kserve: Option<KserveTarget>,
    /// The Istio version, when known.
    pub istio: Option<IstioVersion>,
}

impl<'a> Objects<'a> {
    /// Objects, in the order they were read.
    pub fn new(
        items: &'a [Value],
        kserve: Option<KserveTarget>,
        istio: Option<IstioVersion>,
    ) -> Self {
        Objects {
            items,
            kserve,
            istio,
        }
    }

    /// Every object with its index.
    pub fn all(&self) -> impl Iterator<Item = (usize, &'a Value)> + 'a {
        self.items.iter().enumerate()
    }

    /// The objects of one kind, with their indices.
    pub fn of_kind(&self, kind: &'a str) -> impl Iterator<Item = (usize, &'a Value)> + 'a {
        self.all().filter(move |(_, value)| kind_of(value) == kind)
    }

    /// The NetworkPolicies that read as one, typed.
    pub fn network_policies(&self) -> Vec<Policy> {
        self.of_kind("NetworkPolicy")
            .filter_map(|(index, value)| {
                Some(Policy {
                    index,
                    namespace: namespace_of(value).to_owned(),
                    policy: serde_json::from_value(value.clone()).ok()?,
                })
            })
            .collect()
    }

    /// The LLMInferenceServices.
    pub fn inference_services(&self) -> Vec<InferenceService<'a>> {
        self.of_kind(LLM_INFERENCE_SERVICE)
            .map(|(index, value)| InferenceService {
                index,
                value,
                pod: value
                    .pointer("/spec/template")
                    .and_then(|template| serde_json::from_value(template.clone()).ok()),
            })
            .collect()
    }

    /// The names of the LLMInferenceServices in a namespace.
    pub fn service_names_in(&self, namespace: &str) -> Vec<String> {
        self.inference_services()
            .iter()
            .filter(|service| service.namespace() == namespace)
            .map(|service| service.name().to_owned())
            .collect()
    }
}

/// An object's `kind`, or `""`.
pub fn kind_of(value: &Value) -> &str {
    value
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// An object's `metadata.name`, or `""`.
pub fn name_of(value: &Value) -> &str {
    metadata_str(value, "name")
}

/// An object's `metadata.namespace`, or `""` when it names none.
pub fn namespace_of(value: &Value) -> &str {
    metadata_str(value, "namespace")
}

/// A string field of `metadata`, or `""`. (`Value::pointer` would allocate for every segment.)
fn metadata_str<'v>(value: &'v Value, field: &str) -> &'v str {
    value
        .get("metadata")
        .and_then(|metadata| metadata.get(field))
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// One LLMInferenceService, with its vLLM pod template read as a typed PodSpec when it is one.
#[derive(Debug, Clone)]
pub struct InferenceService<'a> {
    /// Its index among the objects.
    pub index: usize,
    /// The object.
    pub value: &'a Value,
    /// `spec.template`, when present and well-formed.
    pub pod: Option<PodSpec>,
}

impl InferenceService<'_> {
    /// The name.
    pub fn name(&self) -> &str {
        name_of(self.value)
    }

    /// The namespace.
    pub fn namespace(&self) -> &str {
        namespace_of(self.value)
    }

    /// `spec.model.name`, the model name clients send.
    pub fn model_name(&self) -> Option<&str> {
        self.value.pointer("/spec/model/name")?.as_str()
    }

    /// Whether `spec.router.scheduler` is set, so KServe runs the endpoint picker.
    pub fn has_scheduler(&self) -> bool {
        self.value
            .pointer("/spec/router/scheduler")
            .is_some_and(|scheduler| !scheduler.is_null())
    }

    /// Whether the service is multi-node (`spec.worker`).
    pub fn is_multi_node(&self) -> bool {
        self.value
            .pointer("/spec/worker")
            .is_some_and(|worker| !worker.is_null())
    }

    /// The containers of the pod template with the JSON pointer of each.
    pub fn containers(&self) -> Vec<(String, &Container)> {
        self.pod
            .iter()
            .flat_map(|pod| pod.containers.iter().enumerate())
            .map(|(index, container)| (format!("/spec/template/containers/{index}"), container))
            .collect()
    }

    /// The vLLM container: the one named `main`, or the only one.
    pub fn main_container(&self) -> Option<(String, &Container)> {
        let containers = self.containers();
        let position = containers
            .iter()
            .position(|(_, container)| container.name == "main")
            .or_else(|| (containers.len() == 1).then_some(0))?;
        containers.into_iter().nth(position)
    }
}

/// One NetworkPolicy among the objects.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Its index among the objects.
    pub index: usize,
    /// Its namespace.
    pub namespace: String,
    /// The policy.
    pub policy: NetworkPolicy,
}

/// One ingress or egress rule of a NetworkPolicy.
#[derive(Debug, Clone)]
pub struct PolicyRule<'p> {
    /// The JSON pointer of the rule, e.g. `/spec/ingress/1`.
    pub pointer: String,
    /// `from` (ingress) or `to` (egress).
    pub peers_field: &'static str,
    /// The peers; absent means every source or destination.
    pub peers: Option<&'p Vec<NetworkPolicyPeer>>,
    /// The ports; absent means every port.
    pub ports: Option<&'p Vec<NetworkPolicyPort>>,
}

impl PolicyRule<'_> {
    /// The JSON pointer of peer `index`.
    pub fn peer_pointer(&self, index: usize) -> String {
        format!("{}/{}/{index}", self.pointer, self.peers_field)
    }
}

impl Policy {
    /// `spec.podSelector`'s labels, when it uses `matchLabels` only.
    pub fn pod_selector(&self) -> Option<crate::validate::facts::pods::Labels> {
        let selector = self.policy.spec.as_ref()?.pod_selector.as_ref()?;
        crate::validate::facts::network::match_labels(selector)
    }

    /// The ingress rules.
    pub fn ingress(&self) -> Vec<PolicyRule<'_>> {
        self.policy
            .spec
            .iter()
            .flat_map(|spec| spec.ingress.iter().flatten().enumerate())
            .map(|(index, rule)| PolicyRule {
                pointer: format!("/spec/ingress/{index}"),
                peers_field: "from",
                peers: rule.from.as_ref(),
                ports: rule.ports.as_ref(),
            })
            .collect()
    }

    /// The egress rules.
    pub fn egress(&self) -> Vec<PolicyRule<'_>> {
        self.policy
            .spec
            .iter()
            .flat_map(|spec| spec.egress.iter().flatten().enumerate())
            .map(|(index, rule)| PolicyRule {
                pointer: format!("/spec/egress/{index}"),
                peers_field: "to",
                peers: rule.to.as_ref(),
                ports: rule.ports.as_ref(),
            })
            .collect()
    }

    /// Whether the policy restricts a direction (`Ingress` or `Egress`).
    pub fn restricts(&self, direction: &str) -> bool {
        crate::validate::facts::network::policy_types(&self.policy)
            .iter()
            .any(|kind| kind == direction)
    }
}

/// Joins segments into a JSON pointer, escaping `~` and `/` (RFC 6901).
pub fn pointer(segments: &[&str]) -> String {
    segments
        .iter()
        .map(|segment| format!("/{}", crate::manifest::pointer_segment(segment)))
        .collect()
}

/// Another place a finding refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The object's index.
    pub object: usize,
    /// The JSON pointer of the node.
    pub pointer: String,
    /// What is there.
    pub text: String,
}

/// One finding about an object, located by the JSON pointer of the node at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule's code.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// One line saying what is wrong.
    pub message: String,
    /// The index of the object among those checked.
    pub object: usize,
    /// The JSON pointer of the node at fault within the object.
    pub pointer: String,
    /// Other places involved.
    pub related: Vec<Related>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Finding {
    /// A finding with no related places and no help yet.
    pub fn new(
        code: &'static str,
        severity: Severity,
        object: usize,
        pointer: String,
        message: String,
    ) -> Self {
        Finding {
            code,
            severity,
            message,
            object,
            pointer,
            related: Vec::new(),
            help: None,
        }
    }

    /// Adds a related place.
    pub fn related(
        mut self,
        object: usize,
        pointer: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            object,
            pointer: pointer.into(),
            text: text.into(),
        });
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
