//! I1: `--tensor-parallel-size` equals the accelerator chips of one replica and its resource request.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::target::{GPU_RESOURCE, TPU_RESOURCE, TPU_TOPOLOGY_LABEL};
use crate::validate::facts::accelerators;
use crate::validate::facts::args;
use crate::validate::objects::{Objects, pointer};

use super::super::{Applies, Rule, RuleInfo};

/// Tensor parallelism must use exactly the chips (TPU) or at most the GPUs of a replica.
pub struct TensorParallelMatchesChips;

const FLAG: &str = "--tensor-parallel-size";

static INFO: RuleInfo = RuleInfo {
    code: "P3102",
    name: "tensor-parallel-matches-chips",
    severity: Severity::Error,
    applies: Applies::Objects,
    summary: "--tensor-parallel-size differs from the chips (TPU) or exceeds the GPUs of a replica",
    doc: "## What it checks\nOn TPU, that `--tensor-parallel-size` equals the chips of the topology, which is also the `google.com/tpu` request. On GPU, that it is at most the `nvidia.com/gpu` count. On both, that it is at least 1, and on GPU that `accelerator.gpu.count` is at least 1 (a count of 0 would render `nvidia.com/gpu: \"0\"` and `--tensor-parallel-size=0`). In a spec the rule fires when `vllm.tensor-parallel-size` or a `--tensor-parallel-size` in `extra-args` overrides the derived value; in manifests it compares the flag with the resource request and the topology node selector.\n\n## Why\nvLLM shards the model over exactly the devices it is told to; on TPU it must see all chips the pod requests (\"MUST match TPU chip count\", Pattern 1 docs; invariant I1), and on GPU it cannot use more GPUs than the pod has (I6).\n\n## Example\n```toml\n[accelerator.tpu]\ngeneration = \"v6e\"\ntopology = \"2x2\"          # 4 chips\n\n[vllm]\ntensor-parallel-size = 8  # error: must be 4\n```\n",
};

impl Rule for TensorParallelMatchesChips {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for vllm in objects.vllm_containers() {
            let (service, pod, container) = (vllm.service, vllm.pod, vllm.container);
            let base = vllm.pointer;
            let index = service.index;
            let kind = accelerators::kind(pod);
            if kind == Some(accelerators::Kind::Gpu)
                && accelerators::count(container, GPU_RESOURCE) == Some(0)
            {
                // `--tensor-parallel-size` cannot be right for no device: one finding is enough.
                out.push(
                    self.finding(
                        "each replica has 0 GPUs, so vLLM has no device to run on".to_owned(),
                    )
                    .at(Node::new(index, format!("{base}/resources")), "0 GPUs per replica")
                    .help("request 1 GPU or more (`accelerator.gpu.count` in a spec): the GPUs of one node that one replica uses"),
                );
                continue;
            }
            let parsed = args::parse(container.args.as_deref().unwrap_or_default());
            let Some((token, Some(value))) = args::find_flag(&parsed.tokens, FLAG) else {
                continue;
            };
            let Ok(tp) = value.parse::<u32>() else {
                continue;
            };
            let at = args::node(index, &base, &parsed, token);
            if tp == 0 {
                out.push(
                    self.finding(
                        "--tensor-parallel-size=0: vLLM shards the model over at least one device"
                            .to_owned(),
                    )
                    .at(at, "0 devices")
                    .help("set --tensor-parallel-size to the chips or GPUs of one replica (in a spec, remove the override: p3gen derives it from the accelerator)"),
                );
                continue;
            }
            match kind {
                Some(accelerators::Kind::Tpu) => {
                    if let Some((_, topology, Ok(shape))) = accelerators::tpu_shape(pod)
                        && shape.chips != tp
                    {
                        out.push(
                            self.finding(format!("--tensor-parallel-size={tp} but topology {topology} has {} chips", shape.chips))
                                .at(at.clone(), format!("{tp} devices"))
                                .related(
                                    index,
                                    pointer(&["spec", "template", "nodeSelector", TPU_TOPOLOGY_LABEL]),
                                    format!("{topology} = {} chips", shape.chips),
                                )
                                .help(format!("set --tensor-parallel-size={} (in a spec, remove the override) or choose a topology with {tp} chips", shape.chips)),
                        );
                    }
                    if let Some(chips) = accelerators::count(container, TPU_RESOURCE)
                        && chips != tp
                    {
                        out.push(
                            self.finding(format!("--tensor-parallel-size={tp} but the container requests {chips} TPU chips"))
                                .at(at, format!("{tp} devices"))
                                .related(index, format!("{base}/resources"), format!("{TPU_RESOURCE}: {chips}"))
                                .help(format!("set --tensor-parallel-size={chips}, the chips of one replica")),
                        );
                    }
                }
                Some(accelerators::Kind::Gpu) => {
                    if let Some(gpus) = accelerators::count(container, GPU_RESOURCE)
                        && tp > gpus
                    {
                        out.push(
                            self.finding(format!("--tensor-parallel-size={tp} but each replica has {gpus} GPUs"))
                                .at(at, format!("{tp} devices"))
                                .related(index, format!("{base}/resources"), format!("{gpus} GPUs per replica"))
                                .help("request at least as many GPUs as the tensor-parallel size (`accelerator.gpu.count` in a spec)"),
                        );
                    }
                }
                None => {}
            }
        }
    }
}
