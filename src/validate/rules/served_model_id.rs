//! D9 / I14: the model id vLLM serves differs from the model name clients send.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{MODEL_DIR, Pattern};

use super::super::{Rule, RuleInfo};

/// Without `--served-model-name`, vLLM answers to the path `/mnt/models`, not the model name.
pub struct ServedModelId;

static INFO: RuleInfo = RuleInfo {
    code: "P3201",
    name: "served-model-id",
    severity: Severity::Warning,
    summary: "vLLM serves the model under an id other than the model name clients send",
    doc: "## What it checks\nThat `--served-model-name` is set and equals `model.name`.\n\n## Why\nThe container args replace the template's own (which passed `--served-model-name {{ .Spec.Model.Name }}`), so without the flag vLLM serves the id `/mnt/models`. Clients that send `\"model\": \"Qwen/Qwen2.5-3B-Instruct\"` get errors: the seed's benchmark runs show 100% non-2xx (defect D9, invariant I14).\n\n## Example\n```toml\n[model]\nname = \"Qwen/Qwen2.5-3B-Instruct\"\n\n[vllm]\nserved-model-name = \"Qwen/Qwen2.5-3B-Instruct\"   # fixes it\n```\n",
};

impl Rule for ServedModelId {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let model = pattern.model_name.get();
        match &pattern.vllm.served_model_name {
            None => out.push(
                self.finding(format!(
                    "vLLM serves the model as `{MODEL_DIR}`, but clients send `{model}`"
                ))
                .primary(pattern.model_name.span(), "clients send this name")
                .help(format!("set `vllm.served-model-name = \"{model}\"`")),
            ),
            Some(served) if served.get() != model => out.push(
                self.finding(format!(
                    "vLLM serves the model as `{}`, but clients send `{model}`",
                    served.get()
                ))
                .primary(served.span(), "the id vLLM answers to")
                .secondary(pattern.model_name.span(), "the name clients send")
                .help("make `vllm.served-model-name` equal `model.name`"),
            ),
            Some(_) => {}
        }
    }
}
