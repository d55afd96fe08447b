//! D2: a vLLM selector by name alone also selects the EPP.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::validate::facts::pods::{self, KservePod};
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// A workload selector that selects the EPP pods too.
pub struct WorkloadSelectorSelectsEpp;

static INFO: RuleInfo = RuleInfo {
    code: "P3402",
    name: "workload-selector-selects-epp",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "a vLLM pod selector also selects the EPP pods",
    doc: "## What it checks\nThat the selector of the vLLM policies does not also select the EPP: `app.kubernetes.io/name: <service>` alone (with or without `part-of`) matches both, because KServe gives the EPP pods the same name label. In manifests: any policy's pod selector that selects both KServe vLLM and EPP pods.\n\n## Why\nThe vLLM ingress policy (port 8000 only) and the allow-all vLLM egress policy then apply to the EPP as well: its own ingress on 9002 is governed by a policy meant for vLLM, and its egress is opened to everything, which also masks its broken API-server rules (defect D2, D4). Select vLLM with `kserve.io/component: workload` (+ name and part-of), as KServe's own workload Service does.\n\n## Example\n```toml\n[network-policies.selectors]\nworkload = { \"app.kubernetes.io/name\" = \"qwen2-3b-pattern3\" }   # add \"kserve.io/component\" = \"workload\"\n```\n",
};

const HELP: &str = "add `kserve.io/component: workload` to select the vLLM pods only";

impl Rule for WorkloadSelectorSelectsEpp {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for policy in objects.network_policies() {
            let Some(labels) = policy.pod_selector().filter(|labels| !labels.is_empty()) else {
                continue;
            };
            let services = objects.service_names_in(&policy.namespace);
            if pods::selected(labels, services) == KservePod::ALL {
                out.push(
                    self.finding(format!(
                        "the selector {} selects the vLLM pods and the EPP pods, so this policy applies to the EPP too",
                        pods::describe(labels)
                    ))
                    .at(
                        Node::new(policy.index, "/spec/podSelector/matchLabels"),
                        "selects vLLM and EPP pods",
                    )
                    .help(HELP),
                );
            }
        }
    }
}
