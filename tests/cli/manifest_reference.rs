//! Reading the reviewed Pattern 3 manifests: objects, typing and source positions.

use crate::common;

use p3gen::manifest::{Document, Position, load_paths};
use serde_json::json;

fn reference_documents() -> Vec<Document> {
    match load_paths(&[common::reference_dir()]) {
        Ok(documents) => documents,
        Err(error) => panic!("{error}"),
    }
}

fn find<'a>(documents: &'a [Document], name: &str) -> &'a Document {
    documents
        .iter()
        .find(|document| document.name() == Some(name))
        .unwrap_or_else(|| panic!("no object named {name}"))
}

fn at(line: usize, column: usize) -> (usize, usize) {
    (line, column)
}

fn line_column(position: Option<Position>) -> Option<(usize, usize)> {
    position.map(|position| (position.line, position.column))
}

#[test]
fn the_directory_yields_six_objects_in_path_order() {
    let documents = reference_documents();
    let summary: Vec<(String, &str, &str, &str)> = documents
        .iter()
        .map(|document| {
            let file = document
                .file
                .strip_prefix(common::reference_dir())
                .map(|relative| relative.display().to_string())
                .unwrap_or_default();
            (
                file,
                document.kind().unwrap_or_default(),
                document.name().unwrap_or_default(),
                document.namespace().unwrap_or_default(),
            )
        })
        .collect();
    let expected = [
        (
            "envoyfilter-route-extproc-body.yaml",
            "EnvoyFilter",
            "inference-pool-route-body-forwarding-pattern3",
            "opendatahub",
        ),
        (
            "llmisvc-tpu-pattern3.yaml",
            "LLMInferenceService",
            "qwen2-3b-pattern3",
            "llm-d-inference-scheduling",
        ),
        (
            "networkpolicies/allow-epp-scheduler.yaml",
            "NetworkPolicy",
            "allow-gateway-to-epp-scheduler-pattern3",
            "llm-d-inference-scheduling",
        ),
        (
            "networkpolicies/allow-gateway-to-vllm.yaml",
            "NetworkPolicy",
            "allow-gateway-to-vllm-pattern3",
            "llm-d-inference-scheduling",
        ),
        (
            "networkpolicies/allow-istio.yaml",
            "NetworkPolicy",
            "allow-istio-control-plane-pattern3",
            "llm-d-inference-scheduling",
        ),
        (
            "networkpolicies/allow-vllm-egress.yaml",
            "NetworkPolicy",
            "allow-vllm-egress-pattern3",
            "llm-d-inference-scheduling",
        ),
    ];
    let expected: Vec<(String, &str, &str, &str)> = expected
        .iter()
        .map(|(file, kind, name, namespace)| (file.to_string(), *kind, *name, *namespace))
        .collect();
    assert_eq!(summary, expected);
    assert!(documents.iter().all(|document| document.index == 0));
    assert_eq!(
        documents[1].api_version(),
        Some("serving.kserve.io/v1alpha1")
    );
}

#[test]
fn a_single_file_can_be_loaded_directly() {
    let file = common::reference_dir().join("networkpolicies/allow-istio.yaml");
    let documents = load_paths(std::slice::from_ref(&file)).unwrap_or_default();
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].file, file);
    assert_eq!(
        documents[0].value.pointer("/spec/ingress/0/ports/1/port"),
        Some(&json!(15017))
    );
}

