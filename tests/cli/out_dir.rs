//! `p3gen render --out-dir`, run as the real binary, with the real `kubectl kustomize` and `kpt`
//! reading what it writes.

use crate::common;

use std::path::Path;

use common::{p3gen, root, run, spec_with, tool};
use p3gen::output::diff::{self, Manifest, ObjectKey, parse_multi_doc};
use serde_json::Value;

const PATTERNS: [&str; 3] = ["pattern3", "pattern3-hardened", "pattern3-gpu"];

fn manifests(source: &str, yaml: &str) -> Vec<Manifest> {
    parse_multi_doc(yaml)
        .unwrap()
        .into_iter()
        .map(|value| Manifest {
            source: source.to_owned(),
            value,
        })
        .collect()
}

fn keys(manifests: &[Manifest]) -> Vec<ObjectKey> {
    manifests
        .iter()
        .map(|m| ObjectKey::of(m).unwrap())
        .collect()
}

/// `p3gen render SPEC` on stdout.
fn render(spec: &Path) -> String {
    let (code, stdout, stderr) = run(p3gen().arg("render").arg(spec));
    assert_eq!(code, 0, "{stderr}");
    stdout
}

/// `p3gen render SPEC --out-dir DIR`, which must succeed.
fn render_out_dir(spec: &Path, dir: &Path) -> String {
    let (code, stdout, stderr) = run(p3gen().arg("render").arg(spec).arg("--out-dir").arg(dir));
    assert_eq!(code, 0, "{stderr}");
    stdout
}

/// Asserts two manifest sets hold the same objects, compared semantically, in the same order.
fn assert_same_objects(got: &[Manifest], expected: &[Manifest]) {
    let report = diff::diff(got, expected).unwrap();
    assert!(
        !report.has_differences(),
        "{}",
        diff::format_text(&report, false)
    );
    assert_eq!(keys(got), keys(expected));
}

#[test]
fn kubectl_kustomize_builds_the_rendered_objects_in_apply_order() {
    let base = tempfile::tempdir().unwrap();
    for pattern in PATTERNS {
        let spec = root().join(format!("patterns/{pattern}.toml"));
        let dir = base.path().join(pattern);
        render_out_dir(&spec, &dir);
        let (code, built, stderr) = run(tool("kubectl").arg("kustomize").arg(&dir));
        assert_eq!(code, 0, "{pattern}: {stderr}");
        assert_same_objects(
            &manifests("kustomize", &built),
            &manifests("render", &render(&spec)),
        );
    }
}

#[test]
fn kpt_reads_the_directory_as_a_package() {
    let base = tempfile::tempdir().unwrap();
    let spec = root().join("patterns/pattern3-hardened.toml");
    let dir = base.path().join("hardened");
    render_out_dir(&spec, &dir);

    let (code, source, stderr) = run(tool("kpt").args(["fn", "source"]).arg(&dir));
    assert_eq!(code, 0, "{stderr}");
    let list = parse_multi_doc(&source).unwrap();
    assert_eq!(list[0]["kind"], "ResourceList");
    let mut items = Vec::new();
    for mut item in list[0]["items"].as_array().unwrap().iter().cloned() {
        if item["kind"] == "Kustomization" {
            assert_eq!(
                item["metadata"]["annotations"]["config.kubernetes.io/local-config"],
                "true"
            );
            continue;
        }
        strip_kpt_annotations(&mut item);
        items.push(Manifest {
            source: "kpt".to_owned(),
            value: item,
        });
    }
    let rendered = manifests("render", &render(&spec));
    let report = diff::diff(&items, &rendered).unwrap();
    assert!(
        !report.has_differences(),
        "{}",
        diff::format_text(&report, false)
    );
    assert_eq!(items.len(), rendered.len());

    let (code, tree, stderr) = run(tool("kpt").args(["pkg", "tree"]).arg(&dir));
    assert_eq!(code, 0, "{stderr}");
    for line in [
        "[peerauthentication-default.yaml]  PeerAuthentication llm-d-inference-scheduling/default",
        "[llminferenceservice-qwen2-3b-pattern3.yaml]  LLMInferenceService llm-d-inference-scheduling/qwen2-3b-pattern3",
        "[kustomization.yaml]  Kustomization",
    ] {
        assert!(tree.contains(line), "{line} not in\n{tree}");
    }
}

