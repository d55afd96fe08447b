//! The GitOps examples under `examples/` do what they say: the Argo CD plugin's command renders the
//! Application's spec, and the Flux Kustomizations' patches split the output into the apply phases.

use crate::common;

use std::path::{Path, PathBuf};

use common::{p3gen, root, run, tool};
use p3gen::output::apply_phase;
use p3gen::output::diff::{manifest_files, parse_multi_doc};
use serde_json::Value;

fn documents(path: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    parse_multi_doc(&text).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// PATH with the directory of the p3gen binary first.
fn path_with_p3gen() -> std::ffi::OsString {
    let binary_dir = Path::new(env!("CARGO_BIN_EXE_p3gen")).parent().unwrap();
    std::env::join_paths(
        std::iter::once(binary_dir.to_path_buf()).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )),
    )
    .unwrap()
}

#[test]
fn every_example_manifest_is_valid_yaml_with_a_kind() {
    let files: Vec<PathBuf> = manifest_files(&root().join("examples")).unwrap();
    assert!(files.len() >= 5, "{files:?}");
    for file in files {
        let relative = file.strip_prefix(root()).unwrap().display().to_string();
        for document in documents(&relative) {
            assert!(
                document["kind"].is_string(),
                "{relative}: a document without kind"
            );
        }
    }
}

#[test]
fn the_argo_cd_plugin_renders_the_applications_spec() {
    let config_map = &documents("examples/argocd/cmp-plugin.yaml")[0];
    let plugin = &parse_multi_doc(config_map["data"]["plugin.yaml"].as_str().unwrap()).unwrap()[0];
    assert_eq!(plugin["kind"], "ConfigManagementPlugin");
    let application = &documents("examples/argocd/application.yaml")[0];
    let source = &application["spec"]["source"]["plugin"];
    let plugin_name = format!(
        "{}-{}",
        plugin["metadata"]["name"].as_str().unwrap(),
        plugin["spec"]["version"].as_str().unwrap()
    );
    assert_eq!(source["name"], plugin_name.as_str());
    let spec = source["env"][0]["value"].as_str().unwrap();
    assert_eq!(source["env"][0]["name"], "P3GEN_SPEC");

    let strings = |value: &Value| -> Vec<String> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    let command = strings(&plugin["spec"]["generate"]["command"]);
    let args = strings(&plugin["spec"]["generate"]["args"]);
    let (code, stdout, stderr) = run(std::process::Command::new(&command[0])
        .args(&command[1..])
        .args(&args)
        .current_dir(root())
        .env("PATH", path_with_p3gen())
        .env("ARGOCD_ENV_P3GEN_SPEC", spec));
    assert_eq!(code, 0, "{stderr}");
    let golden = root()
        .join("golden")
        .join(Path::new(spec).file_stem().unwrap());
    assert_eq!(
        stdout,
        std::fs::read_to_string(golden.with_extension("yaml")).unwrap()
    );
}

/// The apply phases of what `kubectl kustomize` builds from `out` (a directory in `base`) with a
/// Flux Kustomization's patches, as Flux builds it.
fn phases_after_patches(base: &Path, out: &Path, flux: &Value, name: &str) -> Vec<u8> {
    let overlay = base.join(name);
    std::fs::create_dir(&overlay).unwrap();
    let kustomization = serde_json::json!({
        "resources": [format!("../{}", out.file_name().unwrap().to_string_lossy())],
        "patches": flux["spec"]["patches"],
    });
    std::fs::write(
        overlay.join("kustomization.yaml"),
        p3gen::output::to_yaml_document(&kustomization).unwrap(),
    )
    .unwrap();
    let (code, built, stderr) = run(tool("kubectl").arg("kustomize").arg(&overlay));
    assert_eq!(code, 0, "{stderr}");
    parse_multi_doc(&built)
        .unwrap()
        .iter()
        .map(|object| apply_phase(object["kind"].as_str().unwrap()))
        .collect()
}

#[test]
fn the_flux_kustomizations_apply_the_output_in_phases() {
    let flux = documents("examples/flux/kustomizations.yaml");
    let [service, routing] = flux.as_slice() else {
        panic!("expected two Flux Kustomizations");
    };
    assert_eq!(service["spec"]["wait"], true);
    assert_eq!(
        routing["spec"]["dependsOn"][0]["name"],
        service["metadata"]["name"]
    );

    let base = tempfile::tempdir().unwrap();
    for pattern in ["pattern3", "pattern3-hardened"] {
        let out = base.path().join(pattern);
        let (code, stdout, stderr) = run(p3gen()
            .arg("render")
            .arg(root().join(format!("patterns/{pattern}.toml")))
            .arg("--out-dir")
            .arg(&out));
        assert_eq!(code, 0, "{stderr}");
        let objects = stdout
            .lines()
            .filter(|l| !l.ends_with("kustomization.yaml"))
            .count();

        let first = phases_after_patches(base.path(), &out, service, &format!("{pattern}-service"));
        let then = phases_after_patches(base.path(), &out, routing, &format!("{pattern}-routing"));
        assert!(
            first.contains(&1) && first.iter().all(|p| *p <= 1),
            "{pattern}: {first:?}"
        );
        assert!(
            !then.is_empty() && then.iter().all(|p| *p >= 2),
            "{pattern}: {then:?}"
        );
        assert_eq!(
            first.len() + then.len(),
            objects,
            "{pattern}: every object once"
        );
    }
}
