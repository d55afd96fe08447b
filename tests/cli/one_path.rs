//! One path for every check: rendering a spec, linting its golden bundle and linting the
//! `--out-dir` tree of the same spec report the same codes, because the rules run once, over the
//! objects, in all three.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{p3gen, root, run};

/// The code of every JSON finding line of `output`, counted.
fn codes(output: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for line in output.lines().filter(|line| line.starts_with('{')) {
        let finding: serde_json::Value = serde_json::from_str(line).unwrap();
        let code = finding["code"].as_str().unwrap().to_owned();
        *counts.entry(code).or_default() += 1;
    }
    counts
}

fn lint(path: &Path) -> BTreeMap<String, usize> {
    let (_, stdout, stderr) = run(p3gen()
        .arg("lint")
        .arg(path)
        .args(["--message-format", "json"]));
    let mut all = codes(&stdout);
    for (code, count) in codes(&stderr) {
        *all.entry(code).or_default() += count;
    }
    all
}

#[test]
fn every_pattern_reports_the_same_codes_rendered_linted_and_linted_as_files() {
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("patterns")).unwrap() {
        let spec = entry.unwrap().path();
        let stem = spec.file_stem().unwrap().to_string_lossy().into_owned();
        let (code, _, stderr) = run(p3gen()
            .arg("render")
            .arg(&spec)
            .args(["--message-format", "json"]));
        assert_eq!(code, 0, "{stem}: {stderr}");
        let rendered: BTreeSet<String> = codes(&stderr).into_keys().collect();

        let golden = lint(&root().join("golden").join(format!("{stem}.yaml")));

        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join(&stem);
        let (code, _, stderr) = run(p3gen().arg("render").arg(&spec).arg("--out-dir").arg(&out));
        assert_eq!(code, 0, "{stem}: {stderr}");
        let files = lint(&out);

        assert_eq!(
            golden, files,
            "{stem}: linting the bundle and its --out-dir tree differ"
        );
        assert_eq!(
            rendered,
            golden.keys().cloned().collect::<BTreeSet<_>>(),
            "{stem}: rendering the spec and linting its bundle report different codes"
        );
        checked += 1;
    }
    assert!(checked >= 6, "{checked} patterns checked");
}

#[test]
fn the_hardened_pattern_is_clean_as_a_manifest() {
    let golden = lint(&root().join("golden/pattern3-hardened.yaml"));
    assert_eq!(golden, BTreeMap::new());
}
