//! Every pattern renders to its golden file byte for byte; `UPDATE_GOLDEN=1 cargo test` rewrites them.

use std::path::{Path, PathBuf};

use p3gen::diagnostic::SourceFile;
use p3gen::output::golden::{self, GoldenStatus};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn render(spec: &Path) -> String {
    let text = std::fs::read_to_string(spec).unwrap();
    let name = spec.file_name().unwrap().to_string_lossy().into_owned();
    let source = SourceFile::new(spec.display().to_string(), text);
    match p3gen::compile(&source, &name) {
        Ok(compiled) => compiled.yaml,
        Err(report) => panic!("{}", report.render(p3gen::diagnostic::RenderStyle::Plain)),
    }
}

#[test]
fn golden_files_match_their_patterns() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let golden_dir = root().join("golden");
    let specs = golden::spec_files(&root().join("patterns")).unwrap();
    assert!(specs.len() >= 3, "expected at least three patterns");
    let mut failures = Vec::new();
    for spec in &specs {
        let rendered = render(spec);
        let path = golden::golden_path(&golden_dir, spec);
        if update {
            std::fs::write(&path, &rendered).unwrap();
            continue;
        }
        match golden::compare(&path, &rendered).unwrap() {
            GoldenStatus::Fresh => {}
            GoldenStatus::Missing => failures.push(format!("{} is missing", path.display())),
            GoldenStatus::Stale { diff } => failures.push(diff),
        }
    }
    assert!(
        failures.is_empty(),
        "golden files are stale (UPDATE_GOLDEN=1 cargo test rewrites them):\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_golden_file_has_a_pattern() {
    let patterns = root().join("patterns");
    for entry in std::fs::read_dir(root().join("golden")).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            patterns.join(format!("{stem}.toml")).exists(),
            "{} has no pattern: delete it or add patterns/{stem}.toml",
            path.display()
        );
    }
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
