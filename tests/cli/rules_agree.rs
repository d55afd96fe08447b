//! The spec rules and the manifest rules check the same facts: rendering each fixture and linting
//! the rendered objects reports the fixture's code again.

use std::path::Path;

use p3gen::diagnostic::SourceFile;
use p3gen::validate::{Objects, check_objects};

/// A code of a rule over manifests that the rendered objects cannot show: p3gen renders a hashed
/// HTTPRoute name correctly, so only the spec can be blamed for it.
const SPEC_ONLY: &[&str] = &["P3502"];

fn lint_rendered(path: &Path) -> Vec<&'static str> {
    let text = std::fs::read_to_string(path).unwrap();
    let spec = p3gen::spec::parse(&SourceFile::new("x.toml", text)).unwrap();
    let pattern = p3gen::model::lower(&spec).unwrap();
    let values: Vec<serde_json::Value> = p3gen::render::render(&pattern)
        .iter()
        .map(|object| serde_json::to_value(object).unwrap())
        .collect();
    let objects = Objects::new(
        &values,
        Some(*pattern.kserve.get()),
        Some(*pattern.istio.get()),
    );
    check_objects(&objects).iter().map(|f| f.code).collect()
}

#[test]
fn manifest_rules_find_what_spec_rules_find() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for dir in ["invalid", "warn"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let code = stem.split('-').next().unwrap().to_owned();
            let on_manifests =
                p3gen::validate::explain(&code).is_some_and(|info| info.applies.to_manifests());
            if !on_manifests || SPEC_ONLY.contains(&code.as_str()) {
                continue;
            }
            let found = lint_rendered(&path);
            assert!(
                found.contains(&code.as_str()),
                "{}: the rendered objects do not show {code}: {found:?}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 26, "{checked} fixtures checked");
}

#[test]
fn the_hardened_pattern_is_clean_as_a_manifest() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("patterns/pattern3-hardened.toml");
    assert_eq!(lint_rendered(&path), Vec::<&str>::new());
}
