//! `p3gen lint` on hand-written manifests: the reference's defects with file:line:col, JSON output,
//! and exit codes.

use crate::common;

use common::{repo, run_cli, shared};

fn reference() -> String {
    format!("{}/reference/pattern3-istio-kserve", shared())
}

fn fixture(name: &str) -> String {
    repo(&format!("tests/fixtures/manifests/{name}"))
}

/// Paths relative to the reference directory, so snapshots do not depend on the checkout.
fn relative(text: &str) -> String {
    text.replace(&format!("{}/", reference()), "")
}

#[test]
fn lint_reports_the_reference_defects_with_positions() {
    let outcome = run_cli(&["lint", &reference()]);
    assert_eq!(outcome.code, 0, "only warnings: {}", outcome.stdout);
    let text = relative(&outcome.stdout);
    for (code, place) in [
        ("P3401", "networkpolicies/allow-epp-scheduler.yaml:9:"), // D1
        ("P3402", "networkpolicies/allow-gateway-to-vllm.yaml:"), // D2
        ("P3403", "networkpolicies/allow-gateway-to-vllm.yaml:"), // D3
        ("P3404", "networkpolicies/allow-epp-scheduler.yaml:"),   // D4
        ("P3405", "networkpolicies/"),                            // D5
        ("P3406", "networkpolicies/allow-vllm-egress.yaml:"),     // D6
        ("P3304", "envoyfilter-route-extproc-body.yaml:"),        // D7
        ("P3305", "envoyfilter-route-extproc-body.yaml:"),        // D8
        ("P3201", "llmisvc-tpu-pattern3.yaml:"),                  // D9
        ("P3207", "llmisvc-tpu-pattern3.yaml:"),                  // D11
        ("P3408", "networkpolicies/allow-epp-scheduler.yaml:"),   // D12
        ("P3407", "networkpolicies/allow-gateway-to-vllm.yaml:"), // C4
    ] {
        assert!(
            text.lines()
                .any(|line| line.starts_with(place) && line.contains(&format!("warning[{code}]"))),
            "{code} at {place} missing:\n{text}"
        );
    }
    insta::assert_snapshot!(text);
}

#[test]
fn lint_json_gives_one_object_per_finding() {
    let outcome = run_cli(&["lint", "--format", "json", &reference()]);
    assert_eq!(outcome.code, 0);
    let findings: Vec<serde_json::Value> = outcome
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert!(findings.len() >= 12);
    let d1 = findings.iter().find(|f| f["code"] == "P3401").unwrap();
    assert_eq!(d1["kind"], "NetworkPolicy");
    assert_eq!(d1["name"], "allow-gateway-to-epp-scheduler-pattern3");
    assert_eq!(d1["severity"], "warning");
    assert_eq!(
        (d1["line"].as_u64(), d1["column"].as_u64()),
        (Some(9), Some(7))
    );
    assert!(
        d1["file"]
            .as_str()
            .unwrap()
            .ends_with("allow-epp-scheduler.yaml")
    );
}

#[test]
fn targets_and_levels_change_what_is_reported() {
    let odh = run_cli(&[
        "lint",
        "--kserve",
        "odh-0.15",
        "--istio",
        "1.26",
        &reference(),
    ]);
    assert!(
        !odh.stdout.contains("P3207"),
        "a script suits Open Data Hub"
    );
    assert!(
        !odh.stdout.contains("P3304"),
        "Istio 1.26 writes no per-route config"
    );
    let upstream = run_cli(&["lint", "--kserve", "0.16", &reference()]);
    assert!(upstream.stdout.contains("warning[P3207]"));
    let denied = run_cli(&[
        "lint",
        "--deny",
        "warnings",
        "--allow",
        "P3402",
        &reference(),
    ]);
    assert_eq!(denied.code, 1);
    assert!(denied.stdout.contains("error[P3401]"));
    assert!(!denied.stdout.contains("P3402"));
}

#[test]
fn an_error_level_finding_exits_1() {
    let outcome = run_cli(&["lint", &fixture("secret-literal.yaml")]);
    assert_eq!(outcome.code, 1, "{}", outcome.stdout);
    assert!(
        outcome
            .stdout
            .contains("secret-literal.yaml:22:16: error[P3204] LLMInferenceService/qwen"),
        "{}",
        outcome.stdout
    );
    assert!(
        !outcome
            .stdout
            .contains("hf_abcdefghijklmnopqrstuvwxyz012345"),
        "the secret is not echoed"
    );
}

