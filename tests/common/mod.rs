//! Helpers shared by the tests that run the real `p3gen` binary and external tools.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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
