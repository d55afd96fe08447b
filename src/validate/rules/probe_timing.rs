//! I10: liveness must not restart vLLM before it can have started.

use k8s_openapi::api::core::v1::Probe as KubeProbe;

use crate::diagnostic::{Diagnostic, Node, Setting, Severity};
use crate::target::{PROBE_DEFAULT_FAILURE_THRESHOLD, PROBE_DEFAULT_PERIOD};
use crate::validate::facts::accelerators::{self, Kind};
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// A liveness (or startup) budget shorter than vLLM's start-up.
pub struct ProbeTiming;

static INFO: RuleInfo = RuleInfo {
    code: "P3206",
    name: "probe-timing",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "liveness can restart vLLM before it has had time to start",
    doc: "## What it checks\nThat the time before kubelet can kill a starting container — `initialDelaySeconds + periodSeconds × failureThreshold` of the startup probe if there is one, else of the liveness probe — is at least vLLM's start-up time: 240 s on TPU, 180 s on GPU.\n\n## Why\nvLLM on TPU initialises the runtime, downloads the model and compiles XLA graphs before `/health` answers; on the seed cluster pods became ready after about 250 s, and up to 900 s when three started at once. A shorter budget restarts the pod in a loop before it ever serves (invariant I10; reference manifest 240/30/30 with failureThreshold 5; GKE-native-gateway issue log #8). A startup probe with a budget of about 30 minutes is the safer fix. KServe merges the container into its template field by field, so a probe the container leaves out is the template's (versions.md §A2.1): with `--kserve`, a container without probes is checked against the template's liveness probe (120 + 3 × 10 s on 0.16 and Open Data Hub), and from 0.17 the template's startup probe (60 × 10 s) guards the start.\n\n## Example\n```toml\n[probes.liveness]\ninitial-delay = 30   # TPU: 30 + 30 × 5 = 180 s < 240 s\n\n[probes.startup]     # instead: up to 30 + 30 × 60 s to start\n```\n",
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

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Tpu => "TPU",
        Kind::Gpu => "GPU",
    }
}

fn kube_budget(probe: &KubeProbe) -> u32 {
    let number = |value: Option<i32>, default: u32| {
        value.map_or(default, |value| u32::try_from(value).unwrap_or(0))
    };
    budget(
        number(probe.initial_delay_seconds, 0),
        number(probe.period_seconds, PROBE_DEFAULT_PERIOD),
        number(probe.failure_threshold, PROBE_DEFAULT_FAILURE_THRESHOLD),
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
            // KServe merges the container into its template field by field: a probe the
            // container leaves out is the template's.
            let template = objects
                .kserve
                .map(|target| (target, target.profile().vllm_probes));
            let (field, name, probe) = match (&container.startup_probe, &container.liveness_probe) {
                (Some(startup), _) => ("startupProbe", "startup", startup),
                (None, _) if template.is_some_and(|(_, probes)| probes.startup.is_some()) => {
                    continue;
                }
                (None, Some(liveness)) => ("livenessProbe", "liveness", liveness),
                (None, None) => {
                    let Some((target, probes)) = template else {
                        continue;
                    };
                    let total = probes.liveness.budget();
                    if total < needed(kind) {
                        out.push(
                            self.finding(format!(
                                "the container sets no liveness or startup probe, so KServe {target}'s template \
                                 liveness ({} = {total} s) can restart vLLM before it starts: it needs {} s on {}",
                                probes.liveness.describe(),
                                needed(kind),
                                kind_name(kind)
                            ))
                            .at(Node::new(service.index, base.clone()), "no probes of its own")
                            .setting(Setting::KserveTarget, format!("KServe {target}"), false)
                            .help(format!(
                                "add a startupProbe with at least {} s (`[probes.startup]` in a spec; from \
                                 KServe 0.17 the template has one)",
                                needed(kind)
                            )),
                        );
                    }
                    continue;
                }
            };
            let total = kube_budget(probe);
            if total < needed(kind) {
                let at = |field_of_probe: &str| format!("{base}/{field}/{field_of_probe}");
                let mut finding = self
                    .finding(format!(
                        "the {name} probe can restart vLLM after {total} s, but vLLM needs {} s to start on {}",
                        needed(kind),
                        kind_name(kind)
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
