//! PodDisruptionBudgets (`policy/v1`): how many vLLM (and, when replicated, EPP) pods a drain may take at once.

use k8s_openapi::api::policy::v1::{PodDisruptionBudget, PodDisruptionBudgetSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::model::Pattern;
use crate::spec::Spanned;
use crate::target::{epp_selector, workload_selector};

/// Renders the budget of the vLLM pods and, with more than one EPP replica, the one of the EPP pods.
///
/// Both select the labels KServe really sets. Unhealthy pods may always be evicted (`AlwaysAllow`), so a
/// replica stuck in start-up (model download, XLA compilation) never blocks a node drain.
pub fn render(pattern: &Pattern) -> Vec<PodDisruptionBudget> {
    let Some(budgets) = &pattern.disruption_budgets else {
        return Vec::new();
    };
    let name = pattern.name.get();
    let mut out = vec![budget(
        pattern,
        &format!("{name}-vllm"),
        workload_selector(name),
        &budgets.max_unavailable,
    )];
    if pattern.scheduler.is_replicated() {
        out.push(budget(
            pattern,
            &format!("{name}-epp"),
            epp_selector(name),
            &budgets.epp_max_unavailable,
        ));
    }
    out
}

fn budget(
    pattern: &Pattern,
    name: &str,
    labels: std::collections::BTreeMap<String, String>,
    max_unavailable: &Spanned<u32>,
) -> PodDisruptionBudget {
    PodDisruptionBudget {
        metadata: super::metadata(name, pattern.namespace.get(), &Default::default()),
        spec: Some(PodDisruptionBudgetSpec {
            max_unavailable: Some(IntOrString::Int(
                i32::try_from(*max_unavailable.get()).unwrap_or(i32::MAX),
            )),
            selector: Some(LabelSelector {
                match_labels: Some(labels),
                ..LabelSelector::default()
            }),
            unhealthy_pod_eviction_policy: Some("AlwaysAllow".to_owned()),
            ..PodDisruptionBudgetSpec::default()
        }),
        status: None,
    }
}
