//! The command line's output: writes to stdout are checked (a full disk is exit 2 with a message,
//! a closed pipe ends quietly), the message formats, SARIF, `--quiet`, `-` for standard input,
//! completions and the man page, `init`, and clear messages for bad numbers.

use crate::common;

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use clap::CommandFactory;
use common::{p3gen, repo, root, run, run_cli, shared};
use p3gen::target::KserveTarget;

fn reference() -> String {
    format!("{}/reference/pattern3-istio-kserve", shared())
}

/// A directory of `count` distinct specs written by `bench/gen-specs.sh`.
fn fleet(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(common::tool("bash")
        .arg(root().join("bench/gen-specs.sh"))
        .arg(count.to_string())
        .arg(dir.path().join("specs")));
    assert_eq!(code, 0, "{stdout}{stderr}");
    dir
}

/// Runs a command with `stdin` on its standard input; exit code, stdout and stderr.
fn run_with_stdin(command: &mut Command, stdin: &str) -> (i32, String, String) {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().expect("exited"),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_full_disk_on_stdout_is_exit_2_with_a_message_for_every_command() {
    let reference = reference();
    let fleet = fleet(3);
    let specs = fleet.path().join("specs").display().to_string();
    let golden = repo("golden/pattern3.yaml");
    let commands: Vec<Vec<&str>> = vec![
        vec!["render"],
        vec!["render", &specs],
        vec!["schema"],
        vec!["targets"],
        vec!["plan"],
        vec!["lint", &reference],
        vec!["explain", "--list"],
        vec!["explain", "P3402"],
        vec!["check"],
        vec!["validate", &golden],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["init"],
    ];
    for args in commands {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let (code, _, stderr) = run(p3gen()
            .current_dir(root())
            .args(&args)
            .arg("--help")
            .stdout(full.try_clone().unwrap()));
        assert_eq!(code, 2, "{args:?} --help: {stderr}");
        let (code, _, stderr) = run(p3gen().current_dir(root()).args(&args).stdout(full));
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(
            stderr.ends_with("p3gen: error writing to stdout: No space left on device\n"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_closed_stdout_is_exit_2_with_a_message() {
    let (code, stdout, stderr) = run(Command::new("bash")
        .current_dir(root())
        .arg("-c")
        .arg(format!("{} render -q >&-", env!("CARGO_BIN_EXE_p3gen"))));
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert_eq!(
        stderr,
        "p3gen: error writing to stdout: Bad file descriptor\n"
    );
    // Nothing to write, nothing wrong.
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(Command::new("bash").arg("-c").arg(format!(
        "{} render -q --out-dir {} >&-",
        env!("CARGO_BIN_EXE_p3gen"),
        dir.path().join("out").display()
    )));
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_closed_pipe_ends_quietly_with_the_sigpipe_status() {
    // The read end is closed before p3gen writes: every write fails with EPIPE.
    let fleet = fleet(20);
    let specs = fleet.path().join("specs").display().to_string();
    for args in [
        &["render", "-q"][..],
        &["render", &specs, "-q"],
        &["schema"],
    ] {
        // The read end is gone before p3gen starts, however fast it writes.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let child = p3gen()
            .current_dir(root())
            .args(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(141), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{args:?}");
    }
    // And as in a shell pipeline.
    let (code, stdout, stderr) =
        run(Command::new("bash")
            .current_dir(root())
            .arg("-c")
            .arg(format!(
                "set -o pipefail; {} render {specs} -q | head -1",
                env!("CARGO_BIN_EXE_p3gen")
            )));
    assert_eq!(code, 141, "{stderr}");
    assert_eq!(stdout.lines().count(), 1);
    assert_eq!(stderr, "");
}

/// Whether a line is `file:line:col: severity[CODE] message`.
fn is_short(line: &str, file: &str) -> bool {
    let Some(rest) = line.strip_prefix(&format!("{file}:")) else {
        return false;
    };
    let mut parts = rest.splitn(3, ':');
    let numbers = parts
        .by_ref()
        .take(2)
        .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let Some(finding) = parts.next() else {
        return false;
    };
    let severity_code = finding
        .strip_prefix(" warning[")
        .or_else(|| finding.strip_prefix(" error["));
    numbers
        && severity_code.is_some_and(|rest| {
            rest.split_once("] ")
                .is_some_and(|(code, message)| !code.is_empty() && !message.is_empty())
        })
}

fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

fn assert_json_finding(finding: &serde_json::Value) {
    for key in [
        "file", "line", "column", "end", "severity", "code", "message", "help",
    ] {
        assert!(finding.get(key).is_some(), "no {key}: {finding}");
    }
    assert!(finding["end"]["line"].is_u64() && finding["end"]["column"].is_u64());
    assert!(["warning", "error"].contains(&finding["severity"].as_str().unwrap()));
}

#[test]
fn render_writes_warnings_short_and_as_json() {
    let human = run_cli(&["render"]);
    let warnings = human.stderr.lines().filter(|l| l.starts_with("P3")).count();
    assert!(warnings > 5, "{}", human.stderr);

    let short = run_cli(&["render", "--message-format", "short"]);
    assert_eq!(short.code, 0);
    assert_eq!(short.stdout, human.stdout);
    assert_eq!(short.stderr.lines().count(), warnings, "{}", short.stderr);
    for line in short.stderr.lines() {
        assert!(is_short(line, "pattern3.toml"), "{line}");
    }
    assert!(
        short
            .stderr
            .contains("pattern3.toml:17:8: warning[P3201] the args replace the template's, so vLLM serves the model as"),
        "{}",
        short.stderr
    );

    let json = run_cli(&["render", "--message-format", "json"]);
    let findings = json_lines(&json.stderr);
    assert_eq!(findings.len(), warnings);
    findings.iter().for_each(assert_json_finding);
    assert_eq!(findings[0]["line"], 17);
    assert_eq!(findings[0]["end"]["column"], 34);

    // A fleet names the file on every line, with no heading.
    let specs = tempfile::tempdir().unwrap();
    for name in ["a.toml", "b.toml"] {
        std::fs::copy(repo("patterns/pattern3.toml"), specs.path().join(name)).unwrap();
    }
    let fleet = run_cli(&[
        "render",
        specs.path().to_str().unwrap(),
        "--message-format",
        "short",
    ]);
    assert!(!fleet.stderr.is_empty());
    assert_eq!(fleet.code, 0);
    assert_eq!(
        fleet.stderr.lines().count(),
        2 * warnings,
        "{}",
        fleet.stderr
    );
    for line in fleet.stderr.lines() {
        let file = line.split_once(".toml:").expect(line).0.to_owned() + ".toml";
        assert!(
            file.ends_with("/a.toml") || file.ends_with("/b.toml"),
            "{line}"
        );
        assert!(is_short(line, &file), "{line}");
    }
}

#[test]
fn errors_of_check_and_validate_come_in_the_same_formats() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::copy(repo("tests/fixtures/invalid/P3104.toml"), &bad).unwrap();
    let bad = bad.display().to_string();
    for command in ["check", "validate", "render"] {
        let outcome = run_cli(&[command, &bad, "--message-format", "short"]);
        assert_eq!(outcome.code, 2, "{command}: {}", outcome.stderr);
        let lines: Vec<&str> = outcome.stderr.lines().collect();
        assert!(
            lines.iter().any(|l| l.contains("error[P3104]")),
            "{command}: {lines:?}"
        );
        for line in lines.iter().filter(|line| !line.starts_with("error: 1 of")) {
            assert!(is_short(line, &bad), "{command}: {line}");
        }
        let outcome = run_cli(&[command, &bad, "--message-format", "json"]);
        let findings: Vec<serde_json::Value> = outcome
            .stderr
            .lines()
            .filter(|line| line.starts_with('{'))
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert!(findings.iter().any(|f| f["code"] == "P3104"), "{command}");
        findings.iter().for_each(assert_json_finding);
    }

    let broken = repo("tests/fixtures/manifests/broken-schema.yaml");
    let crds = format!("{}/crds", shared());
    let outcome = run_cli(&[
        "validate",
        "--crds",
        &crds,
        &broken,
        "--message-format",
        "short",
    ]);
    assert_eq!(outcome.code, 1);
    assert!(!outcome.stdout.is_empty());
    for line in outcome.stdout.lines() {
        assert!(is_short(line, &broken), "{line}");
        assert!(line.contains(": error[schema] "), "{line}");
        assert!(line.contains("/broken: spec."), "{line}");
    }
    let outcome = run_cli(&[
        "validate",
        "--crds",
        &crds,
        &broken,
        "--message-format",
        "json",
    ]);
    json_lines(&outcome.stdout)
        .iter()
        .for_each(assert_json_finding);
}

#[test]
fn lint_writes_short_json_and_human() {
    let reference = reference();
    let human = run_cli(&["lint", &reference]);
    let short = run_cli(&["lint", &reference, "--message-format", "short"]);
    assert_eq!(short.code, human.code);
    let finding_lines: Vec<&str> = human
        .stdout
        .lines()
        .filter(|line| !line.starts_with("  ") && line.contains(": "))
        .collect();
    assert_eq!(short.stdout.lines().collect::<Vec<_>>(), finding_lines);
    let json = run_cli(&["lint", &reference, "--message-format", "json"]);
    let findings = json_lines(&json.stdout);
    assert_eq!(findings.len(), finding_lines.len());
    findings.iter().for_each(assert_json_finding);
    assert_eq!(
        json.stdout,
        run_cli(&["lint", &reference, "--format", "json"]).stdout
    );
}

#[test]
fn lint_writes_sarif_that_its_schema_accepts() {
    let reference = reference();
    let outcome = run_cli(&["lint", &reference, "--format", "sarif"]);
    assert_eq!(outcome.code, run_cli(&["lint", &reference]).code);
    let log: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();

    // The OASIS SARIF 2.1.0 schema, as shipped in the serde-sarif crate. Its `language` pattern
    // has a stray `]` that a strict meta-schema check refuses; that key is not written here.
    let text = std::fs::read_to_string(repo("tests/fixtures/sarif-schema-2.1.0.json"))
        .unwrap()
        .replace(
            r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
            r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
        );
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");

    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "p3gen");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    let catalogue: Vec<&str> = p3gen::validate::catalogue()
        .iter()
        .map(|i| i.code)
        .collect();
    assert_eq!(rules, catalogue);
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let rule = result["ruleId"].as_str().unwrap();
        assert!(rules.contains(&rule), "{rule}");
        assert_eq!(rules[result["ruleIndex"].as_u64().unwrap() as usize], rule);
        assert!(["warning", "error"].contains(&result["level"].as_str().unwrap()));
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(Path::new(uri).is_file(), "{uri}");
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(location["region"]["startColumn"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn quiet_shows_errors_only() {
    let outcome = run_cli(&["render", "-q"]);
    assert_eq!(outcome.code, 0);
    assert_eq!(outcome.stderr, "");
    assert!(!outcome.stdout.is_empty());

    let outcome = run_cli(&[
        "render",
        "--quiet",
        &repo("tests/fixtures/invalid/P3104.toml"),
    ]);
    assert_eq!(outcome.code, 2);
    assert!(outcome.stderr.contains("P3104"), "{}", outcome.stderr);
    assert!(!outcome.stderr.contains('⚠'), "{}", outcome.stderr);

    let reference = reference();
    let outcome = run_cli(&["lint", "-q", &reference]);
    assert!(!outcome.stdout.contains("warning["), "{}", outcome.stdout);
    assert!(!outcome.stdout.contains(" in "), "{}", outcome.stdout);
    assert_eq!(outcome.code, run_cli(&["lint", &reference]).code);

    let golden = repo("golden/pattern3.yaml");
    let outcome = run_cli(&["validate", "-q", &golden]);
    assert_eq!((outcome.code, outcome.stdout.as_str()), (0, ""));
    assert_eq!(outcome.stderr, "");

    let (code, stdout, stderr) = run(p3gen().current_dir(root()).args(["check", "-q"]));
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let outcome = run_cli(&["render", "-q", "--out-dir", out.to_str().unwrap()]);
    assert_eq!(
        (outcome.code, outcome.stdout.as_str()),
        (0, ""),
        "{}",
        outcome.stderr
    );
    assert!(out.join("kustomization.yaml").is_file());
}

#[test]
fn a_dash_reads_the_spec_or_manifests_from_stdin() {
    let spec = std::fs::read_to_string(repo("patterns/pattern3.toml")).unwrap();
    let golden = std::fs::read_to_string(repo("golden/pattern3.yaml")).unwrap();
    let (code, stdout, stderr) = run_with_stdin(p3gen().args(["render", "-"]), &spec);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        golden.replacen("from pattern3.toml.", "from <stdin>.", 1)
    );
    assert!(stderr.contains("[<stdin>:17:8]"), "{stderr}");

    let bad = spec.replacen("replicas = 3", "replica = 3", 1);
    let (code, stdout, stderr) = run_with_stdin(
        p3gen().args(["render", "-", "--message-format", "short"]),
        &bad,
    );
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.starts_with("<stdin>:"), "{stderr}");
    assert!(stderr.contains("error[P3003]"), "{stderr}");

    let (code, stdout, stderr) = run_with_stdin(p3gen().args(["plan", "-"]), &spec);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("<stdin>"), "{stdout}");

    let (code, stdout, _) = run_with_stdin(
        p3gen().args(["lint", "-", "--message-format", "short"]),
        &golden,
    );
    assert_eq!(code, run_cli(&["lint", &repo("golden/pattern3.yaml")]).code);
    assert!(stdout.lines().count() > 3, "{stdout}");
    assert!(
        stdout.lines().all(|line| line.starts_with("<stdin>:")),
        "{stdout}"
    );

    let (code, stdout, stderr) = run_with_stdin(p3gen().args(["validate", "-"]), &golden);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("valid"), "{stdout}");
}

fn subcommands() -> Vec<String> {
    p3gen::cli::Cli::command()
        .get_subcommands()
        .map(|command| command.get_name().to_owned())
        .collect()
}

#[test]
fn completions_name_every_subcommand_and_bash_reads_them() {
    let outcome = run_cli(&["completions", "bash"]);
    assert_eq!(outcome.code, 0);
    for name in subcommands() {
        assert!(outcome.stdout.contains(&name), "{name}");
    }
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("p3gen.bash");
    std::fs::write(&script, &outcome.stdout).unwrap();
    let (code, _, stderr) = run(common::tool("bash").arg("-n").arg(&script));
    assert_eq!(code, 0, "{stderr}");
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let outcome = run_cli(&["completions", shell]);
        assert_eq!(outcome.code, 0);
        assert!(outcome.stdout.contains("render"), "{shell}");
    }
}

#[test]
fn the_man_page_is_roff() {
    let outcome = run_cli(&["man"]);
    assert_eq!(outcome.code, 0);
    assert!(outcome.stdout.starts_with(".ie \\n(.g .ds Aq") || outcome.stdout.starts_with(".TH"));
    assert!(
        outcome
            .stdout
            .lines()
            .any(|line| line.starts_with(".TH p3gen 1")),
        "{}",
        outcome.stdout
    );
    // roff escapes the hyphens of names.
    for name in subcommands() {
        assert!(outcome.stdout.contains(&name.replace('-', "\\-")), "{name}");
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p3gen.1");
    std::fs::write(&page, &outcome.stdout).unwrap();
    // groff reads it without a warning.
    let (code, stdout, stderr) = run(common::tool("groff")
        .args(["-man", "-Tutf8", "-ww"])
        .arg(&page));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    assert!(stdout.contains("p3gen"), "{stdout}");
}

#[test]
fn init_writes_a_starter_that_renders_without_warnings_for_every_accelerator_and_target() {
    let dir = tempfile::tempdir().unwrap();
    let schema_line = std::fs::read_to_string(repo("patterns/pattern3.toml"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    assert!(schema_line.starts_with("#:schema "));
    for accelerator in ["tpu", "gpu"] {
        for kserve in KserveTarget::ALL {
            let file = dir
                .path()
                .join(format!("{accelerator}-{}.toml", kserve.as_str()));
            let file = file.to_str().unwrap();
            let target = format!("kserve={}", kserve.as_str());
            let outcome = run_cli(&[
                "init",
                "--accelerator",
                accelerator,
                "--target",
                &target,
                "-o",
                file,
            ]);
            assert_eq!(outcome.code, 0, "{}", outcome.stderr);
            assert_eq!(outcome.stdout, format!("wrote {file}\n"));
            let text = std::fs::read_to_string(file).unwrap();
            assert!(text.starts_with(&format!("{schema_line}\n")), "{text}");
            let outcome = run_cli(&["render", file, "--deny", "warnings"]);
            assert_eq!(
                outcome.code, 0,
                "{accelerator} {target}: {}",
                outcome.stderr
            );
            assert_eq!(outcome.stderr, "", "{accelerator} {target}");
        }
    }
    // The default goes to stdout.
    let outcome = run_cli(&["init"]);
    assert!(outcome.stdout.contains("[accelerator.tpu]"));
}

#[test]
fn init_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    std::fs::write(&file, "# my own spec\n").unwrap();
    let path = file.to_str().unwrap();
    let outcome = run_cli(&["init", "-o", path]);
    assert_eq!(outcome.code, 2);
    assert!(outcome.stderr.contains("exists"), "{}", outcome.stderr);
    assert!(outcome.stderr.contains("--force"), "{}", outcome.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "# my own spec\n");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no debris"
    );

    let outcome = run_cli(&["init", "-o", path, "--force", "--accelerator", "gpu"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("[accelerator.gpu]")
    );
}

#[test]
fn bad_numbers_on_the_command_line_say_what_was_expected() {
    for (jobs, expected) in [
        (
            "0",
            "0 threads would do no work: expected a number of threads, 1 or more",
        ),
        (
            "-2",
            "`-2` is not a number: expected a number of threads, 1 or more",
        ),
        ("two", "`two` is not a number"),
    ] {
        let (code, stdout, stderr) = run(p3gen().args(["render", "-j", jobs]));
        assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
        assert!(stderr.contains(expected), "-j {jobs}: {stderr}");
    }
    for jobs in ["4000", "99999999999999999999999"] {
        let (code, _, stderr) = run(p3gen()
            .current_dir(root())
            .args(["check", "-q", "-j", jobs]));
        assert_eq!(code, 0, "{stderr}");
        let max = p3gen::cli::JobsArgs::max();
        assert!(
            stderr.starts_with("note: -j ") && stderr.contains(" is more threads than help on "),
            "{stderr}"
        );
        assert!(stderr.ends_with(&format!("; using {max}\n")), "{stderr}");
    }

    let (code, _, stderr) = run(p3gen().args(["plan", "--throughput", "-3"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("throughput must be a finite number of requests/s above 0, got -3"),
        "{stderr}"
    );
    let (code, _, stderr) = run(p3gen().args(["plan", "--utilisation", "-0.5"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("utilisation must be in (0, 1], got -0.5"),
        "{stderr}"
    );
}

#[test]
fn validate_without_crds_counts_what_it_did_not_check_apart() {
    let golden = repo("golden/pattern3.yaml");
    let outcome = run_cli(&["validate", &golden]);
    assert_eq!(outcome.code, 0, "{}", outcome.stdout);
    let last = outcome.stdout.lines().last().unwrap();
    let (valid, rest) = last.split_once(" objects valid, ").expect(last);
    let unchecked = rest
        .strip_suffix(" not checked (no CRD given)")
        .expect(last);
    let valid: usize = valid.parse().unwrap();
    let unchecked: usize = unchecked.parse().unwrap();
    assert!(valid > 0 && unchecked > 0, "{last}");
    let all = run_cli(&[
        "validate",
        "--crds",
        &format!("{}/crds", shared()),
        "--kserve",
        "odh-0.15",
        &golden,
    ]);
    assert_eq!(
        all.stdout.lines().last().unwrap(),
        format!("{0} of {0} objects valid", valid + unchecked)
    );
}
