//! One rendered Kubernetes object, of any kind p3gen emits.

use k8s_openapi::Resource;
use k8s_openapi::api::networking::v1::NetworkPolicy;
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{EnvoyFilter, LlmInferenceService, PeerAuthentication, PodMonitor};

/// A rendered object. Serializes as the object itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Object {
    /// KServe's LLMInferenceService.
    LlmInferenceService(Box<LlmInferenceService>),
    /// Istio's EnvoyFilter.
    EnvoyFilter(EnvoyFilter),
    /// Istio's PeerAuthentication.
    PeerAuthentication(PeerAuthentication),
    /// A Kubernetes NetworkPolicy.
    NetworkPolicy(NetworkPolicy),
    /// A Kubernetes PodDisruptionBudget.
    PodDisruptionBudget(PodDisruptionBudget),
    /// The Prometheus Operator's PodMonitor.
    PodMonitor(PodMonitor),
}

impl Object {
    /// Reads an object of a kind p3gen renders from its JSON form, by its `kind`; `None` for
    /// other kinds and for objects that do not have the shape of their kind's type.
    pub fn from_value(value: &Value) -> Option<Object> {
        let kind = value.get("kind")?.as_str()?;
        let typed = match kind {
            "LLMInferenceService" => {
                Object::LlmInferenceService(Box::new(LlmInferenceService::deserialize(value).ok()?))
            }
            "EnvoyFilter" => Object::EnvoyFilter(EnvoyFilter::deserialize(value).ok()?),
            "PeerAuthentication" => {
                Object::PeerAuthentication(PeerAuthentication::deserialize(value).ok()?)
            }
            NetworkPolicy::KIND => Object::NetworkPolicy(NetworkPolicy::deserialize(value).ok()?),
            PodDisruptionBudget::KIND => {
                Object::PodDisruptionBudget(PodDisruptionBudget::deserialize(value).ok()?)
            }
            "PodMonitor" => Object::PodMonitor(PodMonitor::deserialize(value).ok()?),
            _ => return None,
        };
        Some(typed)
    }

    /// The apiVersion.
    pub fn api_version(&self) -> &str {
        match self {
            Object::LlmInferenceService(o) => &o.api_version,
            Object::EnvoyFilter(o) => &o.api_version,
            Object::PeerAuthentication(o) => &o.api_version,
            Object::NetworkPolicy(_) => NetworkPolicy::API_VERSION,
            Object::PodDisruptionBudget(_) => PodDisruptionBudget::API_VERSION,
            Object::PodMonitor(o) => &o.api_version,
        }
    }

    /// The kind.
    pub fn kind(&self) -> &str {
        match self {
            Object::LlmInferenceService(o) => &o.kind,
            Object::EnvoyFilter(o) => &o.kind,
            Object::PeerAuthentication(o) => &o.kind,
            Object::NetworkPolicy(_) => NetworkPolicy::KIND,
            Object::PodDisruptionBudget(_) => PodDisruptionBudget::KIND,
            Object::PodMonitor(o) => &o.kind,
        }
    }

    /// The metadata.
    pub fn metadata(&self) -> &ObjectMeta {
        match self {
            Object::LlmInferenceService(o) => &o.metadata,
            Object::EnvoyFilter(o) => &o.metadata,
            Object::PeerAuthentication(o) => &o.metadata,
            Object::NetworkPolicy(o) => &o.metadata,
            Object::PodDisruptionBudget(o) => &o.metadata,
            Object::PodMonitor(o) => &o.metadata,
        }
    }

    /// The metadata, to change.
    pub fn metadata_mut(&mut self) -> &mut ObjectMeta {
        match self {
            Object::LlmInferenceService(o) => &mut o.metadata,
            Object::EnvoyFilter(o) => &mut o.metadata,
            Object::PeerAuthentication(o) => &mut o.metadata,
            Object::NetworkPolicy(o) => &mut o.metadata,
            Object::PodDisruptionBudget(o) => &mut o.metadata,
            Object::PodMonitor(o) => &mut o.metadata,
        }
    }

    /// The name.
    pub fn name(&self) -> &str {
        self.metadata().name.as_deref().unwrap_or_default()
    }

    /// The namespace.
    pub fn namespace(&self) -> &str {
        self.metadata().namespace.as_deref().unwrap_or_default()
    }
}
