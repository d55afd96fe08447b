//! Every pattern renders to its golden file byte for byte; `UPDATE_GOLDEN=1 cargo test` rewrites them.

use std::path::{Path, PathBuf};

use p3gen::diagnostic::SourceFile;
use p3gen::output::golden::{self, Finding, GoldenStatus};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn render(spec: &Path) -> String {
    let text = std::fs::read_to_string(spec).unwrap();
    let name = spec.file_name().unwrap().to_string_lossy().into_owned();
    let source = SourceFile::new(spec.display().to_string(), text);
    match p3gen::compile(&source, &name) {
        Ok(compiled) => compiled.yaml(),
        Err(report) => panic!("{}", report.render(p3gen::diagnostic::RenderStyle::Plain)),
    }
}

/// Every pattern, rendered.
fn render_patterns() -> Vec<golden::Rendered> {
    let specs = golden::spec_files(&root().join("patterns")).unwrap();
    assert!(specs.len() >= 3, "expected at least three patterns");
    specs
        .into_iter()
        .map(|spec| golden::Rendered {
            yaml: render(&spec),
            spec,
        })
        .collect()
}

/// The same comparison `p3gen check` runs: every pattern against its golden file, and no golden
/// file without a pattern.
#[test]
fn golden_files_match_their_patterns() {
    let golden_dir = root().join("golden");
    let rendered = render_patterns();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        golden::update(&golden_dir, &rendered).unwrap();
    }
    let findings = golden::check(&golden_dir, &rendered, true).unwrap();
    let report: Vec<String> = findings.iter().map(ToString::to_string).collect();
    assert!(
        findings.is_empty(),
        "golden files are stale (UPDATE_GOLDEN=1 cargo test rewrites them):\n{}",
        report.join("\n")
    );
}

#[test]
fn check_reports_stale_missing_and_orphaned_golden_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), "x: 1\n").unwrap();
    std::fs::write(dir.path().join("b.yaml"), "same\n").unwrap();
    std::fs::write(dir.path().join("orphan.yaml"), "x\n").unwrap();
    let rendered = |spec: &str, yaml: &str| golden::Rendered {
        spec: PathBuf::from(format!("patterns/{spec}.toml")),
        yaml: yaml.to_owned(),
    };
    let renders = [
        rendered("a", "x: 2\n"),
        rendered("b", "same\n"),
        rendered("c", "new\n"),
    ];
    let findings = golden::check(dir.path(), &renders, true).unwrap();
    assert_eq!(findings.len(), 3, "{findings:?}");
    assert!(matches!(&findings[0], Finding::Stale { diff, .. } if diff.contains("-x: 1\n+x: 2\n")));
    assert!(matches!(&findings[1], Finding::Missing { golden, .. } if golden.ends_with("c.yaml")));
    assert!(matches!(&findings[2], Finding::Orphan { golden } if golden.ends_with("orphan.yaml")));
    // Without orphan checking (some specs only), the orphan is not reported.
    assert_eq!(golden::check(dir.path(), &renders, false).unwrap().len(), 2);

    let written = golden::update(dir.path(), &renders).unwrap();
    assert_eq!(
        written,
        vec![dir.path().join("a.yaml"), dir.path().join("c.yaml")]
    );
    let left = golden::check(dir.path(), &renders, true).unwrap();
    assert!(
        matches!(left.as_slice(), [Finding::Orphan { .. }]),
        "{left:?}"
    );
}

#[test]
fn rendering_twice_gives_identical_bytes() {
    for spec in golden::spec_files(&root().join("patterns")).unwrap() {
        assert_eq!(render(&spec), render(&spec), "{}", spec.display());
    }
}

#[test]
fn the_builtin_spec_is_patterns_pattern3() {
    let on_disk = std::fs::read_to_string(root().join("patterns/pattern3.toml")).unwrap();
    assert_eq!(p3gen::BUILTIN_SPEC, on_disk);
}

#[test]
fn golden_paths_keep_dots_in_the_spec_name() {
    assert_eq!(
        golden::golden_path(
            Path::new("golden"),
            Path::new("patterns/pattern3-weights-0.20.toml")
        ),
        Path::new("golden/pattern3-weights-0.20.yaml")
    );
}

#[test]
fn a_stale_golden_file_reports_a_unified_diff() {
    let dir = std::env::temp_dir().join(format!("p3gen-golden-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("x.yaml");
    std::fs::write(&path, "a: 1\nb: 2\n").unwrap();
    let status = golden::compare(&path, "a: 1\nb: 3\n").unwrap();
    let GoldenStatus::Stale { diff } = status else {
        panic!("expected a stale golden file, got {status:?}");
    };
    assert!(diff.contains("-b: 2\n+b: 3\n"), "{diff}");
    assert_eq!(
        golden::compare(&dir.join("none.yaml"), "").unwrap(),
        GoldenStatus::Missing
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
