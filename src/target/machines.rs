//! GKE GPU machine types: the accelerator each one carries and how many (domain reference §6.2).
//!
//! Source: `GoogleCloudPlatform/cluster-toolkit@147e356d:modules/internal/gpu-definition/main.tf`, the
//! machine-type → `guest_accelerator` map, as the domain reference §6.2 quotes it. Machine types it
//! does not list (N1 with attached T4s, `g4-standard-*`) are not in the table, and nothing is
//! checked for them.

/// One GPU machine type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GpuMachine {
    /// The Compute Engine machine type, e.g. `g2-standard-4`.
    pub machine_type: &'static str,
    /// The GKE accelerator type it carries (`cloud.google.com/gke-accelerator`).
    pub accelerator: &'static str,
    /// GPUs per machine.
    pub gpus: u32,
}

const fn machine(machine_type: &'static str, accelerator: &'static str, gpus: u32) -> GpuMachine {
    GpuMachine {
        machine_type,
        accelerator,
        gpus,
    }
}

/// Every GPU machine type p3gen knows, by family.
pub const GPU_MACHINES: &[GpuMachine] = &[
    // G2: NVIDIA L4; g2-standard-4…96 carry 1/1/1/1/2/1/4/8 GPUs (§6.2).
    machine("g2-standard-4", "nvidia-l4", 1),
    machine("g2-standard-8", "nvidia-l4", 1),
    machine("g2-standard-12", "nvidia-l4", 1),
    machine("g2-standard-16", "nvidia-l4", 1),
    machine("g2-standard-24", "nvidia-l4", 2),
    machine("g2-standard-32", "nvidia-l4", 1),
    machine("g2-standard-48", "nvidia-l4", 4),
    machine("g2-standard-96", "nvidia-l4", 8),
    // A2: A100 40 GB (a2-highgpu-1g…8g, a2-megagpu-16g) and A100 80 GB (a2-ultragpu-*); the
    // `-<n>g` suffix is the GPU count.
    machine("a2-highgpu-1g", "nvidia-tesla-a100", 1),
    machine("a2-highgpu-2g", "nvidia-tesla-a100", 2),
    machine("a2-highgpu-4g", "nvidia-tesla-a100", 4),
    machine("a2-highgpu-8g", "nvidia-tesla-a100", 8),
    machine("a2-megagpu-16g", "nvidia-tesla-a100", 16),
    machine("a2-ultragpu-1g", "nvidia-a100-80gb", 1),
    machine("a2-ultragpu-2g", "nvidia-a100-80gb", 2),
    machine("a2-ultragpu-4g", "nvidia-a100-80gb", 4),
    machine("a2-ultragpu-8g", "nvidia-a100-80gb", 8),
    // A3: H100 80 GB (a3-highgpu-1g/2g/4g/8g), H100 Mega (a3-megagpu-8g), H200 (a3-ultragpu-8g).
    machine("a3-highgpu-1g", "nvidia-h100-80gb", 1),
    machine("a3-highgpu-2g", "nvidia-h100-80gb", 2),
    machine("a3-highgpu-4g", "nvidia-h100-80gb", 4),
    machine("a3-highgpu-8g", "nvidia-h100-80gb", 8),
    machine("a3-megagpu-8g", "nvidia-h100-mega-80gb", 8),
    machine("a3-ultragpu-8g", "nvidia-h200-141gb", 8),
    // A4: B200 (a4-highgpu-8g), GB200 (a4x-highgpu-4g).
    machine("a4-highgpu-8g", "nvidia-b200", 8),
    machine("a4x-highgpu-4g", "nvidia-gb200", 4),
];

/// The GPU machine type of this name, if the table has it.
pub fn gpu_machine(machine_type: &str) -> Option<&'static GpuMachine> {
    GPU_MACHINES
        .iter()
        .find(|machine| machine.machine_type == machine_type)
}

/// The machine types that carry an accelerator type, in table order.
pub fn machines_for(accelerator: &str) -> impl Iterator<Item = &'static GpuMachine> + '_ {
    GPU_MACHINES
        .iter()
        .filter(move |machine| machine.accelerator == accelerator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_types_name_their_gpus() {
        let h100 = gpu_machine("a3-highgpu-1g").unwrap();
        assert_eq!((h100.accelerator, h100.gpus), ("nvidia-h100-80gb", 1));
        assert_eq!(gpu_machine("g2-standard-24").map(|m| m.gpus), Some(2));
        assert_eq!(gpu_machine("n1-standard-4"), None);
        // Where the name ends in `-<n>g`, n is the GPU count.
        for machine in GPU_MACHINES {
            if let Some(count) = machine
                .machine_type
                .rsplit_once('-')
                .and_then(|(_, last)| last.strip_suffix('g'))
                .and_then(|n| n.parse::<u32>().ok())
            {
                assert_eq!(count, machine.gpus, "{}", machine.machine_type);
            }
        }
    }
}
