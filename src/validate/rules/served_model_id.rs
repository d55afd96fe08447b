//! D9 / I14: the model id vLLM serves differs from the model name clients send.

use crate::diagnostic::{Diagnostic, Severity};
use crate::target::MODEL_DIR;
use crate::validate::facts::args;
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// Without `--served-model-name`, vLLM answers to the path `/mnt/models`, not the model name.
pub struct ServedModelId;

static INFO: RuleInfo = RuleInfo {
    code: "P3201",
    name: "served-model-id",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "vLLM serves the model under an id other than the model name clients send",
    doc: "## What it checks\nThat `--served-model-name` is set and equals `model.name` (in manifests: `spec.model.name`), whenever the container's args replace the template's.\n\n## Why\nThe container args replace the template's own (which passed `--served-model-name {{ .Spec.Model.Name }}`), so without the flag vLLM serves the id `/mnt/models`. Clients that send `\"model\": \"Qwen/Qwen2.5-3B-Instruct\"` get errors: the seed's benchmark runs show 100% non-2xx (defect D9, invariant I14).\n\n## Example\n```toml\n[model]\nname = \"Qwen/Qwen2.5-3B-Instruct\"\n\n[vllm]\nserved-model-name = \"Qwen/Qwen2.5-3B-Instruct\"   # fixes it\n```\n",
};

impl Rule for ServedModelId {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for service in objects.inference_services() {
            let (Some(model), Some((base, container))) =
                (service.model_name(), service.main_container())
            else {
                continue;
            };
            let Some(list) = container.args.as_deref().filter(|list| !list.is_empty()) else {
                continue;
            };
            let parsed = args::parse(list);
            match args::find_flag(&parsed.tokens, "--served-model-name") {
                Some((token, Some(served))) if served.trim_matches('"') != model => out.push(
                    self.finding(format!(
                        "vLLM serves the model as `{served}`, but clients send `{model}`"
                    ))
                    .at(
                        args::node(service.index, &base, &parsed, token),
                        "the id vLLM answers to",
                    )
                    .related(service.index, "/spec/model/name", "the name clients send")
                    .help("make `--served-model-name` equal `spec.model.name` (`vllm.served-model-name` and `model.name` in a spec)"),
                ),
                Some(_) => {}
                // The template's own `--served-model-name` stays where it appends the args.
                None if container.command.is_none()
                    && objects
                        .kserve
                        .is_some_and(|target| target.profile().vllm.appends_user_args()) => {}
                None => {
                    let id = args::find_flag(&parsed.tokens, "--model")
                        .and_then(|(_, value)| value)
                        .unwrap_or(MODEL_DIR);
                    out.push(
                        self.object_finding(
                            service.index,
                            format!("{base}/args"),
                            format!(
                                "the args replace the template's, so vLLM serves the model as `{id}`, but clients send `{model}`"
                            ),
                        )
                        .related(service.index, "/spec/model/name", "clients send this name")
                        .help(format!("add `--served-model-name={model}` to the args (`vllm.served-model-name = \"{model}\"` in a spec)")),
                    );
                }
            }
        }
    }
}
