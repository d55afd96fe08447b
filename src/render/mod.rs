//! Rendering a [`Pattern`] into Kubernetes objects: core kinds with k8s-openapi types, custom
//! resources with p3gen's own typed structs.

mod envoy_filter;
mod llm_inference_service;
mod network_policy;
mod object;
mod origins;
mod peer_authentication;
mod pod_disruption_budget;
mod pod_monitor;
mod scaling;

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

pub use envoy_filter::{EXT_PROC_FILTER, EnvoyFilter};
pub use llm_inference_service::LlmInferenceService;
pub use object::Object;
pub use origins::{origin, setting_origin};
pub use peer_authentication::{Mtls, PeerAuthentication};
pub use pod_monitor::PodMonitor;
pub use scaling::{Hpa, Keda, Scaling, Wva};

use crate::model::Pattern;

/// The label every rendered object carries, so tools can tell p3gen's objects apart.
pub const MANAGED_BY: (&str, &str) = ("app.kubernetes.io/managed-by", "p3gen");

/// Renders every object of a pattern, in no particular order (the output stage sorts).
pub fn render(pattern: &Pattern) -> Vec<Object> {
    let mut objects = vec![Object::LlmInferenceService(Box::new(
        llm_inference_service::render(pattern),
    ))];
    if let Some(filter) = &pattern.envoy_filter {
        objects.push(Object::EnvoyFilter(envoy_filter::render(pattern, filter)));
    }
    objects.extend(peer_authentication::render(pattern).map(Object::PeerAuthentication));
    objects.extend(
        network_policy::render(pattern)
            .into_iter()
            .map(Object::NetworkPolicy),
    );
    objects.extend(
        pod_disruption_budget::render(pattern)
            .into_iter()
            .map(Object::PodDisruptionBudget),
    );
    objects.extend(
        pod_monitor::render(pattern)
            .into_iter()
            .map(Object::PodMonitor),
    );
    objects
}

/// Object metadata with the p3gen label added to `labels`.
fn metadata(name: &str, namespace: &str, labels: &BTreeMap<String, String>) -> ObjectMeta {
    let mut labels = labels.clone();
    labels.insert(MANAGED_BY.0.to_owned(), MANAGED_BY.1.to_owned());
    ObjectMeta {
        name: Some(name.to_owned()),
        namespace: Some(namespace.to_owned()),
        labels: Some(labels),
        ..ObjectMeta::default()
    }
}
