//! Validating the reference manifests and broken copies against CRD and core schemas.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use p3gen::manifest::{Document, load_paths};
use p3gen::output::schema::{
    CrdSchemas, SchemaError, SchemaSource, TypeMeta, Validator, Validity, Violation, load_crd_dir,
    load_crd_files,
};
use serde_json::{Value, json};

const KSERVE_16: &str = "0.16.0";
const KSERVE_20: &str = "0.20.0";

/// The CRDs of the shared directory, with the KServe files of one version only.
fn crds_for(kserve: &str) -> &'static CrdSchemas {
    static KSERVE_16_CRDS: OnceLock<CrdSchemas> = OnceLock::new();
    static KSERVE_20_CRDS: OnceLock<CrdSchemas> = OnceLock::new();
    let cell = if kserve == KSERVE_16 {
        &KSERVE_16_CRDS
    } else {
        &KSERVE_20_CRDS
    };
    cell.get_or_init(|| {
        let prefix = format!("kserve-v{kserve}_");
        let keep = |name: &str| !name.starts_with("kserve-") || name.starts_with(&prefix);
        CrdSchemas::load_dir_filtered(&common::crd_dir(), keep)
            .unwrap_or_else(|error| panic!("{error}"))
    })
}

/// A validator for the core kinds and the CRDs of one KServe version, built once per run.
fn validator(kserve: &str) -> &'static Validator {
    static KSERVE_16_VALIDATOR: OnceLock<Validator> = OnceLock::new();
    static KSERVE_20_VALIDATOR: OnceLock<Validator> = OnceLock::new();
    let cell = if kserve == KSERVE_16 {
        &KSERVE_16_VALIDATOR
    } else {
        &KSERVE_20_VALIDATOR
    };
    cell.get_or_init(|| Validator::new(crds_for(kserve)).unwrap_or_else(|error| panic!("{error}")))
}

fn load(path: &Path) -> Vec<Document> {
    load_paths(&[path.to_path_buf()]).unwrap_or_else(|error| panic!("{error}"))
}

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schema")
        .join(relative)
}

fn fixture_object(relative: &str) -> Value {
    let documents = load(&fixture(relative));
    assert_eq!(documents.len(), 1, "{relative}");
    documents[0].value.clone()
}

fn reference_object(kind: &str) -> Value {
    load(&common::reference_dir())
        .into_iter()
        .find(|document| document.kind() == Some(kind))
        .map(|document| document.value)
        .unwrap_or_else(|| panic!("no {kind} in the reference"))
}

fn violation(pointer: &str, message: &str) -> Violation {
    Violation {
        pointer: pointer.to_owned(),
        message: message.to_owned(),
    }
}

fn set(object: &mut Value, pointer: &str, value: Value) {
    match object.pointer_mut(pointer) {
        Some(slot) => *slot = value,
        None => panic!("no node at {pointer}"),
    }
}

fn insert(object: &mut Value, pointer: &str, key: &str, value: Value) {
    match object.pointer_mut(pointer).and_then(Value::as_object_mut) {
        Some(map) => {
            map.insert(key.to_owned(), value);
        }
        None => panic!("no mapping at {pointer}"),
    }
}

#[test]
fn every_reference_manifest_is_valid_with_both_kserve_versions() {
    for kserve in [KSERVE_16, KSERVE_20] {
        let validator = validator(kserve);
        let documents = load(&common::reference_dir());
        assert_eq!(documents.len(), 6);
        for document in &documents {
            assert_eq!(
                validator.validate(&document.value),
                Validity::Valid,
                "{} with KServe {kserve}",
                document.file.display()
            );
        }
    }
}

