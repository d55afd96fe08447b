//! Many specs in one run: `p3gen render`, `p3gen check` on directories and lists of specs, run as
//! the real binary on fleets made by `bench/gen-specs.sh`, with the real `kubectl kustomize`.

mod common;

use std::path::{Path, PathBuf};

use common::{p3gen, root, run, tool};
use p3gen::output::diff::{self, Manifest, ObjectKey, parse_multi_doc};

/// `count` distinct specs written by `bench/gen-specs.sh` into `dir`.
fn fleet(count: usize, dir: &Path) {
    let (code, stdout, stderr) = run(tool("bash")
        .arg(root().join("bench/gen-specs.sh"))
        .arg(count.to_string())
        .arg(dir));
    assert_eq!(code, 0, "{stdout}{stderr}");
}

/// A temporary directory holding `count` generated specs in `specs/`.
fn fleet_in_tempdir(count: usize) -> (tempfile::TempDir, PathBuf) {
    let base = tempfile::tempdir().unwrap();
    let specs = base.path().join("specs");
    fleet(count, &specs);
    (base, specs)
}

/// `p3gen render SPECS… --out-dir DIR`, which must succeed; its stdout.
fn render_into(specs: &[&Path], dir: &Path) -> String {
    let (code, stdout, stderr) = run(p3gen().arg("render").args(specs).arg("--out-dir").arg(dir));
    assert_eq!(code, 0, "{stderr}");
    stdout
}

/// Every file below `dir`, relative, with its text, in path order.
fn contents(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files: Vec<(PathBuf, String)> = walk(dir)
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path.strip_prefix(dir).unwrap().to_path_buf(), text)
        })
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn keys(yaml: &str) -> Vec<ObjectKey> {
    parse_multi_doc(yaml)
        .unwrap()
        .into_iter()
        .map(|value| {
            ObjectKey::of(&Manifest {
                source: String::new(),
                value,
            })
            .unwrap()
        })
        .collect()
}

fn manifests(yaml: &str) -> Vec<Manifest> {
    parse_multi_doc(yaml)
        .unwrap()
        .into_iter()
        .map(|value| Manifest {
            source: String::new(),
            value,
        })
        .collect()
}

#[test]
fn output_is_byte_identical_for_any_number_of_threads() {
    let (base, specs) = fleet_in_tempdir(60);

    let (code, expected, stderr) = run(p3gen().arg("render").arg("-j1").arg(&specs));
    assert_eq!(code, 0, "{stderr}");
    // No progress line and no other noise when stderr is not a terminal.
    assert_eq!(stderr, "");
    // 60 specs of 7 objects; the PeerAuthentication of each of the 10 namespaces is written once.
    assert_eq!(expected.matches("\n---\n").count(), 60 * 7 - 50);
    for jobs in ["2", "3", "8"] {
        let (code, stdout, stderr) = run(p3gen().arg("render").args(["--jobs", jobs]).arg(&specs));
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout == expected, "stdout with -j{jobs} differs from -j1");
    }

    let one = base.path().join("one");
    let (code, _, stderr) = run(p3gen()
        .arg("render")
        .arg("-j1")
        .arg(&specs)
        .arg("--out-dir")
        .arg(&one));
    assert_eq!(code, 0, "{stderr}");
    let expected = contents(&one);
    assert_eq!(expected.len(), 60 * 8 - 50 + 1);
    for jobs in ["2", "5"] {
        let dir = base.path().join(format!("j{jobs}"));
        let (code, _, stderr) = run(p3gen()
            .arg("render")
            .args(["-j", jobs])
            .arg(&specs)
            .arg("--out-dir")
            .arg(&dir));
        assert_eq!(code, 0, "{stderr}");
        assert!(
            contents(&dir) == expected,
            "--out-dir with -j{jobs} differs from -j1"
        );
    }
}

