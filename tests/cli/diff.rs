//! `p3gen diff`, run as the real binary: exit codes, the report, colour, JSON, and use as kubectl's
//! external diff program.

use crate::common;

use std::path::{Path, PathBuf};

use common::{p3gen, root, run, spec_with};
use serde_json::{Value, json};

/// The changed lines of a unified diff: lines starting with `-` or `+`, without the file headers.
fn changed_lines(diff: &str) -> Vec<&str> {
    diff.lines()
        .filter(|line| line.starts_with(['-', '+']))
        .filter(|line| !line.starts_with("--- ") && !line.starts_with("+++ "))
        .collect()
}

/// `patterns/pattern3.toml` with another replica count, written into `dir`.
fn pattern3_with_replicas(dir: &Path, replicas: u32) -> PathBuf {
    let spec = dir.join("pattern3.toml");
    let text = spec_with(
        "pattern3.toml",
        "replicas = 3\n",
        &format!("replicas = {replicas}\n"),
    );
    std::fs::write(&spec, text).unwrap();
    spec
}

#[test]
fn every_pattern_against_its_own_golden_file_has_no_difference() {
    for spec in ["pattern3", "pattern3-hardened", "pattern3-gpu"] {
        let (code, stdout, stderr) = run(p3gen()
            .current_dir(root())
            .args(["diff", &format!("patterns/{spec}.toml"), "--against"])
            .arg(format!("golden/{spec}.yaml")));
        assert_eq!(code, 0, "{spec}: {stdout}{stderr}");
        assert!(
            stdout.starts_with("0 objects changed, 0 added, 0 removed, "),
            "{stdout}"
        );
        assert_eq!(stderr, "");
    }
}

#[test]
fn a_changed_replica_count_is_exactly_the_difference_shown() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(p3gen()
        .args(["diff", "--color", "never"])
        .arg(pattern3_with_replicas(dir.path(), 5))
        .arg("--against")
        .arg(root().join("golden/pattern3.yaml")));
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.starts_with(
            "--- a/LLMInferenceService/llm-d-inference-scheduling/qwen2-3b-pattern3\n\
             +++ b/LLMInferenceService/llm-d-inference-scheduling/qwen2-3b-pattern3\n@@ "
        ),
        "{stdout}"
    );
    assert_eq!(
        changed_lines(&stdout),
        vec!["-  replicas: 3", "+  replicas: 5"]
    );
    assert!(
        stdout.ends_with("\n1 object changed, 0 added, 0 removed, 5 unchanged\n"),
        "{stdout}"
    );
    assert!(!stdout.contains('\x1b'), "no colour when piped");
}

#[test]
fn the_built_in_spec_is_used_when_no_spec_is_given() {
    let (code, stdout, _) = run(p3gen()
        .args(["diff", "--against"])
        .arg(root().join("golden/pattern3.yaml")));
    assert_eq!(code, 0, "{stdout}");
    let (code, stdout, _) = run(p3gen()
        .args(["diff", "--against"])
        .arg(root().join("golden/pattern3-gpu.yaml")));
    assert_eq!(code, 1, "{stdout}");
}

#[test]
fn two_specs_compare_by_what_they_render() {
    let (code, stdout, stderr) = run(p3gen().current_dir(root()).args([
        "diff",
        "patterns/pattern3.toml",
        "patterns/pattern3-hardened.toml",
    ]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stdout.contains(
            "--- a/EnvoyFilter/opendatahub/inference-pool-route-body-forwarding-pattern3\n+++ /dev/null\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "--- /dev/null\n+++ b/PeerAuthentication/llm-d-inference-scheduling/default\n"
        ),
        "{stdout}"
    );
}

#[test]
fn colour_follows_the_color_option() {
    let args = [
        "diff",
        "patterns/pattern3.toml",
        "patterns/pattern3-gpu.toml",
        "--color",
    ];
    let (code, always, _) = run(p3gen().current_dir(root()).args(args).arg("always"));
    assert_eq!(code, 1);
    assert!(always.contains("\x1b["), "{always}");
    let (_, never, _) = run(p3gen().current_dir(root()).args(args).arg("never"));
    assert!(!never.contains('\x1b'));
    let (_, auto, _) = run(p3gen().current_dir(root()).args(args).arg("auto"));
    assert_eq!(auto, never, "auto is plain when stdout is a pipe");
}

#[test]
fn json_output_reports_every_object() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, _) = run(p3gen()
        .args(["diff", "--format", "json"])
        .arg(pattern3_with_replicas(dir.path(), 4))
        .arg("--against")
        .arg(root().join("golden/pattern3.yaml")));
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(
        report["summary"],
        json!({"changed": 1, "added": 0, "removed": 0, "unchanged": 5})
    );
    let changed: Vec<&Value> = report["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|object| object["status"] == "changed")
        .collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["kind"], "LLMInferenceService");
    let diff = changed[0]["diff"].as_str().unwrap();
    assert_eq!(
        changed_lines(diff),
        vec!["-  replicas: 3", "+  replicas: 4"]
    );
}

