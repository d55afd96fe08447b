//! Tests of the semantic diff over the reviewed Pattern 3 reference manifests and small hand-made objects.

use std::path::PathBuf;

use serde_json::{Value, json};

use super::*;

/// Finds `shared/reference/pattern3-istio-kserve` in the crate directory or one of its ancestors.
fn reference_dir() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .ancestors()
        .map(|dir| dir.join("shared/reference/pattern3-istio-kserve"))
        .find(|dir| dir.is_dir())
        .expect("shared/reference/pattern3-istio-kserve next to the crate or above it")
}

/// The reference files, by path relative to the reference directory.
const REFERENCE_FILES: [&str; 6] = [
    "envoyfilter-route-extproc-body.yaml",
    "llmisvc-tpu-pattern3.yaml",
    "networkpolicies/allow-epp-scheduler.yaml",
    "networkpolicies/allow-gateway-to-vllm.yaml",
    "networkpolicies/allow-istio.yaml",
    "networkpolicies/allow-vllm-egress.yaml",
];

fn read_reference(file: &str) -> String {
    std::fs::read_to_string(reference_dir().join(file)).expect("reference file is readable")
}

/// Parses multi-document YAML into manifests that all name `source`.
fn load(source: &str, text: &str) -> Vec<Manifest> {
    parse_multi_doc(text)
        .expect("test YAML parses")
        .into_iter()
        .map(|value| Manifest {
            source: source.to_owned(),
            value,
        })
        .collect()
}

/// All reference manifests, one source per file.
fn reference_set() -> Vec<Manifest> {
    REFERENCE_FILES
        .iter()
        .flat_map(|file| load(file, &read_reference(file)))
        .collect()
}

fn manifest(source: &str, value: Value) -> Manifest {
    Manifest {
        source: source.to_owned(),
        value,
    }
}

fn statuses(report: &DiffReport) -> Vec<(String, Status)> {
    report
        .objects
        .iter()
        .map(|object| (object.key.path(), object.status))
        .collect()
}

/// `allow-istio.yaml` written with other key order, other comments and flow style in places.
const ALLOW_ISTIO_REORDERED: &str = r#"
# same object, keys in another order
spec:
  egress:
  - ports: [{port: 15012, protocol: TCP}, {protocol: TCP, port: 15017}]
    to:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: istio-system}}
  policyTypes: [Ingress, Egress]
  podSelector: {}
  ingress:
  - ports:
    - port: 15012   # a different comment
      protocol: TCP
    - protocol: TCP
      port: 15017
    from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: istio-system
metadata:
  namespace: llm-d-inference-scheduling
  labels:
    app.kubernetes.io/part-of: llm-d-pattern3
    app.kubernetes.io/component: istio
    app.kubernetes.io/name: networkpolicy
  name: allow-istio-control-plane-pattern3
kind: NetworkPolicy
apiVersion: networking.k8s.io/v1
"#;

#[test]
fn identical_sets_in_other_document_and_key_order_have_no_difference() {
    let old = reference_set();
    // One multi-document file, documents in reverse order, allow-istio rewritten with other key order.
    let mut documents: Vec<String> = REFERENCE_FILES
        .iter()
        .filter(|file| !file.ends_with("allow-istio.yaml"))
        .map(|file| read_reference(file))
        .collect();
    documents.insert(2, ALLOW_ISTIO_REORDERED.to_owned());
    documents.reverse();
    let new = load("bundle.yaml", &documents.join("\n---\n"));
    assert_eq!(new.len(), 6);

    let report = diff(&old, &new).expect("diff succeeds");
    assert!(!report.has_differences(), "{}", format_text(&report, false));
    assert_eq!(
        report.summary(),
        Summary {
            changed: 0,
            added: 0,
            removed: 0,
            unchanged: 6
        }
    );
    assert!(report.objects.iter().all(|o| o.unified_diff.is_none()));
    assert_eq!(
        format_text(&report, false),
        "0 objects changed, 0 added, 0 removed, 6 unchanged\n"
    );
}

