//! Checks the tables against the upstream CRDs and the reference manifests in `shared/`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};

use serde_json::Value;

use super::*;

/// The `shared/` directory: `$P3GEN_SHARED` (as in `.ci/run`), or the one beside the crate or beside
/// one of its ancestors.
fn shared_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("P3GEN_SHARED") {
        return PathBuf::from(dir);
    }
    let start = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    start
        .ancestors()
        .map(|dir| dir.join("shared"))
        .find(|dir| dir.join("crds").join("README.md").is_file())
        .unwrap_or_else(|| panic!("no shared/crds above {}", start.display()))
}

fn read_yaml(relative: &str) -> Value {
    let path = shared_dir().join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// CRDs parsed so far: the LLMInferenceService CRDs are megabytes, so each is parsed once.
static CRDS: LazyLock<Mutex<BTreeMap<String, Arc<Value>>>> = LazyLock::new(Mutex::default);

fn crd(file: &str) -> Arc<Value> {
    let mut cache = CRDS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    cache
        .entry(file.to_string())
        .or_insert_with(|| Arc::new(read_yaml(&format!("crds/{file}"))))
        .clone()
}

/// The entry of `spec.versions` named `version`.
fn crd_version<'a>(crd: &'a Value, version: &str) -> &'a Value {
    crd["spec"]["versions"]
        .as_array()
        .and_then(|versions| versions.iter().find(|v| v["name"] == version))
        .unwrap_or_else(|| panic!("CRD {} has no version {version}", crd["metadata"]["name"]))
}

fn storage_version(crd: &Value) -> String {
    crd["spec"]["versions"]
        .as_array()
        .and_then(|versions| versions.iter().find(|v| v["storage"] == true))
        .and_then(|v| v["name"].as_str())
        .unwrap_or_default()
        .to_string()
}

/// `properties.a.properties.b…` under a version's OpenAPI schema.
fn schema_at<'a>(version: &'a Value, path: &[&str]) -> &'a Value {
    let mut node = &version["schema"]["openAPIV3Schema"];
    for key in path {
        node = &node["properties"][key];
    }
    node
}

#[test]
fn llmisvc_crds_serve_the_emitted_version_and_store_the_documented_one() {
    for target in KserveTarget::ALL {
        let profile = target.profile();
        let crd = crd(&profile.llmisvc_crd_file());
        let (group, version) = profile
            .llmisvc_api_version
            .split_once('/')
            .unwrap_or_default();
        assert_eq!(crd["spec"]["group"], group, "{target}");
        assert_eq!(crd_version(&crd, version)["served"], true, "{target}");
        assert_eq!(
            storage_version(&crd),
            profile.llmisvc_storage_version,
            "{target}"
        );
    }
}

#[test]
fn scheduler_config_and_replicas_exist_exactly_where_the_table_says() {
    for target in KserveTarget::ALL {
        let profile = target.profile();
        let crd = crd(&profile.llmisvc_crd_file());
        let (_, version) = profile
            .llmisvc_api_version
            .split_once('/')
            .unwrap_or_default();
        let scheduler = schema_at(crd_version(&crd, version), &["spec", "router", "scheduler"]);
        assert!(scheduler["properties"]["template"].is_object(), "{target}");
        let replicas = &scheduler["properties"]["replicas"];
        assert_eq!(replicas.is_object(), profile.scheduler_replicas, "{target}");
        let config = &scheduler["properties"]["config"];
        assert_eq!(config.is_object(), profile.scheduler_config, "{target}");
        if profile.scheduler_config {
            let inline = &config["properties"]["inline"];
            assert_eq!(
                inline["type"], "object",
                "{target}: inline must be a mapping"
            );
            assert_eq!(
                inline["x-kubernetes-preserve-unknown-fields"], true,
                "{target}"
            );
        }
    }
}