#[test]
fn kubectl_get_lists_are_read_item_by_item() {
    let golden = std::fs::read_to_string(root().join("golden/pattern3.yaml")).unwrap();
    let items = p3gen::output::diff::parse_multi_doc(&golden).unwrap();
    let list = json!({"apiVersion": "v1", "kind": "List", "items": items, "metadata": {}});
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("live.json");
    std::fs::write(&file, list.to_string()).unwrap();
    let (code, stdout, stderr) = run(p3gen().args(["diff", "--against"]).arg(&file));
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn bad_input_exits_2_with_a_message_and_no_report() {
    let dir = tempfile::tempdir().unwrap();
    let bad_yaml = dir.path().join("bad.yaml");
    std::fs::write(&bad_yaml, "kind: ConfigMap\nmetadata: [\n").unwrap();
    let not_object = dir.path().join("scalar.yaml");
    std::fs::write(&not_object, "just a string\n").unwrap();
    let twice = dir.path().join("twice.yaml");
    let golden = std::fs::read_to_string(root().join("golden/pattern3.yaml")).unwrap();
    std::fs::write(&twice, format!("{golden}---\n{golden}")).unwrap();
    let bad_spec = root().join("tests/fixtures/invalid/unknown-key.toml");

    let cases: Vec<(Vec<PathBuf>, &str)> = vec![
        (
            vec!["--against".into(), dir.path().join("missing.yaml")],
            "missing.yaml: no such file or directory",
        ),
        // Located as lint and validate locate it: the same reader.
        (
            vec!["--against".into(), bad_yaml.clone()],
            "bad.yaml:2:11: unclosed bracket",
        ),
        (
            vec!["--against".into(), not_object],
            "scalar.yaml:1:1: a Kubernetes object must be a mapping",
        ),
        (vec!["--against".into(), twice], "duplicate object"),
        (
            vec![
                bad_spec,
                "--against".into(),
                root().join("golden/pattern3.yaml"),
            ],
            "unknown key",
        ),
        (vec![bad_yaml.clone()], "two paths OLD NEW"),
        (
            vec![
                bad_yaml.clone(),
                bad_yaml.clone(),
                "--against".into(),
                bad_yaml,
            ],
            "two paths OLD NEW",
        ),
    ];
    for (args, expected) in cases {
        let (code, stdout, stderr) = run(p3gen().arg("diff").args(&args));
        assert_eq!(code, 2, "{args:?}: {stdout}{stderr}");
        assert_eq!(stdout, "", "{args:?}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn invalid_yaml_is_located_by_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "a: 1\n---\nkind: X\n  b: 2\n").unwrap();
    let (code, _, stderr) = run(p3gen().args(["diff", "--against"]).arg(&bad));
    assert_eq!(code, 2);
    assert!(stderr.contains("bad.yaml:4:4: "), "{stderr}");
}

/// kubectl's file name for an object: `[group.]version.Kind.namespace.name`.
fn kubectl_file_name(object: &Value) -> String {
    let api_version = object["apiVersion"].as_str().unwrap();
    let group_version = api_version.replace('/', ".");
    format!(
        "{group_version}.{}.{}.{}",
        object["kind"].as_str().unwrap(),
        object["metadata"]["namespace"].as_str().unwrap_or_default(),
        object["metadata"]["name"].as_str().unwrap(),
    )
}

/// The object as the API server returns it: with a uid, resourceVersion, managedFields, the
/// last-applied annotation and a status.
fn as_live(mut object: Value, resource_version: &str) -> Value {
    let metadata = object["metadata"].as_object_mut().unwrap();
    metadata.insert("uid".into(), json!("0b6a4d1e-5d47-4d7c-9d0e-3f3c1b6f2a11"));
    metadata.insert("resourceVersion".into(), json!(resource_version));
    metadata.insert("generation".into(), json!(2));
    metadata.insert("creationTimestamp".into(), json!("2025-06-01T10:00:00Z"));
    metadata.insert(
        "managedFields".into(),
        json!([{"manager": "kubectl-client-side-apply", "operation": "Update"}]),
    );
    metadata.insert(
        "annotations".into(),
        json!({"kubectl.kubernetes.io/last-applied-configuration": "{}"}),
    );
    object["status"] = json!({"conditions": [{"type": "Ready", "status": "True"}]});
    object
}

/// Writes objects the way `kubectl diff` does: one YAML file per object, named by kubectl's
/// scheme, and an empty file for an object that does not exist on this side.
fn write_kubectl_dir(dir: &Path, objects: &[(String, Option<Value>)]) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, object) in objects {
        let text = match object {
            Some(object) => p3gen::output::to_yaml_document(object).unwrap(),
            None => String::new(),
        };
        std::fs::write(dir.join(name), text).unwrap();
    }
}

#[test]
fn works_as_kubectl_external_diff_through_the_wrapper() {
    let golden = std::fs::read_to_string(root().join("golden/pattern3.yaml")).unwrap();
    let objects = p3gen::output::diff::parse_multi_doc(&golden).unwrap();
    let mut live = Vec::new();
    let mut merged = Vec::new();
    for object in objects {
        let name = kubectl_file_name(&object);
        let new_policy = name.ends_with(".allow-vllm-egress-pattern3");
        let mut after = as_live(object.clone(), "2000");
        if object["kind"] == "LLMInferenceService" {
            after["spec"]["replicas"] = json!(4);
            after["status"] = json!({"conditions": [{"type": "Ready", "status": "False"}]});
        }
        live.push((
            name.clone(),
            (!new_policy).then(|| as_live(object.clone(), "1000")),
        ));
        merged.push((name, Some(after)));
    }
    let dir = tempfile::tempdir().unwrap();
    let (live_dir, merged_dir) = (dir.path().join("LIVE-1"), dir.path().join("MERGED-1"));
    write_kubectl_dir(&live_dir, &live);
    write_kubectl_dir(&merged_dir, &merged);

    let binary_dir = Path::new(env!("CARGO_BIN_EXE_p3gen")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(binary_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let wrapper = root().join("examples/p3gen-kubectl-diff");
    let mut command = std::process::Command::new(&wrapper);
    command.env("PATH", &path).arg(&live_dir).arg(&merged_dir);
    let (code, stdout, stderr) = run(&mut command);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains(
            "+++ b/NetworkPolicy/llm-d-inference-scheduling/allow-vllm-egress-pattern3\n"
        ),
        "{stdout}"
    );
    let isvc = stdout
        .split("--- ")
        .find(|part| part.starts_with("a/LLMInferenceService/"))
        .expect("the service changed");
    assert_eq!(
        changed_lines(isvc),
        vec!["-  replicas: 3", "+  replicas: 4"]
    );
    assert!(
        stdout.ends_with("1 object changed, 1 added, 0 removed, 4 unchanged\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("resourceVersion") && !stdout.contains("status"));

    // kubectl appends the further words of KUBECTL_EXTERNAL_DIFF after the two directories.
    let mut command = std::process::Command::new(&wrapper);
    command
        .env("PATH", &path)
        .arg(&live_dir)
        .arg(&merged_dir)
        .arg("--color=always");
    let (code, coloured, _) = run(&mut command);
    assert_eq!(code, 1);
    assert!(coloured.contains("\x1b["), "{coloured}");

    // No differences: exit 0.
    let mut command = std::process::Command::new(&wrapper);
    command.env("PATH", &path).arg(&merged_dir).arg(&merged_dir);
    assert_eq!(run(&mut command).0, 0);
}

/// The upstream CRDs in the shared data.
fn crds() -> PathBuf {
    common::crd_dir()
}

/// `pattern3.toml` with three env vars whose values YAML 1.1 reads as booleans when unquoted,
/// written into `dir`, and its bundle with `FEATURE_A: on` and `FEATURE_B: yes` unquoted (as a
/// hand-written manifest may have them) and `FEATURE_C: "on"` still quoted.
fn spec_and_hand_written_switches(dir: &Path) -> (PathBuf, PathBuf) {
    let spec = dir.join("switches.toml");
    let env = "[container.env]\nFEATURE_A = \"on\"\nFEATURE_B = \"yes\"\nFEATURE_C = \"on\"\n\n";
    std::fs::write(
        &spec,
        spec_with("pattern3.toml", "[serving]\n", &format!("{env}[serving]\n")),
    )
    .unwrap();
    let (code, bundle, stderr) = run(p3gen().arg("render").arg(&spec));
    assert_eq!(code, 0, "{stderr}");
    let mut lines: Vec<String> = bundle.lines().map(str::to_owned).collect();
    let mut unquoted = 0;
    for at in 1..lines.len() {
        let value = match lines[at - 1].trim() {
            "- name: FEATURE_A" => "on",
            "- name: FEATURE_B" => "yes",
            "- name: FEATURE_C" => {
                assert!(lines[at].ends_with("value: 'on'") || lines[at].ends_with("value: \"on\""));
                continue;
            }
            _ => continue,
        };
        let indent = lines[at].len() - lines[at].trim_start().len();
        assert!(
            lines[at].trim_start().starts_with("value: "),
            "{}",
            lines[at]
        );
        lines[at] = format!("{}value: {value}", " ".repeat(indent));
        unquoted += 1;
    }
    assert_eq!(unquoted, 2, "{bundle}");
    let manifest = dir.join("switches.yaml");
    std::fs::write(&manifest, lines.join("\n") + "\n").unwrap();
    (spec, manifest)
}

/// The value of the env var `name` wherever it is in an object.
fn env_value<'a>(value: &'a Value, name: &str) -> Option<&'a Value> {
    match value {
        Value::Object(map) if map.get("name").and_then(Value::as_str) == Some(name) => {
            map.get("value")
        }
        Value::Object(map) => map.values().find_map(|child| env_value(child, name)),
        Value::Array(items) => items.iter().find_map(|child| env_value(child, name)),
        _ => None,
    }
}

#[test]
fn lint_validate_and_diff_type_unquoted_on_and_yes_as_kubectl_does() {
    let dir = tempfile::tempdir().unwrap();
    let (spec, manifest) = spec_and_hand_written_switches(dir.path());

    // One reader: what lint and validate read is what diff reads, and what kubectl sends.
    let read = p3gen::cli::load_manifests(std::slice::from_ref(&manifest)).unwrap();
    let (diffed, skipped) = p3gen::output::diff::read_manifests(&manifest).unwrap();
    assert!(read.skipped.is_empty() && skipped.is_empty());
    let read: Vec<&Value> = read.documents.iter().map(|d| &d.value).collect();
    let diffed: Vec<&Value> = diffed.iter().map(|m| &m.value).collect();
    assert_eq!(read, diffed);
    let service = read
        .iter()
        .find(|object| object["kind"] == "LLMInferenceService")
        .unwrap();
    assert_eq!(env_value(service, "FEATURE_A"), Some(&json!(true)));
    assert_eq!(env_value(service, "FEATURE_B"), Some(&json!(true)));
    assert_eq!(env_value(service, "FEATURE_C"), Some(&json!("on")));
    let (code, kubectl, stderr) = run(common::tool("kubectl")
        .env("KUBECONFIG", "/dev/null")
        .args(["label", "--local", "-o", "json", "-f"])
        .arg(&manifest)
        .arg("p3gen-test=read"));
    assert_eq!(code, 0, "{stderr}");
    // One JSON document per object.
    let mut items: Vec<Value> = serde_json::Deserializer::from_str(&kubectl)
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap();
    for item in &mut items {
        let labels = item["metadata"]["labels"].as_object_mut().unwrap();
        labels.remove("p3gen-test");
    }
    assert_eq!(
        items.iter().collect::<Vec<_>>(),
        read,
        "kubectl reads the same objects"
    );

    // validate: the two unquoted values are booleans where the CRD wants strings.
    let text = std::fs::read_to_string(&manifest).unwrap();
    let line_of = |needle: &str| {
        text.lines()
            .position(|line| line.ends_with(needle))
            .unwrap()
            + 1
    };
    let (code, stdout, stderr) = run(p3gen()
        .args(["validate", "--crds"])
        .arg(crds())
        .arg(&manifest));
    assert_eq!(code, 1, "{stdout}{stderr}");
    let violations: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("not of type"))
        .collect();
    assert_eq!(violations.len(), 2, "{stdout}");
    for (line, violation) in [line_of("value: on"), line_of("value: yes")]
        .iter()
        .zip(&violations)
    {
        let at = format!("{}:{line}:", manifest.display());
        assert!(violation.starts_with(&at), "{violation} is not at {at}");
        assert!(
            violation.contains("true is not of type \"string\""),
            "{violation}"
        );
    }

    // diff against the spec: exactly those two values differ from the strings it renders.
    let (code, stdout, stderr) = run(p3gen()
        .args(["diff", "--color", "never"])
        .arg(&spec)
        .arg("--against")
        .arg(&manifest));
    assert_eq!(code, 1, "{stderr}");
    let (removed, added): (Vec<&str>, Vec<&str>) = changed_lines(&stdout)
        .into_iter()
        .partition(|line| line.starts_with('-'));
    assert_eq!(removed.len(), 2, "{stdout}");
    assert!(
        removed.iter().all(|line| line.ends_with("value: true")),
        "{stdout}"
    );
    assert_eq!(added.len(), 2, "{stdout}");
    assert!(
        added[0].contains("value: 'on'") || added[0].contains("value: \"on\""),
        "{stdout}"
    );
    assert!(
        added[1].contains("value: 'yes'") || added[1].contains("value: \"yes\""),
        "{stdout}"
    );

    // lint: `on` and `yes` are exactly `true` to it, as to kubectl (a YAML 1.2 reader would see
    // strings), so the findings are those of the manifest with `true` written out.
    let spelled_out = dir.path().join("spelled-out.yaml");
    let text_true = text
        .replace("value: on\n", "value: true\n")
        .replace("value: yes\n", "value: true\n");
    assert_ne!(text_true, text);
    std::fs::write(&spelled_out, text_true).unwrap();
    let (code, of_manifest, stderr) =
        run(p3gen().args(["lint", "--format", "json"]).arg(&manifest));
    assert_eq!(code, 0, "{stderr}");
    assert!(!of_manifest.is_empty());
    let (_, of_spelled_out, _) = run(p3gen().args(["lint", "--format", "json"]).arg(&spelled_out));
    assert_eq!(
        of_manifest.replace(&manifest.display().to_string(), "FILE"),
        of_spelled_out.replace(&spelled_out.display().to_string(), "FILE")
    );
}

#[test]
fn a_github_directory_and_other_yaml_beside_the_manifests_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    std::fs::copy(
        root().join("golden/pattern3.yaml"),
        repo.join("bundle.yaml"),
    )
    .unwrap();
    std::fs::create_dir_all(repo.join(".github/workflows")).unwrap();
    std::fs::write(
        repo.join(".github/workflows/ci.yaml"),
        "name: ci\non:\n  push:\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n    - run: cargo test\n",
    )
    .unwrap();
    std::fs::create_dir(repo.join("config")).unwrap();
    std::fs::write(repo.join("config/values.yaml"), "replicas: 3\nname: qwen\n").unwrap();
    let notes = format!(
        "note: skipped {}: a hidden directory; name its files to read them\n\
         note: skipped {}: not a Kubernetes object (no apiVersion and kind)\n",
        repo.join(".github").display(),
        repo.join("config/values.yaml").display(),
    );

    let (code, beside, stderr) = run(p3gen().args(["lint", "--format", "json"]).arg(repo));
    assert_eq!(code, 0, "{beside}{stderr}");
    assert_eq!(stderr, notes);
    assert!(!beside.contains("P3501"), "{beside}");
    let (_, alone, _) = run(p3gen()
        .args(["lint", "--format", "json"])
        .arg(repo.join("bundle.yaml")));
    assert_eq!(beside, alone);

    let (code, stdout, stderr) = run(p3gen().args(["validate", "--crds"]).arg(crds()).arg(repo));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stderr, notes);

    let (code, stdout, stderr) = run(p3gen()
        .args(["diff", "--against"])
        .arg(repo)
        .arg(root().join("patterns/pattern3.toml")));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stderr, notes);

    // Named on the command line, a file is read whole, as kubectl reads it.
    let (code, _, stderr) = run(p3gen()
        .args(["diff", "--against"])
        .arg(repo.join("config/values.yaml")));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("values.yaml: object has no `kind` string"),
        "{stderr}"
    );
}
