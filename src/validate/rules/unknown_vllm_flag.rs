//! I8: flags that vLLM does not have, with the flag that was probably meant.

use crate::diagnostic::{Diagnostic, Severity};
use crate::validate::facts::args::{self, NOT_VLLM_FLAGS};
use crate::validate::objects::{Objects, VllmContainer};

use super::super::{Applies, Rule, RuleInfo};

/// A flag vLLM does not accept.
pub struct UnknownVllmFlag;

static INFO: RuleInfo = RuleInfo {
    code: "P3203",
    name: "not-a-vllm-flag",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "a vLLM argument that is not a vLLM flag (e.g. --prefix-cache-block-size)",
    doc: "## What it checks\nThat the vLLM arguments contain no flag known not to exist: `--prefix-cache-block-size` (use `--block-size`).\n\n## Why\nvLLM exits on an unknown flag, so the pod crash-loops. `--prefix-cache-block-size` crash-looped vLLM TPU 3.2.5 on the seed cluster (invariant I8; GKE-native-gateway issue log #12). vLLM flags differ by image, so only flags known to be wrong are reported.\n\n## Example\n```toml\n[vllm]\nextra-args = [\"--prefix-cache-block-size=64\"]   # use --block-size=64\n```\n",
};

fn not_a_flag(token: &str) -> Option<(&'static str, &'static str)> {
    let name = args::flag_name(token)?;
    NOT_VLLM_FLAGS
        .iter()
        .copied()
        .find(|(flag, _)| *flag == name)
}

impl Rule for UnknownVllmFlag {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for VllmContainer {
            service,
            pointer: base,
            container,
            ..
        } in objects.vllm_containers()
        {
            let parsed = args::parse(container.args.as_deref().unwrap_or_default());
            for (token, text) in parsed.tokens.iter().enumerate() {
                if let Some((name, instead)) = not_a_flag(text) {
                    out.push(
                        self.finding(format!("`{name}` is not a vLLM flag; vLLM will not start"))
                            .at(
                                args::node(service.index, &base, &parsed, token),
                                "not a vLLM flag",
                            )
                            .help(instead),
                    );
                }
            }
        }
    }
}
