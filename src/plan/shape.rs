//! Replica shape: devices per replica, nodes per replica and the devices billed, from topology and machine type.

use super::error::PlanError;
use super::input::Accelerator;
use crate::target::gpu_machine;

/// The resolved shape of one replica.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplicaShape {
    /// TPU chips or GPUs the replica uses.
    pub devices: u32,
    /// Nodes (machines) one replica occupies.
    pub nodes: u32,
    /// Devices on those nodes, all of which are billed on a per-device price.
    pub billed_devices: u32,
    /// Remarks about the shape that always apply (multi-host, more GPUs than the machine has).
    pub notes: Vec<String>,
    /// Remarks that apply only on a per-device price (partly used nodes, unknown machine sizes).
    pub per_device_notes: Vec<String>,
}

/// Resolves the shape of one replica, checking the topology against the chip count for TPU.
pub fn replica_shape(accelerator: &Accelerator) -> Result<ReplicaShape, PlanError> {
    match accelerator {
        Accelerator::Tpu {
            topology,
            chips,
            machine_type,
            ..
        } => tpu_shape(topology, *chips, machine_type),
        Accelerator::Gpu {
            count,
            machine_type,
            ..
        } => gpu_shape(*count, machine_type),
    }
}

fn tpu_shape(topology: &str, chips: u32, machine_type: &str) -> Result<ReplicaShape, PlanError> {
    if chips == 0 {
        return Err(PlanError::NoDevices { device: "chip" });
    }
    let topology_chips =
        topology_chip_count(topology).ok_or_else(|| PlanError::InvalidTopology {
            topology: topology.to_string(),
        })?;
    if topology_chips != chips {
        return Err(PlanError::TopologyChipMismatch {
            topology: topology.to_string(),
            topology_chips,
            chips,
        });
    }
    let mut notes = Vec::new();
    let mut per_device_notes = Vec::new();
    let Some(per_node) = devices_per_machine(machine_type, 't') else {
        per_device_notes.push(format!(
            "chips per node of machine type `{machine_type}` unknown (no `-<n>t` suffix): \
             assumed one node per replica and only the replica's {chips} chips billed"
        ));
        return Ok(ReplicaShape {
            devices: chips,
            nodes: 1,
            billed_devices: chips,
            notes,
            per_device_notes,
        });
    };
    let nodes = chips.div_ceil(per_node);
    let billed_devices = nodes.saturating_mul(per_node);
    if nodes > 1 {
        notes.push(format!(
            "multi-host shape: {chips} chips span {nodes} `{machine_type}` nodes per replica, \
             which single-node Pattern 3 cannot run (it needs KServe's multi-node path)"
        ));
    }
    if billed_devices > chips {
        per_device_notes.push(format!(
            "a replica uses {chips} of the {billed_devices} chips on its `{machine_type}` node(s); \
             whole nodes are billed, so all {billed_devices} chips are counted"
        ));
    }
    Ok(ReplicaShape {
        devices: chips,
        nodes,
        billed_devices,
        notes,
        per_device_notes,
    })
}

fn gpu_shape(count: u32, machine_type: &str) -> Result<ReplicaShape, PlanError> {
    if count == 0 {
        return Err(PlanError::NoDevices { device: "GPU" });
    }
    let per_node = gpu_machine(machine_type)
        .map(|machine| machine.gpus)
        .or_else(|| devices_per_machine(machine_type, 'g'));
    let mut notes = Vec::new();
    let mut per_device_notes = Vec::new();
    let billed_devices = match per_node {
        Some(per_node) if per_node > count => {
            per_device_notes.push(format!(
                "a replica requests {count} of the {per_node} GPUs of `{machine_type}`; \
                 the whole machine is billed, so all {per_node} GPUs are counted"
            ));
            per_node
        }
        Some(per_node) if per_node < count => {
            notes.push(format!(
                "a replica requests {count} GPUs but `{machine_type}` has {per_node}; \
                 one pod cannot span nodes, so it would not schedule"
            ));
            count
        }
        Some(_) => count,
        None => {
            per_device_notes.push(format!(
                "GPUs per node of machine type `{machine_type}` unknown: \
                 only the replica's {count} GPUs counted on a per-GPU price"
            ));
            count
        }
    };
    Ok(ReplicaShape {
        devices: count,
        nodes: 1,
        billed_devices,
        notes,
        per_device_notes,
    })
}

/// Chips of a topology such as `2x2` or `2x2x1`: the product of its dimensions; `None` if malformed.
pub fn topology_chip_count(topology: &str) -> Option<u32> {
    let dims: Vec<&str> = topology.split('x').collect();
    if !(2..=3).contains(&dims.len()) {
        return None;
    }
    dims.iter().try_fold(1u32, |product, dim| {
        let value: u32 = dim.parse().ok()?;
        if value == 0 {
            return None;
        }
        product.checked_mul(value)
    })
}

