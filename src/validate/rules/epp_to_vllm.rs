//! C4: the EPP reads vLLM's metrics on 8000; the vLLM ingress policy must admit it.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Node, Setting, Severity};
use crate::target::{NAME_LABEL, VLLM_PORT};
use crate::validate::facts::network;
use crate::validate::facts::pods::{self, KservePod};
use crate::validate::objects::{Objects, Policy};

use super::super::{Applies, Rule, RuleInfo};

/// EPP → vLLM is denied, or admitted only by the any-pod rule.
pub struct EppToVllm;

static INFO: RuleInfo = RuleInfo {
    code: "P3407",
    name: "epp-to-vllm-ingress",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "vLLM's ingress policy does not admit the EPP, or only through the any-pod rule",
    doc: "## What it checks\nThat, when the EPP runs, the policy restricting vLLM ingress admits the EPP pods on TCP 8000 by their own labels (spec: `gateway-to-vllm.allow-epp`), not only through a rule that admits every pod.\n\n## Why\nThe EPP scrapes each replica's `/metrics` on 8000 to score it (flow C4 of the port contract). In the reference nothing admits it but the any-pod \"kubelet\" rule (D3): removing that rule, as P3403 advises, silently cuts the EPP off its metrics, and the load-aware scores go blind (domain §8).\n\n## Example\n```toml\n[network-policies.gateway-to-vllm]\nany-pod-probe-rule = false\nallow-epp = true   # admit the EPP by its labels\n```\n",
};

impl Rule for EppToVllm {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        // The policies whose selector names no service apply alike to every service of their
        // namespace: they are read once per namespace, so the rule stays linear in the objects.
        let mut shared: BTreeMap<&str, Admission> = BTreeMap::new();
        for service in objects.inference_services() {
            if !service.has_scheduler() {
                continue;
            }
            let namespace = service.namespace();
            let own = Admission::of(
                objects.policies_naming(namespace, Some(service.name())),
                service.name(),
            );
            let common = shared.entry(namespace).or_insert_with(|| {
                Admission::of(objects.policies_naming(namespace, None), service.name())
            });
            let Some(first) = own.first.into_iter().chain(common.first).min() else {
                continue;
            };
            if own.admits_epp(service.name()) || common.admits_epp(service.name()) {
                continue;
            }
            let any_pod = [&own.any_pod, &common.any_pod]
                .into_iter()
                .flatten()
                .min_by_key(|(policy, _)| *policy)
                .cloned();
            let finding = match any_pod {
                Some((policy, at)) => self
                    .finding(format!("only the any-pod rule admits the EPP of `{}` to vLLM's metrics on 8000; removing it cuts the EPP off", service.name()))
                    .setting(Setting::AllowEpp, "the EPP is not admitted by its labels", true)
                    .at_secondary(Node::new(policy, at), "the only rule that admits it"),
                None => self
                    .finding(format!("the vLLM ingress policy of `{}` denies the EPP, which reads vLLM's metrics on 8000", service.name()))
                    .setting(Setting::AllowEpp, "the EPP is not admitted", true)
                    .at_secondary(Node::new(first, "/spec/ingress"), ""),
            };
            out.push(finding.help(format!(
                "admit the EPP by its labels (`gateway-to-vllm.allow-epp = true` in a spec): a `from` peer with podSelector {} on TCP 8000",
                pods::describe(&KservePod::Epp.labels(service.name()))
            )));
        }
    }
}

/// What the ingress policies of one group that restrict the vLLM pods admit, on vLLM's port.
#[derive(Debug, Default)]
struct Admission {
    /// The first such policy (its object index).
    first: Option<usize>,
    /// The first rule or peer that admits every pod: its policy's object index and pointer.
    any_pod: Option<(usize, String)>,
    /// Whether a same-namespace peer selects the EPP pods of every service by their labels.
    epp_of_any: bool,
    /// The services whose EPP pods a same-namespace peer selects by name and labels.
    epp_of: BTreeSet<String>,
}

impl Admission {
    /// Reads `policies` (in object order) as they apply to the vLLM pods of `service`; for
    /// policies that name no service, any service of the namespace reads the same.
    fn of<'a: 'p, 'p>(policies: impl Iterator<Item = &'p Policy<'a>>, service: &str) -> Self {
        let workload = KservePod::Workload.labels(service);
        let mut admission = Admission::default();
        let guarding = policies.filter(|policy| {
            policy.restricts_ingress()
                && policy
                    .pod_selector()
                    .is_some_and(|labels| pods::selects(labels, &workload))
        });
        for policy in guarding {
            admission.first.get_or_insert(policy.index);
            let namespace = policy.namespace.as_str();
            for rule in policy.ingress() {
                if !network::allows_port(rule.ports, i32::from(VLLM_PORT), "TCP") {
                    continue;
                }
                let Some(peers) = rule.peers.filter(|peers| !peers.is_empty()) else {
                    admission
                        .any_pod
                        .get_or_insert((policy.index, rule.pointer.clone()));
                    continue;
                };
                for (index, peer) in peers.iter().enumerate() {
                    if network::is_any_pod(peer) {
                        admission
                            .any_pod
                            .get_or_insert((policy.index, rule.peer_pointer(index)));
                    }
                    let same_namespace = peer.namespace_selector.as_ref().is_none_or(|selector| {
                        network::named_namespace(selector).as_deref() == Some(namespace)
                    });
                    let Some(labels) = peer.pod_selector.as_ref().and_then(network::match_labels)
                    else {
                        continue;
                    };
                    if !same_namespace || labels.is_empty() {
                        continue;
                    }
                    match labels.get(NAME_LABEL) {
                        Some(name) => {
                            if pods::selects(&labels, &KservePod::Epp.labels(name)) {
                                admission.epp_of.insert(name.clone());
                            }
                        }
                        None => {
                            admission.epp_of_any |=
                                pods::selects(&labels, &KservePod::Epp.labels(service));
                        }
                    }
                }
            }
        }
        admission
    }

    /// Whether a peer admits the EPP of `service` by its labels.
    fn admits_epp(&self, service: &str) -> bool {
        self.epp_of_any || self.epp_of.contains(service)
    }
}
