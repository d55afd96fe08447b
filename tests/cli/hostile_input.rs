//! Huge, odd and hostile input: every command reads it the same way (regular files only, a size
//! limit, UTF-8 with a place), YAML limits are the same everywhere and far above real bundles, and
//! diagnostics stay short and never panic.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{p3gen, root, run};
use p3gen::diagnostic::{Diagnostic, RenderStyle, Report, SourceFile};

/// `patterns/pattern3.toml` with its `[model]` table written as one inline table at the top,
/// `before` characters of model URI ahead of `extra` (more entries of the inline table).
fn spec_with_long_first_line(before: usize, extra: &str) -> String {
    let text = std::fs::read_to_string(root().join("patterns/pattern3.toml")).unwrap();
    let model =
        "[model]\nuri = \"hf://Qwen/Qwen2.5-3B-Instruct\"\nname = \"Qwen/Qwen2.5-3B-Instruct\"\n";
    assert!(text.contains(model), "pattern3.toml has its [model] table");
    let inline = format!(
        "model = {{ uri = \"hf://Qwen/{}\", name = \"Qwen/Qwen2.5-3B-Instruct\"{extra} }}\n",
        "x".repeat(before)
    );
    format!("{inline}{}", text.replacen(model, "", 1))
}

/// Runs a command that must end by itself; a command that waits for input it never gets is killed
/// after a minute and fails the test, instead of hanging it.
fn run_to_end(command: &mut Command) -> (i32, String, String) {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    for _ in 0..600 {
        if child.try_wait().expect("wait").is_some() {
            let output = child.wait_with_output().expect("output");
            return (
                output.status.code().expect("exited, not killed"),
                String::from_utf8_lossy(&output.stdout).into_owned(),
                String::from_utf8_lossy(&output.stderr).into_owned(),
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("{command:?} did not end: it waits for input");
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A manifest of one ConfigMap whose `data` lines come after `comments` comment lines.
fn config_map_after_comments(comments: usize) -> String {
    let mut text = String::from(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: llm\ndata:\n",
    );
    for index in 0..comments {
        text.push_str(&format!("# comment {index}\n"));
    }
    text.push_str("  key: value\n");
    text
}

#[test]
fn an_error_past_column_65536_is_drawn_around_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write(
        dir.path(),
        "long.toml",
        spec_with_long_first_line(70_000, ", bogus = 1"),
    );
    let (code, stdout, stderr) = run(p3gen().arg("render").arg(&spec));
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    let column =
        70_000 + "model = { uri = \"hf://Qwen/\", name = \"Qwen/Qwen2.5-3B-Instruct\", ".len() + 1;
    assert!(
        stderr.contains(&format!("long.toml:1:{column}]")),
        "{stderr}"
    );
    assert!(stderr.contains("unknown key `bogus`"), "{stderr}");
    assert!(stderr.contains("…xxx"), "{stderr}");
    assert!(
        stderr.len() < 2_000,
        "{} bytes of diagnostics",
        stderr.len()
    );
}

#[test]
fn a_warning_past_column_65536_is_drawn_around_its_column() {
    let text = format!("key = \"{}\", other = 1\n", "y".repeat(70_000));
    let at = text.find("other").unwrap();
    let report = Report {
        source: SourceFile::new("long.toml", text.clone()),
        diagnostics: vec![
            Diagnostic::warning("P3201", "a warning far along the line")
                .primary(Some(at..at + 5), "here"),
        ],
    };
    let rendered = report.render(RenderStyle::Plain);
    assert!(
        rendered.contains(&format!("long.toml:1:{}]", at + 1)),
        "{rendered}"
    );
    assert!(rendered.contains("…yyy"), "{rendered}");
    assert!(rendered.contains("other = 1"), "{rendered}");
    assert!(rendered.len() < 1_500, "{rendered}");
}

#[test]
fn labels_far_apart_are_drawn_apart() {
    let text = "a = 1\n".repeat(100_000);
    let report = Report {
        source: SourceFile::new("far.toml", text),
        diagnostics: vec![
            Diagnostic::error("P3003", "two places")
                .primary(Some(60_000 * 6..60_000 * 6 + 1), "here")
                .secondary(Some(99_000 * 6..99_000 * 6 + 1), "and there"),
        ],
    };
    let rendered = report.render(RenderStyle::Plain);
    assert!(rendered.contains("far.toml:60001:1]"), "{rendered}");
    assert!(rendered.contains("and there"), "{rendered}");
    assert!(rendered.lines().count() < 30, "{rendered}");
}

#[test]
fn repeated_diagnostics_are_counted_after_twenty() {
    let text = "a = 1\n".repeat(1_300);
    let diagnostics = (0..1_223)
        .map(|line| {
            Diagnostic::warning("P3201", format!("finding {line}"))
                .primary(Some(line * 6..line * 6 + 1), "here")
        })
        .chain([Diagnostic::error("P3003", "another code").primary(Some(0..1), "there")])
        .collect();
    let report = Report {
        source: SourceFile::new("many.toml", text),
        diagnostics,
    };
    let rendered = report.render(RenderStyle::Plain);
    assert_eq!(rendered.matches("finding ").count(), 20, "{rendered}");
    assert!(rendered.contains("finding 19\n"), "{rendered}");
    assert!(!rendered.contains("finding 20\n"), "{rendered}");
    assert!(
        rendered.contains("… and 1,203 more like this (warning[P3201])"),
        "{rendered}"
    );
    assert!(rendered.contains("another code"), "{rendered}");
}

#[test]
fn input_over_the_size_limit_is_refused_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let spec = root().join("patterns/pattern3.toml");
    let (code, _, stderr) = run(p3gen()
        .env("P3GEN_MAX_INPUT", "1K")
        .arg("render")
        .arg(&spec));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("larger than the input limit of 1 KiB (1024 bytes); set P3GEN_MAX_INPUT"),
        "{stderr}"
    );
    // The default: 16 MiB, for a spec and for a manifest file alike.
    let big = "#".repeat(16 * 1024 * 1024 + 1);
    let spec = write(dir.path(), "big.toml", &big);
    let manifest = write(dir.path(), "big.yaml", &big);
    for args in [["render"], ["lint"], ["validate"]] {
        let path = if args[0] == "lint" { &manifest } else { &spec };
        let (code, _, stderr) = run(p3gen().args(args).arg(path));
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(
            stderr.contains("larger than the input limit of 16 MiB"),
            "{args:?}: {stderr}"
        );
    }
    let (code, _, stderr) = run(p3gen()
        .env("P3GEN_MAX_INPUT", "lots")
        .arg("render")
        .arg(&spec));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("P3GEN_MAX_INPUT=\"lots\" is not a size"),
        "{stderr}"
    );
}

