//! D3 / I26: an ingress rule that admits every pod of every namespace.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::validate::facts::network;
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// `namespaceSelector: {}` with `podSelector: {}` in an ingress rule.
pub struct AnyPodRule;

static INFO: RuleInfo = RuleInfo {
    code: "P3403",
    name: "any-pod-ingress",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "an ingress rule admits every pod of every namespace (the \"kubelet probe\" rule)",
    doc: "## What it checks\nThat no ingress rule has a peer with `namespaceSelector: {}` and no or an empty `podSelector` (spec: `gateway-to-vllm.any-pod-probe-rule = true`).\n\n## Why\nSuch a peer admits every pod in the cluster, which makes the gateway-only rule beside it moot. It is meant for kubelet probes, but kubelet probes come from the node, not from a pod, so NetworkPolicies do not need a rule for them (defect D3; Kubernetes NetworkPolicy documentation; invariant I26). The EPP's metrics scrape on 8000 needs its own rule (`allow-epp`), see P3407.\n\n## Example\n```toml\n[network-policies.gateway-to-vllm]\nany-pod-probe-rule = true   # remove; set allow-epp = true for the EPP\n```\n",
};

impl Rule for AnyPodRule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for policy in objects.network_policies() {
            for rule in policy.ingress() {
                for (index, peer) in rule.peers.into_iter().flatten().enumerate() {
                    if network::is_any_pod(peer) {
                        out.push(
                            self.finding(
                                "the policy admits every pod in every namespace".to_owned(),
                            )
                            .at(Node::new(policy.index, rule.peer_pointer(index)), "admits every pod")
                            .help("remove it: kubelet probes come from the node and need no rule; admit the pods that need access by label"),
                        );
                    }
                }
            }
        }
    }
}
