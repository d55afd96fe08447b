//! What each Istio version does with InferencePools, ext_proc and the CRDs p3gen emits: one table row per version.

use super::ext_proc::{BodyMode, HeaderMode, ProcessingMode};
use super::kserve::{ApiGroupVersion, POOL_K8S_V1, POOL_X_K8S_V1ALPHA2};
use super::version::IstioVersion;

/// The InferencePool handling and CRD shapes of one Istio version (domain.md §3 "Istio support for
/// InferencePool", §5; `shared/crds/README.md`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IstioProfile {
    /// The version this row describes.
    pub version: IstioVersion,
    /// The InferencePool API istiod watches (with `ENABLE_GATEWAY_API_INFERENCE_EXTENSION=true`);
    /// `None` when this version has no InferencePool handling upstream.
    pub watched_pool_api: Option<ApiGroupVersion>,
    /// The per-route ext_proc `processing_mode` Istio writes itself on InferencePool routes; `None`
    /// when it writes no per-route ext_proc config.
    pub route_processing_mode: Option<ProcessingMode>,
    /// Whether the EnvoyFilter CRD accepts `match.context: WAYPOINT`.
    pub envoy_filter_waypoint_context: bool,
    /// The PeerAuthentication storage version, where documented: `v1beta1` on 1.27, `v1` from 1.28
    /// (`istio/istio@1.27.3` / `@1.28.0:manifests/charts/base/files/crd-all.gen.yaml`, `peerauthentications`;
    /// versions.md §B row 38).
    pub peer_authentication_storage: Option<&'static str>,
    /// Where the row's values come from (`owner/repo@tag:path`).
    pub source: &'static str,
}

/// The PeerAuthentication `apiVersion` p3gen emits for every supported Istio version: `v1` is served
/// since Istio 1.22 promoted the security APIs, whichever version the API server stores (`v1beta1`
/// on 1.27, `v1` on 1.30.3).
pub const PEER_AUTHENTICATION_API_VERSION: &str = "security.istio.io/v1";

/// The EnvoyFilter `apiVersion` (all supported versions).
pub const ENVOY_FILTER_API_VERSION: &str = "networking.istio.io/v1alpha3";

/// The namespace istiod is installed in by default (`istioctl install`; the namespace Istio's
/// installation guides give its Helm charts).
pub const ISTIO_NAMESPACE: &str = "istio-system";

/// The label Istio's gateway deployment controller puts on the pods of a Gateway API gateway,
/// valued with the Gateway's name (`istio/istio@1.28.0:pkg/config/constants/constants.go`,
/// `GatewayNameLabel`).
pub const GATEWAY_NAME_LABEL: &str = "gateway.networking.k8s.io/gateway-name";

/// The label of istiod's pods (`istio/istio@1.28.0:manifests/charts/istio-control/istio-discovery/templates/deployment.yaml`,
/// `app: istiod`).
pub const ISTIOD_POD_LABEL: (&str, &str) = ("app", "istiod");

/// istiod's xDS and CA port (gRPC, TLS), which every sidecar reaches ("Ports used by Istio",
/// `istio/istio.io:content/en/docs/ops/deployment/application-requirements/index.md`, istiod table).
pub const ISTIOD_XDS_PORT: u16 = 15012;
/// istiod's webhook container port (HTTPS, forwarded from 443): sidecar injection and config
/// validation (same table).
pub const ISTIOD_WEBHOOK_PORT: u16 = 15017;

/// What Istio 1.27 writes per InferencePool route: headers SEND, both bodies FULL_DUPLEX_STREAMED,
/// no trailer modes.
const ISTIO_1_27_ROUTE_MODE: ProcessingMode = ProcessingMode {
    request_header_mode: Some(HeaderMode::Send),
    response_header_mode: Some(HeaderMode::Send),
    request_body_mode: Some(BodyMode::FullDuplexStreamed),
    response_body_mode: Some(BodyMode::FullDuplexStreamed),
    request_trailer_mode: None,
    response_trailer_mode: None,
};

/// What Istio 1.28+ writes per InferencePool route: as 1.27 plus both trailer modes SEND.
const ISTIO_1_28_ROUTE_MODE: ProcessingMode = ProcessingMode {
    request_trailer_mode: Some(HeaderMode::Send),
    response_trailer_mode: Some(HeaderMode::Send),
    ..ISTIO_1_27_ROUTE_MODE
};

