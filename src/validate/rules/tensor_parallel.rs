//! I1: `--tensor-parallel-size` equals the accelerator chips of one replica and its resource request.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Accelerator, Pattern};
use crate::target::{GPU_RESOURCE, TPU_RESOURCE, TPU_TOPOLOGY_LABEL};
use crate::validate::facts::accelerators;
use crate::validate::facts::args;
use crate::validate::objects::{Finding, Objects, pointer};

use super::super::{Applies, Rule, RuleInfo};

/// Tensor parallelism must use exactly the chips (TPU) or at most the GPUs of a replica.
pub struct TensorParallelMatchesChips;

const FLAG: &str = "--tensor-parallel-size";

static INFO: RuleInfo = RuleInfo {
    code: "P3102",
    name: "tensor-parallel-matches-chips",
    severity: Severity::Error,
    applies: Applies::Both,
    summary: "--tensor-parallel-size differs from the chips (TPU) or exceeds the GPUs of a replica",
    doc: "## What it checks\nOn TPU, that `--tensor-parallel-size` equals the chips of the topology, which is also the `google.com/tpu` request. On GPU, that it is at most the `nvidia.com/gpu` count. On both, that it is at least 1, and on GPU that `accelerator.gpu.count` is at least 1 (a count of 0 would render `nvidia.com/gpu: \"0\"` and `--tensor-parallel-size=0`). In a spec the rule fires when `vllm.tensor-parallel-size` or a `--tensor-parallel-size` in `extra-args` overrides the derived value; in manifests it compares the flag with the resource request and the topology node selector.\n\n## Why\nvLLM shards the model over exactly the devices it is told to; on TPU it must see all chips the pod requests (\"MUST match TPU chip count\", Pattern 1 docs; invariant I1), and on GPU it cannot use more GPUs than the pod has (I6).\n\n## Example\n```toml\n[accelerator.tpu]\ngeneration = \"v6e\"\ntopology = \"2x2\"          # 4 chips\n\n[vllm]\ntensor-parallel-size = 8  # error: must be 4\n```\n",
};

impl Rule for TensorParallelMatchesChips {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        if let Accelerator::Gpu(gpu) = &pattern.accelerator
            && *gpu.count.get() == 0
        {
            out.push(
                self.finding("each replica has 0 GPUs, so vLLM has no device to run on".to_owned())
                    .primary(gpu.count.span(), "0 GPUs per replica")
                    .help("set `accelerator.gpu.count` to 1 or more: the GPUs of one node that one replica uses"),
            );
            // The derived `--tensor-parallel-size=0` follows from the count: one finding is enough.
            if pattern.vllm.tensor_parallel_size.span().is_none() {
                return;
            }
        }
        let flags = &pattern.vllm.flags;
        let tokens: Vec<&str> = flags.iter().map(|flag| flag.get().as_str()).collect();
        for (index, value) in args::find_flags(&tokens, FLAG) {
            let Some(tp) = value.and_then(|value| value.parse::<u32>().ok()) else {
                continue;
            };
            let flag = &flags[index];
            if tp == 0 {
                out.push(
                    self.finding(
                        "--tensor-parallel-size=0: vLLM shards the model over at least one device"
                            .to_owned(),
                    )
                    .primary(flag.span(), "0 devices")
                    .help(format!(
                        "remove the override: p3gen derives {} from the accelerator",
                        pattern.accelerator.chips().max(1)
                    )),
                );
                continue;
            }
            match &pattern.accelerator {
                Accelerator::Tpu(tpu) if tp != tpu.shape.chips => out.push(
                    self.finding(format!(
                        "--tensor-parallel-size={tp} but topology {} has {} chips",
                        tpu.shape.label, tpu.shape.chips
                    ))
                    .primary(flag.span(), format!("{tp} devices"))
                    .secondary(
                        tpu.topology.span(),
                        format!("{} = {} chips", tpu.shape.label, tpu.shape.chips),
                    )
                    .help(format!(
                        "remove the override (p3gen derives {}) or choose a topology with {tp} chips",
                        tpu.shape.chips
                    )),
                ),
                Accelerator::Gpu(gpu) if tp > *gpu.count.get() => out.push(
                    self.finding(format!(
                        "--tensor-parallel-size={tp} but each replica has {} GPUs",
                        gpu.count.get()
                    ))
                    .primary(flag.span(), format!("{tp} devices"))
                    .secondary(gpu.count.span(), format!("{} GPUs per replica", gpu.count.get()))
                    .help("set `accelerator.gpu.count` to at least the tensor-parallel size"),
                ),
                _ => {}
            }
        }
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Finding>) {
        for service in objects.inference_services() {
            let (Some(pod), Some((base, container))) = (&service.pod, service.main_container())
            else {
                continue;
            };
            let parsed = args::parse(container.args.as_deref().unwrap_or_default());
            let Some((token, Some(value))) = args::find_flag(&parsed.tokens, FLAG) else {
                continue;
            };
            let Ok(tp) = value.parse::<u32>() else {
                continue;
            };
            let at = format!("{base}/args/{}", args::arg_index(&parsed, token));
            let index = service.index;
            if tp == 0 {
                out.push(
                    self.object_finding(
                        index,
                        &at,
                        "--tensor-parallel-size=0: vLLM shards the model over at least one device"
                            .to_owned(),
                    )
                    .help("set --tensor-parallel-size to the chips or GPUs of one replica"),
                );
                continue;
            }
            match accelerators::kind(pod) {
                Some(accelerators::Kind::Tpu) => {
                    if let Some(chips) = accelerators::count(container, TPU_RESOURCE)
                        && chips != tp
                    {
                        out.push(
                            self.object_finding(index, &at, format!("--tensor-parallel-size={tp} but the container requests {chips} TPU chips"))
                                .related(index, format!("{base}/resources"), format!("{TPU_RESOURCE}: {chips}"))
                                .help(format!("set --tensor-parallel-size={chips}, the chips of one replica")),
                        );
                    }
                    if let Some((_, topology, Ok(shape))) = accelerators::tpu_shape(pod)
                        && shape.chips != tp
                    {
                        out.push(
                            self.object_finding(index, &at, format!("--tensor-parallel-size={tp} but topology {topology} has {} chips", shape.chips))
                                .related(
                                    index,
                                    pointer(&["spec", "template", "nodeSelector", TPU_TOPOLOGY_LABEL]),
                                    format!("{topology} = {} chips", shape.chips),
                                )
                                .help(format!("set --tensor-parallel-size={}", shape.chips)),
                        );
                    }
                }
                Some(accelerators::Kind::Gpu) => {
                    if let Some(gpus) = accelerators::count(container, GPU_RESOURCE)
                        && tp > gpus
                    {
                        out.push(
                            self.object_finding(index, &at, format!("--tensor-parallel-size={tp} but the container requests {gpus} GPUs"))
                                .related(index, format!("{base}/resources"), format!("{GPU_RESOURCE}: {gpus}"))
                                .help("request at least as many GPUs as the tensor-parallel size"),
                        );
                    }
                }
                None => {}
            }
        }
    }
}
