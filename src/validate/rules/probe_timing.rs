//! I10: liveness must not restart vLLM before it can have started.

use k8s_openapi::api::core::v1::Probe as KubeProbe;

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::validate::facts::accelerators::{self, Kind};
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// A liveness (or startup) budget shorter than vLLM's start-up.
pub struct ProbeTiming;

/// kubelet's default `failureThreshold`.
const DEFAULT_FAILURE_THRESHOLD: u32 = 3;
/// kubelet's default `periodSeconds`.
const DEFAULT_PERIOD: u32 = 10;

static INFO: RuleInfo = RuleInfo {
    code: "P3206",
    name: "probe-timing",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "liveness can restart vLLM before it has had time to start",
    doc: "## What it checks\nThat the time before kubelet can kill a starting container — `initialDelaySeconds + periodSeconds × failureThreshold` of the startup probe if there is one, else of the liveness probe — is at least vLLM's start-up time: 240 s on TPU, 180 s on GPU.\n\n## Why\nvLLM on TPU initialises the runtime, downloads the model and compiles XLA graphs before `/health` answers; on the seed cluster pods became ready after about 250 s, and up to 900 s when three started at once. A shorter budget restarts the pod in a loop before it ever serves (invariant I10; reference manifest 240/30/30 with failureThreshold 5; GKE-native-gateway issue log #8). A startup probe with a budget of about 30 minutes is the safer fix.\n\n## Example\n```toml\n[probes.liveness]\ninitial-delay = 30   # TPU: 30 + 30 × 5 = 180 s < 240 s\n\n[probes.startup]     # instead: up to 30 + 30 × 60 s to start\n```\n",
};

fn budget(initial_delay: u32, period: u32, failure_threshold: u32) -> u32 {
    initial_delay.saturating_add(period.saturating_mul(failure_threshold))
}

fn needed(kind: Kind) -> u32 {
    match kind {
        Kind::Tpu => 240,
        Kind::Gpu => 180,
    }
}

fn kube_budget(probe: &KubeProbe) -> u32 {
    let number = |value: Option<i32>, default: u32| {
        value.map_or(default, |value| u32::try_from(value).unwrap_or(0))
    };
    budget(
        number(probe.initial_delay_seconds, 0),
        number(probe.period_seconds, DEFAULT_PERIOD),
        number(probe.failure_threshold, DEFAULT_FAILURE_THRESHOLD),
    )
}

impl Rule for ProbeTiming {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for vllm in objects.vllm_containers() {
            let (service, pod, container) = (vllm.service, vllm.pod, vllm.container);
            let base = vllm.pointer;
            let Some(kind) = accelerators::kind(pod) else {
                continue;
            };
            let (field, name, probe) = match (&container.startup_probe, &container.liveness_probe) {
                (Some(startup), _) => ("startupProbe", "startup", startup),
                (None, Some(liveness)) => ("livenessProbe", "liveness", liveness),
                (None, None) => continue,
            };
            let total = kube_budget(probe);
            if total < needed(kind) {
                let at = |field_of_probe: &str| format!("{base}/{field}/{field_of_probe}");
                let mut finding = self
                    .finding(format!(
                        "the {name} probe can restart vLLM after {total} s, but vLLM needs {} s to start on {}",
                        needed(kind),
                        if kind == Kind::Tpu { "TPU" } else { "GPU" }
                    ))
                    .at(Node::new(service.index, at("initialDelaySeconds")), "initial delay")
                    .related(service.index, at("periodSeconds"), "period");
                if probe.failure_threshold.is_some() {
                    finding =
                        finding.related(service.index, at("failureThreshold"), "failure threshold");
                }
                out.push(finding.help(format!(
                    "raise initialDelaySeconds + periodSeconds × failureThreshold to {} s (`probes.{name}` in a spec), or add a startupProbe",
                    needed(kind)
                )));
            }
        }
    }
}
