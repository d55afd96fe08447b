//! Diagnostics: invalid specs fail with file, line, column, labels and a help line; specs with a
//! defect render with a warning. One fixture per rule, named after its code.

use std::path::Path;

use p3gen::diagnostic::{RenderStyle, Report, SourceFile};

fn compile(path: &Path, dir: &str) -> (String, Result<p3gen::Compiled, Report>) {
    let text = std::fs::read_to_string(path).unwrap();
    let name = format!(
        "fixtures/{dir}/{}",
        path.file_name().unwrap().to_string_lossy()
    );
    let source = SourceFile::new(name.clone(), text);
    let result = p3gen::compile(&source, &name);
    (name, result)
}

/// The code a fixture is named after (`P3102.toml`, `P3301-all-zero.toml`), if any.
fn fixture_code(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let code = stem.split('-').next()?.to_owned();
    (code.len() == 5 && code.starts_with('P')).then_some(code)
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn invalid_specs() {
    insta::glob!("../fixtures", "invalid/*.toml", |path| {
        let (name, result) = compile(path, "invalid");
        let report = match result {
            Ok(_) => panic!("{name} compiled, but it is invalid"),
            Err(report) => report,
        };
        assert!(report.has_errors(), "{name}");
        if let Some(code) = fixture_code(path) {
            assert!(
                report
                    .diagnostics
                    .iter()
                    .any(|d| d.code == code && d.is_error()),
                "{name} gives no {code} error: {:?}",
                codes(&report)
            );
        }
        insta::assert_snapshot!(report.render(RenderStyle::Plain));
    });
}

#[test]
fn specs_with_a_defect_render_with_a_warning() {
    insta::glob!("../fixtures", "warn/*.toml", |path| {
        let (name, result) = compile(path, "warn");
        let compiled = match result {
            Ok(compiled) => compiled,
            Err(report) => panic!("{name} failed:\n{}", report.render(RenderStyle::Plain)),
        };
        let code = fixture_code(path).unwrap();
        assert!(
            codes(&compiled.warnings).contains(&code.as_str()),
            "{name} gives no {code} warning: {:?}",
            codes(&compiled.warnings)
        );
        assert!(!compiled.warnings.has_errors());
        insta::assert_snapshot!(compiled.warnings.render(RenderStyle::Plain));
    });
}

/// Manifests that show a defect no spec renders (p3gen writes them right): each lints with the
/// code it is named after, at a line of its own.
#[test]
fn manifest_fixtures_lint_with_their_code() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/manifests");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Some(code) = fixture_code(&path) else {
            continue;
        };
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_p3gen"))
            .arg("lint")
            .arg(&path)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let file = path.file_name().unwrap().to_string_lossy();
        assert!(stdout.contains(&code), "{file}: {stdout}");
        assert!(stdout.contains(&format!("{file}:")), "{file}: {stdout}");
    }
}

#[test]
fn every_rule_has_a_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let fixtures: Vec<String> = ["invalid", "warn", "manifests"]
        .iter()
        .flat_map(|sub| std::fs::read_dir(dir.join(sub)).unwrap())
        .filter_map(|entry| fixture_code(&entry.unwrap().path()))
        .collect();
    for info in p3gen::validate::catalogue() {
        if info.applies == p3gen::validate::Applies::Spec && info.code != "P3006" {
            continue;
        }
        assert!(
            fixtures.iter().any(|code| code == info.code),
            "{} ({}) has no fixture under tests/fixtures/invalid or warn",
            info.code,
            info.name
        );
    }
}

#[test]
fn the_reference_spec_reports_the_reference_defects() {
    let source = SourceFile::new("pattern3.toml", p3gen::BUILTIN_SPEC);
    let compiled = p3gen::compile(&source, "pattern3.toml").unwrap();
    let mut found = codes(&compiled.warnings);
    found.sort_unstable();
    // D9, D7, D8, D1, D2, D3, D4, D5, D6, C4, D12.
    assert_eq!(
        found,
        [
            "P3201",
            // The image (RHAIIS 3.2.5, vLLM 0.10.1 … 0.13.0) deprecates --disable-log-requests.
            "P3208", "P3304", "P3305", "P3401", "P3402", "P3403", "P3404", "P3405", "P3406",
            "P3407", "P3408"
        ]
    );
    insta::assert_snapshot!(compiled.warnings.render(RenderStyle::Plain));
}
