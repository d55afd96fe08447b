//! D6: vLLM egress allowed to everything.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::validate::facts::network;
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// `egress: [{}]`.
pub struct AllowAllEgress;

static INFO: RuleInfo = RuleInfo {
    code: "P3406",
    name: "allow-all-egress",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "an egress rule allows every destination on every port",
    doc: "## What it checks\nThat the vLLM egress policy is `restricted` (in manifests: no egress rule without destinations and ports, `egress: [{}]`).\n\n## Why\nAllow-all egress lets a compromised model server reach anything, and it masks other defects: the broken API-server rules (D4) and the EPP's UDP-only DNS rule (D12) go unnoticed when the EPP shares it (D2). The reference marks it \"PoC\". Restricting needs DNS on UDP and TCP 53, HTTPS 443 for the model download, and the API server by `ipBlock`; a too-narrow policy blocked the model download in an earlier deployment (defect D6; Pattern 1 docs, issue log).\n\n## Example\n```toml\n[network-policies.vllm-egress]\nmode = \"restricted\"\n```\n",
};

impl Rule for AllowAllEgress {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for policy in objects.network_policies() {
            for rule in policy.egress() {
                if network::is_allow_all(rule.peers, rule.ports) {
                    out.push(
                        self.finding(
                            "this egress rule allows every destination on every port".to_owned(),
                        )
                        .at(Node::new(policy.index, rule.pointer.clone()), "egress: [{}]")
                        .help("allow DNS (UDP and TCP 53), HTTPS 443 for the model download and the API server by ipBlock (`vllm-egress.mode = \"restricted\"` in a spec)"),
                    );
                }
            }
        }
    }
}
