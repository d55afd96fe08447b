//! Autoscaling facts: which KServe reconciles `spec.scaling`, what its controller creates from it
//! (the llm-d workload-variant-autoscaler's `VariantAutoscaling`, then an HPA or a KEDA
//! `ScaledObject`), on which metric, and what must already run in the cluster (versions.md §A3).

use super::version::KserveTarget;

/// How far a KServe target supports `spec.scaling` of an LLMInferenceService.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalingSupport {
    /// The CRD has no `spec.scaling` (KServe 0.16 and Open Data Hub's 0.15: their CRD,
    /// `kserve/kserve@v0.16.0:config/crd/full/llmisvc/serving.kserve.io_llminferenceservices.yaml`).
    Absent,
    /// The CRD accepts `spec.scaling` but no controller reads it: the replicas stay at the
    /// Deployment default (`kserve/kserve@v0.17.0:pkg/apis/serving/v1alpha2/llm_inference_service_types.go
    /// L109-117, L319-400`; no `scaling.go` under `pkg/controller` at v0.17.0).
    Unreconciled,
    /// The controller creates the autoscaler objects
    /// (`kserve/kserve@v0.18.0:pkg/controller/v1alpha2/llmisvc/workload.go L106`).
    Reconciled,
}

impl ScalingSupport {
    /// The first KServe target whose controller reconciles `spec.scaling`, read from the table.
    pub fn first_reconciled() -> KserveTarget {
        KserveTarget::ALL
            .iter()
            .copied()
            .find(|target| target.profile().scaling.is_reconciled())
            .expect("a KServe target reconciles spec.scaling")
    }

    /// Whether the controller acts on `spec.scaling`.
    pub fn is_reconciled(self) -> bool {
        self == ScalingSupport::Reconciled
    }
}

/// The component that scales the vLLM Deployment to WVA's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Actuator {
    /// A Kubernetes `autoscaling/v2` HorizontalPodAutoscaler on an External metric; needs a
    /// Prometheus Adapter that serves `wva_desired_replicas` through the external-metrics API.
    Hpa,
    /// A KEDA `ScaledObject` with a Prometheus trigger; needs the KEDA operator and KServe's
    /// `autoscaling-wva-controller-config` with `prometheus.url`.
    Keda,
}

impl Actuator {
    /// The key of `spec.scaling.wva` that selects this actuator.
    pub fn key(self) -> &'static str {
        match self {
            Actuator::Hpa => "hpa",
            Actuator::Keda => "keda",
        }
    }
}

/// What the K18–K20 controller reads from `spec.scaling`, creates and needs
/// (`kserve/kserve@v0.20.0:pkg/controller/v1alpha2/llmisvc/scaling.go`).
pub struct ScalingFacts {
    /// The suffix of the `VariantAutoscaling` name (`<name>-kserve-va`; L603, L611).
    pub variant_autoscaling_suffix: &'static str,
    /// The suffix of the HorizontalPodAutoscaler name (`<name>-kserve-hpa`; L603).
    pub hpa_suffix: &'static str,
    /// The suffix of the KEDA ScaledObject name (`<name>-kserve-keda`; L619).
    pub keda_suffix: &'static str,
    /// The suffix of the Deployment the autoscaler scales (`<name>-kserve`; L484-519).
    pub scale_target_suffix: &'static str,
    /// The `VariantAutoscaling` API (`llm-d/llm-d-workload-variant-autoscaler@b08b1c77:api/v1alpha1/groupversion_info.go L29`).
    pub variant_autoscaling_api: &'static str,
    /// The HPA API (L168-218).
    pub hpa_api: &'static str,
    /// The KEDA API (`kserve/kserve@v0.20.0:go.mod L25`, KEDA v2.18.0).
    pub keda_api: &'static str,
    /// The metric WVA exports and both actuators follow (L168-218, L338-448).
    pub metric: &'static str,
    /// The label that selects one variant's series of [`Self::metric`].
    pub metric_selector_label: &'static str,
    /// The `inferenceservice-config` key whose `prometheus.url` KEDA's trigger needs
    /// (`kserve/kserve@v0.20.0:pkg/controller/v1alpha2/llmisvc/config_loader.go L142-152`).
    pub keda_config_key: &'static str,
    /// The default `wva.variantCost` (`kserve/kserve@v0.20.0:pkg/apis/serving/v1alpha2/llm_inference_service_types.go L499-557`).
    pub default_variant_cost: &'static str,
    /// The default `minReplicas` (same source).
    pub default_min_replicas: u32,
    /// The WVA and KEDA releases KServe v0.20 builds against (`kserve/kserve@v0.20.0:go.mod L23-25`).
    pub built_against: &'static str,
    /// What happens when a CRD the actuator needs is missing
    /// (`kserve/kserve@v0.20.0:pkg/controller/v1alpha2/llmisvc/workload.go L96-108`).
    pub missing_crd: &'static str,
}

