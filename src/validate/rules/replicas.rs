//! A served pattern needs at least one replica.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::validate::objects::{Finding, Objects};

use super::super::{Applies, Rule, RuleInfo};

/// `replicas = 0`.
pub struct Replicas;

static INFO: RuleInfo = RuleInfo {
    code: "P3205",
    name: "replicas-at-least-one",
    severity: Severity::Error,
    applies: Applies::Both,
    summary: "the service has no replica to serve from",
    doc: "## What it checks\nThat `service.replicas` (`spec.replicas` in a manifest) is at least 1.\n\n## Why\nWith no vLLM replica the InferencePool has no endpoint: the EPP picks nothing, and every request through the gateway fails. Pattern 3 exists to route between replicas (three in the reference); scale to zero is not a served pattern.\n\n## Example\n```toml\n[service]\nreplicas = 0   # error: at least 1\n```\n",
};

impl Rule for Replicas {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        if *pattern.replicas.get() == 0 {
            out.push(
                self.finding("the service has 0 replicas, so nothing serves requests".to_owned())
                    .primary(pattern.replicas.span(), "no replica")
                    .help("set `service.replicas` to 1 or more"),
            );
        }
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Finding>) {
        for service in objects.inference_services() {
            let replicas = service
                .value
                .pointer("/spec/replicas")
                .and_then(serde_json::Value::as_i64);
            if let Some(replicas) = replicas.filter(|replicas| *replicas < 1) {
                out.push(
                    self.object_finding(
                        service.index,
                        "/spec/replicas",
                        format!("the service has {replicas} replicas, so nothing serves requests"),
                    )
                    .help("set `spec.replicas` to 1 or more"),
                );
            }
        }
    }
}
