//! D1 / I24: a selector meant for KServe's pods that matches none of them.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::spec::Spanned;
use crate::validate::facts::pods::{self, KservePod, Labels};
use crate::validate::objects::{Finding, Objects};

use super::super::{Applies, Rule, RuleInfo};

/// A pod selector that selects no pod KServe creates.
pub struct SelectorMatchesNothing;

static INFO: RuleInfo = RuleInfo {
    code: "P3401",
    name: "selector-matches-no-kserve-pod",
    severity: Severity::Warning,
    applies: Applies::Both,
    summary: "a NetworkPolicy selector matches no pod KServe creates",
    doc: "## What it checks\nThat the EPP selector selects KServe's EPP pods and the workload selectors select its vLLM pods, by the labels KServe really sets: vLLM `kserve.io/component: workload`, `app.kubernetes.io/name: <service>`, `app.kubernetes.io/part-of: llminferenceservice`; EPP `app.kubernetes.io/component: llminferenceservice-router-scheduler` and the name. In manifests: every pod selector (and same-namespace peer) that uses a KServe label key must select at least one KServe pod of the services in its namespace.\n\n## Why\nA policy whose selector matches nothing protects nothing and admits nothing. The reference selects the EPP with `app.kubernetes.io/component: router-scheduler`, a label no pod has, so gateway → EPP on 9002 ends up denied by the other policies; with `failureMode: FailOpen` the gateway then skips the EPP silently and cache-aware routing is lost (defect D1; KServe `scheduler.go` `SchedulerLabels`; invariant I24).\n\n## Example\n```toml\n[network-policies.selectors]\nepp = { \"app.kubernetes.io/component\" = \"router-scheduler\" }   # KServe: llminferenceservice-router-scheduler\n```\n",
};

fn help(selector: &Labels, intended: KservePod, service: &str) -> String {
    match pods::probable_label(selector) {
        Some((key, value)) => format!("KServe sets `{key}: {value}`"),
        None => format!(
            "KServe labels the {} pods {}",
            intended.describe(),
            pods::describe(&intended.labels(service))
        ),
    }
}

impl SelectorMatchesNothing {
    fn check_selector(
        &self,
        pattern: &Pattern,
        key: &str,
        selector: &Spanned<BTreeMap<String, String>>,
        intended: KservePod,
        out: &mut Vec<Diagnostic>,
    ) {
        let service = pattern.name.get();
        let selected = pods::selected(selector.get(), std::slice::from_ref(service));
        if !selected.contains(&intended) {
            out.push(
                self.finding(format!(
                    "`selectors.{key}` {} matches no {} pod KServe creates",
                    pods::describe(selector.get()),
                    intended.describe()
                ))
                .primary(selector.span(), "matches no pod")
                .secondary(pattern.name.span(), "KServe labels its pods with this name")
                .help(help(selector.get(), intended, service)),
            );
        }
    }
}

impl Rule for SelectorMatchesNothing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let policies = &pattern.network_policies;
        let epp_used = policies.gateway_to_epp.is_some()
            || policies
                .gateway_to_vllm
                .as_ref()
                .is_some_and(|vllm| *vllm.allow_epp.get());
        let workload_used = policies.gateway_to_vllm.is_some() || policies.vllm_egress.is_some();
        if epp_used {
            self.check_selector(pattern, "epp", &policies.epp_selector, KservePod::Epp, out);
        }
        if workload_used {
            let selector = &policies.workload_selector;
            self.check_selector(pattern, "workload", selector, KservePod::Workload, out);
        }
        if policies.gateway_to_epp.is_some() {
            let selector = &policies.workload_peer_selector;
            self.check_selector(pattern, "workload-peer", selector, KservePod::Workload, out);
        }
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Finding>) {
        for policy in objects.network_policies() {
            let services = objects.service_names_in(&policy.namespace);
            let mut selectors: Vec<(String, Labels)> = Vec::new();
            if let Some(labels) = policy.pod_selector() {
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
                    || !pods::aims_at_kserve(&labels, &services)
                    || !pods::selected(&labels, &services).is_empty()
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
                out.push(
                    self.object_finding(
                        policy.index,
                        at,
                        format!(
                            "the selector {} matches no pod KServe creates",
                            pods::describe(&labels)
                        ),
                    )
                    .help(help),
                );
            }
        }
    }
}
