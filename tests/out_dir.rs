//! `p3gen render --out-dir`, run as the real binary, with the real `kubectl kustomize` and `kpt`
//! reading what it writes.

mod common;

use std::path::Path;

use common::{p3gen, root, run, spec_with, tool};
use p3gen::output::diff::{self, Manifest, ObjectKey, parse_multi_doc};
use serde_json::Value;

const PATTERNS: [&str; 3] = ["pattern3", "pattern3-hardened", "pattern3-gpu"];

fn manifests(source: &str, yaml: &str) -> Vec<Manifest> {
    parse_multi_doc(yaml)
        .unwrap()
        .into_iter()
        .map(|value| Manifest {
            source: source.to_owned(),
            value,
        })
        .collect()
}

fn keys(manifests: &[Manifest]) -> Vec<ObjectKey> {
    manifests
        .iter()
        .map(|m| ObjectKey::of(m).unwrap())
        .collect()
}

/// `p3gen render SPEC` on stdout.
fn render(spec: &Path) -> String {
    let (code, stdout, stderr) = run(p3gen().arg("render").arg(spec));
    assert_eq!(code, 0, "{stderr}");
    stdout
}

/// `p3gen render SPEC --out-dir DIR`, which must succeed.
fn render_out_dir(spec: &Path, dir: &Path) -> String {
    let (code, stdout, stderr) = run(p3gen().arg("render").arg(spec).arg("--out-dir").arg(dir));
    assert_eq!(code, 0, "{stderr}");
    stdout
}

/// Asserts two manifest sets hold the same objects, compared semantically, in the same order.
fn assert_same_objects(got: &[Manifest], expected: &[Manifest]) {
    let report = diff::diff(got, expected).unwrap();
    assert!(
        !report.has_differences(),
        "{}",
        diff::format_text(&report, false)
    );
    assert_eq!(keys(got), keys(expected));
}

#[test]
fn kubectl_kustomize_builds_the_rendered_objects_in_apply_order() {
    let base = tempfile::tempdir().unwrap();
    for pattern in PATTERNS {
        let spec = root().join(format!("patterns/{pattern}.toml"));
        let dir = base.path().join(pattern);
        render_out_dir(&spec, &dir);
        let (code, built, stderr) = run(tool("kubectl").arg("kustomize").arg(&dir));
        assert_eq!(code, 0, "{pattern}: {stderr}");
        assert_same_objects(
            &manifests("kustomize", &built),
            &manifests("render", &render(&spec)),
        );
    }
}

#[test]
fn kpt_reads_the_directory_as_a_package() {
    let base = tempfile::tempdir().unwrap();
    let spec = root().join("patterns/pattern3-hardened.toml");
    let dir = base.path().join("hardened");
    render_out_dir(&spec, &dir);

    let (code, source, stderr) = run(tool("kpt").args(["fn", "source"]).arg(&dir));
    assert_eq!(code, 0, "{stderr}");
    let list = parse_multi_doc(&source).unwrap();
    assert_eq!(list[0]["kind"], "ResourceList");
    let mut items = Vec::new();
    for mut item in list[0]["items"].as_array().unwrap().iter().cloned() {
        if item["kind"] == "Kustomization" {
            assert_eq!(
                item["metadata"]["annotations"]["config.kubernetes.io/local-config"],
                "true"
            );
            continue;
        }
        strip_kpt_annotations(&mut item);
        items.push(Manifest {
            source: "kpt".to_owned(),
            value: item,
        });
    }
    let rendered = manifests("render", &render(&spec));
    let report = diff::diff(&items, &rendered).unwrap();
    assert!(
        !report.has_differences(),
        "{}",
        diff::format_text(&report, false)
    );
    assert_eq!(items.len(), rendered.len());

    let (code, tree, stderr) = run(tool("kpt").args(["pkg", "tree"]).arg(&dir));
    assert_eq!(code, 0, "{stderr}");
    for line in [
        "[peerauthentication-default.yaml]  PeerAuthentication llm-d-inference-scheduling/default",
        "[llminferenceservice-qwen2-3b-pattern3.yaml]  LLMInferenceService llm-d-inference-scheduling/qwen2-3b-pattern3",
        "[kustomization.yaml]  Kustomization",
    ] {
        assert!(tree.contains(line), "{line} not in\n{tree}");
    }
}

