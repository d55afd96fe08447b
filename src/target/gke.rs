//! GKE's accelerator facts: the node labels and extended resources of TPU and GPU node pools, the
//! accelerator taint, and the TPU topologies each generation offers (domain reference §6).
//!
//! Sources (domain reference §6.1, §6.2): the TPU label map and taint in
//! `GoogleCloudPlatform/cluster-toolkit@147e356d:modules/internal/tpu-definition/main.tf`, the GPU
//! label and taint in `GoogleCloudPlatform/cluster-toolkit@147e356d:modules/internal/gpu-definition/main.tf`,
//! and the topologies in <https://docs.cloud.google.com/tpu/docs/v6e> ("Supported configurations").

use crate::spec::TpuGeneration;

/// The node label that names the TPU generation of a node pool, e.g. `tpu-v6e-slice`
/// (`GoogleCloudPlatform/cluster-toolkit@147e356d:modules/internal/tpu-definition/main.tf`).
pub const TPU_ACCELERATOR_LABEL: &str = "cloud.google.com/gke-tpu-accelerator";
/// The node label that names the TPU topology of a node pool, e.g. `2x2` (same file).
pub const TPU_TOPOLOGY_LABEL: &str = "cloud.google.com/gke-tpu-topology";
/// The node label that names the GPU type of a node pool, e.g. `nvidia-l4`
/// (`GoogleCloudPlatform/cluster-toolkit@147e356d:modules/internal/gpu-definition/main.tf`).
pub const GPU_ACCELERATOR_LABEL: &str = "cloud.google.com/gke-accelerator";
/// The extended resource TPU chips are requested by; also the key of the TPU nodes' taint.
pub const TPU_RESOURCE: &str = "google.com/tpu";
/// The extended resource NVIDIA GPUs are requested by; also the key of the GPU nodes' taint.
pub const GPU_RESOURCE: &str = "nvidia.com/gpu";
/// The value of the accelerator taint GKE puts on TPU and GPU nodes:
/// `<resource>=present:NoSchedule`.
pub const ACCELERATOR_TAINT_VALUE: &str = "present";
/// The effect of the accelerator taint.
pub const ACCELERATOR_TAINT_EFFECT: &str = "NoSchedule";

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
    /// The [`TPU_ACCELERATOR_LABEL`] node-label value.
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

/// The TPU generation whose [`TPU_ACCELERATOR_LABEL`] value is `label`.
pub fn tpu_generation_for_label(label: &str) -> Option<TpuGeneration> {
    [TpuGeneration::V5e, TpuGeneration::V5p, TpuGeneration::V6e]
        .into_iter()
        .find(|generation| generation.node_label() == label)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_label_values_name_their_generation() {
        for generation in [TpuGeneration::V5e, TpuGeneration::V5p, TpuGeneration::V6e] {
            assert_eq!(
                tpu_generation_for_label(generation.node_label()),
                Some(generation)
            );
        }
        assert_eq!(tpu_generation_for_label("tpu-v4-podslice"), None);
    }

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
