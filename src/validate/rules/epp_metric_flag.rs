//! No model-server metric flag reaches an EPP that refuses it at start-up.

use crate::diagnostic::{Diagnostic, Node, Setting, Severity};
use crate::target::{METRIC_FLAGS, metric_flag_of};
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// `--kv-cache-usage-percentage-metric` and its kin under an EPP on GIE v1.4.0 or later.
pub struct EppMetricFlag;

static INFO: RuleInfo = RuleInfo {
    code: "P3811",
    name: "epp-metric-flag",
    severity: Severity::Error,
    applies: Applies::Objects,
    summary: "the EPP container passes a metric flag that the target's EPP refuses at start-up",
    doc: "## What it checks\nThat the EPP container (`main` in `router.scheduler.template`) passes none of the model-server metric flags `--total-queued-requests-metric`, `--total-running-requests-metric`, `--kv-cache-usage-percentage-metric`, `--lora-info-metric`, `--cache-info-metric` when the target's EPP is built on GIE v1.4.0 or later (KServe 0.18 and 0.19: llm-d-inference-scheduler v0.7.1; 0.20: llm-d-router v0.9.0). The rule knows the EPP from `--kserve` (a manifest's `# Target:` line); a container with its own image is not checked.\n\n## Why\nFrom GIE v1.4.0 the EPP exits at start-up on these flags (\"flag … is deprecated and cannot be used; configure metrics via engineConfigs\", `kubernetes-sigs/gateway-api-inference-extension@v1.4.0:pkg/epp/server/options.go L239-250`). KServe 0.17's own defaults still pass `--kv-cache-usage-percentage-metric` (needed only by EPPs on GIE v1.2 and older, whose default was `vllm:gpu_cache_usage_perc`), so copying them to a newer target breaks the EPP. KServe 0.19 and 0.20 strip the flags and re-inject them as a plugin, but fail the reconcile when no `--config-text` is inline (`kserve/kserve@v0.20.0:pkg/controller/v1alpha2/llmisvc/scheduler.go L1261-1268`); KServe 0.18 passes them through. p3gen itself leaves the flag out when `target.epp` puts such an EPP under KServe 0.17 (versions.md §B row 47).\n\n## Example\n```yaml\nrouter:\n  scheduler:\n    template:\n      containers:\n      - name: main\n        args: [--kv-cache-usage-percentage-metric, \"vllm:kv_cache_usage_perc\"]   # error on KServe 0.18+\n```\n",
};

impl Rule for EppMetricFlag {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        let Some(target) = objects.kserve else {
            return;
        };
        let kserve = target.profile();
        let epp = kserve.epp_profile();
        if !epp.rejects_metric_flags {
            return;
        }
        for service in objects.inference_services() {
            let Some((pointer, container)) = service.epp_container() else {
                continue;
            };
            if container
                .image
                .as_deref()
                .is_some_and(|image| image != kserve.default_epp_image)
            {
                continue;
            }
            let args = container.args.as_deref().unwrap_or_default();
            let command = container.command.as_deref().unwrap_or_default();
            let config_inline = args.iter().any(|arg| arg.starts_with("--config-text"));
            let flags = [("args", args), ("command", command)];
            for (field, list) in flags {
                for (position, arg) in list.iter().enumerate() {
                    let Some(flag) = metric_flag_of(arg) else {
                        continue;
                    };
                    let consequence = if kserve.config_migrations.strips_metric_flags {
                        if config_inline {
                            continue;
                        }
                        format!(
                            "KServe {target} strips it and, with no inline `--config-text`, fails the reconcile"
                        )
                    } else {
                        format!("{} refuses it and does not start", epp.label())
                    };
                    out.push(
                        self.finding(format!("the EPP is given `{flag}`: {consequence}"))
                            .at(
                                Node::new(service.index, format!("{pointer}/{field}/{position}")),
                                "a metric flag",
                            )
                            .setting(Setting::KserveTarget, format!("KServe {target}"), false)
                            .help(format!(
                                "remove it (and its value): EPPs on GIE v1.4.0 and later read model-server \
                                 metrics from their engine config, and refuse {}",
                                METRIC_FLAGS.join(", ")
                            )),
                    );
                }
            }
        }
    }
}
