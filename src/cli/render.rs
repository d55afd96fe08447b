//! `p3gen render`: a spec to a YAML bundle on stdout.

use std::path::Path;

use super::{EXIT_OK, LevelArgs, Outcome, Terminal, load_spec};

/// Renders one spec (or the built-in one) to stdout; warnings go to stderr. Error-level findings
/// (with `--deny warnings`, warnings too) refuse the render with exit code 2.
pub fn run(path: Option<&Path>, levels: &LevelArgs, terminal: Terminal) -> Outcome {
    let levels = match levels.levels() {
        Ok(levels) => levels,
        Err(message) => return Outcome::error(message),
    };
    let (source, name) = match load_spec(path) {
        Ok(loaded) => loaded,
        Err(message) => return Outcome::error(message),
    };
    match crate::compile_with(&source, &name, &levels) {
        Ok(compiled) => Outcome {
            stdout: compiled.yaml,
            stderr: compiled.warnings.render(terminal.stderr_style),
            code: EXIT_OK,
        },
        Err(report) => Outcome::error(report.render(terminal.stderr_style)),
    }
}
