//! Istio's PeerAuthentication, emitted only when the spec asks for an mTLS mode.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::{Deserialize, Serialize};

use crate::model::Pattern;
use crate::spec::{MtlsMode, MtlsScope};
use crate::target::PEER_AUTHENTICATION_API_VERSION;

/// A `security.istio.io/v1` PeerAuthentication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PeerAuthentication {
    /// `security.istio.io/v1`.
    pub api_version: String,
    /// `PeerAuthentication`.
    pub kind: String,
    /// Name, namespace, labels.
    pub metadata: ObjectMeta,
    /// Selector and mode.
    pub spec: PeerAuthenticationSpec,
}

/// The PeerAuthentication spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PeerAuthenticationSpec {
    /// The pods it applies to; absent for the whole namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<WorkloadSelector>,
    /// The mTLS mode; absent inherits the mesh's (p3gen always sets it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mtls: Option<Mtls>,
    /// Per-port modes by port number (p3gen sets none; manifests may).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub port_level_mtls: BTreeMap<String, Mtls>,
}

/// Pods by label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkloadSelector {
    /// Labels to match.
    #[serde(default)]
    pub match_labels: BTreeMap<String, String>,
}

/// An mTLS mode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mtls {
    /// `STRICT`, `PERMISSIVE`, `DISABLE` or `UNSET`; absent means `UNSET`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

/// The PeerAuthentication, unless the mesh default applies.
pub fn render(pattern: &Pattern) -> Option<PeerAuthentication> {
    let mode = match pattern.mesh.mtls.get() {
        MtlsMode::MeshDefault => return None,
        MtlsMode::Permissive => "PERMISSIVE",
        MtlsMode::Strict => "STRICT",
        MtlsMode::Disable => "DISABLE",
    };
    let (name, selector) = match pattern.mesh.scope {
        MtlsScope::Namespace => ("default".to_owned(), None),
        MtlsScope::Workload => (
            format!("{}-mtls", pattern.name.get()),
            Some(WorkloadSelector {
                match_labels: pattern.network_policies.workload_selector.get().clone(),
            }),
        ),
    };
    Some(PeerAuthentication {
        api_version: PEER_AUTHENTICATION_API_VERSION.to_owned(),
        kind: "PeerAuthentication".to_owned(),
        metadata: super::metadata(&name, pattern.namespace.get(), &BTreeMap::new()),
        spec: PeerAuthenticationSpec {
            selector,
            mtls: Some(Mtls {
                mode: Some(mode.to_owned()),
            }),
            port_level_mtls: BTreeMap::new(),
        },
    })
}
