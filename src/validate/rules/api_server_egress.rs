//! D4 / I26: API-server egress rules that cannot match a managed control plane.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::validate::facts::network;
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// Egress to `component: apiserver` pods or to every namespace on 6443.
pub struct ApiServerEgress;

static INFO: RuleInfo = RuleInfo {
    code: "P3404",
    name: "api-server-egress",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "API-server egress rules that cannot match a managed control plane",
    doc: "## What it checks\nThat the API server is not reached through pods labelled `component: apiserver` or through every namespace on 443/6443 (spec: `api-server.mode = \"pod-selector\"`).\n\n## Why\nOn GKE the control plane is not a pod in the cluster and is reached on 443, so neither rule matches it; an `ipBlock` with the control-plane address is needed. The EPP watches InferencePools and Pods through the API server; the reference's allow-all vLLM egress, which also applies to the EPP (D2), masks the defect (defect D4, unverified on a live cluster; KServe `scheduler.go` EPP Role; invariant I26).\n\n## Example\n```toml\n[network-policies.api-server]\nmode = \"ip-block\"\ncidrs = [\"172.16.0.2/32\"]   # the control-plane endpoint\n```\n",
};

impl Rule for ApiServerEgress {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for policy in objects.network_policies() {
            for rule in policy.egress() {
                for (index, peer) in rule.peers.into_iter().flatten().enumerate() {
                    if network::is_api_server_guess(peer, rule.ports) {
                        out.push(
                            self.finding(
                                "this API-server rule matches no managed control plane (not a pod, reached on 443)".to_owned(),
                            )
                            .at(Node::new(policy.index, rule.peer_pointer(index)), "matches no managed control plane")
                            .help("allow the control-plane address with an `ipBlock` on port 443 (GKE: the cluster endpoint; `api-server.mode = \"ip-block\"` in a spec)"),
                        );
                    }
                }
            }
        }
    }
}
