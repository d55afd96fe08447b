//! What a pod template says about its accelerator: TPU or GPU, the topology and the chip count.

use k8s_openapi::api::core::v1::{Container, PodSpec};

use crate::model::{TopologyError, TpuGenerationFacts, TpuShape, find_shape};
use crate::spec::TpuGeneration;

/// The node label that names the TPU generation.
pub const TPU_ACCELERATOR_LABEL: &str = "cloud.google.com/gke-tpu-accelerator";
/// The node label that names the TPU topology.
pub const TPU_TOPOLOGY_LABEL: &str = "cloud.google.com/gke-tpu-topology";
/// The node label that names the GPU type.
pub const GPU_ACCELERATOR_LABEL: &str = "cloud.google.com/gke-accelerator";
/// The TPU extended resource.
pub const TPU_RESOURCE: &str = "google.com/tpu";
/// The GPU extended resource.
pub const GPU_RESOURCE: &str = "nvidia.com/gpu";

/// The accelerator kind a pod asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Cloud TPU.
    Tpu,
    /// NVIDIA GPU.
    Gpu,
}

/// Whether a pod runs on TPU or GPU, from its node selector or a container's resources.
pub fn kind(pod: &PodSpec) -> Option<Kind> {
    let selector = pod.node_selector.clone().unwrap_or_default();
    let requests = |resource: &str| pod.containers.iter().any(|c| count(c, resource).is_some());
    if selector.contains_key(TPU_ACCELERATOR_LABEL) || requests(TPU_RESOURCE) {
        Some(Kind::Tpu)
    } else if selector.contains_key(GPU_ACCELERATOR_LABEL) || requests(GPU_RESOURCE) {
        Some(Kind::Gpu)
    } else {
        None
    }
}

/// The TPU generation whose node-label value is `label`.
pub fn generation_for_label(label: &str) -> Option<TpuGeneration> {
    [TpuGeneration::V5e, TpuGeneration::V5p, TpuGeneration::V6e]
        .into_iter()
        .find(|generation| generation.node_label() == label)
}

/// The TPU shape a pod's node selector asks for: the generation, the topology as written, and
/// the shape (or why the topology names none).
pub fn tpu_shape(
    pod: &PodSpec,
) -> Option<(TpuGeneration, String, Result<TpuShape, TopologyError>)> {
    let selector = pod.node_selector.as_ref()?;
    let generation = generation_for_label(selector.get(TPU_ACCELERATOR_LABEL)?)?;
    let topology = selector.get(TPU_TOPOLOGY_LABEL)?.clone();
    let shape = find_shape(generation, &topology);
    Some((generation, topology, shape))
}

/// A container's request (or, without one, limit) of an extended resource, when it is a whole number.
pub fn count(container: &Container, resource: &str) -> Option<u32> {
    let resources = container.resources.as_ref()?;
    [&resources.requests, &resources.limits]
        .into_iter()
        .flatten()
        .find_map(|amounts| amounts.get(resource))
        .and_then(|quantity| quantity.0.trim().parse().ok())
}
