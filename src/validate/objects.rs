//! Kubernetes objects as rules see them, hand-written or rendered: every object as JSON, and the
//! parts rules read typed (pod templates, NetworkPolicies, PeerAuthentications), read or borrowed
//! once and indexed so that every rule is linear in the objects.

use k8s_openapi::api::core::v1::{Container, PodSpec};
use k8s_openapi::api::networking::v1::{NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort};
use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::render::{Object, PeerAuthentication, Scaling};
use crate::target::{IstioVersion, KserveTarget, VllmKnown, VllmVersion};
use crate::validate::facts::network;
use crate::validate::facts::pods::Labels;

/// The kind of KServe's LLM service.
pub const LLM_INFERENCE_SERVICE: &str = "LLMInferenceService";

/// Objects to check, with the controller versions they are meant for when known. The typed views
/// rules share (the LLMInferenceServices with their pod templates, the NetworkPolicies, the
/// PeerAuthentications) are read or borrowed once, when the set is built, so every rule is linear
/// in the objects.
#[derive(Debug, Clone)]
pub struct Objects<'a> {
    items: Vec<&'a Value>,
    services: Vec<InferenceService<'a>>,
    /// Per namespace: the indices into `services` and the sorted service names.
    by_namespace: BTreeMap<&'a str, (Vec<usize>, Vec<String>)>,
    policies: Vec<Policy<'a>>,
    /// The PeerAuthentications that read as one, typed, with their indices.
    peer_authentications: Vec<(usize, Cow<'a, PeerAuthentication>)>,
    /// By namespace and the name of the HTTPRoute KServe creates for it: the index into `services`.
    by_route: BTreeMap<(String, String), usize>,
    /// Per namespace and the service name their pod selector requires (`None`: any name): the
    /// indices into `policies`, so a rule finds the policies of one service without a scan.
    policies_by_service: BTreeMap<(String, Option<String>), Vec<usize>>,
    /// The KServe version, when known; rules that depend on it assume the worst case otherwise.
    pub kserve: Option<KserveTarget>,
    /// The Istio version, when known.
    pub istio: Option<IstioVersion>,
    /// The vLLM release, when the spec names it; else each container's image tells, or nothing.
    pub vllm: Option<VllmVersion>,
}

impl<'a> Objects<'a> {
    /// Objects read from manifests, in the order they were read: pod templates, NetworkPolicies
    /// and PeerAuthentications are read into their typed form when they are well-formed.
    pub fn new(
        items: impl IntoIterator<Item = &'a Value>,
        kserve: Option<KserveTarget>,
        istio: Option<IstioVersion>,
    ) -> Self {
        let items: Vec<&'a Value> = items.into_iter().collect();
        let services = of_kind(&items, LLM_INFERENCE_SERVICE)
            .map(|(index, value)| InferenceService {
                index,
                value,
                pod: value
                    .pointer("/spec/template")
                    .and_then(|template| PodSpec::deserialize(template).ok())
                    .map(Cow::Owned),
                scaling: value
                    .pointer("/spec/scaling")
                    .and_then(|scaling| Scaling::deserialize(scaling).ok())
                    .map(Cow::Owned),
                scheduler_pod: value
                    .pointer("/spec/router/scheduler/template")
                    .and_then(|template| PodSpec::deserialize(template).ok())
                    .map(Cow::Owned),
                fields: ServiceFields::of(value),
            })
            .collect();
        let policies = of_kind(&items, "NetworkPolicy")
            .filter_map(|(index, value)| {
                let policy = NetworkPolicy::deserialize(value).ok()?;
                Some(Policy::new(index, namespace_of(value), Cow::Owned(policy)))
            })
            .collect();
        let peer_authentications = of_kind(&items, "PeerAuthentication")
            .filter_map(|(index, value)| {
                Some((
                    index,
                    Cow::Owned(PeerAuthentication::deserialize(value).ok()?),
                ))
            })
            .collect();
        Self::indexed(
            items,
            services,
            policies,
            peer_authentications,
            kserve,
            istio,
        )
    }

