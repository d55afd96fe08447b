//! How a spec's replicas are scaled: a fixed count, or the objects KServe's controller creates for
//! `[autoscaling]`, the metric they follow and what must already run in the cluster.

use std::fmt::Write;

use crate::model::Pattern;
use crate::target::{Actuator, SCALING, SCALING_SOURCE, ScalingSupport, child_name};

/// The replica count or the autoscaling chain of `pattern`, for its KServe target.
pub fn scaling(pattern: &Pattern) -> String {
    let mut out = format!("Target: {}.\n\n", pattern.target_summary());
    let Some(autoscaling) = &pattern.autoscaling else {
        match &pattern.replicas {
            Some(replicas) => {
                let _ = writeln!(
                    out,
                    "A fixed {} vLLM replica(s) (`spec.replicas`); nothing scales them. Add \
                     `[autoscaling]` to let the llm-d workload-variant-autoscaler choose the count \
                     (KServe {} and later).",
                    replicas.get(),
                    ScalingSupport::first_reconciled()
                );
            }
            None => out.push_str("The spec sets no replica count (P3210).\n"),
        }
        return out;
    };
    let kserve = pattern.kserve_profile();
    let name = pattern.name.get();
    let namespace = pattern.namespace.get();
    let (min, max) = (
        *autoscaling.min_replicas.get(),
        *autoscaling.max_replicas.get(),
    );
    let actuator = *autoscaling.actuator.get();
    let _ = writeln!(
        out,
        "Autoscaled between {min} and {max} vLLM replicas (`spec.scaling`), actuator {}.",
        actuator.key()
    );
    match kserve.scaling {
        ScalingSupport::Reconciled => {}
        ScalingSupport::Unreconciled => {
            let _ = writeln!(
                out,
                "KServe {} accepts `spec.scaling` but does not reconcile it: nothing below is created \
                 and one replica runs (P3209). KServe {} and later do.",
                kserve.target,
                ScalingSupport::first_reconciled()
            );
            return out;
        }
        ScalingSupport::Absent => {
            let _ = writeln!(
                out,
                "KServe {} has no `spec.scaling` (P3209). KServe {} and later reconcile it.",
                kserve.target,
                ScalingSupport::first_reconciled()
            );
            return out;
        }
    }
    let va = child_name(name, SCALING.variant_autoscaling_suffix);
    let deployment = child_name(name, SCALING.scale_target_suffix);
    let cost = autoscaling
        .variant_cost
        .as_ref()
        .map_or(SCALING.default_variant_cost, |cost| cost.get().as_str());
    let _ = writeln!(out, "\nThe KServe {} controller creates:", kserve.target);
    let _ = writeln!(
        out,
        "  VariantAutoscaling {va} ({}): scales Deployment {deployment} for model `{}` between \
         {min} and {max}, variant cost {cost}; WVA computes the desired replicas and exports them as \
         `{}{{{}=\"{va}\"}}`.",
        SCALING.variant_autoscaling_api,
        pattern.model_name.get(),
        SCALING.metric,
        SCALING.metric_selector_label,
    );
    let actuator_name = child_name(name, SCALING.actuator_suffix(actuator));
    match actuator {
        Actuator::Hpa => {
            let behavior = if autoscaling.behavior.is_some() {
                "the spec's scaling behaviour"
            } else {
                "the HPA's default behaviour"
            };
            let _ = writeln!(
                out,
                "  HorizontalPodAutoscaler {actuator_name} ({}): External metric `{}` selected by \
                 `{}={va}`, target value 1 (it passes WVA's decision through), {behavior}.",
                SCALING.hpa_api, SCALING.metric, SCALING.metric_selector_label,
            );
        }
        Actuator::Keda => {
            let _ = writeln!(
                out,
                "  ScaledObject {actuator_name} ({}): one prometheus trigger, query \
                 `{}{{{}=\"{va}\",exported_namespace=\"{namespace}\"}}`, threshold 1; the server \
                 address comes from `prometheus.url` in KServe's `{}`.",
                SCALING.keda_api,
                SCALING.metric,
                SCALING.metric_selector_label,
                SCALING.keda_config_key,
            );
        }
    }
    out.push_str("\nPrerequisites (p3gen cannot check them):\n");
    for prerequisite in SCALING.prerequisites(actuator) {
        let _ = writeln!(out, "  - {prerequisite}");
    }
    let _ = writeln!(
        out,
        "  - without them: {} (built against {}).",
        SCALING.missing_crd, SCALING.built_against
    );
    let _ = writeln!(out, "\nSource: {SCALING_SOURCE}.");
    out.push_str("`p3gen plan` prices the deployment at the fewest and at the most replicas.\n");
    out
}