/// Removes the annotations kpt adds to say where an item came from.
fn strip_kpt_annotations(item: &mut Value) {
    let Some(annotations) = item["metadata"]["annotations"].as_object_mut() else {
        return;
    };
    annotations.retain(|key, _| {
        !key.starts_with("config.kubernetes.io/")
            && !key.starts_with("internal.config.kubernetes.io/")
    });
    if annotations.is_empty() {
        item["metadata"]
            .as_object_mut()
            .unwrap()
            .remove("annotations");
    }
}

#[test]
fn sync_waves_and_the_kustomization_follow_the_apply_order() {
    let base = tempfile::tempdir().unwrap();
    let spec = base.path().join("waves.toml");
    let text = std::fs::read_to_string(root().join("patterns/pattern3.toml")).unwrap();
    std::fs::write(&spec, format!("{text}\n[gitops]\nsync-waves = true\n")).unwrap();
    let dir = base.path().join("out");
    render_out_dir(&spec, &dir);

    let kustomization =
        parse_multi_doc(&std::fs::read_to_string(dir.join("kustomization.yaml")).unwrap()).unwrap();
    let mut waves = Vec::new();
    for file in kustomization[0]["resources"].as_array().unwrap() {
        let text = std::fs::read_to_string(dir.join(file.as_str().unwrap())).unwrap();
        let object = &parse_multi_doc(&text).unwrap()[0];
        let wave = &object["metadata"]["annotations"]["argocd.argoproj.io/sync-wave"];
        waves.push(format!(
            "{} {}",
            object["kind"].as_str().unwrap(),
            wave.as_str().unwrap()
        ));
    }
    assert_eq!(
        waves,
        vec![
            "LLMInferenceService 1",
            "EnvoyFilter 2",
            "NetworkPolicy 3",
            "NetworkPolicy 3",
            "NetworkPolicy 3",
            "NetworkPolicy 3",
        ]
    );

    let (code, built, stderr) = run(tool("kubectl").arg("kustomize").arg(&dir));
    assert_eq!(code, 0, "{stderr}");
    assert_same_objects(
        &manifests("kustomize", &built),
        &manifests("render", &render(&spec)),
    );
}

#[test]
fn sync_waves_are_off_unless_asked_for() {
    let golden = std::fs::read_to_string(root().join("golden/pattern3.yaml")).unwrap();
    assert!(!golden.contains("argocd.argoproj.io/sync-wave"));
    let hardened = std::fs::read_to_string(root().join("golden/pattern3-hardened.yaml")).unwrap();
    assert!(hardened.contains("argocd.argoproj.io/sync-wave: \"0\""));
}

#[test]
fn a_directory_p3gen_did_not_write_is_refused_unless_forced() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("out");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.md"), "mine\n").unwrap();
    let spec = root().join("patterns/pattern3.toml");

    let (code, stdout, stderr) = run(p3gen().arg("render").arg(&spec).arg("--out-dir").arg(&dir));
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("was not generated by p3gen"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);

    let (code, stdout, stderr) = run(p3gen()
        .arg("render")
        .arg(&spec)
        .arg("--out-dir")
        .arg(&dir)
        .arg("--force"));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("kept "), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.md")).unwrap(),
        "mine\n"
    );
    assert!(dir.join("kustomization.yaml").is_file());
}

#[test]
fn files_no_longer_rendered_are_removed() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("out");
    render_out_dir(&root().join("patterns/pattern3.toml"), &dir);
    assert!(
        dir.join("envoyfilter-inference-pool-route-body-forwarding-pattern3.yaml")
            .is_file()
    );

    let spec = base.path().join("no-filter.toml");
    std::fs::write(
        &spec,
        spec_with(
            "pattern3.toml",
            "[envoy-filter]\nenabled = true\n",
            "[envoy-filter]\nenabled = false\n",
        ),
    )
    .unwrap();
    let stdout = render_out_dir(&spec, &dir);
    assert!(
        stdout.contains("removed ")
            && stdout.contains("envoyfilter-inference-pool-route-body-forwarding-pattern3.yaml"),
        "{stdout}"
    );
    assert!(
        !dir.join("envoyfilter-inference-pool-route-body-forwarding-pattern3.yaml")
            .exists()
    );
    let listed = std::fs::read_to_string(dir.join("kustomization.yaml")).unwrap();
    assert!(!listed.contains("envoyfilter"), "{listed}");
}

#[test]
fn a_bad_spec_writes_nothing() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("out");
    let (code, stdout, stderr) = run(p3gen()
        .arg("render")
        .arg(root().join("tests/fixtures/invalid/unknown-key.toml"))
        .arg("--out-dir")
        .arg(&dir));
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("unknown key"), "{stderr}");
    assert_eq!(std::fs::read_dir(base.path()).unwrap().count(), 0);
}