    /// Rendered objects, with the JSON form of each (`values`, in the same order): the typed
    /// parts are borrowed from the objects, not read back from their JSON.
    pub fn rendered(
        objects: &'a [Object],
        values: &'a [Value],
        kserve: Option<KserveTarget>,
        istio: Option<IstioVersion>,
    ) -> Self {
        let mut services = Vec::new();
        let mut policies = Vec::new();
        let mut peer_authentications = Vec::new();
        for (index, (object, value)) in objects.iter().zip(values).enumerate() {
            match object {
                Object::LlmInferenceService(service) => services.push(InferenceService {
                    index,
                    value,
                    pod: Some(Cow::Borrowed(&service.spec.template)),
                    scaling: service.spec.scaling.as_ref().map(Cow::Borrowed),
                    scheduler_pod: service
                        .spec
                        .router
                        .scheduler
                        .as_ref()
                        .and_then(|scheduler| scheduler.template.as_ref())
                        .map(Cow::Borrowed),
                    fields: ServiceFields {
                        replicas: service.spec.replicas.map(i64::from),
                        has_replicas: service.spec.replicas.is_some(),
                        model_name: Some(service.spec.model.name.clone()),
                        has_scheduler: service.spec.router.scheduler.is_some(),
                        has_worker: false,
                        has_scaling: service.spec.scaling.is_some(),
                    },
                }),
                Object::NetworkPolicy(policy) => {
                    policies.push(Policy::new(
                        index,
                        object.namespace(),
                        Cow::Borrowed(policy),
                    ));
                }
                Object::PeerAuthentication(peer) => {
                    peer_authentications.push((index, Cow::Borrowed(peer)));
                }
                _ => {}
            }
        }
        Self::indexed(
            values.iter().collect(),
            services,
            policies,
            peer_authentications,
            kserve,
            istio,
        )
    }

    fn indexed(
        items: Vec<&'a Value>,
        services: Vec<InferenceService<'a>>,
        policies: Vec<Policy<'a>>,
        peer_authentications: Vec<(usize, Cow<'a, PeerAuthentication>)>,
        kserve: Option<KserveTarget>,
        istio: Option<IstioVersion>,
    ) -> Self {
        let mut by_namespace: BTreeMap<&'a str, (Vec<usize>, Vec<String>)> = BTreeMap::new();
        for (position, service) in services.iter().enumerate() {
            let entry = by_namespace.entry(namespace_of(service.value)).or_default();
            entry.0.push(position);
            entry.1.push(service.name().to_owned());
        }
        for (_, names) in by_namespace.values_mut() {
            names.sort();
        }
        let by_route = services
            .iter()
            .enumerate()
            .map(|(position, service)| {
                let route = crate::target::http_route_name(service.name());
                ((service.namespace().to_owned(), route), position)
            })
            .collect();
        let mut policies_by_service: BTreeMap<(String, Option<String>), Vec<usize>> =
            BTreeMap::new();
        for (position, policy) in policies.iter().enumerate() {
            if let Some(selector) = &policy.selector {
                let name = selector.get(crate::target::NAME_LABEL).cloned();
                policies_by_service
                    .entry((policy.namespace.clone(), name))
                    .or_default()
                    .push(position);
            }
        }
        Objects {
            items,
            services,
            by_namespace,
            by_route,
            policies,
            peer_authentications,
            policies_by_service,
            kserve,
            istio,
            vllm: None,
        }
    }

    /// Every object with its index.
    pub fn all(&self) -> impl Iterator<Item = (usize, &'a Value)> + '_ {
        self.items.iter().copied().enumerate()
    }

    /// The objects of one kind, with their indices.
    pub fn of_kind<'s>(&'s self, kind: &'s str) -> impl Iterator<Item = (usize, &'a Value)> + 's {
        of_kind(&self.items, kind)
    }