/// The K18–K20 autoscaling facts.
pub const SCALING: ScalingFacts = ScalingFacts {
    variant_autoscaling_suffix: "-kserve-va",
    hpa_suffix: "-kserve-hpa",
    keda_suffix: "-kserve-keda",
    scale_target_suffix: "-kserve",
    variant_autoscaling_api: "llmd.ai/v1alpha1",
    hpa_api: "autoscaling/v2",
    keda_api: "keda.sh/v1alpha1",
    metric: "wva_desired_replicas",
    metric_selector_label: "variant_name",
    keda_config_key: "autoscaling-wva-controller-config",
    default_variant_cost: "10.0",
    default_min_replicas: 1,
    built_against: "WVA v0.7.0, KEDA v2.18.0",
    missing_crd: "a missing VariantAutoscaling, HorizontalPodAutoscaler or ScaledObject CRD is a hard \
                  failure: event ScalingCRDNotFound and the main workload NotReady",
};

/// Where [`SCALING`] comes from.
pub const SCALING_SOURCE: &str = "kserve/kserve@v0.20.0:pkg/controller/v1alpha2/llmisvc/scaling.go";

impl ScalingFacts {
    /// The name of the actuator object the controller creates for `name`.
    pub fn actuator_suffix(&self, actuator: Actuator) -> &'static str {
        match actuator {
            Actuator::Hpa => self.hpa_suffix,
            Actuator::Keda => self.keda_suffix,
        }
    }

    /// What must run in the cluster before the controller can scale with `actuator`.
    pub fn prerequisites(&self, actuator: Actuator) -> Vec<String> {
        let mut out = vec![
            format!(
                "the llm-d workload-variant-autoscaler (WVA) controller and its VariantAutoscaling CRD \
                 ({}): it computes and exports {}",
                self.variant_autoscaling_api, self.metric
            ),
            format!("Prometheus scraping WVA's metrics ({})", self.metric),
        ];
        out.push(match actuator {
            Actuator::Hpa => format!(
                "a Prometheus Adapter serving {} through the external-metrics API \
                 (KServe cannot check it; without it the HPA stays Unknown)",
                self.metric
            ),
            Actuator::Keda => format!(
                "the KEDA operator (keda.sh CRDs) and `prometheus.url` under the `{}` key of the \
                 inferenceservice-config ConfigMap",
                self.keda_config_key
            ),
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// versions.md §A3: the API from 0.17, the reconciler from 0.18, nothing on 0.16 or ODH.
    #[test]
    fn scaling_is_reconciled_from_0_18() {
        assert_eq!(ScalingSupport::first_reconciled(), KserveTarget::V018);
        let support = |target: KserveTarget| target.profile().scaling;
        assert_eq!(support(KserveTarget::Odh015), ScalingSupport::Absent);
        assert_eq!(support(KserveTarget::V016), ScalingSupport::Absent);
        assert_eq!(support(KserveTarget::V017), ScalingSupport::Unreconciled);
        for target in [KserveTarget::V018, KserveTarget::V019, KserveTarget::V020] {
            assert_eq!(support(target), ScalingSupport::Reconciled, "{target}");
        }
    }

    /// versions.md §A6: the child names of the autoscaler objects.
    #[test]
    fn autoscaler_objects_are_named_after_the_service() {
        assert_eq!(SCALING.variant_autoscaling_suffix, "-kserve-va");
        assert_eq!(SCALING.actuator_suffix(Actuator::Hpa), "-kserve-hpa");
        assert_eq!(SCALING.actuator_suffix(Actuator::Keda), "-kserve-keda");
        assert!(SCALING.prerequisites(Actuator::Keda)[2].contains("prometheus.url"));
        assert!(SCALING.prerequisites(Actuator::Hpa)[2].contains("Prometheus Adapter"));
    }
}
