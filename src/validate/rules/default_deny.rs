//! D5 / I25: the bundle brings no default-deny of its own.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Node, Setting, Severity};
use crate::validate::facts::network;
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// NetworkPolicies without a default-deny in their namespace.
pub struct NoDefaultDeny;

static INFO: RuleInfo = RuleInfo {
    code: "P3405",
    name: "no-default-deny",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "allow policies without a default-deny of their own",
    doc: "## What it checks\nThat a bundle with NetworkPolicies also denies by default: `network-policies.default-deny = true` (in manifests: a policy in the namespace with `podSelector: {}` and no rules for Ingress and for Egress).\n\n## Why\nPolicies are additive, and a pod is isolated only for the directions some policy selects it for. The reference relies on Pattern 1's namespace default-deny still being present and never says so, while its `allow-istio` policy selects every pod for Ingress and Egress, which isolates them all as a side effect. The security posture then depends on leftover objects and an implicit effect; emit the default-deny explicitly (defect D5; invariant I25; Kubernetes NetworkPolicy documentation). With a default-deny, the Istio control-plane policy is mandatory.\n\n## Example\n```toml\n[network-policies]\ndefault-deny = true\n```\n",
};

impl Rule for NoDefaultDeny {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        let mut namespaces: BTreeMap<String, (usize, bool, bool)> = BTreeMap::new();
        for policy in objects.network_policies() {
            let (ingress, egress) = network::default_deny(&policy.policy);
            let entry =
                namespaces
                    .entry(policy.namespace.clone())
                    .or_insert((policy.index, false, false));
            entry.1 |= ingress;
            entry.2 |= egress;
        }
        for (namespace, (first, ingress, egress)) in namespaces {
            let missing = match (ingress, egress) {
                (true, true) => continue,
                (false, false) => "Ingress and Egress",
                (false, true) => "Ingress",
                (true, false) => "Egress",
            };
            out.push(
                self.finding(format!(
                    "namespace `{namespace}` has allow policies but no default-deny for {missing}; its isolation depends on other objects"
                ))
                .setting(Setting::DefaultDeny, "no default-deny", true)
                .at_secondary(Node::new(first, "/metadata/name"), "")
                .help("add a NetworkPolicy with `podSelector: {}`, `policyTypes: [Ingress, Egress]` and no rules (`network-policies.default-deny = true` in a spec)"),
            );
        }
    }
}
