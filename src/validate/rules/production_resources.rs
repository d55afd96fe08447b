//! The production profile needs CPU and memory sized for the vLLM container.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::spec::Profile;

use super::super::{Applies, Rule, RuleInfo};

/// Under `profile = "production"`, the vLLM container states its CPU and memory requests and its memory limit.
pub struct ProductionResources;

static INFO: RuleInfo = RuleInfo {
    code: "P3603",
    name: "production-resources",
    severity: Severity::Warning,
    applies: Applies::Spec,
    summary: "production profile: the vLLM container has no CPU or memory request, or no memory limit",
    doc: "## What it checks\nUnder `profile = \"production\"`, that `[container.resources]` sets `requests.cpu`, `requests.memory` and `limits.memory`. A CPU limit is optional.\n\n## Why\np3gen derives the accelerator request (`google.com/tpu` or `nvidia.com/gpu`) but not CPU and memory, which depend on the model and the machine. Without requests the scheduler places the pod as if it needed nothing, and without a memory limit a leak can take the node's memory from the TPU runtime; the pod would also be `BestEffort` or `Burstable`, evicted first under pressure. The production profile does not guess values; it warns, so `--deny warnings` makes them required. Setting requests equal to limits for both gives the Guaranteed QoS class.\n\n## Example\n```toml\nprofile = \"production\"\n\n[container.resources.requests]\ncpu = \"16\"\nmemory = \"64Gi\"\n\n[container.resources.limits]\ncpu = \"16\"\nmemory = \"64Gi\"\n```\n",
};

impl Rule for ProductionResources {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        if *pattern.profile.get() != Profile::Production {
            return;
        }
        let container = &pattern.container;
        let missing: Vec<&str> = [
            ("requests.cpu", container.requests.contains_key("cpu")),
            ("requests.memory", container.requests.contains_key("memory")),
            ("limits.memory", container.limits.contains_key("memory")),
        ]
        .into_iter()
        .filter(|(_, present)| !present)
        .map(|(name, _)| name)
        .collect();
        if missing.is_empty() {
            return;
        }
        let list = missing
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(
            self.finding(format!(
                "production profile: the vLLM container has no {list} in `[container.resources]`"
            ))
            .primary(pattern.profile.span(), "production")
            .secondary(container.image.span(), "the vLLM container")
            .help("size CPU and memory for the model and machine, e.g. `[container.resources.requests] cpu = \"16\"`, `memory = \"64Gi\"`"),
        );
    }
}