#[test]
fn scalars_are_typed_as_the_api_server_sees_them() {
    let documents = reference_documents();
    let llmisvc = find(&documents, "qwen2-3b-pattern3");
    let value = &llmisvc.value;
    let tpu_limit = "/spec/template/containers/0/resources/limits/google.com~1tpu";
    assert_eq!(value.pointer(tpu_limit), Some(&json!("4")));
    let port = "/spec/template/containers/0/livenessProbe/httpGet/port";
    assert_eq!(value.pointer(port), Some(&json!(8000)));
    assert!(value.pointer(port).is_some_and(|port| port.is_u64()));
    assert_eq!(value.pointer("/spec/replicas"), Some(&json!(3)));
    let topology = "/spec/template/nodeSelector/cloud.google.com~1gke-tpu-topology";
    assert_eq!(value.pointer(topology), Some(&json!("2x2")));
    assert_eq!(
        value.pointer("/spec/template/containers/0/env/2/value"),
        Some(&json!("TPU"))
    );
    assert_eq!(
        value.pointer("/spec/template/containers/0/env/0/value"),
        Some(&json!("2,2,1"))
    );
    assert_eq!(value.pointer("/spec/router/route"), Some(&json!({})));
    let args = value
        .pointer("/spec/template/containers/0/args/0")
        .and_then(|args| args.as_str())
        .unwrap_or_default();
    assert!(args.starts_with("python3 -m vllm.entrypoints.openai.api_server \\\n  --model="));
    assert!(args.ends_with("--ssl-keyfile=/var/run/kserve/tls/tls.key\n"));
    // Comments are not content.
    assert!(!args.contains('#'));
}

#[test]
fn positions_point_at_values_and_keys() {
    let documents = reference_documents();
    let epp = find(&documents, "allow-gateway-to-epp-scheduler-pattern3");
    let component = "/spec/podSelector/matchLabels/app.kubernetes.io~1component";
    assert_eq!(line_column(epp.locate(component)), Some(at(9, 36)));
    assert_eq!(line_column(epp.locate_key(component)), Some(at(9, 7)));
    assert_eq!(epp.locate(component).map(|p| p.offset), Some(224));
    // A block mapping is located at its first entry.
    assert_eq!(
        line_column(epp.locate("/spec/podSelector/matchLabels")),
        Some(at(9, 7))
    );
    assert_eq!(
        line_column(epp.locate_key("/spec/podSelector/matchLabels")),
        Some(at(8, 5))
    );
    assert_eq!(line_column(epp.locate("")), Some(at(1, 1)));
    assert_eq!(
        line_column(epp.locate("/spec/ingress/0/ports/2/port")),
        Some(at(28, 13))
    );
    assert_eq!(
        line_column(epp.locate("/spec/egress/2/to/0/namespaceSelector")),
        Some(at(65, 26))
    );
    assert_eq!(epp.locate("/spec/egress/3/to/0/missing"), None);
    assert_eq!(epp.locate_key("/spec/policyTypes/0"), None);
    assert_eq!(
        line_column(epp.locate("/spec/policyTypes/1")),
        Some(at(12, 5))
    );

    let llmisvc = find(&documents, "qwen2-3b-pattern3");
    assert_eq!(
        line_column(llmisvc.locate("/spec/replicas")),
        Some(at(10, 13))
    );
    let tpu_limit = "/spec/template/containers/0/resources/limits/google.com~1tpu";
    assert_eq!(line_column(llmisvc.locate(tpu_limit)), Some(at(71, 27)));
    let readiness_port = "/spec/template/containers/0/readinessProbe/httpGet/port";
    assert_eq!(
        line_column(llmisvc.locate(readiness_port)),
        Some(at(91, 17))
    );
    // A literal block is located at its first line of content, below the `|`.
    assert_eq!(
        line_column(llmisvc.locate("/spec/template/containers/0/args/0")),
        Some(at(44, 9))
    );
}

#[test]
fn nearest_position_falls_back_to_the_closest_written_ancestor() {
    let documents = reference_documents();
    let epp = find(&documents, "allow-gateway-to-epp-scheduler-pattern3");
    let located = epp.locate_nearest("/spec/ingress/1/ports/0/endPort");
    assert_eq!(
        located.map(|(pointer, position)| (pointer, position.line, position.column)),
        Some(("/spec/ingress/1/ports/0", 36, 7))
    );
    let exact = epp.locate_nearest("/spec/ingress/1/ports/0/port");
    assert_eq!(
        exact.map(|(pointer, _)| pointer),
        Some("/spec/ingress/1/ports/0/port")
    );
}