#[test]
fn fifos_and_devices_are_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo_spec = dir.path().join("x.toml");
    mkfifo(&fifo_spec);
    let fifo_manifest = dir.path().join("x.yaml");
    mkfifo(&fifo_manifest);
    let specs = dir.path().join("specs");
    std::fs::create_dir(&specs).unwrap();
    mkfifo(&specs.join("a.toml"));
    let zero = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", zero.path().join("zero.toml")).unwrap();
    let pattern = root().join("patterns/pattern3.toml");
    let cases: Vec<(Vec<&std::ffi::OsStr>, &str)> = vec![
        (vec!["render".as_ref(), fifo_spec.as_os_str()], "a FIFO"),
        (vec!["validate".as_ref(), fifo_spec.as_os_str()], "a FIFO"),
        (vec!["render".as_ref(), specs.as_os_str()], "a FIFO"),
        (
            vec!["render".as_ref(), zero.path().as_os_str()],
            "a character device",
        ),
        (vec!["lint".as_ref(), fifo_manifest.as_os_str()], "a FIFO"),
        (
            vec![
                "diff".as_ref(),
                pattern.as_os_str(),
                "--against".as_ref(),
                fifo_manifest.as_os_str(),
            ],
            "a FIFO",
        ),
    ];
    for (args, kind) in cases {
        let (code, _, stderr) = run_to_end(p3gen().args(&args));
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!("it is {kind}, not a regular file")),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn fifos_and_devices_in_directories_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let specs = dir.path().join("specs");
    std::fs::create_dir(&specs).unwrap();
    std::fs::copy(root().join("patterns/pattern3.toml"), specs.join("a.toml")).unwrap();
    mkfifo(&specs.join("b.toml"));
    std::os::unix::fs::symlink("/dev/zero", specs.join("c.toml")).unwrap();
    let manifests = dir.path().join("manifests");
    std::fs::create_dir(&manifests).unwrap();
    std::fs::copy(
        root().join("golden/pattern3.yaml"),
        manifests.join("a.yaml"),
    )
    .unwrap();
    mkfifo(&manifests.join("b.yaml"));
    let note = |dir: &Path, name: &str, kind: &str| {
        format!(
            "note: skipped {}: it is {kind}, not a regular file\n",
            dir.join(name).display()
        )
    };
    let (code, stdout, stderr) = run_to_end(p3gen().arg("render").arg(&specs));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("kind: LLMInferenceService"), "{stdout}");
    assert!(
        stderr.contains(&note(&specs, "b.toml", "a FIFO")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&note(&specs, "c.toml", "a character device")),
        "{stderr}"
    );
    for command in ["lint", "validate"] {
        let (code, _, stderr) = run_to_end(p3gen().arg(command).arg(&manifests));
        assert_ne!(code, 2, "{command}: {stderr}");
        assert!(
            stderr.contains(&note(&manifests, "b.yaml", "a FIFO")),
            "{command}: {stderr}"
        );
    }
    let (code, _, stderr) = run_to_end(
        p3gen()
            .arg("diff")
            .arg(root().join("golden/pattern3.yaml"))
            .arg(&manifests),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&note(&manifests, "b.yaml", "a FIFO")),
        "{stderr}"
    );
}

