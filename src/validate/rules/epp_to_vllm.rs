//! C4: the EPP reads vLLM's metrics on 8000; the vLLM ingress policy must admit it.

use crate::diagnostic::{Diagnostic, Node, Setting, Severity};
use crate::target::VLLM_PORT;
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
        for service in objects.inference_services() {
            if !service.has_scheduler() {
                continue;
            }
            let names = [service.name().to_owned()];
            let guarding: Vec<&Policy> = objects
                .policies_in(service.namespace())
                .filter(|policy| policy.restricts("Ingress"))
                .filter(|policy| {
                    policy.pod_selector().is_some_and(|labels| {
                        pods::selected(&labels, &names).contains(&KservePod::Workload)
                    })
                })
                .collect();
            let Some(first) = guarding.first() else {
                continue;
            };
            let mut any_pod = None;
            let mut by_label = false;
            for policy in &guarding {
                for rule in policy.ingress() {
                    if !network::allows_port(rule.ports, i32::from(VLLM_PORT), "TCP") {
                        continue;
                    }
                    let Some(peers) = rule.peers.filter(|peers| !peers.is_empty()) else {
                        any_pod.get_or_insert((policy.index, rule.pointer.clone()));
                        continue;
                    };
                    for (index, peer) in peers.iter().enumerate() {
                        if network::is_any_pod(peer) {
                            any_pod.get_or_insert((policy.index, rule.peer_pointer(index)));
                        }
                        let same_namespace =
                            peer.namespace_selector.as_ref().is_none_or(|selector| {
                                network::named_namespace(selector).as_deref()
                                    == Some(service.namespace())
                            });
                        let selects_epp = peer
                            .pod_selector
                            .as_ref()
                            .and_then(network::match_labels)
                            .is_some_and(|labels| {
                                !labels.is_empty()
                                    && pods::selected(&labels, &names).contains(&KservePod::Epp)
                            });
                        by_label |= same_namespace && selects_epp;
                    }
                }
            }
            if by_label {
                continue;
            }
            let finding = match any_pod {
                Some((policy, at)) => self
                    .finding(format!("only the any-pod rule admits the EPP of `{}` to vLLM's metrics on 8000; removing it cuts the EPP off", service.name()))
                    .setting(Setting::AllowEpp, "the EPP is not admitted by its labels", true)
                    .at_secondary(Node::new(policy, at), "the only rule that admits it"),
                None => self
                    .finding(format!("the vLLM ingress policy of `{}` denies the EPP, which reads vLLM's metrics on 8000", service.name()))
                    .setting(Setting::AllowEpp, "the EPP is not admitted", true)
                    .at_secondary(Node::new(first.index, "/spec/ingress"), ""),
            };
            out.push(finding.help(format!(
                "admit the EPP by its labels (`gateway-to-vllm.allow-epp = true` in a spec): a `from` peer with podSelector {} on TCP 8000",
                pods::describe(&KservePod::Epp.labels(service.name()))
            )));
        }
    }
}
