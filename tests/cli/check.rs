//! `p3gen check`, run as the real binary on the repository and on temporary copies of it.

use crate::common;

use std::path::Path;

use common::{copy_dir, p3gen, root, run};

/// A temporary copy of `patterns/` and `golden/`.
fn copy_of_the_repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("patterns"), &dir.path().join("patterns"));
    copy_dir(&root().join("golden"), &dir.path().join("golden"));
    dir
}

/// How many patterns (and so golden files) the repository has.
fn pattern_count() -> usize {
    p3gen::output::golden::spec_files(&root().join("patterns"))
        .unwrap()
        .len()
}

fn check_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run(p3gen().current_dir(dir).arg("check").args(args))
}

#[test]
fn passes_on_the_repository() {
    let (code, stdout, stderr) = check_in(&root(), &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(
        stdout,
        format!("{} golden files up to date\n", pattern_count())
    );
}

#[test]
fn an_edited_golden_file_fails_with_the_diff() {
    let copy = copy_of_the_repository();
    let golden = copy.path().join("golden/pattern3.yaml");
    let text = std::fs::read_to_string(&golden).unwrap();
    std::fs::write(&golden, text.replacen("replicas: 3", "replicas: 4", 1)).unwrap();

    let (code, stdout, stderr) = check_in(copy.path(), &["--color", "never"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.starts_with("--- golden/pattern3.yaml\n+++ golden/pattern3.yaml (rendered)\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n-  replicas: 4\n+  replicas: 3\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with(&format!(
            "1 problem in {} golden files: 1 stale, 0 missing, 0 without a spec\n\
             `p3gen check --update` rewrites the stale and missing ones\n",
            pattern_count()
        )),
        "{stdout}"
    );

    // The same from elsewhere, with the directories as options.
    let elsewhere = tempfile::tempdir().unwrap();
    let patterns = copy.path().join("patterns");
    let golden_dir = copy.path().join("golden");
    let (code, stdout, _) = run(p3gen()
        .current_dir(elsewhere.path())
        .arg("check")
        .arg("--patterns")
        .arg(&patterns)
        .arg("--golden")
        .arg(&golden_dir));
    assert_eq!(code, 1);
    assert!(
        stdout.contains("\n-  replicas: 4\n+  replicas: 3\n"),
        "{stdout}"
    );

    // --update rewrites it, and then the check passes.
    let (code, stdout, _) = check_in(copy.path(), &["--update"]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(
        stdout,
        format!(
            "wrote golden/pattern3.yaml\n{} golden files up to date\n",
            pattern_count()
        )
    );
    assert_eq!(
        std::fs::read_to_string(&golden).unwrap(),
        std::fs::read_to_string(root().join("golden/pattern3.yaml")).unwrap()
    );
}

#[test]
fn missing_and_extra_golden_files_fail() {
    let copy = copy_of_the_repository();
    std::fs::remove_file(copy.path().join("golden/pattern3-gpu.yaml")).unwrap();
    std::fs::write(copy.path().join("golden/retired.yaml"), "# old\n").unwrap();
    let (code, stdout, _) = check_in(copy.path(), &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains(
            "golden/pattern3-gpu.yaml is missing: patterns/pattern3-gpu.toml has no golden file\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("golden/retired.yaml has no spec"),
        "{stdout}"
    );
    // One golden file is gone and one has no spec: as many golden files as specs.
    assert!(
        stdout.ends_with(&format!(
            "2 problems in {} golden files: 0 stale, 1 missing, 1 without a spec\n\
             `p3gen check --update` rewrites the stale and missing ones\n\
             remove the golden files without a spec: rm -- golden/retired.yaml\n",
            pattern_count()
        )),
        "{stdout}"
    );

    // Checking named specs only: the extra file is not a problem of theirs.
    let (code, stdout, _) = check_in(copy.path(), &["patterns/pattern3.toml"]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(stdout, "1 golden file up to date\n");
}

#[test]
fn golden_files_are_counted_as_they_are() {
    let copy = copy_of_the_repository();
    std::fs::remove_file(copy.path().join("golden/pattern3-gpu.yaml")).unwrap();
    let (code, stdout, _) = check_in(copy.path(), &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.ends_with(&format!(
            "1 problem in {} golden files: 0 stale, 1 missing, 0 without a spec\n\
             `p3gen check --update` rewrites the stale and missing ones\n",
            pattern_count() - 1
        )),
        "{stdout}"
    );

    // Orphans only: no --update hint, and in a git work tree the command is `git rm`.
    let (code, stdout, _) = check_in(copy.path(), &["--update"]);
    assert_eq!(code, 0, "{stdout}");
    std::fs::create_dir(copy.path().join(".git")).unwrap();
    std::fs::write(copy.path().join("golden/old one.yaml"), "# old\n").unwrap();
    std::fs::write(copy.path().join("golden/older.yaml"), "# old\n").unwrap();
    let (code, stdout, _) = check_in(copy.path(), &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.ends_with(&format!(
            "2 problems in {} golden files: 0 stale, 0 missing, 2 without a spec\n\
             remove the golden files without a spec: git rm -- 'golden/old one.yaml' golden/older.yaml\n",
            pattern_count() + 2
        )),
        "{stdout}"
    );
}

#[test]
fn a_bad_spec_or_directory_exits_2() {
    let copy = copy_of_the_repository();
    std::fs::copy(
        root().join("tests/fixtures/invalid/unknown-key.toml"),
        copy.path().join("patterns/broken.toml"),
    )
    .unwrap();
    let (code, stdout, stderr) = check_in(copy.path(), &[]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    // The other specs are still checked.
    assert_eq!(
        stdout,
        format!("{} golden files up to date\n", pattern_count())
    );
    assert!(
        stderr.starts_with("error: cannot compile patterns/broken.toml:\n")
            && stderr.contains("unknown key"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with(&format!(
            "error: 1 of {} specs failed (patterns/broken.toml); the others were checked\n",
            pattern_count() + 1
        )),
        "{stderr}"
    );

    // Stale golden files still count, and the exit code is the worst result.
    let golden = copy.path().join("golden/pattern3.yaml");
    let text = std::fs::read_to_string(&golden).unwrap();
    std::fs::write(&golden, text.replacen("replicas: 3", "replicas: 4", 1)).unwrap();
    let (code, stdout, _) = check_in(copy.path(), &["--color", "never"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stdout.contains("\n-  replicas: 4\n+  replicas: 3\n"),
        "{stdout}"
    );

    // --update writes nothing while a spec is bad.
    let (code, _, stderr) = check_in(copy.path(), &["--update"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("nothing written"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&golden).unwrap(),
        text.replacen("replicas: 3", "replicas: 4", 1)
    );

    let (code, _, stderr) = check_in(copy.path(), &["--patterns", "nowhere"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read nowhere"), "{stderr}");
}

#[test]
fn the_pre_commit_hook_runs_p3gen_check() {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks = p3gen::output::diff::parse_multi_doc(&text).unwrap();
    let hook = &hooks[0][0];
    assert_eq!(hook["id"], "p3gen-check");
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["pass_filenames"], false);
    let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
    assert_eq!(entry[0], "p3gen");
    let (code, stdout, stderr) = run(p3gen().current_dir(root()).args(&entry[1..]));
    assert_eq!(code, 0, "{stdout}{stderr}");
}