#[test]
fn objects_are_listed_in_identity_order() {
    let report = diff(&reference_set(), &[]).expect("diff succeeds");
    let keys: Vec<&ObjectKey> = report.objects.iter().map(|o| &o.key).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let paths: Vec<String> = report.objects.iter().map(|o| o.key.to_string()).collect();
    assert_eq!(
        paths,
        vec![
            "networking.istio.io/v1alpha3 EnvoyFilter/opendatahub/inference-pool-route-body-forwarding-pattern3",
            "networking.k8s.io/v1 NetworkPolicy/llm-d-inference-scheduling/allow-gateway-to-epp-scheduler-pattern3",
            "networking.k8s.io/v1 NetworkPolicy/llm-d-inference-scheduling/allow-gateway-to-vllm-pattern3",
            "networking.k8s.io/v1 NetworkPolicy/llm-d-inference-scheduling/allow-istio-control-plane-pattern3",
            "networking.k8s.io/v1 NetworkPolicy/llm-d-inference-scheduling/allow-vllm-egress-pattern3",
            "serving.kserve.io/v1alpha1 LLMInferenceService/llm-d-inference-scheduling/qwen2-3b-pattern3",
        ]
    );
}

#[test]
fn changed_replica_count_is_one_changed_object_with_a_three_line_context_diff() {
    let old = reference_set();
    let new: Vec<Manifest> = REFERENCE_FILES
        .iter()
        .flat_map(|file| {
            let text = read_reference(file);
            let text = if file.starts_with("llmisvc") {
                text.replace("replicas: 3", "replicas: 4")
            } else {
                text
            };
            load(file, &text)
        })
        .collect();

    let report = diff(&old, &new).expect("diff succeeds");
    assert!(report.has_differences());
    let changed: Vec<&ObjectDiff> = report
        .objects
        .iter()
        .filter(|o| o.status != Status::Unchanged)
        .collect();
    assert_eq!(changed.len(), 1);
    let object = changed[0];
    assert_eq!(object.status, Status::Changed);
    assert_eq!(object.key.kind, "LLMInferenceService");
    assert_eq!(
        object.old_source.as_deref(),
        Some("llmisvc-tpu-pattern3.yaml")
    );
    assert_eq!(
        object.new_source.as_deref(),
        Some("llmisvc-tpu-pattern3.yaml")
    );

    let expected = "\
--- a/LLMInferenceService/llm-d-inference-scheduling/qwen2-3b-pattern3
+++ b/LLMInferenceService/llm-d-inference-scheduling/qwen2-3b-pattern3
@@ -7,7 +7,7 @@
   model:
     name: Qwen/Qwen2.5-3B-Instruct
     uri: hf://Qwen/Qwen2.5-3B-Instruct
-  replicas: 3
+  replicas: 4
   router:
     gateway: {}
     route: {}
";
    assert_eq!(object.unified_diff.as_deref(), Some(expected));
    assert_eq!(
        format_text(&report, false),
        format!("{expected}1 object changed, 0 added, 0 removed, 5 unchanged\n")
    );
}

