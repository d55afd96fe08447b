//! Shared by the vLLM flag rules: every argument of every vLLM container, with what the flag
//! tables of the container's vLLM say of it.

use crate::diagnostic::Node;
use crate::target::{FlagVerdict, VllmKnown, check_flag};
use crate::validate::facts::args;
use crate::validate::objects::Objects;

/// One vLLM argument and the verdict on it.
pub(super) struct FlagAt {
    /// The flag's name, without `=value`.
    pub name: String,
    /// Where it is.
    pub node: Node,
    /// The vLLM it was checked against.
    pub vllm: VllmKnown,
    /// What the tables say.
    pub verdict: FlagVerdict,
}

/// Every vLLM argument that is not simply valid, in object and argument order.
pub(super) fn flagged(objects: &Objects<'_>) -> Vec<FlagAt> {
    let mut found = Vec::new();
    for container in objects.vllm_containers() {
        let vllm = container.vllm(objects);
        let parsed = args::parse(container.container.args.as_deref().unwrap_or_default());
        for (token, text) in parsed.tokens.iter().enumerate() {
            let verdict = check_flag(vllm, text);
            if verdict == FlagVerdict::Valid {
                continue;
            }
            found.push(FlagAt {
                name: args::flag_name(text).unwrap_or(text).to_owned(),
                node: args::node(container.service.index, &container.pointer, &parsed, token),
                vllm,
                verdict,
            });
        }
    }
    found
}
