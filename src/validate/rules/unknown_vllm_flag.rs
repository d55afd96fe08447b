//! I8: flags that the container's vLLM does not have, with the flag that was probably meant.

use crate::diagnostic::{Diagnostic, Severity};
use crate::target::{FlagVerdict, MISTAKEN_FLAGS};
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};
use super::vllm_flag_verdicts::flagged;

/// A flag the container's vLLM does not accept.
pub struct UnknownVllmFlag;

static INFO: RuleInfo = RuleInfo {
    code: "P3203",
    name: "not-a-vllm-flag",
    severity: Severity::Error,
    applies: Applies::Objects,
    summary: "a vLLM argument that is not a flag of the container's vLLM (e.g. --prefix-cache-block-size)",
    doc: "## What it checks\nThat every long flag among the vLLM arguments is a `vllm serve` flag of the vLLM the container runs: the release `target.vllm` names, else the one its image tells (Red Hat AI Inference Server 3.2.1 = 0.10.0, 3.2.2 = 0.10.1, 3.2.5 = one of 0.10.1 … 0.13.0, 3.3 = 0.13.0), else any release p3gen holds (0.10.0 … 0.33.0). Both `-` and `_` spellings, `--flag=value` and the `--no-` form of a boolean flag count.\n\n## Why\nvLLM's argument parser exits on an unknown flag, so the pod crash-loops. `--prefix-cache-block-size` is a flag of no release (the KV block size is `--block-size`) and crash-looped vLLM TPU 3.2.5 on the seed cluster; `--disable-log-requests` makes vLLM 0.17 and later exit (`vllm-project/vllm@v0.17.0:vllm/engine/arg_utils.py L2187`). The flag lists are read from each release's wheel (`src/target/vllm_flags/`); flags a platform plugin adds (the TPU plugin) are not in them.\n\n## Example\n```toml\n[vllm]\nextra-args = [\"--prefix-cache-block-size=16\"]   # use --block-size\n```\n",
};

impl Rule for UnknownVllmFlag {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for found in flagged(objects) {
            let FlagVerdict::Unknown { suggestion } = found.verdict else {
                continue;
            };
            let name = &found.name;
            let help = MISTAKEN_FLAGS
                .iter()
                .find(|(flag, _)| flag == name)
                .map(|(_, instead)| (*instead).to_owned())
                .or_else(|| suggestion.map(|flag| format!("did you mean `{flag}`?")))
                .unwrap_or_else(|| {
                    "remove it, or set `target.vllm` to the release the image carries".to_owned()
                });
            out.push(
                self.finding(format!(
                    "`{name}` is not a flag of {}; vLLM will not start",
                    found.vllm.describe()
                ))
                .at(found.node, "not a vLLM flag")
                .help(help),
            );
        }
    }
}