#[test]
fn added_and_removed_objects_show_their_whole_yaml() {
    let all = reference_set();
    let without_istio: Vec<Manifest> = all
        .iter()
        .filter(|m| m.source != "networkpolicies/allow-istio.yaml")
        .cloned()
        .collect();
    let without_egress: Vec<Manifest> = all
        .iter()
        .filter(|m| m.source != "networkpolicies/allow-vllm-egress.yaml")
        .cloned()
        .collect();

    let report = diff(&without_istio, &without_egress).expect("diff succeeds");
    assert_eq!(
        report.summary(),
        Summary {
            changed: 0,
            added: 1,
            removed: 1,
            unchanged: 4
        }
    );

    let added = report
        .objects
        .iter()
        .find(|o| o.status == Status::Added)
        .expect("one added object");
    assert_eq!(added.key.name, "allow-istio-control-plane-pattern3");
    assert_eq!(added.old_source, None);
    let added_diff = added.unified_diff.as_deref().unwrap_or_default();
    assert!(added_diff.starts_with(
        "--- /dev/null\n+++ b/NetworkPolicy/llm-d-inference-scheduling/allow-istio-control-plane-pattern3\n@@ -0,0 +1,34 @@\n+apiVersion: networking.k8s.io/v1\n"
    ));
    assert!(added_diff.contains("\n+  podSelector: {}\n"));
    assert!(added_diff.lines().skip(3).all(|line| line.starts_with('+')));

    let removed = report
        .objects
        .iter()
        .find(|o| o.status == Status::Removed)
        .expect("one removed object");
    assert_eq!(removed.key.name, "allow-vllm-egress-pattern3");
    assert_eq!(removed.new_source, None);
    let removed_diff = removed.unified_diff.as_deref().unwrap_or_default();
    assert!(removed_diff.starts_with(
        "--- a/NetworkPolicy/llm-d-inference-scheduling/allow-vllm-egress-pattern3\n+++ /dev/null\n@@ -1,"
    ));
    assert!(removed_diff.contains("\n-  egress:\n-  - {}\n"));
    assert!(
        removed_diff
            .lines()
            .skip(3)
            .all(|line| line.starts_with('-'))
    );

    assert!(
        format_text(&report, false)
            .ends_with("\n0 objects changed, 1 added, 1 removed, 4 unchanged\n")
    );
}

#[test]
fn duplicate_object_in_one_set_is_an_error_naming_both_sources() {
    let text = read_reference("llmisvc-tpu-pattern3.yaml");
    let mut new = load("a.yaml", &text);
    new.extend(load("b.yaml", &text.replace("replicas: 3", "replicas: 5")));

    let error = diff(&[], &new).expect_err("duplicate is an error");
    assert!(matches!(
        &error,
        DiffError::DuplicateObject { side: Side::New, first, second, .. }
            if first == "a.yaml" && second == "b.yaml"
    ));
    assert_eq!(
        error.to_string(),
        "duplicate object serving.kserve.io/v1alpha1 LLMInferenceService/llm-d-inference-scheduling/qwen2-3b-pattern3 \
         in the new set: in a.yaml and in b.yaml"
    );

    let error = diff(&new, &[]).expect_err("duplicate is an error on the old side too");
    assert!(matches!(
        error,
        DiffError::DuplicateObject {
            side: Side::Old,
            ..
        }
    ));
}

#[test]
fn same_name_with_other_kind_or_api_version_is_not_a_duplicate() {
    let set = vec![
        manifest(
            "a",
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "n"}}),
        ),
        manifest(
            "b",
            json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "x", "namespace": "n"}}),
        ),
        manifest(
            "c",
            json!({"apiVersion": "v2", "kind": "Secret", "metadata": {"name": "x", "namespace": "n"}}),
        ),
        manifest(
            "d",
            json!({"apiVersion": "v2", "kind": "Secret", "metadata": {"name": "x", "namespace": "m"}}),
        ),
    ];
    let report = diff(&set, &set).expect("no duplicates");
    assert_eq!(report.summary().unchanged, 4);
}

#[test]
fn missing_namespace_matches_empty_namespace_but_not_default() {
    let without = manifest(
        "a",
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}),
    );
    let empty = manifest(
        "b",
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": ""}}),
    );
    let default = manifest(
        "c",
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "default"}}),
    );

    let report =
        diff(std::slice::from_ref(&without), std::slice::from_ref(&empty)).expect("diff succeeds");
    assert_eq!(
        statuses(&report),
        vec![("ConfigMap/x".to_owned(), Status::Changed)]
    );
    let text = report.objects[0]
        .unified_diff
        .as_deref()
        .unwrap_or_default();
    assert!(text.contains("\n+  namespace: \"\"\n"), "{text}");

    let report = diff(&[without], &[default]).expect("diff succeeds");
    assert_eq!(
        statuses(&report),
        vec![
            ("ConfigMap/x".to_owned(), Status::Removed),
            ("ConfigMap/default/x".to_owned(), Status::Added),
        ]
    );
}