#[test]
fn schemas_come_from_the_expected_sources() {
    let validator = validator(KSERVE_16);
    let source_file =
        |api_version: &str, kind: &str| match validator.source(&TypeMeta::new(api_version, kind)) {
            Some(SchemaSource::Crd(file)) => file
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default(),
            Some(SchemaSource::Core) => "core".to_owned(),
            None => "none".to_owned(),
        };
    assert_eq!(
        source_file("networking.istio.io/v1alpha3", "EnvoyFilter"),
        "istio-1.30.3_envoyfilters.networking.istio.io.yaml"
    );
    assert_eq!(
        source_file("serving.kserve.io/v1alpha1", "LLMInferenceService"),
        "kserve-v0.16.0_serving.kserve.io_llminferenceservices.yaml"
    );
    assert_eq!(source_file("networking.k8s.io/v1", "NetworkPolicy"), "core");
    assert_eq!(source_file("apps/v1", "Deployment"), "core");
    assert_eq!(
        source_file("security.istio.io/v1beta1", "PeerAuthentication"),
        "istio-1.30.3_peerauthentications.security.istio.io.yaml"
    );
    assert_eq!(
        source_file("serving.kserve.io/v1alpha2", "LLMInferenceService"),
        "none"
    );
}

#[test]
fn the_crd_directory_yields_every_served_version() {
    let types: Vec<String> = crds_for(KSERVE_20)
        .types()
        .map(TypeMeta::to_string)
        .collect();
    assert_eq!(
        types,
        [
            "gateway.networking.k8s.io/v1 HTTPRoute",
            "gateway.networking.k8s.io/v1beta1 HTTPRoute",
            "inference.networking.k8s.io/v1 InferencePool",
            "inference.networking.x-k8s.io/v1alpha2 InferenceModel",
            "inference.networking.x-k8s.io/v1alpha2 InferencePool",
            "monitoring.coreos.com/v1 PodMonitor",
            "monitoring.coreos.com/v1 ServiceMonitor",
            "networking.istio.io/v1alpha3 EnvoyFilter",
            "security.istio.io/v1 PeerAuthentication",
            "security.istio.io/v1beta1 PeerAuthentication",
            "serving.kserve.io/v1alpha1 LLMInferenceService",
            "serving.kserve.io/v1alpha1 LLMInferenceServiceConfig",
            "serving.kserve.io/v1alpha2 LLMInferenceService",
            "serving.kserve.io/v1alpha2 LLMInferenceServiceConfig",
        ]
    );
}

#[test]
fn loading_both_kserve_versions_at_once_is_refused() {
    match load_crd_dir(&common::crd_dir()) {
        Err(SchemaError::DuplicateVersion {
            type_meta,
            first,
            second,
        }) => {
            assert_eq!(type_meta.api_version, "serving.kserve.io/v1alpha1");
            assert!(first.to_string_lossy().contains("kserve-v0.16.0_"));
            assert!(second.to_string_lossy().contains("kserve-v0.20.0_"));
        }
        Err(other) => panic!("unexpected error: {other}"),
        Ok(_) => panic!("two KServe versions must not load together"),
    }
}

#[test]
fn broken_fixtures_fail_at_the_right_pointer() {
    let cases = [
        (
            "invalid/llmisvc-replicas-string.yaml",
            violation("/spec/replicas", "\"3\" is not of type \"integer\""),
        ),
        (
            "invalid/llmisvc-unknown-spec-field.yaml",
            violation("/spec/replicaCount", "unknown field \"replicaCount\""),
        ),
        (
            "invalid/llmisvc-metadata-typo.yaml",
            violation("/metadata/lables", "unknown field \"lables\""),
        ),
        (
            "invalid/networkpolicy-unknown-rule-field.yaml",
            violation("/spec/ingress/0/fromm", "unknown field \"fromm\""),
        ),
        (
            "invalid/networkpolicy-port-float.yaml",
            violation(
                "/spec/ingress/0/ports/0/port",
                "80.5 is not of type \"integer\" or \"string\"",
            ),
        ),
        (
            "invalid/networkpolicy-metadata-typo.yaml",
            violation("/metadata/lables", "unknown field \"lables\""),
        ),
        (
            "invalid/envoyfilter-unknown-context.yaml",
            violation(
                "/spec/configPatches/0/match/context",
                "\"GATEWAYS\" is not one of \"ANY\", \"SIDECAR_INBOUND\" or 3 other candidates",
            ),
        ),
        (
            "invalid/deployment-replicas-string.yaml",
            violation("/spec/replicas", "\"3\" is not of type \"integer\""),
        ),
        (
            "invalid/service-unknown-port-field.yaml",
            violation("/spec/ports/0/targetport", "unknown field \"targetport\""),
        ),
    ];
    for kserve in [KSERVE_16, KSERVE_20] {
        for (file, expected) in &cases {
            let validity = validator(kserve).validate(&fixture_object(file));
            assert_eq!(
                validity,
                Validity::Invalid(vec![expected.clone()]),
                "{file}"
            );
        }
    }
}