#[test]
fn a_directory_of_specs_makes_one_sub_directory_each_that_kustomize_builds() {
    let (base, specs) = fleet_in_tempdir(12);
    let dir = base.path().join("out");
    let stdout = render_into(&[&specs], &dir);
    assert!(
        stdout.starts_with(&format!(
            "wrote {}\n",
            dir.join("kustomization.yaml").display()
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "wrote {} (8 files)\n",
            dir.join("model-00009").display()
        )),
        "{stdout}"
    );
    // model-00011 shares the namespace team-01 and its PeerAuthentication `default` with
    // model-00001, which keeps it.
    assert!(
        stdout.contains(&format!(
            "wrote {} (7 files)\n",
            dir.join("model-00011").display()
        )),
        "{stdout}"
    );
    assert!(
        dir.join("model-00001/peerauthentication-default.yaml")
            .is_file()
    );
    assert!(
        !dir.join("model-00011/peerauthentication-default.yaml")
            .exists()
    );

    let top = std::fs::read_to_string(dir.join("kustomization.yaml")).unwrap();
    assert!(top.starts_with("# Generated by p3gen from 12 specs. DO NOT EDIT.\n"));
    let listed = &parse_multi_doc(&top).unwrap()[0]["resources"];
    let expected: Vec<String> = (0..12).map(|i| format!("model-{i:05}")).collect();
    assert_eq!(listed, &serde_json::json!(expected));
    // Each sub-directory is what rendering its spec alone into a directory gives.
    let alone = base.path().join("alone");
    render_into(&[&specs.join("model-00003.toml")], &alone);
    assert_eq!(contents(&dir.join("model-00003")), contents(&alone));

    // kubectl kustomize builds the whole directory: every object, in the order of the stream.
    let (code, stream, stderr) = run(p3gen().arg("render").arg(&specs));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stream.matches("\n---\n").count(), 12 * 7 - 2);
    let (code, built, stderr) = run(tool("kubectl").arg("kustomize").arg(&dir));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(keys(&built), keys(&stream));
    let report = diff::diff(&manifests(&built), &manifests(&stream)).unwrap();
    assert!(
        !report.has_differences(),
        "{}",
        diff::format_text(&report, false)
    );
}

#[test]
fn specs_and_directories_render_in_the_order_given() {
    let (base, specs) = fleet_in_tempdir(3);
    let pattern = root().join("patterns/pattern3.toml");
    let (code, stdout, stderr) = run(p3gen().arg("render").arg(&specs).arg(&pattern));
    assert_eq!(code, 0, "{stderr}");
    let headers: Vec<&str> = stdout
        .lines()
        .filter(|line| line.starts_with("# Generated by p3gen"))
        .collect();
    assert_eq!(
        headers,
        [
            "# Generated by p3gen from model-00000.toml. DO NOT EDIT.",
            "# Generated by p3gen from model-00001.toml. DO NOT EDIT.",
            "# Generated by p3gen from model-00002.toml. DO NOT EDIT.",
            "# Generated by p3gen from pattern3.toml. DO NOT EDIT.",
        ]
    );
    let golden = std::fs::read_to_string(root().join("golden/pattern3.yaml")).unwrap();
    assert!(stdout.ends_with(&golden));

    // One spec in a directory still gets its sub-directory.
    let single = base.path().join("single");
    std::fs::create_dir(&single).unwrap();
    std::fs::copy(&pattern, single.join("pattern3.toml")).unwrap();
    let dir = base.path().join("out");
    let (code, _, stderr) = run(p3gen()
        .arg("render")
        .arg(&single)
        .arg("--out-dir")
        .arg(&dir));
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.join("kustomization.yaml").is_file());
    assert!(dir.join("pattern3/kustomization.yaml").is_file());
}

#[test]
fn one_bad_spec_writes_nothing_and_every_bad_spec_is_named() {
    let (base, specs) = fleet_in_tempdir(10);
    let dir = base.path().join("out");
    render_into(&[&specs], &dir);
    let before = contents(&dir);

    // A good change that a partial write would show, and two bad specs.
    let good = specs.join("model-00007.toml");
    let text = std::fs::read_to_string(&good).unwrap();
    std::fs::write(&good, text.replacen("replicas = 8", "replicas = 2", 1)).unwrap();
    let unknown_key = specs.join("model-00002.toml");
    let text = std::fs::read_to_string(&unknown_key).unwrap();
    std::fs::write(&unknown_key, text.replacen("replicas =", "replica =", 1)).unwrap();
    let not_utf8 = specs.join("model-00005.toml");
    std::fs::write(&not_utf8, b"[service]\nname = \"\xff\"\n").unwrap();

    let (code, stdout, stderr) = run(p3gen()
        .arg("render")
        .arg(&specs)
        .arg("--out-dir")
        .arg(&dir)
        .arg("-j3"));
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.contains(&format!(
            "error: cannot compile {}:\n",
            unknown_key.display()
        )) && stderr.contains("unknown key `replica`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("error: cannot read {}", not_utf8.display())),
        "{stderr}"
    );
    assert!(
        stderr.ends_with(&format!(
            "error: 2 of 10 specs failed ({}, {}); nothing written\n",
            unknown_key.display(),
            not_utf8.display()
        )),
        "{stderr}"
    );
    assert!(contents(&dir) == before, "the output directory changed");
    let beside: Vec<_> = std::fs::read_dir(base.path()).unwrap().collect();
    assert_eq!(beside.len(), 2, "left beside the output: {beside:?}");

    // To stdout: nothing either.
    let (code, stdout, _) = run(p3gen().arg("render").arg(&specs));
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
}

