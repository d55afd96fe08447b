//! Helpers shared by the integration tests: running the real `p3gen` binary, external tools or the
//! command line in-process, and finding the shared reference data (by walking up from the crate).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use clap::Parser;
use p3gen::cli::{Cli, Outcome, Terminal};
use p3gen::diagnostic::RenderStyle;

/// The crate's root directory.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The p3gen binary that cargo built for these tests.
pub fn p3gen() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_p3gen"));
    command.env_remove("NO_COLOR");
    command
}

/// An external tool the test needs (kubectl, kpt); fails the test, saying what to install, when it
/// is not on PATH.
pub fn tool(name: &str) -> Command {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()))
        .unwrap_or(false);
    assert!(
        found,
        "this test runs the real `{name}`: install it and put it on PATH"
    );
    Command::new(name)
}

/// Runs a command and returns its exit code, stdout and stderr.
pub fn run(command: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().expect("the command starts");
    (
        status.code().expect("exited, not killed"),
        String::from_utf8(stdout).expect("UTF-8 stdout"),
        String::from_utf8(stderr).expect("UTF-8 stderr"),
    )
}

/// Copies a directory's files (not sub-directories) into another.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy");
    for entry in std::fs::read_dir(from).expect("read the directory") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().expect("a name"))).expect("copy");
        }
    }
}

/// The YAML text of a spec with one line replaced.
pub fn spec_with(spec: &str, line: &str, replacement: &str) -> String {
    let text = std::fs::read_to_string(root().join("patterns").join(spec)).expect("spec");
    assert!(text.contains(line), "{spec} has no line `{line}`");
    text.replacen(line, replacement, 1)
}

/// Runs `p3gen ARGS…` in-process with plain output.
pub fn run_cli(args: &[&str]) -> Outcome {
    let cli = Cli::try_parse_from(std::iter::once("p3gen").chain(args.iter().copied())).unwrap();
    p3gen::cli::run(
        cli,
        Terminal {
            stdout_style: RenderStyle::Plain,
            stderr_style: RenderStyle::Plain,
        },
        &p3gen::fleet::no_progress,
    )
}

/// A path below the repository root, as a string for command lines.
pub fn repo(path: &str) -> String {
    root().join(path).display().to_string()
}

/// The shared data directory (see [`find_shared_dir`]).
pub fn shared_dir() -> PathBuf {
    find_shared_dir().unwrap_or_else(|| panic!("no shared/ directory above {}", root().display()))
}

/// The shared data directory: `$P3GEN_SHARED` (as in `.ci/run`), or the `shared/` directory beside
/// the crate or one of its ancestors, if there is one.
pub fn find_shared_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("P3GEN_SHARED") {
        return Some(PathBuf::from(dir));
    }
    root()
        .ancestors()
        .map(|dir| dir.join("shared"))
        .find(|candidate| candidate.join("reference").is_dir())
}

/// The shared directory as a string, for command lines.
pub fn shared() -> String {
    shared_dir().display().to_string()
}

/// The reviewed hand-written Pattern 3 manifests.
pub fn reference_dir() -> PathBuf {
    shared_dir().join("reference/pattern3-istio-kserve")
}

/// The upstream CRDs.
pub fn crd_dir() -> PathBuf {
    shared_dir().join("crds")
}
