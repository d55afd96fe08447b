//! I3: one replica is one pod, so its TPU slice must be a single host.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::spec::TpuGeneration;
use crate::target::{TPU_TOPOLOGY_LABEL, TpuGenerationFacts};
use crate::validate::facts::accelerators;
use crate::validate::objects::{Objects, pointer};

use super::super::{Applies, Rule, RuleInfo};

/// A multi-host TPU topology cannot serve a single-node replica.
pub struct MultiHostTopology;

static INFO: RuleInfo = RuleInfo {
    code: "P3103",
    name: "multi-host-topology",
    severity: Severity::Error,
    applies: Applies::Objects,
    summary: "the TPU topology spans several VMs, but one replica is one pod on one VM",
    doc: "## What it checks\nThat the TPU topology of a replica is a single-host slice: v5e/v6e `1x1`, `2x2`, `2x4`; v5p `2x2x1`. In manifests, it reads the `cloud.google.com/gke-tpu-topology` node selector of an LLMInferenceService without `spec.worker`.\n\n## Why\nA multi-host slice (v6e `4x4` is four `ct6e-standard-4t` VMs) needs one process per VM. A single-node LLMInferenceService runs one pod per replica, and one pod cannot span VMs; multi-host slices need KServe's multi-node path (`spec.worker`, LeaderWorkerSet), which is outside Pattern 3 (invariant I3; GKE TPU v6e documentation, \"Supported configurations\").\n\n## Example\n```toml\n[accelerator.tpu]\ngeneration = \"v6e\"\ntopology = \"4x4\"   # error: 16 chips on 4 hosts; use 1x1, 2x2 or 2x4\n```\n",
};

fn single_host(generation: TpuGeneration) -> String {
    let shapes: Vec<&str> = generation
        .shapes()
        .iter()
        .filter(|shape| shape.hosts == 1)
        .map(|shape| shape.label)
        .collect();
    shapes.join(", ")
}

impl Rule for MultiHostTopology {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for service in objects.inference_services() {
            let Some(pod) = &service.pod else { continue };
            if service.is_multi_node() {
                continue;
            }
            let Some((generation, topology, Ok(shape))) = accelerators::tpu_shape(pod) else {
                continue;
            };
            if shape.hosts > 1 {
                out.push(
                    self.finding(format!(
                        "TPU {} {topology} spans {} hosts, but a replica is one pod on one host",
                        generation.name(),
                        shape.hosts
                    ))
                    .at(
                        Node::new(
                            service.index,
                            pointer(&["spec", "template", "nodeSelector", TPU_TOPOLOGY_LABEL]),
                        ),
                        format!("{} chips on {} hosts", shape.chips, shape.hosts),
                    )
                    .related(
                        service.index,
                        "/spec/replicas",
                        "replicas scale out by whole single-host slices",
                    )
                    .help(format!(
                        "choose a single-host topology ({}) and scale with `spec.replicas` (`service.replicas` in a spec)",
                        single_host(generation)
                    )),
                );
            }
        }
    }
}