#[test]
fn the_golden_bundles_lint_as_their_specs_render() {
    // Every golden file names its target on its `# Target:` line, so lint knows it; the warnings
    // of the spec (those that manifests can show) and of its rendered bundle agree.
    let mut checked = 0;
    for entry in std::fs::read_dir(repo("golden")).unwrap() {
        let golden = entry.unwrap().path();
        let stem = golden.file_stem().unwrap().to_string_lossy().into_owned();
        let spec = repo(&format!("patterns/{stem}.toml"));
        let source =
            p3gen::diagnostic::SourceFile::new(&spec, std::fs::read_to_string(&spec).unwrap());
        let compiled = p3gen::compile(&source, "spec.toml").unwrap();
        let mut expected: Vec<&str> = compiled
            .warnings
            .diagnostics
            .iter()
            .filter(|d| {
                p3gen::validate::explain(d.code).is_some_and(|info| info.applies.to_manifests())
            })
            .map(|d| d.code)
            .collect();
        expected.sort_unstable();
        expected.dedup();
        let outcome = run_cli(&["lint", "--format", "json", golden.to_str().unwrap()]);
        assert_eq!(outcome.code, 0, "{}", outcome.stdout);
        let mut found: Vec<String> = outcome
            .stdout
            .lines()
            .map(|line| {
                serde_json::from_str::<serde_json::Value>(line).unwrap()["code"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        assert_eq!(found, expected, "{}", golden.display());
        checked += 1;
    }
    assert!(checked >= 3);
}

#[test]
fn unreadable_input_exits_2() {
    let outcome = run_cli(&["lint", "no/such/file.yaml"]);
    assert_eq!(outcome.code, 2);
    assert!(outcome.stderr.contains("no/such/file.yaml"));
}

/// Every finding's code in `p3gen lint --format json` output, with how often it occurs.
fn code_counts(json_lines: &str) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for line in json_lines.lines() {
        let finding: serde_json::Value = serde_json::from_str(line).unwrap();
        *counts
            .entry(finding["code"].as_str().unwrap().to_owned())
            .or_insert(0) += 1;
    }
    counts
}

#[test]
fn an_out_dir_tree_lints_as_its_bundle() {
    // Each per-object file carries the bundle's `# Target:` line, so lint reads the same target
    // from the tree as from the bundle and reports the same findings, as often.
    let base = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for entry in std::fs::read_dir(repo("patterns")).unwrap() {
        let spec = entry.unwrap().path();
        let stem = spec.file_stem().unwrap().to_string_lossy().into_owned();
        let spec = spec.to_str().unwrap();
        let bundle = base.path().join(format!("{stem}.yaml"));
        let tree = base.path().join(&stem);
        let bundle = bundle.to_str().unwrap();
        let tree = tree.to_str().unwrap();
        for args in [
            ["render", spec, "--output", bundle],
            ["render", spec, "--out-dir", tree],
        ] {
            let outcome = run_cli(&args);
            assert_eq!(outcome.code, 0, "{args:?}: {}", outcome.stderr);
        }
        let text = std::fs::read_to_string(format!("{tree}/kustomization.yaml")).unwrap();
        let target = text.lines().nth(1).unwrap();
        assert!(target.starts_with("# Target: "), "{stem}: {text}");
        for file in std::fs::read_dir(tree).unwrap() {
            let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
            assert_eq!(text.lines().nth(1), Some(target), "{stem}");
        }
        let of_bundle = run_cli(&["lint", "--format", "json", bundle]);
        let of_tree = run_cli(&["lint", "--format", "json", tree]);
        assert_eq!(of_tree.code, of_bundle.code, "{stem}");
        assert_eq!(of_tree.stderr, "", "{stem}: nothing is skipped in the tree");
        if stem == "pattern3" {
            // It renders the reference's defects: there is something to compare.
            assert!(!of_bundle.stdout.is_empty(), "{stem}");
        }
        assert_eq!(
            code_counts(&of_tree.stdout),
            code_counts(&of_bundle.stdout),
            "{stem}"
        );
        checked += 1;
    }
    assert!(checked >= 6, "every pattern is checked");
}

#[test]
fn permissive_mtls_is_found_namespace_wide_and_per_port() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("peer-authentications.yaml");
    std::fs::write(
        &file,
        "apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: llm
spec:
  mtls:
    mode: PERMISSIVE
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: vllm-ports
  namespace: llm
spec:
  selector: {}
  mtls: {}
  portLevelMtls:
    \"8000\":
      mode: PERMISSIVE
    \"9090\":
      mode: STRICT
",
    )
    .unwrap();
    let outcome = run_cli(&["lint", "--message-format", "short", file.to_str().unwrap()]);
    let found: Vec<&str> = outcome
        .stdout
        .lines()
        .filter(|line| line.contains("[P3306]"))
        .collect();
    let at = |place: &str| found.iter().any(|line| line.contains(place));
    assert_eq!(found.len(), 2, "{}", outcome.stdout);
    assert!(at("peer-authentications.yaml:8:"), "{}", outcome.stdout);
    assert!(at("peer-authentications.yaml:20:"), "{}", outcome.stdout);
}
