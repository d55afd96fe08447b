//! What a pod template says about its accelerator: TPU or GPU, the topology and the chip count.

use k8s_openapi::api::core::v1::{Container, PodSpec};

use crate::spec::TpuGeneration;
use crate::target::{
    GPU_ACCELERATOR_LABEL, GPU_RESOURCE, TPU_ACCELERATOR_LABEL, TPU_RESOURCE, TPU_TOPOLOGY_LABEL,
    TopologyError, TpuShape, find_shape, tpu_generation_for_label,
};

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

/// The TPU shape a pod's node selector asks for: the generation, the topology as written, and
/// the shape (or why the topology names none).
pub fn tpu_shape(
    pod: &PodSpec,
) -> Option<(TpuGeneration, String, Result<TpuShape, TopologyError>)> {
    let selector = pod.node_selector.as_ref()?;
    let generation = tpu_generation_for_label(selector.get(TPU_ACCELERATOR_LABEL)?)?;
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