/// The LLMInferenceService as the API server returns it: server fields added, keys in server order.
fn live_llmisvc() -> Value {
    let mut value = load("live", &read_reference("llmisvc-tpu-pattern3.yaml"))
        .pop()
        .expect("one document")
        .value;
    let metadata = value
        .get_mut("metadata")
        .and_then(Value::as_object_mut)
        .expect("metadata mapping");
    metadata.insert("uid".into(), json!("0b6c4b1e-7d2a-4a43-9c55-0d0d5c1f3a11"));
    metadata.insert("resourceVersion".into(), json!("123456"));
    metadata.insert("generation".into(), json!(3));
    metadata.insert("creationTimestamp".into(), json!("2025-06-01T12:00:00Z"));
    metadata.insert(
        "managedFields".into(),
        json!([{"manager": "kubectl-client-side-apply", "operation": "Update", "apiVersion": "serving.kserve.io/v1alpha1"}]),
    );
    metadata.insert(
        "annotations".into(),
        json!({"kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"serving.kserve.io/v1alpha1\"}\n"}),
    );
    value.as_object_mut().expect("object").insert(
        "status".into(),
        json!({"conditions": [{"type": "Ready", "status": "True"}]}),
    );
    value
}

#[test]
fn server_fields_are_ignored_by_default_and_shown_when_asked() {
    let rendered = load("rendered", &read_reference("llmisvc-tpu-pattern3.yaml"));
    let live = vec![manifest("live", live_llmisvc())];

    let report = diff(&live, &rendered).expect("diff succeeds");
    assert!(!report.has_differences(), "{}", format_text(&report, false));

    let strict = DiffOptions {
        ignore_server_fields: false,
    };
    let report = diff_with_options(&live, &rendered, &strict).expect("diff succeeds");
    assert!(report.has_differences());
    let text = report.objects[0]
        .unified_diff
        .as_deref()
        .unwrap_or_default();
    for removed in [
        "\n-  uid: 0b6c4b1e-7d2a-4a43-9c55-0d0d5c1f3a11\n",
        "\n-  resourceVersion: \"123456\"\n",
        "\n-  generation: 3\n",
        "\n-status:\n",
        "\n-  managedFields:\n",
        "\n-    kubectl.kubernetes.io/last-applied-configuration: |\n",
    ] {
        assert!(text.contains(removed), "missing {removed:?} in\n{text}");
    }
}

#[test]
fn ignoring_server_fields_still_shows_real_changes_and_other_annotations() {
    let mut live = live_llmisvc();
    live["metadata"]["annotations"]["team"] = json!("inference");
    live["spec"]["replicas"] = json!(2);
    let rendered = load("rendered", &read_reference("llmisvc-tpu-pattern3.yaml"));

    let report = diff(&[manifest("live", live)], &rendered).expect("diff succeeds");
    let text = report.objects[0]
        .unified_diff
        .as_deref()
        .unwrap_or_default();
    assert!(
        text.contains("\n-  annotations:\n-    team: inference\n"),
        "{text}"
    );
    assert!(
        text.contains("\n-  replicas: 2\n+  replicas: 3\n"),
        "{text}"
    );
    assert!(!text.contains("last-applied"), "{text}");
    assert!(!text.contains("uid"), "{text}");
}