/// Removes the annotations kpt adds to say where an item came from.
fn strip_kpt_annotations(item: &mut Value) {
    let Some(annotations) = item["metadata"]["annotations"].as_object_mut() else {
        return;
    };
    annotations.retain(|key, _| {
        !key.starts_with("config.kubernetes.io/")
            && !key.starts_with("internal.config.kubernetes.io/")
    });
    if annotations.is_empty() {
        item["metadata"]
            .as_object_mut()
            .unwrap()
            .remove("annotations");
    }
}

#[test]
fn sync_waves_and_the_kustomization_follow_the_apply_order() {
    let base = tempfile::tempdir().unwrap();
    let spec = base.path().join("waves.toml");
    let text = std::fs::read_to_string(root().join("patterns/pattern3.toml")).unwrap();
    std::fs::write(&spec, format!("{text}\n[gitops]\nsync-waves = true\n")).unwrap();
    let dir = base.path().join("out");
    render_out_dir(&spec, &dir);

    let kustomization =
        parse_multi_doc(&std::fs::read_to_string(dir.join("kustomization.yaml")).unwrap()).unwrap();
    let mut waves = Vec::new();
    for file in kustomization[0]["resources"].as_array().unwrap() {
        let text = std::fs::read_to_string(dir.join(file.as_str().unwrap())).unwrap();
        let object = &parse_multi_doc(&text).unwrap()[0];
        let wave = &object["metadata"]["annotations"]["argocd.argoproj.io/sync-wave"];
        waves.push(format!(
            "{} {}",
            object["kind"].as_str().unwrap(),
            wave.as_str().unwrap()
        ));
    }
    assert_eq!(
        waves,
        vec![
            "LLMInferenceService 1",
            "EnvoyFilter 2",
            "NetworkPolicy 3",
            "NetworkPolicy 3",
            "NetworkPolicy 3",
            "NetworkPolicy 3",
        ]
    );

    let (code, built, stderr) = run(tool("kubectl").arg("kustomize").arg(&dir));
    assert_eq!(code, 0, "{stderr}");
    assert_same_objects(
        &manifests("kustomize", &built),
        &manifests("render", &render(&spec)),
    );
}

#[test]
fn sync_waves_are_off_unless_asked_for() {
    let golden = std::fs::read_to_string(root().join("golden/pattern3.yaml")).unwrap();
    assert!(!golden.contains("argocd.argoproj.io/sync-wave"));
    let hardened = std::fs::read_to_string(root().join("golden/pattern3-hardened.yaml")).unwrap();
    assert!(hardened.contains("argocd.argoproj.io/sync-wave: \"0\""));
}

#[test]
fn a_directory_p3gen_did_not_write_is_refused_unless_forced() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("out");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.md"), "mine\n").unwrap();
    let spec = root().join("patterns/pattern3.toml");

    let (code, stdout, stderr) = run(p3gen().arg("render").arg(&spec).arg("--out-dir").arg(&dir));
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("was not generated by p3gen"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);

    let (code, stdout, stderr) = run(p3gen()
        .arg("render")
        .arg(&spec)
        .arg("--out-dir")
        .arg(&dir)
        .arg("--force"));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("kept "), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.md")).unwrap(),
        "mine\n"
    );
    assert!(dir.join("kustomization.yaml").is_file());
}

