//! `spec.scaling` must be one the target's controller reconciles and its CRD admits.

use crate::diagnostic::{Diagnostic, Node, Setting, Severity};
use crate::target::{SCALING, ScalingSupport};
use crate::validate::objects::{InferenceService, Objects};

use super::super::{Applies, Rule, RuleInfo};

/// Autoscaling that nothing acts on, or that the API server rejects.
pub struct ScalingSettings;

static INFO: RuleInfo = RuleInfo {
    code: "P3209",
    name: "scaling-settings",
    severity: Severity::Error,
    applies: Applies::Objects,
    summary: "spec.scaling is not reconciled by the target, or breaks a rule of its CRD",
    doc: "## What it checks\nThat `spec.scaling` (`[autoscaling]` in a spec) is used on a KServe that reconciles it (0.18 and later), and that it keeps the CRD's rules: not together with `spec.replicas`; `maxReplicas` set and at least `minReplicas` (at least 1); `wva` with exactly one of `hpa` and `keda`; `variantCost` a decimal string; KEDA's `idleReplicaCount` below `minReplicas`.\n\n## Why\nKServe 0.16 and Open Data Hub's 0.15 have no `spec.scaling`. KServe 0.17 has the field in its CRD but no controller reads it (no `scaling.go` at `kserve/kserve@v0.17.0`), so the service silently runs one replica. From 0.18 the controller creates a `VariantAutoscaling` `<name>-kserve-va` and an HPA `<name>-kserve-hpa` or a KEDA ScaledObject `<name>-kserve-keda` (`kserve/kserve@v0.20.0:pkg/controller/v1alpha2/llmisvc/scaling.go`). The other conditions are the CRD's own validation rules (`llm_inference_service_validation.go L572-580` and the CEL rules of `spec.scaling`): the API server rejects an object that breaks them.\n\n## Example\n```toml\n[target]\nkserve = \"0.17\"\n\n[autoscaling]   # error: KServe 0.17 does not reconcile spec.scaling; target 0.18 or later\nmax-replicas = 4\nactuator = \"hpa\"\n```\n",
};

/// Whether `cost` matches `wva.variantCost`'s pattern in the CRD, `^\d+(\.\d+)?$`.
fn is_decimal(cost: &str) -> bool {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    match cost.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(cost),
    }
}

impl Rule for ScalingSettings {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for service in objects.inference_services() {
            if !service.fields.has_scaling {
                continue;
            }
            self.check_support(service, objects, out);
            self.check_values(service, out);
        }
    }
}

impl ScalingSettings {
    fn check_support(
        &self,
        service: &InferenceService<'_>,
        objects: &Objects<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(target) = objects.kserve else {
            return;
        };
        let first = ScalingSupport::first_reconciled();
        let message = match target.profile().scaling {
            ScalingSupport::Reconciled => return,
            ScalingSupport::Absent => format!(
                "KServe {target} has no `spec.scaling`: the API server drops or rejects it and nothing \
                 scales the replicas"
            ),
            ScalingSupport::Unreconciled => format!(
                "KServe {target} accepts `spec.scaling` but no controller reads it: the service runs \
                 one replica and never scales"
            ),
        };
        out.push(
            self.finding(message)
                .at(Node::new(service.index, "/spec/scaling"), "autoscaling")
                .setting(Setting::KserveTarget, format!("KServe {target}"), false)
                .help(format!(
                    "target KServe {first} or later, whose controller creates the WVA objects, or set \
                     a fixed `replicas` instead"
                )),
        );
    }

    fn check_values(&self, service: &InferenceService<'_>, out: &mut Vec<Diagnostic>) {
        let index = service.index;
        if service.fields.has_replicas {
            out.push(
                self.finding("`replicas` and `scaling` exclude each other".to_owned())
                    .at(Node::new(index, "/spec/scaling"), "autoscaling")
                    .at_secondary(Node::new(index, "/spec/replicas"), "a fixed count")
                    .help(
                        "remove `replicas` (`service.replicas` in a spec): the autoscaler sets the \
                         count between min and max",
                    ),
            );
        }
        let Some(scaling) = service.scaling.as_deref() else {
            return;
        };
        let min = scaling.min_replicas.unwrap_or(SCALING.default_min_replicas);
        if min < 1 {
            out.push(
                self.finding("`minReplicas` must be at least 1".to_owned())
                    .at(Node::new(index, "/spec/scaling/minReplicas"), "0")
                    .help("WVA scales between 1 and `maxReplicas`; KEDA's `idleReplicaCount` is the idle floor"),
            );
        }
        if scaling.max_replicas < min {
            out.push(
                self.finding(format!(
                    "`maxReplicas` ({}) is below `minReplicas` ({min})",
                    scaling.max_replicas
                ))
                .at(Node::new(index, "/spec/scaling/maxReplicas"), "the most")
                .at_secondary(Node::new(index, "/spec/scaling/minReplicas"), "the fewest")
                .help("set `maxReplicas` to at least `minReplicas`"),
            );
        }
        let Some(wva) = &scaling.wva else {
            out.push(
                self.finding("`scaling` has no `wva`, which provides the autoscaling".to_owned())
                    .at(Node::new(index, "/spec/scaling"), "no actuator")
                    .help("add `wva.hpa: {}` or `wva.keda: {}` (`actuator` in a spec)"),
            );
            return;
        };
        match (&wva.hpa, &wva.keda) {
            (Some(_), Some(_)) => out.push(
                self.finding("`wva.hpa` and `wva.keda` exclude each other".to_owned())
                    .at(Node::new(index, "/spec/scaling/wva/keda"), "KEDA")
                    .at_secondary(Node::new(index, "/spec/scaling/wva/hpa"), "HPA")
                    .help("keep one actuator"),
            ),
            (None, None) => out.push(
                self.finding("`wva` names no actuator".to_owned())
                    .at(
                        Node::new(index, "/spec/scaling/wva"),
                        "neither hpa nor keda",
                    )
                    .help("add `hpa: {}` or `keda: {}`"),
            ),
            _ => {}
        }
        if let Some(cost) = &wva.variant_cost
            && !is_decimal(cost)
        {
            out.push(
                self.finding(format!("`variantCost` `{cost}` is not a decimal number"))
                    .at(
                        Node::new(index, "/spec/scaling/wva/variantCost"),
                        "the cost",
                    )
                    .help(format!(
                        "write digits with an optional fraction, e.g. \"{}\"",
                        SCALING.default_variant_cost
                    )),
            );
        }
        if let Some(idle) = wva.keda.as_ref().and_then(|keda| keda.idle_replica_count)
            && idle >= min
        {
            out.push(
                self.finding(format!(
                    "KEDA's `idleReplicaCount` ({idle}) must be below `minReplicas` ({min})"
                ))
                .at(
                    Node::new(index, "/spec/scaling/wva/keda/idleReplicaCount"),
                    "idle replicas",
                )
                .at_secondary(Node::new(index, "/spec/scaling/minReplicas"), "the fewest")
                .help("lower `idleReplicaCount` or raise `minReplicas`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_decimal;

    #[test]
    fn variant_cost_follows_the_crd_pattern() {
        for good in ["10", "10.0", "0.5", "007"] {
            assert!(is_decimal(good), "{good}");
        }
        for bad in ["", ".5", "5.", "-1", "1e3", "1.2.3", " 1", "ten"] {
            assert!(!is_decimal(bad), "{bad}");
        }
    }
}
