//! D1 / I24: a selector meant for KServe's pods that matches none of them.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::validate::facts::pods::{self, KservePod, Labels};
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// A pod selector that selects no pod KServe creates.
pub struct SelectorMatchesNothing;

static INFO: RuleInfo = RuleInfo {
    code: "P3401",
    name: "selector-matches-no-kserve-pod",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "a NetworkPolicy selector matches no pod KServe creates",
    doc: "## What it checks\nThat the EPP selector selects KServe's EPP pods and the workload selectors select its vLLM pods, by the labels KServe really sets: vLLM `kserve.io/component: workload`, `app.kubernetes.io/name: <service>`, `app.kubernetes.io/part-of: llminferenceservice`; EPP `app.kubernetes.io/component: llminferenceservice-router-scheduler` and the name. In manifests: every pod selector (and same-namespace peer) that uses a KServe label key must select at least one KServe pod of the services in its namespace.\n\n## Why\nA policy whose selector matches nothing protects nothing and admits nothing. The reference selects the EPP with `app.kubernetes.io/component: router-scheduler`, a label no pod has, so gateway → EPP on 9002 ends up denied by the other policies; with `failureMode: FailOpen` the gateway then skips the EPP silently and cache-aware routing is lost (defect D1; KServe `scheduler.go` `SchedulerLabels`; invariant I24).\n\n## Example\n```toml\n[network-policies.selectors]\nepp = { \"app.kubernetes.io/component\" = \"router-scheduler\" }   # KServe: llminferenceservice-router-scheduler\n```\n",
};

impl Rule for SelectorMatchesNothing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for policy in objects.network_policies() {
            let names = objects.service_names_in(&policy.namespace);
            let mut selectors: Vec<(String, Labels)> = Vec::new();
            if let Some(labels) = policy.pod_selector().cloned() {
                selectors.push(("/spec/podSelector/matchLabels".to_owned(), labels));
            }
            for rule in policy.ingress().iter().chain(policy.egress().iter()) {
                for (index, peer) in rule.peers.into_iter().flatten().enumerate() {
                    if peer.namespace_selector.is_some() || peer.ip_block.is_some() {
                        continue;
                    }
                    if let Some(labels) = peer
                        .pod_selector
                        .as_ref()
                        .and_then(crate::validate::facts::network::match_labels)
                    {
                        selectors.push((
                            format!("{}/podSelector/matchLabels", rule.peer_pointer(index)),
                            labels,
                        ));
                    }
                }
            }
            for (at, labels) in selectors {
                if labels.is_empty()
                    || !pods::aims_at_kserve(&labels, names)
                    || !pods::selected(&labels, names).is_empty()
                {
                    continue;
                }
                let help = match pods::probable_label(&labels) {
                    Some((key, value)) => format!("KServe sets `{key}: {value}`"),
                    None => format!(
                        "KServe labels vLLM pods {} and EPP pods {}",
                        pods::describe(&KservePod::Workload.labels("<name>")),
                        pods::describe(&KservePod::Epp.labels("<name>"))
                    ),
                };
                let mut finding = self
                    .finding(format!(
                        "the selector {} matches no pod KServe creates",
                        pods::describe(&labels)
                    ))
                    .at(Node::new(policy.index, at), "matches no pod");
                if let [service] = objects.services_in(&policy.namespace).as_slice() {
                    finding = finding.related(
                        service.index,
                        "/metadata/name",
                        "KServe labels its pods with this name",
                    );
                }
                out.push(finding.help(help));
            }
        }
    }
}
