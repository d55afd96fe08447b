//! The command line: render's report levels (`--allow`, `--deny warnings`, `[lints] allow`) and
//! their exit codes.

use crate::common;

use common::{repo, run_cli};

fn fixture(path: &str) -> String {
    repo(&format!("tests/fixtures/{path}"))
}

fn golden() -> String {
    std::fs::read_to_string(repo("golden/pattern3.yaml")).unwrap()
}

#[test]
fn render_prints_warnings_and_still_renders() {
    let outcome = run_cli(&["render"]);
    assert_eq!(outcome.code, 0);
    assert_eq!(outcome.stdout, golden());
    assert!(outcome.stderr.contains("P3402"), "{}", outcome.stderr);
    assert!(outcome.stderr.contains('⚠'));
}

#[test]
fn deny_warnings_refuses_to_render() {
    let outcome = run_cli(&["render", "--deny", "warnings"]);
    assert_eq!(outcome.code, 2);
    assert!(outcome.stdout.is_empty());
    assert!(outcome.stderr.contains("P3402") && outcome.stderr.contains('×'));
}

#[test]
fn allow_silences_one_warning() {
    let outcome = run_cli(&["render", "--allow", "P3402", "--allow", "any-pod-ingress"]);
    assert_eq!(outcome.code, 0);
    assert!(!outcome.stderr.contains("P3402"));
    assert!(!outcome.stderr.contains("P3403"));
    assert!(outcome.stderr.contains("P3401"));
}

#[test]
fn allowed_warnings_do_not_count_for_deny() {
    let all = [
        "P3201", "P3208", "P3304", "P3305", "P3401", "P3402", "P3403", "P3404", "P3405", "P3406",
        "P3407", "P3408",
    ];
    let mut args = vec!["render", "--deny", "warnings"];
    for code in &all {
        args.extend(["--allow", code]);
    }
    let outcome = run_cli(&args);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(outcome.stderr.is_empty());
    assert_eq!(outcome.stdout, golden());
}

#[test]
fn errors_and_unknown_codes_cannot_be_allowed() {
    let outcome = run_cli(&["render", "--allow", "P3102"]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("cannot be allowed"),
        "{}",
        outcome.stderr
    );
    let outcome = run_cli(&["render", "--allow", "P9999"]);
    assert_eq!(outcome.code, 2);
    assert!(outcome.stderr.contains("not a p3gen code"));
}

#[test]
fn a_spec_allows_warnings_with_a_reason() {
    let dir = std::env::temp_dir().join(format!("p3gen-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("allowed.toml");
    let text = std::fs::read_to_string(fixture("warn/P3402.toml")).unwrap();
    std::fs::write(
        &spec,
        format!(
            "{text}\n[lints]\nallow = {{ P3402 = \"the EPP shares the vLLM policies here\" }}\n"
        ),
    )
    .unwrap();
    let outcome = run_cli(&["render", spec.to_str().unwrap(), "--deny", "warnings"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(outcome.stderr.is_empty());
}

#[test]
fn an_error_fails_the_render_with_every_finding() {
    let outcome = run_cli(&["render", &fixture("invalid/P3104.toml")]);
    assert_eq!(outcome.code, 2);
    assert!(outcome.stdout.is_empty());
    let headers = outcome
        .stderr
        .lines()
        .filter(|line| *line == "P3104")
        .count();
    assert_eq!(headers, 2, "{}", outcome.stderr);
}