/// Devices per machine from a machine-type suffix: `-4t` (TPU chips) or `-8g` (GPUs).
fn devices_per_machine(machine_type: &str, unit: char) -> Option<u32> {
    let (_, last) = machine_type.rsplit_once('-')?;
    let digits = last.strip_suffix(unit)?;
    match digits.parse::<u32>() {
        Ok(0) | Err(_) => None,
        Ok(n) => Some(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::input::TpuGeneration;

    fn tpu(topology: &str, chips: u32, machine_type: &str) -> Accelerator {
        Accelerator::Tpu {
            generation: TpuGeneration::V6e,
            topology: topology.into(),
            chips,
            machine_type: machine_type.into(),
        }
    }

    fn gpu(count: u32, machine_type: &str) -> Accelerator {
        Accelerator::Gpu {
            accelerator_type: "nvidia-h100-80gb".into(),
            count,
            machine_type: machine_type.into(),
        }
    }

    #[test]
    fn topology_products() {
        assert_eq!(topology_chip_count("1x1"), Some(1));
        assert_eq!(topology_chip_count("2x2"), Some(4));
        assert_eq!(topology_chip_count("2x2x1"), Some(4));
        assert_eq!(topology_chip_count("2x4"), Some(8));
        assert_eq!(topology_chip_count("2x2x2"), Some(8));
        assert_eq!(topology_chip_count("4"), None);
        assert_eq!(topology_chip_count("2x0"), None);
        assert_eq!(topology_chip_count("2xx2"), None);
        assert_eq!(topology_chip_count("1x2x3x4"), None);
        assert_eq!(topology_chip_count("65536x65536x2"), None);
    }

    #[test]
    fn single_host_tpu_is_one_node_per_replica() {
        let shape = replica_shape(&tpu("2x2", 4, "ct6e-standard-4t"));
        assert_eq!(
            shape,
            Ok(ReplicaShape {
                devices: 4,
                nodes: 1,
                billed_devices: 4,
                notes: vec![],
                per_device_notes: vec![],
            })
        );
    }

    #[test]
    fn multi_host_tpu_spans_nodes_and_says_so() {
        let shape = replica_shape(&tpu("2x4", 8, "ct6e-standard-4t"));
        let shape = shape.as_ref().map(|s| {
            (
                s.nodes,
                s.billed_devices,
                s.notes.len(),
                s.per_device_notes.len(),
            )
        });
        assert_eq!(shape, Ok((2, 8, 1, 0)));
    }

    #[test]
    fn partly_used_tpu_node_bills_every_chip() {
        let shape = replica_shape(&tpu("1x1", 1, "ct6e-standard-4t"));
        let shape = shape.as_ref().map(|s| {
            (
                s.nodes,
                s.billed_devices,
                s.notes.len(),
                s.per_device_notes.len(),
            )
        });
        assert_eq!(shape, Ok((1, 4, 0, 1)));
    }

    #[test]
    fn tpu_topology_must_match_chips() {
        assert_eq!(
            replica_shape(&tpu("2x2", 8, "ct6e-standard-8t")),
            Err(PlanError::TopologyChipMismatch {
                topology: "2x2".into(),
                topology_chips: 4,
                chips: 8,
            })
        );
        assert_eq!(
            replica_shape(&tpu("two-by-two", 4, "ct6e-standard-4t")),
            Err(PlanError::InvalidTopology {
                topology: "two-by-two".into()
            })
        );
        assert_eq!(
            replica_shape(&tpu("2x2", 0, "ct6e-standard-4t")),
            Err(PlanError::NoDevices { device: "chip" })
        );
    }

    #[test]
    fn gpu_machine_sizes_come_from_table_or_suffix() {
        let summary = |count: u32, machine: &str| {
            replica_shape(&gpu(count, machine))
                .map(|s| (s.billed_devices, s.notes.len(), s.per_device_notes.len()))
        };
        assert_eq!(summary(1, "a3-highgpu-1g"), Ok((1, 0, 0)));
        assert_eq!(summary(2, "a3-highgpu-8g"), Ok((8, 0, 1)));
        assert_eq!(summary(4, "a3-highgpu-4g"), Ok((4, 0, 0)));
        assert_eq!(summary(2, "a3-highgpu-1g"), Ok((2, 1, 0)));
        assert_eq!(summary(1, "n1-standard-8"), Ok((1, 0, 1)));
        assert_eq!(
            replica_shape(&gpu(0, "g2-standard-4")),
            Err(PlanError::NoDevices { device: "GPU" })
        );
    }
}