#[test]
fn valid_fixtures_pass_including_every_core_kind() {
    for file in [
        "valid/core-kinds.yaml",
        "valid/networkpolicy-named-port.yaml",
    ] {
        let documents = load(&fixture(file));
        for document in &documents {
            assert_eq!(
                validator(KSERVE_16).validate(&document.value),
                Validity::Valid,
                "{file} {:?}",
                document.name()
            );
        }
    }
    let documents = load(&fixture("valid/core-kinds.yaml"));
    let kinds: Vec<&str> = documents
        .iter()
        .filter_map(|document| document.kind())
        .collect();
    assert_eq!(
        kinds,
        [
            "Namespace",
            "ServiceAccount",
            "ConfigMap",
            "Secret",
            "PodDisruptionBudget",
            "PodDisruptionBudget",
            "Service",
            "Deployment"
        ]
    );
}

#[test]
fn broken_copies_of_the_reference_fail_where_they_were_broken() {
    let validator = validator(KSERVE_16);

    let mut llmisvc = reference_object("LLMInferenceService");
    set(&mut llmisvc, "/spec/replicas", json!("3"));
    insert(
        &mut llmisvc,
        "/spec/router/scheduler",
        "scorerWeights",
        json!({"prefix": 3}),
    );
    assert_eq!(
        validator.validate(&llmisvc),
        Validity::Invalid(vec![
            violation("/spec/replicas", "\"3\" is not of type \"integer\""),
            violation(
                "/spec/router/scheduler/scorerWeights",
                "unknown field \"scorerWeights\""
            ),
        ])
    );

    let mut tpu = reference_object("LLMInferenceService");
    set(
        &mut tpu,
        "/spec/template/containers/0/resources/limits/google.com~1tpu",
        json!(true),
    );
    assert_eq!(
        validator.validate(&tpu),
        Validity::Invalid(vec![violation(
            "/spec/template/containers/0/resources/limits/google.com~1tpu",
            "true is not of type \"integer\" or \"string\""
        )])
    );

    let mut policy = reference_object("NetworkPolicy");
    insert(
        &mut policy,
        "/spec/ingress/0/ports/0",
        "portRange",
        json!("9000-9010"),
    );
    assert_eq!(
        validator.validate(&policy),
        Validity::Invalid(vec![violation(
            "/spec/ingress/0/ports/0/portRange",
            "unknown field \"portRange\""
        )])
    );

    let mut named_port = reference_object("NetworkPolicy");
    set(
        &mut named_port,
        "/spec/ingress/0/ports/0/port",
        json!("abc"),
    );
    assert_eq!(validator.validate(&named_port), Validity::Valid);

    let mut filter = reference_object("EnvoyFilter");
    insert(
        &mut filter,
        "/spec/configPatches/0/patch",
        "operaton",
        json!("MERGE"),
    );
    // Below `patch.value` any field is allowed (it is a free-form Envoy struct).
    insert(
        &mut filter,
        "/spec/configPatches/0/patch/value",
        "anything",
        json!({"x": 1}),
    );
    assert_eq!(
        validator.validate(&filter),
        Validity::Invalid(vec![violation(
            "/spec/configPatches/0/patch/operaton",
            "unknown field \"operaton\""
        )])
    );
}

#[test]
fn violations_can_be_located_in_the_source_file() {
    let file = fixture("invalid/networkpolicy-unknown-rule-field.yaml");
    let documents = load(&file);
    let Validity::Invalid(violations) = validator(KSERVE_16).validate(&documents[0].value) else {
        panic!("the fixture must be invalid");
    };
    let key = documents[0].locate_key(&violations[0].pointer);
    assert_eq!(key.map(|p| (p.line, p.column)), Some((12, 5)));
}

