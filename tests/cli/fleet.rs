//! Many specs in one run: `p3gen render`, `p3gen check` on directories and lists of specs, run as
//! the real binary on fleets made by `bench/gen-specs.sh`, with the real `kubectl kustomize`.

use crate::common;

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
    // No staging directory, backup or lock file.
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
fn many_specs_that_conflict_over_one_object_make_one_error() {
    // Every tenth spec is in the namespace team-00.
    let (_base, specs) = fleet_in_tempdir(51);
    for index in [10, 20, 30, 40, 50] {
        let spec = specs.join(format!("model-{index:05}.toml"));
        let text = std::fs::read_to_string(&spec).unwrap();
        std::fs::write(
            &spec,
            text.replace("mtls = \"strict\"", "mtls = \"permissive\""),
        )
        .unwrap();
    }
    let (code, _, stderr) = run(p3gen().arg("render").arg(&specs));
    assert_eq!(code, 2, "{stderr}");
    let spec = |index: usize| {
        specs
            .join(format!("model-{index:05}.toml"))
            .display()
            .to_string()
    };
    // The permissive specs also warn (P3306); the conflict is the one error, and it ends stderr.
    assert!(
        stderr.ends_with(&format!(
            "error: {} and {}, {}, {} and 2 more render security.istio.io/v1 \
             PeerAuthentication/team-00/default differently\n\
             help: let one spec render it, or make them agree\n\
             error: nothing written\n",
            spec(0),
            spec(10),
            spec(20),
            spec(30)
        )),
        "{stderr}"
    );
    assert_eq!(stderr.matches("error:").count(), 2, "{stderr}");
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

/// The names beside `dir` that p3gen's writes made and left: staging and backup directories
/// (`.DIR.p3gen-*`) and the lock file (`.DIR.p3gen.lock`).
fn debris(dir: &Path) -> Vec<String> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let prefix = format!(".{name}.p3gen");
    std::fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|entry| entry.starts_with(&prefix))
        .collect()
}

#[test]
fn a_spec_file_name_that_is_not_a_safe_directory_name_writes_nothing() {
    for (file, why) in [
        ("...toml", "is `..`, the parent directory"),
        ("..toml", "is `.`, the directory itself"),
        (".hidden.toml", "starts with `.`"),
        (
            "kustomization.yaml.toml",
            "like the fleet's kustomization.yaml",
        ),
    ] {
        let base = tempfile::tempdir().unwrap();
        let specs = base.path().join("specs");
        fleet(2, &specs);
        std::fs::copy(specs.join("model-00001.toml"), specs.join(file)).unwrap();
        std::fs::remove_file(specs.join("model-00001.toml")).unwrap();
        let mine = base.path().join("kustomization.yaml");
        std::fs::write(&mine, "resources: [mine]\n").unwrap();
        let dir = base.path().join("out");
        let (code, stdout, stderr) =
            run(p3gen().arg("render").arg(&specs).arg("--out-dir").arg(&dir));
        assert_eq!(code, 2, "{file}: {stdout}{stderr}");
        assert!(
            stderr.starts_with(&format!("error: {}: ", specs.join(file).display()))
                && stderr.contains(why)
                && stderr.contains("nothing written"),
            "{file}: {stderr}"
        );
        assert_eq!(
            std::fs::read_to_string(&mine).unwrap(),
            "resources: [mine]\n"
        );
        let beside: Vec<_> = std::fs::read_dir(base.path()).unwrap().collect();
        assert_eq!(beside.len(), 2, "{file}: written beside: {beside:?}");
    }
}

#[test]
fn spec_names_that_differ_only_in_case_cannot_share_a_directory() {
    let base = tempfile::tempdir().unwrap();
    let specs = base.path().join("specs");
    fleet(2, &specs);
    std::fs::rename(
        specs.join("model-00001.toml"),
        specs.join("MODEL-00000.toml"),
    )
    .unwrap();
    let dir = base.path().join("out");
    let (code, _, stderr) = run(p3gen().arg("render").arg(&specs).arg("--out-dir").arg(&dir));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("case-insensitive file system"), "{stderr}");
    assert!(!dir.exists());
}

/// Two different fleets of `count` specs: the second has other replica counts and one spec less.
fn two_fleets(base: &Path, count: usize) -> (PathBuf, PathBuf) {
    let first = base.join("first");
    let second = base.join("second");
    fleet(count, &first);
    fleet(count, &second);
    for entry in std::fs::read_dir(&second).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen("replicas = ", "replicas = 1", 1)).unwrap();
    }
    std::fs::remove_file(second.join(format!("model-{:05}.toml", count - 1))).unwrap();
    (first, second)
}

#[test]
fn concurrent_renders_into_one_directory_take_turns() {
    let base = tempfile::tempdir().unwrap();
    // Two different trees; renders of one spec are quick, so four of them overlap the most.
    let first = root().join("patterns/pattern3.toml");
    let second = root().join("patterns/pattern3-hardened.toml");
    let dir = base.path().join("out");
    render_into(&[&first], &dir);
    let expected_first = contents(&dir);
    render_into(&[&second], &dir);
    let expected_second = contents(&dir);
    for round in 0..40 {
        let children: Vec<_> = (0..4)
            .map(|i| {
                p3gen()
                    .arg("render")
                    .arg(if i % 2 == 0 { &first } else { &second })
                    .arg("--out-dir")
                    .arg(&dir)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(output.status.success(), "round {round}: {stderr}");
            assert!(
                !stderr.contains("error:") && !stderr.contains("note:"),
                "round {round}: {stderr}"
            );
        }
        let got = contents(&dir);
        assert!(
            got == expected_first || got == expected_second,
            "round {round}: not one complete tree"
        );
        assert!(debris(&dir).is_empty(), "{:?}", debris(&dir));
    }
}

/// A small deterministic generator of delays (xorshift), so a failure can be replayed.
struct Delays(u64);

impl Delays {
    /// A duration from 0 up to `max`.
    fn up_to(&mut self, max: std::time::Duration) -> std::time::Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        max.mul_f64((self.0 % 1000) as f64 / 1000.0)
    }
}

