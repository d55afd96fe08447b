//! The accelerator of one replica, resolved: what its TPU shape or GPU count means for chips, node
//! selectors and tolerations (GKE's tables and labels are in [`crate::target`]).

use std::collections::BTreeMap;

use crate::spec::{Spanned, TolerationOperator, TpuGeneration};
use crate::target::{
    GPU_ACCELERATOR_LABEL, GPU_RESOURCE, TPU_ACCELERATOR_LABEL, TPU_RESOURCE, TPU_TOPOLOGY_LABEL,
    TpuGenerationFacts, TpuShape,
};

/// The accelerator of one replica, resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Accelerator {
    /// A single-host TPU slice.
    Tpu(Tpu),
    /// NVIDIA GPUs.
    Gpu(Gpu),
}

/// A single-host TPU slice.
#[derive(Debug, Clone, PartialEq)]
pub struct Tpu {
    /// The generation.
    pub generation: TpuGeneration,
    /// The topology as written in the spec.
    pub topology: Spanned<String>,
    /// The shape the topology names.
    pub shape: TpuShape,
    /// Whether to emit the TPU runtime environment.
    pub env: bool,
    /// The toleration operator.
    pub toleration: TolerationOperator,
}

/// NVIDIA GPUs of one replica.
#[derive(Debug, Clone, PartialEq)]
pub struct Gpu {
    /// The GKE accelerator type, e.g. `nvidia-l4`.
    pub accelerator_type: Spanned<String>,
    /// GPUs per replica.
    pub count: Spanned<u32>,
    /// The machine type, when the spec names one.
    pub machine_type: Option<Spanned<String>>,
    /// The toleration operator.
    pub toleration: TolerationOperator,
}

impl Accelerator {
    /// Accelerator chips (TPU) or GPUs per replica.
    pub fn chips(&self) -> u32 {
        match self {
            Accelerator::Tpu(tpu) => tpu.shape.chips,
            Accelerator::Gpu(gpu) => *gpu.count.get(),
        }
    }

    /// The extended resource name.
    pub fn resource_name(&self) -> &'static str {
        match self {
            Accelerator::Tpu(_) => TPU_RESOURCE,
            Accelerator::Gpu(_) => GPU_RESOURCE,
        }
    }

    /// The node selector that lands a replica on the right node pool.
    pub fn node_selector(&self) -> BTreeMap<String, String> {
        match self {
            Accelerator::Tpu(tpu) => BTreeMap::from([
                (
                    TPU_ACCELERATOR_LABEL.to_owned(),
                    tpu.generation.node_label().to_owned(),
                ),
                (TPU_TOPOLOGY_LABEL.to_owned(), tpu.shape.label.to_owned()),
            ]),
            Accelerator::Gpu(gpu) => BTreeMap::from([(
                GPU_ACCELERATOR_LABEL.to_owned(),
                gpu.accelerator_type.get().clone(),
            )]),
        }
    }

    /// The operator of the toleration of the accelerator taint (`<resource>=present:NoSchedule`).
    pub fn toleration_operator(&self) -> TolerationOperator {
        match self {
            Accelerator::Tpu(tpu) => tpu.toleration,
            Accelerator::Gpu(gpu) => gpu.toleration,
        }
    }

    /// The TPU runtime environment: chip and host bounds and the PJRT device. Empty on GPU.
    pub fn runtime_env(&self) -> Vec<(String, String)> {
        match self {
            Accelerator::Tpu(tpu) if tpu.env => vec![
                (
                    "TPU_CHIPS_PER_HOST_BOUNDS".to_owned(),
                    tpu.shape.chips_per_host_bounds.to_owned(),
                ),
                ("TPU_HOST_BOUNDS".to_owned(), "1,1,1".to_owned()),
                ("PJRT_DEVICE".to_owned(), "TPU".to_owned()),
            ],
            _ => Vec::new(),
        }
    }

    /// The probes' default initial delay: TPU start-up (init, download, XLA compile) is slower.
    pub fn default_initial_delay(&self) -> u32 {
        match self {
            Accelerator::Tpu(_) => 240,
            Accelerator::Gpu(_) => 180,
        }
    }

    /// The machine type of one replica's node, when known.
    pub fn machine_type(&self) -> Option<String> {
        match self {
            Accelerator::Tpu(tpu) => Some(tpu.shape.machine_type.to_owned()),
            Accelerator::Gpu(gpu) => gpu.machine_type.as_ref().map(|m| m.get().clone()),
        }
    }

    /// A one-line description, e.g. `TPU v6e 2x2 (4 chips, ct6e-standard-4t)`.
    pub fn describe(&self) -> String {
        match self {
            Accelerator::Tpu(tpu) => format!(
                "TPU {} {} ({} chips, {})",
                tpu.generation.name(),
                tpu.shape.label,
                tpu.shape.chips,
                tpu.shape.machine_type
            ),
            Accelerator::Gpu(gpu) => {
                format!("{} × {}", gpu.count.get(), gpu.accelerator_type.get())
            }
        }
    }
}