#[test]
fn files_no_longer_rendered_are_removed() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("out");
    render_out_dir(&root().join("patterns/pattern3.toml"), &dir);
    assert!(
        dir.join("envoyfilter-inference-pool-route-body-forwarding-pattern3.yaml")
            .is_file()
    );

    let spec = base.path().join("no-filter.toml");
    std::fs::write(
        &spec,
        spec_with(
            "pattern3.toml",
            "[envoy-filter]\nenabled = true\n",
            "[envoy-filter]\nenabled = false\n",
        ),
    )
    .unwrap();
    let stdout = render_out_dir(&spec, &dir);
    assert!(
        stdout.contains("removed ")
            && stdout.contains("envoyfilter-inference-pool-route-body-forwarding-pattern3.yaml"),
        "{stdout}"
    );
    assert!(
        !dir.join("envoyfilter-inference-pool-route-body-forwarding-pattern3.yaml")
            .exists()
    );
    let listed = std::fs::read_to_string(dir.join("kustomization.yaml")).unwrap();
    assert!(!listed.contains("envoyfilter"), "{listed}");
}

#[test]
fn a_bad_spec_writes_nothing() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("out");
    let (code, stdout, stderr) = run(p3gen()
        .arg("render")
        .arg(root().join("tests/fixtures/invalid/unknown-key.toml"))
        .arg("--out-dir")
        .arg(&dir));
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("unknown key"), "{stderr}");
    assert_eq!(std::fs::read_dir(base.path()).unwrap().count(), 0);
}

/// The entries beside `dir` that p3gen made: staging and backup directories and the lock file.
fn debris(dir: &Path) -> Vec<String> {
    let prefix = format!(".{}.p3gen", dir.file_name().unwrap().to_string_lossy());
    std::fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(&prefix))
        .collect()
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).unwrap().ino()
}

/// `git ARGS…` in `dir`, which must succeed; its stdout.
fn git(dir: &Path, args: &[&str]) -> String {
    let (code, stdout, stderr) = run(tool("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args));
    assert_eq!(code, 0, "git {args:?}: {stderr}");
    stdout
}

#[cfg(unix)]
#[test]
fn forced_into_a_git_work_tree_the_repository_and_every_foreign_entry_survive() {
    use std::os::unix::fs::PermissionsExt;
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("repo");
    std::fs::create_dir_all(dir.join("docs/empty")).unwrap();
    git(&dir, &["init", "-q"]);
    std::fs::write(dir.join("README.md"), "mine\n").unwrap();
    std::fs::write(dir.join("deploy.sh"), "#!/bin/sh\n").unwrap();
    std::fs::set_permissions(
        dir.join("deploy.sh"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    std::os::unix::fs::symlink("README.md", dir.join("LINK")).unwrap();
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "mine"]);
    let before = inode(&dir);

    let spec = root().join("patterns/pattern3.toml");
    for _ in 0..2 {
        let (code, stdout, stderr) = run(p3gen()
            .arg("render")
            .arg(&spec)
            .arg("--out-dir")
            .arg(&dir)
            .arg("--force"));
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("kept "), "{stdout}");
    }
    assert_eq!(inode(&dir), before, "DIR was replaced");
    // Still a working repository, with the user's files unchanged and p3gen's new.
    git(&dir, &["status", "--porcelain"]);
    assert_eq!(git(&dir, &["diff", "--stat", "HEAD"]), "");
    let untracked = git(&dir, &["ls-files", "--others", "--exclude-standard"]);
    assert!(
        untracked.lines().all(|line| line.ends_with(".yaml")),
        "{untracked}"
    );
    assert!(untracked.contains("kustomization.yaml"), "{untracked}");
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "rendered"]);
    assert!(dir.join("docs/empty").is_dir());
    let mode = std::fs::metadata(dir.join("deploy.sh"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o755);
    assert_eq!(
        std::fs::read_link(dir.join("LINK")).unwrap(),
        Path::new("README.md")
    );
    assert!(debris(&dir).is_empty(), "{:?}", debris(&dir));
}

