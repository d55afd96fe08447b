//! The GPUs of a replica fit the machine type it names: the machine carries that GPU type, and at
//! least as many of them as one replica requests.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Accelerator, Gpu, Pattern};
use crate::target::{gpu_machine, machines_for};

use super::super::{Applies, Rule, RuleInfo};

/// A GPU type or count that the named machine type does not have.
pub struct GpuMachineFit;

static INFO: RuleInfo = RuleInfo {
    code: "P3105",
    name: "gpu-machine-type",
    severity: Severity::Error,
    applies: Applies::Spec,
    summary: "the GPU type or count does not fit the machine type",
    doc: "## What it checks\nWhen `[accelerator.gpu]` names a `machine-type` that p3gen knows (the G2, A2, A3 and A4 machine types of GKE), that the machine carries GPUs of `type` and at least `count` of them: `g2-standard-4` has 1 `nvidia-l4`, `a3-highgpu-1g` 1 `nvidia-h100-80gb`, `a3-highgpu-8g` 8. Other machine types are not checked. `p3gen plan` refuses the same specs.\n\n## Why\nGKE schedules a pod only on a node with the GPUs it requests, and one pod cannot span nodes: 8 GPUs on `a3-highgpu-1g`, or an H100 on `g2-standard-4`, never schedules, and a plan priced on that machine is a number without meaning. Machine types and their GPUs: domain reference §6.2 (`GoogleCloudPlatform/cluster-toolkit` `modules/internal/gpu-definition`).\n\n## Example\n```toml\n[accelerator.gpu]\ntype = \"nvidia-h100-80gb\"\ncount = 8\nmachine-type = \"a3-highgpu-1g\"   # error: 1 GPU; use a3-highgpu-8g\n```\n",
};

/// Why the GPUs of a replica do not fit its machine type, if they do not.
pub fn misfit(gpu: &Gpu) -> Option<Diagnostic> {
    let named = gpu.machine_type.as_ref()?;
    let machine = gpu_machine(named.get())?;
    let wanted = gpu.accelerator_type.get();
    let finding = |message: String| Diagnostic::new(INFO.code, INFO.severity, message);
    let fitting = |count: u32| {
        let names: Vec<String> = machines_for(wanted)
            .filter(|m| m.gpus >= count)
            .map(|m| format!("`{}` ({})", m.machine_type, m.gpus))
            .collect();
        if names.is_empty() {
            "no machine type p3gen knows carries them".to_owned()
        } else {
            format!("machine types with {wanted} GPUs: {}", names.join(", "))
        }
    };
    if machine.accelerator != wanted {
        return Some(
            finding(format!(
                "`{}` carries {} GPUs, not {wanted}",
                machine.machine_type, machine.accelerator
            ))
            .primary(gpu.accelerator_type.span(), "this GPU type")
            .secondary(
                named.span(),
                format!("{} × {}", machine.gpus, machine.accelerator),
            )
            .help(fitting(*gpu.count.get()).to_string()),
        );
    }
    let count = *gpu.count.get();
    (count > machine.gpus).then(|| {
        finding(format!(
            "a replica requests {count} GPUs, but `{}` has {}: one pod cannot span nodes, so it never schedules",
            machine.machine_type, machine.gpus
        ))
        .primary(gpu.count.span(), format!("{count} GPUs per replica"))
        .secondary(named.span(), format!("{} × {}", machine.gpus, machine.accelerator))
        .help(fitting(count))
    })
}

impl Rule for GpuMachineFit {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        if let Accelerator::Gpu(gpu) = &pattern.accelerator {
            out.extend(misfit(gpu));
        }
    }
}