#[test]
fn colour_marks_headers_removals_and_additions_only_when_asked() {
    let old = load("old", &read_reference("llmisvc-tpu-pattern3.yaml"));
    let new = load(
        "new",
        &read_reference("llmisvc-tpu-pattern3.yaml").replace("replicas: 3", "replicas: 4"),
    );
    let report = diff(&old, &new).expect("diff succeeds");

    let plain = format_text(&report, false);
    assert!(!plain.contains('\u{1b}'));
    assert!(plain.contains("\n-  replicas: 3\n+  replicas: 4\n"));

    let coloured = format_text(&report, true);
    let bold = "\u{1b}[1m";
    let cyan = "\u{1b}[36m";
    let red = "\u{1b}[31m";
    let green = "\u{1b}[32m";
    let reset = "\u{1b}[0m";
    assert!(coloured.starts_with(&format!(
        "{bold}--- a/LLMInferenceService/llm-d-inference-scheduling/qwen2-3b-pattern3{reset}\n\
         {bold}+++ b/LLMInferenceService/llm-d-inference-scheduling/qwen2-3b-pattern3{reset}\n\
         {cyan}@@ -7,7 +7,7 @@{reset}\n   model:\n"
    )));
    assert!(coloured.contains(&format!(
        "\n{red}-  replicas: 3{reset}\n{green}+  replicas: 4{reset}\n"
    )));
    assert!(
        coloured.contains("\n   router:\n"),
        "context lines stay plain"
    );
    assert!(coloured.ends_with(&format!(
        "{bold}1 object changed, 0 added, 0 removed, 0 unchanged{reset}\n"
    )));
}

#[test]
fn json_output_parses_back_with_statuses_and_diffs() {
    let all = reference_set();
    let old: Vec<Manifest> = all
        .iter()
        .filter(|m| m.source != "networkpolicies/allow-istio.yaml")
        .cloned()
        .collect();
    let new: Vec<Manifest> = all
        .iter()
        .filter(|m| m.source != "envoyfilter-route-extproc-body.yaml")
        .map(|m| {
            let mut m = m.clone();
            if m.value["kind"] == "LLMInferenceService" {
                m.value["spec"]["replicas"] = json!(4);
            }
            m
        })
        .collect();
    let report = diff(&old, &new).expect("diff succeeds");

    let text = format_json(&report);
    assert!(text.ends_with("}\n"));
    let parsed: Value = serde_json::from_str(&text).expect("format_json writes valid JSON");
    assert_eq!(
        parsed["summary"],
        json!({"changed": 1, "added": 1, "removed": 1, "unchanged": 3})
    );
    let objects = parsed["objects"].as_array().expect("objects array");
    assert_eq!(objects.len(), 6);
    let by_name = |name: &str| {
        objects
            .iter()
            .find(|o| o["name"] == name)
            .unwrap_or_else(|| panic!("object {name} in JSON"))
    };

    let changed = by_name("qwen2-3b-pattern3");
    assert_eq!(changed["status"], "changed");
    assert_eq!(changed["apiVersion"], "serving.kserve.io/v1alpha1");
    assert_eq!(changed["kind"], "LLMInferenceService");
    assert_eq!(changed["namespace"], "llm-d-inference-scheduling");
    assert_eq!(changed["oldSource"], "llmisvc-tpu-pattern3.yaml");
    assert_eq!(changed["newSource"], "llmisvc-tpu-pattern3.yaml");
    let diff_text = changed["diff"].as_str().expect("diff text");
    assert!(diff_text.contains("\n-  replicas: 3\n+  replicas: 4\n"));

    let added = by_name("allow-istio-control-plane-pattern3");
    assert_eq!(added["status"], "added");
    assert_eq!(added["oldSource"], Value::Null);
    assert!(
        added["diff"]
            .as_str()
            .is_some_and(|d| d.starts_with("--- /dev/null\n"))
    );

    let removed = by_name("inference-pool-route-body-forwarding-pattern3");
    assert_eq!(removed["status"], "removed");
    assert_eq!(removed["namespace"], "opendatahub");
    assert_eq!(removed["newSource"], Value::Null);

    let unchanged = by_name("allow-vllm-egress-pattern3");
    assert_eq!(unchanged["status"], "unchanged");
    assert_eq!(unchanged["diff"], Value::Null);
    let field_names: Vec<&String> = unchanged.as_object().expect("object").keys().collect();
    let mut expected = vec![
        "apiVersion",
        "diff",
        "kind",
        "name",
        "namespace",
        "newSource",
        "oldSource",
        "status",
    ];
    expected.sort();
    let mut field_names: Vec<&str> = field_names.into_iter().map(String::as_str).collect();
    field_names.sort();
    assert_eq!(field_names, expected);
}

