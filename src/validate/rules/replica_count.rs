//! A spec says how many replicas run: `service.replicas` or an `[autoscaling]` range.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;

use super::super::{Applies, Rule, RuleInfo};

/// Neither a replica count nor autoscaling.
pub struct ReplicaCount;

static INFO: RuleInfo = RuleInfo {
    code: "P3210",
    name: "replica-count",
    severity: Severity::Error,
    applies: Applies::Spec,
    summary: "the spec sets neither service.replicas nor [autoscaling]",
    doc: "## What it checks\nThat the spec says how many vLLM replicas run: `service.replicas`, or an `[autoscaling]` table with `max-replicas` (KServe 0.18 and later). Setting both is P3209's error.\n\n## Why\nPattern 3 routes between replicas by prompt prefix, and the capacity plan is priced per replica: a spec that names no count would leave both to KServe's default of one, which is rarely what was meant.\n\n## Example\n```toml\n[service]\nname = \"qwen\"\nnamespace = \"llm\"\n# error: add `replicas = 3`, or an [autoscaling] table\n```\n",
};

impl Rule for ReplicaCount {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        if pattern.replica_range().is_some() {
            return;
        }
        out.push(
            self.finding("the spec does not say how many replicas run".to_owned())
                .primary(pattern.service_table.clone(), "no `replicas` here")
                .help("add `replicas = N` to `[service]`, or an `[autoscaling]` table with `min-replicas`, `max-replicas` and `actuator` (KServe 0.18 and later)"),
        );
    }
}
