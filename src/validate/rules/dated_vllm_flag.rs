//! vLLM flags that the container's vLLM deprecates, or that a later release removes.

use crate::diagnostic::{Diagnostic, Severity};
use crate::target::FlagVerdict;
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};
use super::vllm_flag_verdicts::flagged;

/// A flag that works today but not on every release to come.
pub struct DatedVllmFlag;

static INFO: RuleInfo = RuleInfo {
    code: "P3208",
    name: "dated-vllm-flag",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "a vLLM flag that the container's vLLM deprecates, or that a later vLLM removes",
    doc: "## What it checks\nThat no vLLM argument is a flag that the container's vLLM (see P3203 for how p3gen knows it) marks deprecated, or that a later release removes.\n\n## Why\nA deprecated flag still parses, with a warning, until a release removes it; then vLLM exits on it. `--disable-log-requests` is deprecated from 0.10.1 (request logging is off by default) and removed in 0.17.0 (`vllm-project/vllm@v0.10.1.1:vllm/engine/arg_utils.py L1748-1756`, `@v0.17.0: L2187`), so an image upgrade turns it into a crash loop.\n\n## Example\n```toml\n[container]\nimage = \"registry.redhat.io/rhaiis/vllm-tpu-rhel9:3.2.5\"   # vLLM 0.10.1 … 0.13.0\n\n[vllm]\ndisable-log-requests = true   # deprecated there, removed in 0.17.0\n```\n",
};

impl Rule for DatedVllmFlag {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for found in flagged(objects) {
            let FlagVerdict::Dated {
                deprecated,
                removed_in,
            } = &found.verdict
            else {
                continue;
            };
            let (name, on) = (&found.name, found.vllm.describe());
            let message = match (deprecated, removed_in) {
                (true, Some(release)) => format!(
                    "`{name}` is deprecated in {on}, and vLLM {release} removes it: from there vLLM exits on it"
                ),
                (true, None) => format!("`{name}` is deprecated in {on}"),
                (false, Some(release)) => {
                    format!("`{name}` is removed in vLLM {release}: from there vLLM exits on it")
                }
                (false, None) => continue,
            };
            out.push(
                self.finding(message)
                    .at(found.node, "a dated flag")
                    .help("remove it before the image moves to a release without it"),
            );
        }
    }
}
