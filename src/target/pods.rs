//! The pods KServe creates for an LLMInferenceService (vLLM replicas and the EPP): the labels it puts
//! on them, the selectors that select them, their ports, and the paths it mounts into them.
//!
//! The labels are the same on every supported target: K16 and ODH set them in
//! `kserve/kserve@v0.16.0:pkg/controller/v1alpha1/llmisvc/workload_single_node.go` (`singleNodeLabels`)
//! and `…/llmisvc/scheduler.go` (`SchedulerLabels`); K20 spells them as constants in
//! `kserve/kserve@v0.20.0:pkg/constants/constants.go` L439-449 (domain reference §1, pod labels).

use std::collections::BTreeMap;

/// The label that carries the LLMInferenceService name on every pod KServe creates.
pub const NAME_LABEL: &str = "app.kubernetes.io/name";
/// The label that names the part a pod plays (`llminferenceservice-workload`, `…-router-scheduler`).
pub const COMPONENT_LABEL: &str = "app.kubernetes.io/component";
/// The label that ties a pod to the LLMInferenceService machinery.
pub const PART_OF_LABEL: &str = "app.kubernetes.io/part-of";
/// KServe's own component label, `workload` on vLLM pods.
pub const KSERVE_COMPONENT_LABEL: &str = "kserve.io/component";
/// llm-d's role label, `both` on a vLLM pod that prefills and decodes.
pub const LLMD_ROLE_LABEL: &str = "llm-d.ai/role";

/// The [`PART_OF_LABEL`] value of every pod KServe creates for an LLMInferenceService.
pub const PART_OF_VALUE: &str = "llminferenceservice";
/// The [`COMPONENT_LABEL`] value of the vLLM pods.
pub const WORKLOAD_COMPONENT: &str = "llminferenceservice-workload";
/// The [`COMPONENT_LABEL`] value of the EPP pods.
pub const EPP_COMPONENT: &str = "llminferenceservice-router-scheduler";
/// The [`KSERVE_COMPONENT_LABEL`] value of the vLLM pods.
pub const KSERVE_WORKLOAD_COMPONENT: &str = "workload";
/// The [`LLMD_ROLE_LABEL`] value of a single-node vLLM pod (no prefill/decode split).
pub const LLMD_ROLE_BOTH: &str = "both";

/// The port vLLM serves on: `--port 8000` in every target's `config-llm-template.yaml`
/// (`kserve/kserve@v0.16.0:config/llmisvcconfig/config-llm-template.yaml` L18-23).
pub const VLLM_PORT: u16 = 8000;
/// The EPP's ext_proc gRPC port, which the gateway calls (`--grpc-port 9002`,
/// `kserve/kserve@v0.16.0:config/llmisvcconfig/config-llm-scheduler.yaml` L50-60).
pub const EPP_EXT_PROC_PORT: u16 = 9002;
/// The EPP's gRPC health port (`--grpc-health-port 9003`, same file).
pub const EPP_HEALTH_PORT: u16 = 9003;
/// The EPP's Prometheus metrics port (container port 9090 `metrics` in every K17+ template,
/// `kserve/kserve@v0.17.0:config/llmisvcconfig/config-llm-scheduler.yaml`).
pub const EPP_METRICS_PORT: u16 = 9090;
/// The name of [`EPP_METRICS_PORT`] on the EPP container.
pub const EPP_METRICS_PORT_NAME: &str = "metrics";

/// The name of the vLLM container in KServe's `config-llm-template.yaml`, which a user template is
/// merged into by name (`kserve/kserve@v0.16.0:config/llmisvcconfig/config-llm-template.yaml`).
pub const VLLM_CONTAINER: &str = "main";

/// Where KServe mounts the serving certificate (`--cert-path`,
/// `opendatahub-io/kserve@odh-v3.3:config/llmisvc/config-llm-scheduler.yaml` L54-70).
pub const TLS_DIR: &str = "/var/run/kserve/tls";
/// Where KServe's storage initializer puts the model (`vllm serve /mnt/models`).
pub const MODEL_DIR: &str = "/mnt/models";

/// The labels that select the vLLM pods of `service`: KServe's workload Service selector
/// (ODH `workload.go` `GetWorkloadLabelSelector`).
pub fn workload_selector(service: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        (NAME_LABEL.to_owned(), service.to_owned()),
        (PART_OF_LABEL.to_owned(), PART_OF_VALUE.to_owned()),
        (
            KSERVE_COMPONENT_LABEL.to_owned(),
            KSERVE_WORKLOAD_COMPONENT.to_owned(),
        ),
    ])
}

/// The labels that select the EPP pods of `service`.
pub fn epp_selector(service: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        (COMPONENT_LABEL.to_owned(), EPP_COMPONENT.to_owned()),
        (NAME_LABEL.to_owned(), service.to_owned()),
    ])
}

/// Every label KServe puts on a vLLM pod of `service` (`singleNodeLabels`).
pub fn workload_pod_labels(service: &str) -> BTreeMap<String, String> {
    let mut labels = workload_selector(service);
    labels.insert(COMPONENT_LABEL.to_owned(), WORKLOAD_COMPONENT.to_owned());
    labels.insert(LLMD_ROLE_LABEL.to_owned(), LLMD_ROLE_BOTH.to_owned());
    labels
}

/// Every label KServe puts on an EPP pod of `service` (`SchedulerLabels`).
pub fn epp_pod_labels(service: &str) -> BTreeMap<String, String> {
    let mut labels = epp_selector(service);
    labels.insert(PART_OF_LABEL.to_owned(), PART_OF_VALUE.to_owned());
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selects(selector: &BTreeMap<String, String>, labels: &BTreeMap<String, String>) -> bool {
        selector
            .iter()
            .all(|(key, value)| labels.get(key) == Some(value))
    }

    #[test]
    fn each_selector_selects_its_own_pods_only() {
        let (workload, epp) = (workload_pod_labels("qwen"), epp_pod_labels("qwen"));
        assert!(selects(&workload_selector("qwen"), &workload));
        assert!(!selects(&workload_selector("qwen"), &epp));
        assert!(selects(&epp_selector("qwen"), &epp));
        assert!(!selects(&epp_selector("qwen"), &workload));
    }

    #[test]
    fn pods_carry_kserves_labels() {
        assert_eq!(
            epp_pod_labels("qwen"),
            BTreeMap::from([
                (
                    "app.kubernetes.io/component".to_owned(),
                    "llminferenceservice-router-scheduler".to_owned()
                ),
                ("app.kubernetes.io/name".to_owned(), "qwen".to_owned()),
                (
                    "app.kubernetes.io/part-of".to_owned(),
                    "llminferenceservice".to_owned()
                ),
            ])
        );
        assert_eq!(workload_pod_labels("qwen").len(), 5);
        assert_eq!(workload_pod_labels("qwen")["llm-d.ai/role"], "both");
    }
}