/// One row per [`IstioVersion`], in [`IstioVersion::ALL`] order.
///
/// PeerAuthentication storage is checked for 1.27 (`v1beta1`) and 1.28–1.30 (`v1`); 1.26's row says
/// `None` rather than guess. [`PEER_AUTHENTICATION_API_VERSION`] is served by all of them.
const ISTIO_PROFILES: [IstioProfile; 5] = [
    IstioProfile {
        version: IstioVersion::V1_26,
        watched_pool_api: None,
        route_processing_mode: None,
        envoy_filter_waypoint_context: false,
        peer_authentication_storage: None,
        source: "istio/istio@1.26.8:pkg/config/schema/gvk/resources.gen.go (no InferencePool entry)",
    },
    IstioProfile {
        version: IstioVersion::V1_27,
        watched_pool_api: Some(POOL_X_K8S_V1ALPHA2),
        route_processing_mode: Some(ISTIO_1_27_ROUTE_MODE),
        envoy_filter_waypoint_context: false,
        peer_authentication_storage: Some("v1beta1"),
        source: "istio/istio@1.27.3:pkg/config/schema/gvk/resources.gen.go L41, pilot/pkg/networking/core/route/route.go L529-534, manifests/charts/base/files/crd-all.gen.yaml",
    },
    IstioProfile {
        version: IstioVersion::V1_28,
        watched_pool_api: Some(POOL_K8S_V1),
        route_processing_mode: Some(ISTIO_1_28_ROUTE_MODE),
        envoy_filter_waypoint_context: false,
        peer_authentication_storage: Some("v1"),
        source: "istio/istio@1.28.0:pkg/config/schema/gvk/resources.gen.go L41, pilot/pkg/networking/core/route/route.go L533-542, manifests/charts/base/files/crd-all.gen.yaml",
    },
    IstioProfile {
        version: IstioVersion::V1_29,
        watched_pool_api: Some(POOL_K8S_V1),
        route_processing_mode: Some(ISTIO_1_28_ROUTE_MODE),
        envoy_filter_waypoint_context: true,
        peer_authentication_storage: Some("v1"),
        source: "istio/istio@1.29.0:manifests/charts/base/files/crd-all.gen.yaml L6492-6498 (WAYPOINT); route modes and pool API as 1.28",
    },
    IstioProfile {
        version: IstioVersion::V1_30,
        watched_pool_api: Some(POOL_K8S_V1),
        route_processing_mode: Some(ISTIO_1_28_ROUTE_MODE),
        envoy_filter_waypoint_context: true,
        peer_authentication_storage: Some("v1"),
        source: "istio/istio@1.30.3:manifests/charts/base/files/crd-all.gen.yaml; route modes and pool API as 1.28",
    },
];

impl IstioVersion {
    /// This version's row of the Istio table.
    pub fn profile(self) -> &'static IstioProfile {
        match self {
            IstioVersion::V1_26 => &ISTIO_PROFILES[0],
            IstioVersion::V1_27 => &ISTIO_PROFILES[1],
            IstioVersion::V1_28 => &ISTIO_PROFILES[2],
            IstioVersion::V1_29 => &ISTIO_PROFILES[3],
            IstioVersion::V1_30 => &ISTIO_PROFILES[4],
        }
    }
}

impl IstioProfile {
    /// Whether Istio writes its own per-route ext_proc config on InferencePool routes (≥1.27), which an
    /// EnvoyFilter `MERGE` on `typed_per_filter_config` would replace (domain.md D7).
    pub fn writes_route_ext_proc(&self) -> bool {
        self.route_processing_mode.is_some()
    }

    /// Whether this Istio routes to pools of the given API.
    pub fn watches_pool(&self, pool: ApiGroupVersion) -> bool {
        self.watched_pool_api == Some(pool)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// versions.md §B row 38: PeerAuthentication is stored as v1 from Istio 1.28.
    #[test]
    fn peer_authentication_storage_per_istio_release() {
        let storage = |version: IstioVersion| version.profile().peer_authentication_storage;
        assert_eq!(storage(IstioVersion::V1_27), Some("v1beta1"));
        for version in [
            IstioVersion::V1_28,
            IstioVersion::V1_29,
            IstioVersion::V1_30,
        ] {
            assert_eq!(storage(version), Some("v1"), "{version}");
        }
    }

    #[test]
    fn rows_are_in_version_order() {
        for version in IstioVersion::ALL {
            assert_eq!(version.profile().version, *version);
        }
    }

    #[test]
    fn pool_api_per_version() {
        assert_eq!(IstioVersion::V1_26.profile().watched_pool_api, None);
        assert_eq!(
            IstioVersion::V1_27.profile().watched_pool_api,
            Some(POOL_X_K8S_V1ALPHA2)
        );
        for version in [
            IstioVersion::V1_28,
            IstioVersion::V1_29,
            IstioVersion::V1_30,
        ] {
            assert_eq!(version.profile().watched_pool_api, Some(POOL_K8S_V1));
        }
    }

    #[test]
    fn route_ext_proc_and_trailer_modes_per_version() {
        assert!(!IstioVersion::V1_26.profile().writes_route_ext_proc());
        let mode_1_27 = IstioVersion::V1_27.profile().route_processing_mode.unwrap();
        assert_eq!(
            mode_1_27.request_body_mode,
            Some(BodyMode::FullDuplexStreamed)
        );
        assert_eq!(mode_1_27.request_trailer_mode, None);
        for version in [
            IstioVersion::V1_28,
            IstioVersion::V1_29,
            IstioVersion::V1_30,
        ] {
            let mode = version.profile().route_processing_mode.unwrap();
            assert_eq!(mode.request_trailer_mode, Some(HeaderMode::Send));
            assert_eq!(mode.response_trailer_mode, Some(HeaderMode::Send));
            assert!(mode.full_duplex_without_trailers().is_empty());
        }
    }

    #[test]
    fn waypoint_context_from_1_29() {
        let with: Vec<_> = IstioVersion::ALL
            .iter()
            .filter(|v| v.profile().envoy_filter_waypoint_context)
            .collect();
        assert_eq!(with, [&IstioVersion::V1_29, &IstioVersion::V1_30]);
    }
}