#[cfg(unix)]
#[test]
fn the_current_directory_is_updated_in_place() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("deploy");
    std::fs::create_dir(&dir).unwrap();
    let before = inode(&dir);
    let spec = root().join("patterns/pattern3.toml");
    for spec in [spec.clone(), spec] {
        let (code, stdout, stderr) = run(p3gen()
            .current_dir(&dir)
            .arg("render")
            .arg(&spec)
            .args(["--out-dir", "."]));
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("wrote ./kustomization.yaml"), "{stdout}");
    }
    // A shell in DIR would still be in it.
    assert_eq!(inode(&dir), before, "DIR was replaced");
    assert!(dir.join("kustomization.yaml").is_file());
    assert!(debris(&dir).is_empty(), "{:?}", debris(&dir));
    let hidden: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .filter(|name| name.to_string_lossy().starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_to_a_directory_is_followed() {
    let base = tempfile::tempdir().unwrap();
    let real = base.path().join("real");
    let link = base.path().join("link");
    std::fs::create_dir(&real).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let before = inode(&real);
    let spec = root().join("patterns/pattern3.toml");
    render_out_dir(&spec, &link);
    render_out_dir(&spec, &link);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // The target itself is updated in place, not replaced.
    assert_eq!(inode(&real), before);
    assert!(real.join("kustomization.yaml").is_file());
    assert!(debris(&real).is_empty() && debris(&link).is_empty());
}

#[test]
fn a_directory_holding_only_hidden_files_is_written_without_force() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("out");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join(".gitkeep"), "").unwrap();
    render_out_dir(&root().join("patterns/pattern3.toml"), &dir);
    assert!(dir.join(".gitkeep").is_file() && dir.join("kustomization.yaml").is_file());
}

/// Mounts a tmpfs on `dir` (root only; `None` when that is not allowed here).
#[cfg(target_os = "linux")]
fn mount_tmpfs(dir: &Path) -> Option<()> {
    let status = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "tmpfs"])
        .arg(dir)
        .stderr(std::process::Stdio::null())
        .status()
        .ok()?;
    status.success().then_some(())
}

#[cfg(target_os = "linux")]
#[test]
fn a_mount_point_is_updated_in_place() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("mnt");
    std::fs::create_dir(&dir).unwrap();
    if mount_tmpfs(&dir).is_none() {
        eprintln!("not run: mounting a tmpfs needs root");
        return;
    }
    let spec = root().join("patterns/pattern3.toml");
    let first = run(p3gen().arg("render").arg(&spec).arg("--out-dir").arg(&dir));
    let second = run(p3gen().arg("render").arg(&spec).arg("--out-dir").arg(&dir));
    let written = dir.join("kustomization.yaml").is_file();
    let _ = std::process::Command::new("umount").arg(&dir).status();
    assert_eq!(first.0, 0, "{}", first.2);
    assert_eq!(second.0, 0, "{}", second.2);
    assert!(written);
    assert!(debris(&dir).is_empty(), "{:?}", debris(&dir));
}

#[test]
fn dash_o_writes_the_bundle_to_a_file() {
    let base = tempfile::tempdir().unwrap();
    let spec = root().join("patterns/pattern3.toml");
    let file = base.path().join("bundle.yaml");
    std::fs::write(&file, "old\n").unwrap();
    let (code, stdout, stderr) = run(p3gen().arg("render").arg(&spec).arg("-o").arg(&file));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), render(&spec));
    assert_eq!(std::fs::read_dir(base.path()).unwrap().count(), 1);

    // A fleet: every bundle in turn, as on stdout.
    let specs = base.path().join("specs");
    let (code, _, stderr) = run(tool("bash")
        .arg(root().join("bench/gen-specs.sh"))
        .arg("3")
        .arg(&specs));
    assert_eq!(code, 0, "{stderr}");
    let fleet = base.path().join("fleet.yaml");
    let (code, _, stderr) = run(p3gen()
        .arg("render")
        .arg(&specs)
        .arg("--output")
        .arg(&fleet));
    assert_eq!(code, 0, "{stderr}");
    let (_, stream, _) = run(p3gen().arg("render").arg(&specs));
    assert!(stream.matches("# Generated by p3gen from").count() == 3);
    assert_eq!(std::fs::read_to_string(&fleet).unwrap(), stream);
    std::fs::remove_dir_all(&specs).unwrap();
    std::fs::remove_file(&fleet).unwrap();

    // Into a directory that does not exist: exit 2 and a message.
    let missing = base.path().join("no/such/dir/bundle.yaml");
    let (code, _, stderr) = run(p3gen().arg("render").arg(&spec).arg("-o").arg(&missing));
    assert_eq!(code, 2);
    assert!(
        stderr.ends_with(&format!(
            "error: cannot write {}: No such file or directory (os error 2)\n",
            missing.display()
        )),
        "{stderr}"
    );

    // -o and --out-dir together are a usage error.
    let (code, _, stderr) = run(p3gen()
        .arg("render")
        .arg(&spec)
        .arg("-o")
        .arg(&file)
        .arg("--out-dir")
        .arg(base.path().join("out")));
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot be used with"), "{stderr}");
}