#[test]
fn inference_pool_apis_match_the_gie_crds() {
    for (file, api) in [
        (
            "gaie-v0.5.1_inference.networking.x-k8s.io_inferencepools.yaml",
            POOL_X_K8S_V1ALPHA2,
        ),
        (
            "gaie-v1.6.0_inference.networking.k8s.io_inferencepools.yaml",
            POOL_K8S_V1,
        ),
    ] {
        let crd = crd(file);
        assert_eq!(crd["spec"]["group"], api.group);
        assert_eq!(crd_version(&crd, api.version)["served"], true);
    }
    for target in KserveTarget::ALL {
        let pool = target.profile().inference_pool;
        assert!(
            pool == POOL_X_K8S_V1ALPHA2 || pool == POOL_K8S_V1,
            "{target}"
        );
    }
}

#[test]
fn http_route_layouts_fit_the_gateway_api_crd() {
    let crd = crd("gateway-api-v1.6.1-standard_gateway.networking.k8s.io_httproutes.yaml");
    let rules = schema_at(crd_version(&crd, "v1"), &["spec", "rules"]);
    let max = rules["maxItems"].as_u64().unwrap_or_default();
    assert_eq!(max, 16);
    assert!(rules["items"]["properties"]["name"].is_object());
    for target in KserveTarget::ALL {
        assert!(
            target.profile().http_route.rule_count as u64 <= max,
            "{target}"
        );
    }
}

#[test]
fn istio_1_30_row_matches_the_istio_1_30_3_crds() {
    let profile = IstioVersion::V1_30.profile();
    let peer = crd("istio-1.30.3_peerauthentications.security.istio.io.yaml");
    assert_eq!(
        Some(storage_version(&peer).as_str()),
        profile.peer_authentication_storage
    );
    let (group, version) = PEER_AUTHENTICATION_API_VERSION
        .split_once('/')
        .unwrap_or_default();
    assert_eq!(peer["spec"]["group"], group);
    assert_eq!(crd_version(&peer, version)["served"], true);

    let filter = crd("istio-1.30.3_envoyfilters.networking.istio.io.yaml");
    let (_, version) = ENVOY_FILTER_API_VERSION.split_once('/').unwrap_or_default();
    let contexts = &schema_at(crd_version(&filter, version), &["spec", "configPatches"])["items"]["properties"]
        ["match"]["properties"]["context"]["enum"];
    let has_waypoint = contexts
        .as_array()
        .is_some_and(|values| values.iter().any(|v| v == "WAYPOINT"));
    assert!(contexts.is_array(), "context enum not found");
    assert_eq!(has_waypoint, profile.envoy_filter_waypoint_context);
}

#[test]
fn reference_envoy_filter_patches_the_odh_pool_routes() {
    let llmisvc = read_yaml("reference/pattern3-istio-kserve/llmisvc-tpu-pattern3.yaml");
    let name = llmisvc["metadata"]["name"].as_str().unwrap_or_default();
    let namespace = llmisvc["metadata"]["namespace"]
        .as_str()
        .unwrap_or_default();
    let filter = read_yaml("reference/pattern3-istio-kserve/envoyfilter-route-extproc-body.yaml");
    let patched: Vec<&str> = filter["spec"]["configPatches"]
        .as_array()
        .map(|patches| {
            patches
                .iter()
                .filter_map(|p| p["match"]["routeConfiguration"]["vhost"]["route"]["name"].as_str())
                .collect()
        })
        .unwrap_or_default();
    let expected: Vec<String> = route_names(KserveTarget::Odh015, namespace, name)
        .into_iter()
        .filter(RouteRule::is_patchable)
        .map(|r| r.route_name)
        .collect();
    assert_eq!(patched, expected);
}

#[test]
fn reference_processing_mode_parses_and_differs_from_the_default() {
    let filter = read_yaml("reference/pattern3-istio-kserve/envoyfilter-route-extproc-body.yaml");
    let mode = &filter["spec"]["configPatches"][0]["patch"]["value"]["typed_per_filter_config"]["envoy.filters.http.ext_proc"]
        ["overrides"]["processing_mode"];
    let mode: ProcessingMode = serde_json::from_value(mode.clone()).unwrap_or_default();
    assert_eq!(mode.request_body_mode, Some(BodyMode::Buffered));
    assert_eq!(mode.response_body_mode, Some(BodyMode::None));
    assert_ne!(
        mode,
        default_body_modes(KserveTarget::Odh015, IstioVersion::V1_27)
    );
}
