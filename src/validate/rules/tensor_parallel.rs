//! I1: `--tensor-parallel-size` equals the accelerator chips of one replica.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Accelerator, Pattern};

use super::super::{Rule, RuleInfo};

/// Tensor parallelism must use exactly the chips (TPU) or at most the GPUs of a replica.
pub struct TensorParallelMatchesChips;

static INFO: RuleInfo = RuleInfo {
    code: "P3102",
    name: "tensor-parallel-matches-chips",
    severity: Severity::Error,
    summary: "--tensor-parallel-size differs from the chips (TPU) or exceeds the GPUs of a replica",
    doc: "## What it checks\nOn TPU, that `--tensor-parallel-size` equals the chips of the topology, which is also the `google.com/tpu` request. On GPU, that it is at most `count`.\n\n## Why\nvLLM shards the model over exactly the devices it is told to; on TPU it must see all chips the pod requests (\"MUST match TPU chip count\", Pattern 1 docs), and on GPU it cannot use more GPUs than the pod has. p3gen derives the value from the accelerator; this rule fires only when `vllm.tensor-parallel-size` is set by hand.\n\n## Example\n```toml\n[accelerator.tpu]\ngeneration = \"v6e\"\ntopology = \"2x2\"          # 4 chips\n\n[vllm]\ntensor-parallel-size = 8  # error: must be 4\n```\n",
};

impl Rule for TensorParallelMatchesChips {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let tp = &pattern.vllm.tensor_parallel_size;
        match &pattern.accelerator {
            Accelerator::Tpu(tpu) if *tp.get() != tpu.shape.chips => out.push(
                self.finding(format!(
                    "--tensor-parallel-size={} but topology {} has {} chips",
                    tp.get(),
                    tpu.shape.label,
                    tpu.shape.chips
                ))
                .primary(tp.span(), format!("{} devices", tp.get()))
                .secondary(
                    tpu.topology.span(),
                    format!("{} = {} chips", tpu.shape.label, tpu.shape.chips),
                )
                .help(format!(
                    "remove `tensor-parallel-size` (p3gen derives {}) or choose a topology with {} chips",
                    tpu.shape.chips,
                    tp.get()
                )),
            ),
            Accelerator::Gpu(gpu) if tp.get() > gpu.count.get() => out.push(
                self.finding(format!(
                    "--tensor-parallel-size={} but each replica has {} GPUs",
                    tp.get(),
                    gpu.count.get()
                ))
                .primary(tp.span(), format!("{} devices", tp.get()))
                .secondary(gpu.count.span(), format!("{} GPUs per replica", gpu.count.get()))
                .help("set `accelerator.gpu.count` to at least the tensor-parallel size"),
            ),
            _ => {}
        }
    }
}