#[test]
fn specs_with_the_same_file_name_cannot_share_a_directory() {
    let base = tempfile::tempdir().unwrap();
    for team in ["a", "b"] {
        std::fs::create_dir(base.path().join(team)).unwrap();
        std::fs::copy(
            root().join("patterns/pattern3.toml"),
            base.path().join(team).join("model.toml"),
        )
        .unwrap();
    }
    let dir = base.path().join("out");
    let (code, _, stderr) = run(p3gen()
        .arg("render")
        .arg(base.path().join("a"))
        .arg(base.path().join("b"))
        .arg("--out-dir")
        .arg(&dir));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("would both be written to") && stderr.contains("model"),
        "{stderr}"
    );
    assert!(!dir.exists());
}

#[test]
fn specs_that_render_a_shared_object_differently_conflict() {
    let (base, specs) = fleet_in_tempdir(11);
    let permissive = specs.join("model-00010.toml");
    let text = std::fs::read_to_string(&permissive).unwrap();
    std::fs::write(
        &permissive,
        text.replace("mtls = \"strict\"", "mtls = \"permissive\""),
    )
    .unwrap();
    let dir = base.path().join("out");
    let (code, stdout, stderr) = run(p3gen().arg("render").arg(&specs).arg("--out-dir").arg(&dir));
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stderr.contains(&format!(
            "error: {} and {} render security.istio.io/v1 PeerAuthentication/team-00/default differently\n",
            specs.join("model-00000.toml").display(),
            permissive.display()
        )),
        "{stderr}"
    );
    assert!(stderr.ends_with("error: nothing written\n"), "{stderr}");
    assert!(!dir.exists());
}

#[test]
fn an_empty_directory_is_bad_input() {
    let base = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(p3gen().arg("render").arg(base.path()).arg("-j2"));
    assert_eq!(code, 2);
    assert!(stderr.contains("no specs (*.toml) in"), "{stderr}");
    let (code, _, stderr) = run(p3gen().arg("render").arg("-j0").arg(base.path()));
    assert_eq!(code, 2);
    assert!(stderr.contains("-j"), "{stderr}");
}

#[test]
fn check_takes_directories_and_keeps_going_past_a_bad_spec() {
    let (base, specs) = fleet_in_tempdir(6);
    let golden = base.path().join("golden");
    let (code, stdout, stderr) = run(p3gen()
        .arg("check")
        .arg(&specs)
        .arg("--golden")
        .arg(&golden)
        .arg("--update"));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.ends_with("6 golden files up to date\n"), "{stdout}");

    let bad = specs.join("model-00001.toml");
    let text = std::fs::read_to_string(&bad).unwrap();
    std::fs::write(&bad, text.replacen("replicas =", "replica =", 1)).unwrap();
    let stale = golden.join("model-00004.yaml");
    let text = std::fs::read_to_string(&stale).unwrap();
    std::fs::write(&stale, text.replacen("replicas: 5", "replicas: 6", 1)).unwrap();

    let (code, stdout, stderr) = run(p3gen()
        .arg("check")
        .arg(&specs)
        .arg("--golden")
        .arg(&golden)
        .args(["--color", "never", "-j2"]));
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains(&bad.display().to_string()), "{stderr}");
    assert!(
        stdout.contains("-  replicas: 6\n+  replicas: 5\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with(
            "1 problem in 5 golden files: 1 stale, 0 missing, 0 without a spec\n\
             `p3gen check --update` rewrites the stale and missing ones\n"
        ),
        "{stdout}"
    );
}

#[test]
fn validate_takes_directories_runs_on_any_number_of_threads_and_keeps_going() {
    let (_base, specs) = fleet_in_tempdir(6);
    let crds = format!("{}/crds", common::shared());
    let validate = |jobs: &str| {
        run(p3gen()
            .arg("validate")
            .arg(&specs)
            .args(["--crds", &crds, "-j", jobs]))
    };
    let (code, expected, stderr) = validate("1");
    assert_eq!(code, 0, "{expected}{stderr}");
    assert_eq!(expected, "42 of 42 objects valid\n");
    let (code, stdout, _) = validate("3");
    assert_eq!(code, 0);
    assert_eq!(stdout, expected);

    // A manifest that breaks its schema and a bad spec: both reported, the worst code wins.
    std::fs::copy(
        root().join("tests/fixtures/manifests/broken-schema.yaml"),
        specs.join("broken-schema.yaml"),
    )
    .unwrap();
    let bad = specs.join("model-00003.toml");
    let text = std::fs::read_to_string(&bad).unwrap();
    std::fs::write(&bad, text.replacen("replicas =", "replica =", 1)).unwrap();
    let (code, stdout, stderr) = validate("2");
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stdout.contains("broken-schema.yaml:"), "{stdout}");
    assert!(stdout.contains(" objects valid\n"), "{stdout}");
    assert!(
        stderr.contains(&format!("error: cannot compile {}:\n", bad.display()))
            && stderr.ends_with(&format!(
                "error: 1 of 6 specs failed ({}); the others were validated\n",
                bad.display()
            )),
        "{stderr}"
    );
}
