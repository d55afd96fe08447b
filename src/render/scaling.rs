//! `spec.scaling` of the LLMInferenceService: the replica range and WVA's actuator, an HPA or KEDA.

use k8s_openapi::api::autoscaling::v2::{
    HPAScalingPolicy, HPAScalingRules, HorizontalPodAutoscalerBehavior,
};
use serde::{Deserialize, Serialize};

use crate::model::Autoscaling;
use crate::spec::{Int32, ScalingPolicyType, ScalingRulesSpec, SelectPolicy, Spanned};
use crate::target::Actuator;

/// `spec.scaling` (KServe 0.18 and later reconcile it; versions.md §A3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scaling {
    /// The fewest replicas; KServe's default is 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_replicas: Option<u32>,
    /// The most replicas.
    pub max_replicas: u32,
    /// The workload-variant-autoscaler settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wva: Option<Wva>,
}

/// `spec.scaling.wva`: exactly one of `hpa` and `keda`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Wva {
    /// WVA's cost of one replica, a decimal string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant_cost: Option<String>,
    /// A HorizontalPodAutoscaler on WVA's metric.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hpa: Option<Hpa>,
    /// A KEDA ScaledObject on WVA's metric.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keda: Option<Keda>,
}

/// `spec.scaling.wva.hpa`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Hpa {
    /// The HPA's scaling behaviour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub behavior: Option<HorizontalPodAutoscalerBehavior>,
}

/// `spec.scaling.wva.keda`, as far as p3gen sets it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Keda {
    /// Seconds between metric queries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polling_interval: Option<u32>,
    /// Seconds after the last active trigger before scaling to the idle count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooldown_period: Option<u32>,
    /// Seconds after creation before the first cooldown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_cooldown_period: Option<u32>,
    /// The replicas while no trigger is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_replica_count: Option<u32>,
}

/// Renders `spec.scaling`; the actuator's table only (a setting of the other actuator is the
/// validate stage's to report).
pub fn render(scaling: &Autoscaling) -> Scaling {
    let wva = Wva {
        variant_cost: scaling.variant_cost.as_ref().map(|cost| cost.get().clone()),
        hpa: (*scaling.actuator.get() == Actuator::Hpa).then(|| Hpa {
            behavior: scaling.behavior.as_ref().map(|behavior| {
                let behavior = behavior.get();
                HorizontalPodAutoscalerBehavior {
                    scale_up: behavior.scale_up.as_ref().map(rules),
                    scale_down: behavior.scale_down.as_ref().map(rules),
                }
            }),
        }),
        keda: (*scaling.actuator.get() == Actuator::Keda).then(|| {
            let seconds = |value: &Option<Spanned<Int32>>| value.as_ref().map(|v| v.get().get());
            scaling
                .keda
                .as_ref()
                .map(|keda| {
                    let keda = keda.get();
                    Keda {
                        polling_interval: seconds(&keda.polling_interval),
                        cooldown_period: seconds(&keda.cooldown_period),
                        initial_cooldown_period: seconds(&keda.initial_cooldown_period),
                        idle_replica_count: seconds(&keda.idle_replica_count),
                    }
                })
                .unwrap_or_default()
        }),
    };
    Scaling {
        min_replicas: Some(*scaling.min_replicas.get()),
        max_replicas: *scaling.max_replicas.get(),
        wva: Some(wva),
    }
}

/// One direction of the HPA behaviour.
fn rules(spec: &ScalingRulesSpec) -> HPAScalingRules {
    HPAScalingRules {
        policies: (!spec.policies.is_empty()).then(|| {
            spec.policies
                .iter()
                .map(|policy| HPAScalingPolicy {
                    type_: match policy.kind.get() {
                        ScalingPolicyType::Pods => "Pods",
                        ScalingPolicyType::Percent => "Percent",
                    }
                    .to_owned(),
                    value: i32_of(policy.value.get().get()),
                    period_seconds: i32_of(policy.period_seconds.get().get()),
                })
                .collect()
        }),
        select_policy: spec.select_policy.as_ref().map(|policy| {
            match policy.get() {
                SelectPolicy::Max => "Max",
                SelectPolicy::Min => "Min",
                SelectPolicy::Disabled => "Disabled",
            }
            .to_owned()
        }),
        stabilization_window_seconds: spec
            .stabilization_window_seconds
            .as_ref()
            .map(|seconds| i32_of(seconds.get().get())),
        tolerance: None,
    }
}

/// An [`crate::spec::Int32`] value as the `i32` the Kubernetes types hold (it never exceeds it).
fn i32_of(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}
