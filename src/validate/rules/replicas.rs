//! A served pattern needs at least one replica.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// `replicas = 0`.
pub struct Replicas;

static INFO: RuleInfo = RuleInfo {
    code: "P3205",
    name: "replicas-at-least-one",
    severity: Severity::Error,
    applies: Applies::Objects,
    summary: "the service has no replica to serve from",
    doc: "## What it checks\nThat `service.replicas` (`spec.replicas` in a manifest) is at least 1.\n\n## Why\nWith no vLLM replica the InferencePool has no endpoint: the EPP picks nothing, and every request through the gateway fails. Pattern 3 exists to route between replicas (three in the reference); scale to zero is not a served pattern.\n\n## Example\n```toml\n[service]\nreplicas = 0   # error: at least 1\n```\n",
};

impl Rule for Replicas {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for service in objects.inference_services() {
            let replicas = service.fields.replicas;
            if let Some(replicas) = replicas.filter(|replicas| *replicas < 1) {
                out.push(
                    self.finding(format!(
                        "the service has {replicas} replicas, so nothing serves requests"
                    ))
                    .at(Node::new(service.index, "/spec/replicas"), "no replica")
                    .help("set `spec.replicas` (`service.replicas` in a spec) to 1 or more"),
                );
            }
        }
    }
}