    /// The PeerAuthentications that read as one, typed, with their indices.
    pub fn peer_authentications(&self) -> &[(usize, Cow<'a, PeerAuthentication>)] {
        &self.peer_authentications
    }

    /// The NetworkPolicies that read as one, typed.
    pub fn network_policies(&self) -> &[Policy<'a>] {
        &self.policies
    }

    /// The NetworkPolicies in `namespace` whose `matchLabels` pod selector requires the service
    /// name `name` (`None`: requires no name, so applies to pods of any service), in order.
    pub fn policies_naming(
        &self,
        namespace: &str,
        name: Option<&str>,
    ) -> impl Iterator<Item = &Policy<'a>> {
        self.policies_by_service
            .get(&(namespace.to_owned(), name.map(str::to_owned)))
            .into_iter()
            .flatten()
            .map(|&position| &self.policies[position])
    }

    /// The vLLM container of every LLMInferenceService whose pod template has one.
    pub fn vllm_containers(&self) -> impl Iterator<Item = VllmContainer<'_, 'a>> {
        self.services.iter().filter_map(|service| {
            let pod = service.pod.as_deref()?;
            let (pointer, container) = service.main_container()?;
            Some(VllmContainer {
                service,
                pod,
                pointer,
                container,
            })
        })
    }

    /// The LLMInferenceServices.
    pub fn inference_services(&self) -> &[InferenceService<'a>] {
        &self.services
    }

    /// The LLMInferenceServices in a namespace.
    pub fn services_in(&self, namespace: &str) -> Vec<&InferenceService<'a>> {
        self.by_namespace
            .get(namespace)
            .into_iter()
            .flat_map(|(positions, _)| positions.iter().map(|&position| &self.services[position]))
            .collect()
    }

    /// The LLMInferenceService in `namespace` whose HTTPRoute KServe names `route`.
    pub fn service_by_route(&self, namespace: &str, route: &str) -> Option<&InferenceService<'a>> {
        let position = self
            .by_route
            .get(&(namespace.to_owned(), route.to_owned()))?;
        Some(&self.services[*position])
    }

    /// The names of the LLMInferenceServices in a namespace, sorted.
    pub fn service_names_in(&self, namespace: &str) -> &[String] {
        self.by_namespace
            .get(namespace)
            .map_or(&[], |(_, names)| names.as_slice())
    }
}

fn of_kind<'a, 'k>(
    items: &'k [&'a Value],
    kind: &'k str,
) -> impl Iterator<Item = (usize, &'a Value)> + 'k {
    items
        .iter()
        .copied()
        .enumerate()
        .filter(move |(_, value)| kind_of(value) == kind)
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
    pub pod: Option<Cow<'a, PodSpec>>,
    /// `spec.scaling`, when present and well-formed.
    pub scaling: Option<Cow<'a, Scaling>>,
    /// `spec.router.scheduler.template`, the EPP pod template, when present and well-formed.
    pub scheduler_pod: Option<Cow<'a, PodSpec>>,
    /// The other fields the rules read, typed.
    pub fields: ServiceFields,
}

/// The LLMInferenceService fields the rules read besides the pod templates and `spec.scaling`,
/// read once. Each is read on its own: a field of the wrong type reads as absent without hiding
/// the others (the schema check reports it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceFields {
    /// `spec.replicas`, when it is a whole number.
    pub replicas: Option<i64>,
    /// Whether `spec.replicas` is set at all.
    pub has_replicas: bool,
    /// `spec.model.name`.
    pub model_name: Option<String>,
    /// Whether `spec.router.scheduler` is set (not null).
    pub has_scheduler: bool,
    /// Whether `spec.worker` is set (not null): a multi-node service.
    pub has_worker: bool,
    /// Whether `spec.scaling` is set (not null).
    pub has_scaling: bool,
}