#[test]
fn a_byte_that_is_not_utf8_is_named_by_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write(
        dir.path(),
        "latin1.toml",
        b"# spec\n[service]\nname = \"caf\xe9\"\n",
    );
    let (code, _, stderr) = run(p3gen().arg("render").arg(&spec));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("latin1.toml:3:12: not UTF-8: byte 0xE9"),
        "{stderr}"
    );
    let manifest = write(dir.path(), "latin1.yaml", b"kind: ConfigMap\nx: \xff\n");
    let (code, _, stderr) = run(p3gen().arg("lint").arg(&manifest));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("latin1.yaml:2:4: not UTF-8: byte 0xFF"),
        "{stderr}"
    );
}

#[test]
fn a_value_after_a_thousand_comment_lines_is_read() {
    let text = config_map_after_comments(1_000);
    let documents = p3gen::manifest::parse_str("x.yaml", &text).unwrap();
    assert_eq!(documents[0].value["data"]["key"], "value");
    let values = p3gen::output::diff::parse_multi_doc(&text).unwrap();
    assert_eq!(values[0]["data"]["key"], "value");
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "commented.yaml", &text);
    let (code, stdout, stderr) = run(p3gen().arg("diff").arg(&file).arg(&file));
    assert_eq!(code, 0, "{stdout}{stderr}");
    let (code, stdout, stderr) = run(p3gen().arg("lint").arg(&file));
    assert_ne!(code, 2, "{stdout}{stderr}");
}

#[test]
fn aliases_are_bounded_by_the_bytes_they_copy() {
    let mut text = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: &big \"{}\"\nlist:\n",
        "z".repeat(1024 * 1024)
    );
    for _ in 0..2_000 {
        text.push_str("- *big\n");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bomb.yaml", &text);
    for command in ["lint", "validate"] {
        let (code, _, stderr) = run(p3gen().arg(command).arg(&file));
        assert_eq!(code, 2, "{command}: {stderr}");
        // The 65th copy of 1 MiB goes over 64 MiB: line 7 is `list:`, the copies follow it.
        assert!(
            stderr.contains("bomb.yaml:71:3: aliases expand to more than 64 MiB in this file"),
            "{command}: {stderr}"
        );
    }
    let error = p3gen::output::diff::parse_multi_doc(&text).unwrap_err();
    assert!(
        error.to_string().contains("expand to more than 64 MiB"),
        "{error}"
    );
}

#[test]
fn documents_are_bounded() {
    let text = "---\n".repeat(1_000_000);
    let error = p3gen::manifest::parse_str("empty.yaml", &text).unwrap_err();
    assert_eq!(
        error.to_string(),
        "empty.yaml:100001:1: more than 100000 YAML documents in one file; split the file"
    );
}

#[test]
fn diff_reads_the_bundle_of_a_thousand_spec_fleet() {
    let template = std::fs::read_to_string(root().join("bench/fleet-template.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let specs = dir.path().join("specs");
    std::fs::create_dir(&specs).unwrap();
    for i in 0..1_000 {
        let text = template
            .replace("@NAME@", &format!("model-{i:05}"))
            .replace("@NAMESPACE@", &format!("team-{:02}", i % 10))
            .replace("@REPLICAS@", &(1 + i % 8).to_string());
        write(&specs, &format!("model-{i:05}.toml"), text);
    }
    let (code, bundle, stderr) = run(p3gen().arg("render").arg(&specs));
    assert_eq!(code, 0, "{stderr}");
    let documents = bundle.matches("\n---\n").count();
    assert!(documents > 1_024, "{documents} documents");
    let file = write(dir.path(), "bundle.yaml", &bundle);
    let (code, stdout, stderr) = run(p3gen().arg("diff").arg(&file).arg(&file));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with(&format!(
            "0 objects changed, 0 added, 0 removed, {documents} unchanged"
        )),
        "{stdout}"
    );
}
