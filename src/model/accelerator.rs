//! Accelerator shapes: what a TPU topology or a GPU count means for chips, nodes, labels and tolerations.

use std::collections::BTreeMap;

use crate::spec::{Spanned, TolerationOperator, TpuGeneration};

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

/// One entry of the TPU topology table (GKE documentation, "Supported configurations").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TpuShape {
    /// The node-label spelling of the topology, e.g. `2x2`.
    pub label: &'static str,
    /// Chips in the slice.
    pub chips: u32,
    /// VMs in the slice; more than one cannot serve a single-node replica.
    pub hosts: u32,
    /// The machine type of each VM.
    pub machine_type: &'static str,
    /// `TPU_CHIPS_PER_HOST_BOUNDS` for a full single host.
    pub chips_per_host_bounds: &'static str,
}

const fn shape(
    label: &'static str,
    chips: u32,
    hosts: u32,
    machine_type: &'static str,
    chips_per_host_bounds: &'static str,
) -> TpuShape {
    TpuShape {
        label,
        chips,
        hosts,
        machine_type,
        chips_per_host_bounds,
    }
}

const V6E: &[TpuShape] = &[
    shape("1x1", 1, 1, "ct6e-standard-1t", "1,1,1"),
    shape("2x2", 4, 1, "ct6e-standard-4t", "2,2,1"),
    shape("2x4", 8, 1, "ct6e-standard-8t", "2,4,1"),
    shape("4x4", 16, 4, "ct6e-standard-4t", "2,2,1"),
    shape("4x8", 32, 8, "ct6e-standard-4t", "2,2,1"),
    shape("8x8", 64, 16, "ct6e-standard-4t", "2,2,1"),
    shape("8x16", 128, 32, "ct6e-standard-4t", "2,2,1"),
    shape("16x16", 256, 64, "ct6e-standard-4t", "2,2,1"),
];

const V5E: &[TpuShape] = &[
    shape("1x1", 1, 1, "ct5lp-hightpu-1t", "1,1,1"),
    shape("2x2", 4, 1, "ct5lp-hightpu-4t", "2,2,1"),
    shape("2x4", 8, 1, "ct5lp-hightpu-8t", "2,4,1"),
    shape("4x4", 16, 4, "ct5lp-hightpu-4t", "2,2,1"),
    shape("4x8", 32, 8, "ct5lp-hightpu-4t", "2,2,1"),
    shape("8x8", 64, 16, "ct5lp-hightpu-4t", "2,2,1"),
    shape("8x16", 128, 32, "ct5lp-hightpu-4t", "2,2,1"),
    shape("16x16", 256, 64, "ct5lp-hightpu-4t", "2,2,1"),
];

const V5P: &[TpuShape] = &[
    shape("2x2x1", 4, 1, "ct5p-hightpu-4t", "2,2,1"),
    shape("2x2x2", 8, 2, "ct5p-hightpu-4t", "2,2,1"),
    shape("2x2x4", 16, 4, "ct5p-hightpu-4t", "2,2,1"),
    shape("2x4x4", 32, 8, "ct5p-hightpu-4t", "2,2,1"),
    shape("4x4x4", 64, 16, "ct5p-hightpu-4t", "2,2,1"),
];

/// Facts about a TPU generation on GKE.
pub trait TpuGenerationFacts {
    /// The `cloud.google.com/gke-tpu-accelerator` node-label value.
    fn node_label(self) -> &'static str;
    /// The topologies GKE offers for the generation.
    fn shapes(self) -> &'static [TpuShape];
    /// The spec spelling, e.g. `v6e`.
    fn name(self) -> &'static str;
}