/// Renders `specs` into `dir`, uninterrupted: how long the run took, and how long since `writing`
/// first said it had begun writing.
fn render_timed(
    specs: &Path,
    dir: &Path,
    writing: impl Fn() -> bool,
) -> (std::time::Duration, std::time::Duration) {
    use std::time::{Duration, Instant};
    let start = Instant::now();
    let mut child = p3gen()
        .arg("render")
        .arg(specs)
        .arg("--out-dir")
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut began = None;
    while child.try_wait().unwrap().is_none() {
        if began.is_none() && writing() {
            began = Some(Instant::now());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let end = Instant::now();
    (end - start, end - began.unwrap_or(start))
}

#[test]
fn a_render_killed_at_any_point_leaves_the_old_tree_or_the_new_one() {
    use std::time::Duration;
    let base = tempfile::tempdir().unwrap();
    let (first, second) = two_fleets(base.path(), 1000);
    let dir = base.path().join("out");
    let staging_started = || {
        std::fs::read_dir(base.path()).unwrap().any(|entry| {
            entry
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".out.p3gen-new-")
        })
    };
    // Two uninterrupted runs give both trees, and how long a run and its writing take, to spread
    // the kills over (calibration only: nothing is asserted about time).
    let timed = |specs: &Path| render_timed(specs, &dir, staging_started);
    timed(&first);
    let old = contents(&dir);
    let (run_time, write_time) = timed(&second);
    let new = contents(&dir);
    // Seven objects per spec, and one kustomization; the ten namespaces' PeerAuthentications
    // are written once each.
    assert_eq!(old.len(), 1000 * 7 + 10 + 1);
    assert_eq!(new.len(), 999 * 7 + 10 + 1);

    let mut delays = Delays(0x5eed_1234_abcd_0042);
    let mut holds_new = true;
    for round in 0..4 {
        let specs = if holds_new { &first } else { &second };
        let mut child = p3gen()
            .arg("render")
            .arg(specs)
            .arg("--out-dir")
            .arg(&dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        if round == 0 {
            // Anywhere in the run, compiling included.
            std::thread::sleep(delays.up_to(run_time));
        } else {
            // While it writes: staging, the exchange, removing the old tree.
            while !staging_started() && child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_millis(1));
            }
            std::thread::sleep(delays.up_to(write_time));
        }
        // SIGKILL.
        let _ = child.kill();
        let status = child.wait().unwrap();
        let got = contents(&dir);
        if got == old {
            holds_new = false;
        } else if got == new {
            holds_new = true;
        } else {
            panic!("round {round} ({status}): neither the old tree nor the new one");
        }
    }
    let (code, _, stderr) = run(p3gen().arg("render").arg(&first).arg("--out-dir").arg(&dir));
    assert_eq!(code, 0, "{stderr}");
    assert!(contents(&dir) == old, "the last run did not write its tree");
    assert!(debris(&dir).is_empty(), "{:?}", debris(&dir));
}

#[test]
fn an_update_in_place_killed_at_any_point_is_completed_or_undone_by_the_next_run() {
    use std::time::Duration;
    let base = tempfile::tempdir().unwrap();
    let (first, second) = two_fleets(base.path(), 200);
    // A hidden file makes p3gen update DIR in place.
    let dir = base.path().join("out");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join(".gitkeep"), "").unwrap();
    let staging_started = || {
        std::fs::read_dir(&dir).unwrap().any(|entry| {
            entry
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".p3gen-new-")
        })
    };
    render_into(&[&first], &dir);
    let old = contents(&dir);
    // How long writing takes, to spread the kills over (calibration only).
    let (_, write_time) = render_timed(&second, &dir, staging_started);
    let new = contents(&dir);
    let journal = dir.join(".p3gen-journal");

    let mut delays = Delays(0x0123_4567_89ab_cdef);
    let mut holds_new = true;
    let mut completed = 0;
    for round in 0..4 {
        let specs = if holds_new { &first } else { &second };
        let mut child = p3gen()
            .arg("render")
            .arg(specs)
            .arg("--out-dir")
            .arg(&dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        while !staging_started() && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(delays.up_to(write_time));
        let _ = child.kill();
        child.wait().unwrap();
        if !journal.exists() {
            // Not committed: DIR holds the tree it held, besides a staging directory.
            let got: Vec<_> = contents(&dir)
                .into_iter()
                .filter(|(path, _)| {
                    !path
                        .components()
                        .next()
                        .is_some_and(|c| c.as_os_str().to_string_lossy().starts_with(".p3gen-new-"))
                })
                .collect();
            assert!(
                got == old || got == new,
                "round {round}: DIR changed before the commit"
            );
        } else {
            completed += 1;
        }
        // What the next run does first.
        p3gen::output::out_dir::recover(&dir).unwrap();
        let got = contents(&dir);
        if got == old {
            holds_new = false;
        } else if got == new {
            holds_new = true;
        } else {
            panic!("round {round}: neither the old tree nor the new one after the repair");
        }
    }
    eprintln!("{completed} of 4 killed updates were completed by the next run");
    render_into(&[&first], &dir);
    assert!(contents(&dir) == old);
    assert!(debris(&dir).is_empty(), "{:?}", debris(&dir));
}
