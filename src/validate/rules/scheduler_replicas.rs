//! `scheduler.replicas` exists only from KServe 0.17 on, and must be at least one.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;

use super::super::{Applies, Rule, RuleInfo};

/// EPP replicas need a KServe whose LLMInferenceService has `router.scheduler.replicas`.
pub struct SchedulerReplicas;

static INFO: RuleInfo = RuleInfo {
    code: "P3602",
    name: "scheduler-replicas",
    severity: Severity::Error,
    applies: Applies::Spec,
    summary: "scheduler.replicas is set for a KServe without router.scheduler.replicas, or is 0",
    doc: "## What it checks\nThat `scheduler.replicas` is set only when `target.kserve` is 0.17 or later, and is at least 1.\n\n## Why\nKServe 0.16 and Open Data Hub's \"0.15\" have only `pool` and `template` under `router.scheduler` (their CRD, `kserve-v0.16.0_…llminferenceservices.yaml`); the API server would reject or drop the field, and the EPP would run one replica whatever the spec says. From 0.17 on, the EPP Deployment always uses the `Recreate` strategy and more than one replica adds `--ha-enable-leader-election` (`kserve/kserve@v0.17.0:pkg/controller/v1alpha2/llmisvc/scheduler.go L345, L375-388`; versions.md §B row 44), and p3gen then also emits a PodDisruptionBudget for the EPP pods. Zero replicas would leave the gateway without an endpoint picker.\n\n## Example\n```toml\n[target]\nkserve = \"odh-0.15\"\n\n[scheduler]\nreplicas = 2   # error: needs kserve = \"0.17\" or later\n```\n",
};

impl Rule for SchedulerReplicas {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let Some(replicas) = &pattern.scheduler.replicas else {
            return;
        };
        let kserve = *pattern.kserve.get();
        if !pattern.kserve_profile().scheduler_replicas {
            out.push(
                self.finding(format!(
                    "KServe {kserve} has no `router.scheduler.replicas`: the EPP runs one replica"
                ))
                .primary(replicas.span(), "EPP replicas")
                .secondary(pattern.kserve.span(), "this KServe")
                .help("remove `scheduler.replicas`, or target KServe 0.17 or later"),
            );
        }
        if *replicas.get() == 0 {
            out.push(
                self.finding("the EPP needs at least one replica".to_owned())
                    .primary(replicas.span(), "0 replicas")
                    .help("set `scheduler.replicas` to 1 or more, or `scheduler.enabled = false`"),
            );
        }
    }
}