impl ServiceFields {
    /// Reads the fields of an LLMInferenceService object.
    fn of(value: &Value) -> Self {
        let spec = value.get("spec");
        let field = |name: &str| {
            spec.and_then(|spec| spec.get(name))
                .filter(|v| !v.is_null())
        };
        ServiceFields {
            replicas: field("replicas").and_then(|r| i64::deserialize(r).ok()),
            has_replicas: field("replicas").is_some(),
            model_name: field("model")
                .and_then(|model| model.get("name"))
                .and_then(|name| String::deserialize(name).ok()),
            has_scheduler: field("router")
                .and_then(|router| router.get("scheduler"))
                .is_some_and(|scheduler| !scheduler.is_null()),
            has_worker: field("worker").is_some(),
            has_scaling: field("scaling").is_some(),
        }
    }
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
        self.fields.model_name.as_deref()
    }

    /// Whether `spec.router.scheduler` is set, so KServe runs the endpoint picker.
    pub fn has_scheduler(&self) -> bool {
        self.fields.has_scheduler
    }

    /// Whether the service is multi-node (`spec.worker`).
    pub fn is_multi_node(&self) -> bool {
        self.fields.has_worker
    }

    /// The containers of the pod template with the JSON pointer of each.
    pub fn containers(&self) -> Vec<(String, &Container)> {
        self.pod
            .iter()
            .flat_map(|pod| pod.containers.iter().enumerate())
            .map(|(index, container)| (format!("/spec/template/containers/{index}"), container))
            .collect()
    }

    /// The EPP container of the scheduler template (the one KServe merges by the name `main`),
    /// with its JSON pointer.
    pub fn epp_container(&self) -> Option<(String, &Container)> {
        let pod = self.scheduler_pod.as_deref()?;
        let index = pod
            .containers
            .iter()
            .position(|container| container.name == crate::target::EPP_CONTAINER)?;
        Some((
            format!("/spec/router/scheduler/template/containers/{index}"),
            &pod.containers[index],
        ))
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

impl VllmContainer<'_, '_> {
    /// Which vLLM the container runs: the release the spec names, else what its image tells.
    pub fn vllm(&self, objects: &Objects<'_>) -> VllmKnown {
        VllmKnown::resolve(
            objects.vllm,
            self.container.image.as_deref().unwrap_or_default(),
        )
    }
}

/// The vLLM container of an LLMInferenceService, with its pod template.
#[derive(Debug, Clone)]
pub struct VllmContainer<'v, 'a> {
    /// The service.
    pub service: &'v InferenceService<'a>,
    /// Its pod template.
    pub pod: &'v PodSpec,
    /// The JSON pointer of the container.
    pub pointer: String,
    /// The container.
    pub container: &'v Container,
}

/// One NetworkPolicy among the objects.
#[derive(Debug, Clone)]
pub struct Policy<'a> {
    /// Its index among the objects.
    pub index: usize,
    /// Its namespace.
    pub namespace: String,
    /// The policy.
    pub policy: Cow<'a, NetworkPolicy>,
    /// `spec.podSelector`'s labels, when it uses `matchLabels` only.
    selector: Option<Labels>,
    /// Whether it restricts ingress and egress.
    restricts: (bool, bool),
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

impl<'a> Policy<'a> {
    /// A policy among the objects, with what rules ask of it computed once.
    pub fn new(index: usize, namespace: &str, policy: Cow<'a, NetworkPolicy>) -> Self {
        let selector = policy
            .spec
            .as_ref()
            .and_then(|spec| spec.pod_selector.as_ref())
            .and_then(network::match_labels);
        Policy {
            index,
            namespace: namespace.to_owned(),
            restricts: network::restricted_directions(&policy),
            selector,
            policy,
        }
    }

    /// `spec.podSelector`'s labels, when it uses `matchLabels` only.
    pub fn pod_selector(&self) -> Option<&Labels> {
        self.selector.as_ref()
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

    /// Whether the policy restricts ingress (its policy types include `Ingress`).
    pub fn restricts_ingress(&self) -> bool {
        self.restricts.0
    }
}

/// Joins segments into a JSON pointer, escaping `~` and `/` (RFC 6901).
pub fn pointer(segments: &[&str]) -> String {
    segments
        .iter()
        .map(|segment| format!("/{}", crate::manifest::pointer_segment(segment)))
        .collect()
}
