//! `p3gen validate`: rendered specs and manifest files against Kubernetes' schemas and the
//! upstream CRDs; a deliberately broken manifest fails.

use crate::common;

use common::{repo, run_cli, shared};

/// The upstream CRDs in the shared data.
fn crds() -> String {
    format!("{}/crds", shared())
}

#[test]
fn golden_files_and_patterns_are_valid() {
    let crds = crds();
    for pattern in ["pattern3", "pattern3-hardened", "pattern3-gpu"] {
        let file = repo(&format!("golden/{pattern}.yaml"));
        let kserve = if pattern == "pattern3-gpu" {
            "0.16"
        } else {
            "odh-0.15"
        };
        let outcome = run_cli(&["validate", "--crds", &crds, "--kserve", kserve, &file]);
        assert_eq!(outcome.code, 0, "{file}: {}", outcome.stdout);
        let spec = repo(&format!("patterns/{pattern}.toml"));
        let outcome = run_cli(&["validate", "--crds", &crds, &spec]);
        assert_eq!(outcome.code, 0, "{spec}: {}", outcome.stdout);
    }
}

#[test]
fn a_broken_manifest_fails_with_object_path_and_problem() {
    let file = repo("tests/fixtures/manifests/broken-schema.yaml");
    let outcome = run_cli(&["validate", "--crds", &crds(), &file]);
    assert_eq!(outcome.code, 1, "{}", outcome.stdout);
    let text = outcome.stdout.replace(&file, "broken-schema.yaml");
    assert!(text.contains("NetworkPolicy/broken"), "{text}");
    assert!(text.contains("spec.ingress[0].ports[0].endPort"), "{text}");
    assert!(text.contains("spec.ingress[0].fromm"), "{text}");
    assert!(
        text.contains("LLMInferenceService/broken: spec.replica"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn without_crds_custom_resources_are_not_checked() {
    let file = repo("golden/pattern3.yaml");
    let outcome = run_cli(&["validate", &file]);
    assert_eq!(outcome.code, 0, "{}", outcome.stdout);
    assert!(outcome.stderr.contains("not checked"), "{}", outcome.stderr);
}

#[test]
fn a_crd_directory_without_the_kind_makes_it_an_error() {
    let dir = std::env::temp_dir().join(format!("p3gen-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let outcome = run_cli(&[
        "validate",
        "--crds",
        dir.to_str().unwrap(),
        &repo("golden/pattern3.yaml"),
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(outcome.code, 1);
    assert!(
        outcome.stdout.contains("no schema for"),
        "{}",
        outcome.stdout
    );
}
