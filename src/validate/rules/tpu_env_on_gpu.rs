//! I6: the TPU runtime environment belongs on TPU pods only.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::target::GPU_ACCELERATOR_LABEL;
use crate::validate::facts::accelerators;
use crate::validate::objects::{Objects, pointer};

use super::super::{Applies, Rule, RuleInfo};

/// `TPU_*` variables and `PJRT_DEVICE=TPU` on a GPU pod.
pub struct TpuEnvOnGpu;

static INFO: RuleInfo = RuleInfo {
    code: "P3104",
    name: "tpu-env-on-gpu",
    severity: Severity::Error,
    applies: Applies::Objects,
    summary: "TPU runtime variables (TPU_*, PJRT_DEVICE=TPU) on a GPU accelerator",
    doc: "## What it checks\nThat a GPU replica sets no `TPU_*` variable and no `PJRT_DEVICE=TPU` (in `container.env`, or in the `env` of a manifest whose pod requests `nvidia.com/gpu` or selects `cloud.google.com/gke-accelerator`).\n\n## Why\n`PJRT_DEVICE=TPU` makes the runtime look for TPU chips and `TPU_*` bounds describe a TPU host; on a GPU node vLLM then fails to start or picks the wrong device. These variables are allowed only on TPU (invariant I6), and GPU variants of the deployment carry none (domain §6.2).\n\n## Example\n```toml\n[accelerator.gpu]\ntype = \"nvidia-l4\"\ncount = 1\n\n[container.env]\nPJRT_DEVICE = \"TPU\"   # error on GPU\n```\n",
};

/// Whether a variable is part of the TPU runtime environment.
fn tpu_only(name: &str, value: Option<&str>) -> bool {
    name.starts_with("TPU_") || (name == "PJRT_DEVICE" && value == Some("TPU"))
}

impl Rule for TpuEnvOnGpu {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for service in objects.inference_services() {
            let Some(pod) = &service.pod else { continue };
            if accelerators::kind(pod) != Some(accelerators::Kind::Gpu) {
                continue;
            }
            for (base, container) in service.containers() {
                for (index, var) in container.env.iter().flatten().enumerate() {
                    if tpu_only(&var.name, var.value.as_deref()) {
                        let accelerator = pod
                            .node_selector
                            .as_ref()
                            .and_then(|selector| selector.get(GPU_ACCELERATOR_LABEL));
                        let on = accelerator.map_or("a GPU", String::as_str);
                        let mut finding = self
                            .finding(format!(
                                "`{}` is a TPU runtime variable, but the replicas run on {on}",
                                var.name
                            ))
                            .at(
                                Node::new(service.index, format!("{base}/env/{index}/name")),
                                "TPU only",
                            );
                        if accelerator.is_some() {
                            finding = finding.related(
                                service.index,
                                pointer(&[
                                    "spec",
                                    "template",
                                    "nodeSelector",
                                    GPU_ACCELERATOR_LABEL,
                                ]),
                                "a GPU accelerator",
                            );
                        }
                        out.push(
                            finding
                                .help("remove it; GPU pods need no TPU_* or PJRT_DEVICE variables"),
                        );
                    }
                }
            }
        }
    }
}
