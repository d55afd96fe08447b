//! Istio's EnvoyFilter that sets the ext_proc processing modes on the InferencePool routes.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::{Deserialize, Serialize};

use crate::model::{self, Pattern};
use crate::spec::PatchOperation;
use crate::target::{ENVOY_FILTER_API_VERSION, ProcessingMode};

/// The filter name Istio gives ext_proc in `typed_per_filter_config`.
pub const EXT_PROC_FILTER: &str = "envoy.filters.http.ext_proc";
/// The type URL of the per-route ext_proc override.
pub const EXT_PROC_PER_ROUTE: &str =
    "type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExtProcPerRoute";

/// A `networking.istio.io/v1alpha3` EnvoyFilter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyFilter {
    /// `networking.istio.io/v1alpha3`.
    pub api_version: String,
    /// `EnvoyFilter`.
    pub kind: String,
    /// Name, namespace (the gateway's), labels.
    pub metadata: ObjectMeta,
    /// The gateway selector and the patches.
    pub spec: EnvoyFilterSpec,
}

/// The EnvoyFilter spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyFilterSpec {
    /// Selects the gateway pods.
    pub workload_selector: WorkloadSelector,
    /// One patch per route.
    pub config_patches: Vec<ConfigPatch>,
}

/// Pods by label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkloadSelector {
    /// Labels to match.
    pub labels: BTreeMap<String, String>,
}

/// One configuration patch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigPatch {
    /// `HTTP_ROUTE`.
    pub apply_to: String,
    /// Which route.
    #[serde(rename = "match")]
    pub match_: PatchMatch,
    /// What to do to it.
    pub patch: Patch,
}

/// Where a patch applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PatchMatch {
    /// `GATEWAY`.
    pub context: String,
    /// The route configuration match.
    pub route_configuration: RouteConfigurationMatch,
}

/// A route configuration match, down to one route by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RouteConfigurationMatch {
    /// The virtual host.
    pub vhost: VirtualHostMatch,
}

/// A virtual host match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VirtualHostMatch {
    /// The route.
    pub route: RouteMatch,
}

/// A route by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RouteMatch {
    /// Istio's route name: `<namespace>.<httproute>.<rule index>` for unnamed rules, the rule name for named ones.
    pub name: String,
}

/// The patch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Patch {
    /// `MERGE` or `REPLACE`.
    pub operation: String,
    /// The route fragment to apply.
    pub value: RoutePatch,
}

/// The part of an Envoy route that the patch sets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoutePatch {
    /// Per-filter configuration by filter name.
    pub typed_per_filter_config: BTreeMap<String, ExtProcPerRoute>,
}

/// `envoy.extensions.filters.http.ext_proc.v3.ExtProcPerRoute`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtProcPerRoute {
    /// The type URL.
    #[serde(rename = "@type")]
    pub type_url: String,
    /// The overrides.
    pub overrides: ExtProcOverrides,
}

/// `ExtProcOverrides`, as far as p3gen sets it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtProcOverrides {
    /// The processing mode.
    pub processing_mode: ProcessingMode,
}

/// Renders the EnvoyFilter into the gateway's namespace.
pub fn render(pattern: &Pattern, filter: &model::EnvoyFilter) -> EnvoyFilter {
    let modes = &filter.modes;
    let processing_mode = ProcessingMode {
        request_header_mode: Some(*modes.request_header.get()),
        response_header_mode: Some(*modes.response_header.get()),
        request_body_mode: Some(*modes.request_body.get()),
        response_body_mode: Some(*modes.response_body.get()),
        request_trailer_mode: modes.request_trailer.as_ref().map(|m| *m.get()),
        response_trailer_mode: modes.response_trailer.as_ref().map(|m| *m.get()),
    };
    let operation = match filter.operation.get() {
        PatchOperation::Merge => "MERGE",
        PatchOperation::Replace => "REPLACE",
    };
    let config_patches = filter
        .route_names
        .iter()
        .map(|route| ConfigPatch {
            apply_to: "HTTP_ROUTE".to_owned(),
            match_: PatchMatch {
                context: "GATEWAY".to_owned(),
                route_configuration: RouteConfigurationMatch {
                    vhost: VirtualHostMatch {
                        route: RouteMatch {
                            name: route.clone(),
                        },
                    },
                },
            },
            patch: Patch {
                operation: operation.to_owned(),
                value: RoutePatch {
                    typed_per_filter_config: BTreeMap::from([(
                        EXT_PROC_FILTER.to_owned(),
                        ExtProcPerRoute {
                            type_url: EXT_PROC_PER_ROUTE.to_owned(),
                            overrides: ExtProcOverrides { processing_mode },
                        },
                    )]),
                },
            },
        })
        .collect();
    EnvoyFilter {
        api_version: ENVOY_FILTER_API_VERSION.to_owned(),
        kind: "EnvoyFilter".to_owned(),
        metadata: super::metadata(
            filter.name.get(),
            pattern.gateway.namespace.get(),
            &BTreeMap::new(),
        ),
        spec: EnvoyFilterSpec {
            workload_selector: WorkloadSelector {
                labels: pattern.gateway.pod_labels(),
            },
            config_patches,
        },
    }
}