#[test]
fn long_single_line_strings_are_not_folded() {
    let long = vec!["--arg"; 40].join(" ");
    let old = manifest(
        "old",
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"cmd": long, "count": "1"}}),
    );
    let new = manifest(
        "new",
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"cmd": long, "count": "2"}}),
    );
    let report = diff(&[old], &[new]).expect("diff succeeds");
    let text = report.objects[0]
        .unified_diff
        .as_deref()
        .unwrap_or_default();
    let cmd_lines: Vec<&str> = text.lines().filter(|line| line.contains("--arg")).collect();
    assert_eq!(cmd_lines.len(), 1, "{text}");
    assert!(cmd_lines[0].starts_with("   cmd: "), "{text}");
    assert!(
        text.contains("\n-  count: \"1\"\n+  count: \"2\"\n"),
        "{text}"
    );
}

#[test]
fn documents_that_are_not_objects_are_errors() {
    let list = manifest("list.yaml", json!(["a", "b"]));
    let error = diff(&[list], &[]).expect_err("a list is not an object");
    assert_eq!(
        error.to_string(),
        "list.yaml: a document is a list, not a Kubernetes object (a mapping)"
    );

    let nameless = manifest(
        "x.yaml",
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {}}),
    );
    let error = diff(&[], &[nameless]).expect_err("an object needs a name");
    assert_eq!(
        error.to_string(),
        "x.yaml: object has no `metadata.name` string (kind ConfigMap)"
    );

    let kindless = manifest(
        "y.yaml",
        json!({"apiVersion": "v1", "metadata": {"name": "x"}}),
    );
    let error = diff(&[kindless], &[]).expect_err("an object needs a kind");
    assert_eq!(error.to_string(), "y.yaml: object has no `kind` string");

    let odd_namespace = manifest(
        "z.yaml",
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": 7}}),
    );
    let error = diff(&[odd_namespace], &[]).expect_err("a namespace is a string");
    assert_eq!(
        error.to_string(),
        "z.yaml: object has no `metadata.namespace` string (kind ConfigMap)"
    );
}

#[test]
fn multi_doc_parsing_skips_empty_documents_and_rejects_duplicate_keys() {
    let values =
        parse_multi_doc("---\n# only a comment\n---\na: 1\n---\n---\nb: 2\n").expect("parses");
    assert_eq!(values, vec![json!({"a": 1}), json!({"b": 2})]);

    let error = parse_multi_doc("a: 1\na: 2\n").expect_err("duplicate key");
    assert!(matches!(error, DiffError::Yaml { .. }), "{error}");

    let error = parse_multi_doc("a: [1\n").expect_err("broken YAML");
    assert!(error.to_string().starts_with("invalid YAML: "), "{error}");
}

#[test]
fn empty_sets_have_no_difference() {
    let report = diff(&[], &[]).expect("diff succeeds");
    assert!(!report.has_differences());
    assert_eq!(
        format_text(&report, false),
        "0 objects changed, 0 added, 0 removed, 0 unchanged\n"
    );
    let parsed: Value = serde_json::from_str(&format_json(&report)).expect("valid JSON");
    assert_eq!(parsed["objects"], json!([]));
}
