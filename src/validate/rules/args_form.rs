//! I15 / D11: the args form must match the command of the template the args are merged into.

use crate::diagnostic::{Diagnostic, Node, Setting, Severity};
use crate::spec::ArgsForm;
use crate::validate::facts::args;
use crate::validate::objects::{Objects, VllmContainer};

use super::super::{Applies, Rule, RuleInfo};

/// Script args under a flag command, or flags under `/bin/bash -c`.
pub struct ArgsFormMatchesTarget;

static INFO: RuleInfo = RuleInfo {
    code: "P3207",
    name: "args-form-matches-target",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "the vLLM args form does not fit the command of the target's template",
    doc: "## What it checks\nThat `vllm.args-form` fits the KServe target: `script` (one shell string) for Open Data Hub, whose template runs `/bin/bash -c`; `flags` (one item per flag) for upstream KServe: on 0.16 they replace the flags of the template's `vllm serve /mnt/models`, from 0.17 they are appended to the template's command (0.17: `vllm serve /mnt/models --served-model-name … --port 8000` in `command`; 0.18–0.20: `/bin/bash -c <script> --`, whose script hands them to an `eval`; versions.md §A2.1). In manifests: against the container's own `command` when it sets one, else against `--kserve` when given; without either, a script is reported because it depends on Open Data Hub's template.\n\n## Why\nKServe merges the container into its well-known template and replaces `args` as a whole but keeps `command` (domain §1). A script under `vllm serve /mnt/models` reaches vLLM as one positional argument; flags under `/bin/bash -c` make bash run the first flag as a script. Either way vLLM does not start (invariant I15; defect D11 of the reference, whose bash string works only on Open Data Hub). A warning, not an error, because a cluster may use a customised template.\n\n## Example\n```toml\n[target]\nkserve = \"0.16\"\n\n[vllm]\nargs-form = \"script\"   # upstream runs `vllm serve /mnt/models`: use \"flags\"\n```\n",
};

fn describe(form: ArgsForm) -> &'static str {
    match form {
        ArgsForm::Script => "one shell script",
        ArgsForm::Flags => "a list of flags",
    }
}

fn command_of(form: ArgsForm) -> &'static str {
    match form {
        ArgsForm::Script => "`/bin/bash -c`",
        ArgsForm::Flags => "`vllm serve /mnt/models`",
    }
}

impl Rule for ArgsFormMatchesTarget {
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
            let Some(list) = container.args.as_deref().filter(|list| !list.is_empty()) else {
                continue;
            };
            let form = args::parse(list).form;
            let (expected, reason, cause) = match (&container.command, objects.kserve) {
                (Some(command), _) => (
                    args::form_for_command(command),
                    "the container's command".to_owned(),
                    Some(format!("{base}/command")),
                ),
                (None, Some(target)) => (
                    target.profile().vllm.args_form(),
                    format!("KServe {target}'s template command"),
                    None,
                ),
                (None, None) if form == ArgsForm::Script => {
                    out.push(
                        self.object_finding(
                            service.index,
                            format!("{base}/args"),
                            "the args are one shell script, which only a template running `/bin/bash -c` (Open Data Hub) executes; upstream KServe runs `vllm serve /mnt/models`".to_owned(),
                        )
                        .help("on upstream KServe write one list item per flag; pass `--kserve` to check against a target"),
                    );
                    continue;
                }
                (None, None) => continue,
            };
            if form != expected {
                let finding = self
                    .finding(format!(
                        "the args are {}, but {reason} runs {}",
                        describe(form),
                        command_of(expected)
                    ))
                    .at(
                        Node::new(service.index, format!("{base}/args")),
                        describe(form),
                    );
                let finding = match cause {
                    Some(command) => finding.related(service.index, command, "the command"),
                    None => finding.setting(Setting::KserveTarget, "the target", false),
                };
                out.push(finding.help(format!(
                    "write the args as {} (in a spec, remove `vllm.args-form`)",
                    describe(expected)
                )));
            }
        }
    }
}