#[test]
fn scheduler_config_inline_needs_kserve_0_20() {
    let object = fixture_object("kserve-0.20-only/llmisvc-scheduler-config-inline.yaml");
    assert_eq!(validator(KSERVE_20).validate(&object), Validity::Valid);
    assert_eq!(
        validator(KSERVE_16).validate(&object),
        Validity::Invalid(vec![violation(
            "/spec/router/scheduler/config",
            "unknown field \"config\""
        )])
    );
    let mut with_ref = object.clone();
    set(
        &mut with_ref,
        "/spec/router/scheduler/config",
        json!({"ref": {"name": "epp-config"}}),
    );
    assert_eq!(
        validator(KSERVE_20).validate(&with_ref),
        Validity::Invalid(vec![violation(
            "/spec/router/scheduler/config/ref",
            "\"key\" is a required property"
        )])
    );
}

#[test]
fn v1alpha2_objects_use_the_v1alpha2_schema() {
    let object = fixture_object("kserve-0.20-only/llmisvc-v1alpha2-kv-cache-offloading.yaml");
    assert_eq!(validator(KSERVE_20).validate(&object), Validity::Valid);

    let mut as_v1alpha1 = object.clone();
    set(
        &mut as_v1alpha1,
        "/apiVersion",
        json!("serving.kserve.io/v1alpha1"),
    );
    assert_eq!(
        validator(KSERVE_20).validate(&as_v1alpha1),
        Validity::Invalid(vec![violation(
            "/spec/kvCacheOffloading",
            "unknown field \"kvCacheOffloading\""
        )])
    );

    assert_eq!(
        validator(KSERVE_16).validate(&object),
        Validity::NoSchema(TypeMeta::new(
            "serving.kserve.io/v1alpha2",
            "LLMInferenceService"
        ))
    );
}

#[test]
fn objects_without_a_usable_type_are_reported() {
    let validator = validator(KSERVE_16);
    assert_eq!(
        validator.validate(&json!({"apiVersion": "example.com/v1", "kind": "Widget"})),
        Validity::NoSchema(TypeMeta::new("example.com/v1", "Widget"))
    );
    assert_eq!(
        validator.validate(&json!({"kind": "ConfigMap", "metadata": {"name": "x"}})),
        Validity::Invalid(vec![violation("/apiVersion", "apiVersion is required")])
    );
    assert_eq!(
        validator.validate(&json!({"apiVersion": "v1", "kind": 3})),
        Validity::Invalid(vec![violation("/kind", "3 is not of type \"string\"")])
    );
    assert_eq!(
        validator.validate(&json!(["not", "an", "object"])),
        Validity::Invalid(vec![violation("", "a Kubernetes object must be a mapping")])
    );
}