impl TpuGenerationFacts for TpuGeneration {
    fn node_label(self) -> &'static str {
        match self {
            TpuGeneration::V5e => "tpu-v5-lite-podslice",
            TpuGeneration::V5p => "tpu-v5p-slice",
            TpuGeneration::V6e => "tpu-v6e-slice",
        }
    }

    fn shapes(self) -> &'static [TpuShape] {
        match self {
            TpuGeneration::V5e => V5E,
            TpuGeneration::V5p => V5P,
            TpuGeneration::V6e => V6E,
        }
    }

    fn name(self) -> &'static str {
        match self {
            TpuGeneration::V5e => "v5e",
            TpuGeneration::V5p => "v5p",
            TpuGeneration::V6e => "v6e",
        }
    }
}

impl std::fmt::Display for TpuGeneration {
    /// The spec spelling: `v5e`, `v5p` or `v6e`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a topology string names no shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TopologyError {
    /// Not of the form `AxB` or `AxBxC` with positive integers.
    Malformed,
    /// Well-formed, but GKE offers no such slice for the generation.
    NotOffered,
}

/// Looks up a topology for a generation. `AxBx1` is accepted for the 2-D generations and means `AxB`.
pub fn find_shape(generation: TpuGeneration, topology: &str) -> Result<TpuShape, TopologyError> {
    let dims: Vec<u32> = topology
        .split('x')
        .map(|d| {
            d.parse::<u32>()
                .ok()
                .filter(|n| *n > 0 && d.bytes().all(|b| b.is_ascii_digit()))
        })
        .collect::<Option<_>>()
        .ok_or(TopologyError::Malformed)?;
    if !(2..=3).contains(&dims.len()) {
        return Err(TopologyError::Malformed);
    }
    let label = match (generation, dims.as_slice()) {
        (TpuGeneration::V5e | TpuGeneration::V6e, [a, b, 1]) => format!("{a}x{b}"),
        (_, dims) => dims
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join("x"),
    };
    generation
        .shapes()
        .iter()
        .find(|s| s.label == label)
        .copied()
        .ok_or(TopologyError::NotOffered)
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
            Accelerator::Tpu(_) => "google.com/tpu",
            Accelerator::Gpu(_) => "nvidia.com/gpu",
        }
    }

    /// The node selector that lands a replica on the right node pool.
    pub fn node_selector(&self) -> BTreeMap<String, String> {
        match self {
            Accelerator::Tpu(tpu) => BTreeMap::from([
                (
                    "cloud.google.com/gke-tpu-accelerator".to_owned(),
                    tpu.generation.node_label().to_owned(),
                ),
                (
                    "cloud.google.com/gke-tpu-topology".to_owned(),
                    tpu.shape.label.to_owned(),
                ),
            ]),
            Accelerator::Gpu(gpu) => BTreeMap::from([(
                "cloud.google.com/gke-accelerator".to_owned(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v6e_2x2_is_one_four_chip_host() {
        let shape = find_shape(TpuGeneration::V6e, "2x2").unwrap();
        assert_eq!(
            (shape.chips, shape.hosts, shape.machine_type),
            (4, 1, "ct6e-standard-4t")
        );
        assert_eq!(find_shape(TpuGeneration::V6e, "2x2x1").unwrap(), shape);
    }

    #[test]
    fn rejects_malformed_and_unoffered_topologies() {
        assert_eq!(
            find_shape(TpuGeneration::V6e, "2by2"),
            Err(TopologyError::Malformed)
        );
        assert_eq!(
            find_shape(TpuGeneration::V6e, "0x2"),
            Err(TopologyError::Malformed)
        );
        assert_eq!(
            find_shape(TpuGeneration::V6e, "+2x2"),
            Err(TopologyError::Malformed)
        );
        assert_eq!(
            find_shape(TpuGeneration::V6e, "3x3"),
            Err(TopologyError::NotOffered)
        );
        assert_eq!(
            find_shape(TpuGeneration::V5p, "2x2"),
            Err(TopologyError::NotOffered)
        );
    }

    #[test]
    fn multi_host_shapes_are_known_but_span_hosts() {
        let shape = find_shape(TpuGeneration::V6e, "4x4").unwrap();
        assert_eq!((shape.chips, shape.hosts), (16, 4));
    }
}
