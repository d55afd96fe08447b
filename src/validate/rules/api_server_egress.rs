//! D4 / I26: API-server egress rules that cannot match a managed control plane.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::spec::{ApiServerMode, EgressMode};
use crate::validate::facts::network;
use crate::validate::objects::{Finding, Objects};

use super::super::{Applies, Rule, RuleInfo};

/// Egress to `component: apiserver` pods or to every namespace on 6443.
pub struct ApiServerEgress;

static INFO: RuleInfo = RuleInfo {
    code: "P3404",
    name: "api-server-egress",
    severity: Severity::Warning,
    applies: Applies::Both,
    summary: "API-server egress rules that cannot match a managed control plane",
    doc: "## What it checks\nThat the API server is not reached through pods labelled `component: apiserver` or through every namespace on 443/6443 (spec: `api-server.mode = \"pod-selector\"`).\n\n## Why\nOn GKE the control plane is not a pod in the cluster and is reached on 443, so neither rule matches it; an `ipBlock` with the control-plane address is needed. The EPP watches InferencePools and Pods through the API server; the reference's allow-all vLLM egress, which also applies to the EPP (D2), masks the defect (defect D4, unverified on a live cluster; KServe `scheduler.go` EPP Role; invariant I26).\n\n## Example\n```toml\n[network-policies.api-server]\nmode = \"ip-block\"\ncidrs = [\"172.16.0.2/32\"]   # the control-plane endpoint\n```\n",
};

impl Rule for ApiServerEgress {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let policies = &pattern.network_policies;
        let rendered = policies.gateway_to_epp.is_some()
            || policies
                .vllm_egress
                .as_ref()
                .is_some_and(|egress| *egress.mode.get() == EgressMode::Restricted);
        if rendered && *policies.api_server.mode.get() == ApiServerMode::PodSelector {
            out.push(
                self.finding("the API-server rules select `component: apiserver` pods and every namespace on 6443; a managed control plane is neither".to_owned())
                    .primary(policies.api_server.mode.span(), "matches no managed control plane")
                    .help("use `mode = \"ip-block\"` with the control-plane CIDRs (GKE: the cluster endpoint, port 443)"),
            );
        }
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Finding>) {
        for policy in objects.network_policies() {
            for rule in policy.egress() {
                for (index, peer) in rule.peers.into_iter().flatten().enumerate() {
                    if network::is_api_server_guess(peer, rule.ports) {
                        out.push(
                            self.object_finding(
                                policy.index,
                                rule.peer_pointer(index),
                                "this API-server rule matches no managed control plane (not a pod, reached on 443)".to_owned(),
                            )
                            .help("allow the control-plane address with an `ipBlock` on port 443 (GKE: the cluster endpoint)"),
                        );
                    }
                }
            }
        }
    }
}