#[test]
fn crds_as_kubectl_prints_them_load_too() {
    let crd_file =
        common::crd_dir().join("istio-1.30.3_peerauthentications.security.istio.io.yaml");
    let mut crd = load(&crd_file).remove(0).value;
    // What `kubectl get crd -o yaml` adds around the published definition.
    insert(&mut crd, "/metadata", "resourceVersion", json!("12345"));
    insert(
        &mut crd,
        "/metadata",
        "uid",
        json!("0f0e0d0c-0000-4000-8000-000000000000"),
    );
    insert(
        &mut crd,
        "/metadata",
        "creationTimestamp",
        json!("2026-01-01T00:00:00Z"),
    );
    insert(
        &mut crd,
        "/metadata",
        "managedFields",
        json!([{"manager": "kubectl", "operation": "Apply"}]),
    );
    insert(
        &mut crd,
        "",
        "status",
        json!({
            "acceptedNames": {"kind": "PeerAuthentication", "plural": "peerauthentications"},
            "conditions": [{"type": "Established", "status": "True"}],
            "storedVersions": ["v1"],
        }),
    );
    let list = json!({"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": [crd]});
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("kubectl-crds");
    std::fs::create_dir_all(&dir).unwrap_or_else(|error| panic!("{error}"));
    let path = dir.join("peerauthentications.yaml");
    let text = serde_saphyr::to_string(&list).unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(&path, text).unwrap_or_else(|error| panic!("{error}"));

    let crds =
        load_crd_files(std::slice::from_ref(&path)).unwrap_or_else(|error| panic!("{error}"));
    let types: Vec<String> = crds.types().map(TypeMeta::to_string).collect();
    assert_eq!(
        types,
        [
            "security.istio.io/v1 PeerAuthentication",
            "security.istio.io/v1beta1 PeerAuthentication"
        ]
    );
    assert_eq!(
        crds.file(&TypeMeta::new("security.istio.io/v1", "PeerAuthentication")),
        Some(path.as_path())
    );
    let validator = Validator::new(&crds).unwrap_or_else(|error| panic!("{error}"));
    let strict = json!({
        "apiVersion": "security.istio.io/v1",
        "kind": "PeerAuthentication",
        "metadata": {"name": "default", "namespace": "llm-d-inference-scheduling"},
        "spec": {"mtls": {"mode": "STRICT"}},
    });
    assert_eq!(validator.validate(&strict), Validity::Valid);
    let mut wrong_mode = strict.clone();
    set(&mut wrong_mode, "/spec/mtls/mode", json!("STRICTER"));
    assert!(
        matches!(validator.validate(&wrong_mode), Validity::Invalid(found)
        if found.len() == 1 && found[0].pointer == "/spec/mtls/mode")
    );
}

#[test]
fn a_malformed_crd_is_an_error_naming_the_file() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("malformed-crd");
    std::fs::create_dir_all(&dir).unwrap_or_else(|error| panic!("{error}"));
    let path = dir.join("broken.yaml");
    let text = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  names: {kind: Widget}\n  versions: []\n";
    std::fs::write(&path, text).unwrap_or_else(|error| panic!("{error}"));
    match load_crd_files(std::slice::from_ref(&path)) {
        Err(SchemaError::MalformedCrd {
            file,
            name,
            message,
        }) => {
            assert_eq!(file, path);
            assert_eq!(name, "widgets.example.com");
            assert!(message.contains("group"), "{message}");
        }
        Err(other) => panic!("unexpected error: {other}"),
        Ok(_) => panic!("a CRD without spec.group must be refused"),
    }
}

#[test]
fn unserved_versions_are_skipped() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("unserved-crd");
    std::fs::create_dir_all(&dir).unwrap_or_else(|error| panic!("{error}"));
    let path = dir.join("widgets.yaml");
    let text = "\
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
  - name: v0
    served: false
    storage: false
    schema:
      openAPIV3Schema: {type: object}
";
    std::fs::write(&path, text).unwrap_or_else(|error| panic!("{error}"));
    let crds = load_crd_files(&[path]).unwrap_or_else(|error| panic!("{error}"));
    let types: Vec<String> = crds.types().map(TypeMeta::to_string).collect();
    assert_eq!(types, ["example.com/v1 Widget"]);
    let validator = Validator::new(&crds).unwrap_or_else(|error| panic!("{error}"));
    let widget = json!({
        "apiVersion": "example.com/v1", "kind": "Widget",
        "metadata": {"name": "w", "labels": {"a": "b"}, "annotations": {"n": 1}},
        "spec": {"size": 2, "colour": "red"},
    });
    assert_eq!(
        validator.validate(&widget),
        Validity::Invalid(vec![
            violation("/metadata/annotations/n", "1 is not of type \"string\""),
            violation("/spec/colour", "unknown field \"colour\""),
        ])
    );
}

#[test]
fn one_validator_validates_thousands_of_objects() {
    // How fast is measured by `cargo bench --bench validate`, not here.
    let validator = validator(KSERVE_16);
    let documents = load(&common::reference_dir());
    let objects: Vec<&Value> = (0..1000)
        .flat_map(|_| documents.iter().map(|document| &document.value))
        .collect();
    assert_eq!(objects.len(), 6000);
    let valid = objects
        .iter()
        .filter(|object| validator.validate(object).is_valid())
        .count();
    assert_eq!(valid, 6000);
}

#[test]
fn a_validator_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Validator>();
    assert_send_sync::<CrdSchemas>();
}