/// `p3gen ARGS…` with writes limited to `kib` KiB per file (`ulimit -f`).
#[cfg(unix)]
fn p3gen_with_file_size_limit(kib: u32) -> std::process::Command {
    let mut command = tool("bash");
    command
        .arg("-c")
        .arg(format!("ulimit -f {kib} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_p3gen"));
    command
}

#[cfg(unix)]
#[test]
fn a_file_size_limit_fails_the_write_and_changes_nothing() {
    let base = tempfile::tempdir().unwrap();
    let spec = root().join("patterns/pattern3.toml");
    let dir = base.path().join("out");
    let file = base.path().join("bundle.yaml");
    std::fs::write(&file, "old\n").unwrap();
    render_out_dir(&root().join("patterns/pattern3-hardened.toml"), &dir);
    let before: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.clone(), std::fs::read_to_string(path).unwrap())
        })
        .collect();

    let (code, stdout, stderr) = run(p3gen_with_file_size_limit(1)
        .arg("render")
        .arg(&spec)
        .arg("--out-dir")
        .arg(&dir));
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains(&format!("error: cannot write {}/", dir.display()))
            && stderr.contains("File too large"),
        "{stderr}"
    );
    let (code, _, stderr) = run(p3gen_with_file_size_limit(1)
        .arg("render")
        .arg(&spec)
        .arg("-o")
        .arg(&file));
    assert_eq!(code, 2);
    assert!(stderr.contains("File too large"), "{stderr}");

    for (path, text) in &before {
        assert_eq!(&std::fs::read_to_string(path).unwrap(), text);
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), before.len());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "old\n");
    // Nothing beside them but the two and the spec-less base.
    let mut beside: Vec<String> = std::fs::read_dir(base.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, ["bundle.yaml", "out"]);

    render_out_dir(&spec, &dir);
    assert!(debris(&dir).is_empty(), "{:?}", debris(&dir));
}

#[test]
fn leftovers_of_interrupted_runs_are_repaired_and_reported() {
    let base = tempfile::tempdir().unwrap();
    let spec = root().join("patterns/pattern3.toml");
    let dir = base.path().join("out");
    render_out_dir(&spec, &dir);
    // A run killed between the two renames of the fallback swap (PID 99999999 runs nowhere): no
    // DIR, its backup, and another run's half-written staging directory.
    let backup = base.path().join(".out.p3gen-old-99999999");
    std::fs::rename(&dir, &backup).unwrap();
    let staging = base.path().join(".out.p3gen-new-99999998-abcdef");
    std::fs::create_dir_all(staging.join("half")).unwrap();

    let (code, _, stderr) = run(p3gen().arg("render").arg(&spec).arg("--out-dir").arg(&dir));
    assert_eq!(code, 0, "{stderr}");
    let base_path = std::fs::canonicalize(base.path()).unwrap();
    assert!(
        stderr.contains(&format!(
            "note: restored {} from {}, left by an interrupted run\n",
            base_path.join("out").display(),
            base_path.join(".out.p3gen-old-99999999").display()
        )) && stderr.contains(&format!(
            "note: removed {}, left by an interrupted run\n",
            base_path.join(".out.p3gen-new-99999998-abcdef").display()
        )),
        "{stderr}"
    );
    assert!(dir.join("kustomization.yaml").is_file());
    assert!(debris(&dir).is_empty(), "{:?}", debris(&dir));
}
