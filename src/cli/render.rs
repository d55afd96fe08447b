//! `p3gen render`: a spec to a YAML bundle on stdout.

use std::path::Path;

use super::{EXIT_OK, Outcome, Terminal, load_spec};

/// Renders one spec (or the built-in one) to stdout; warnings go to stderr.
pub fn run(path: Option<&Path>, terminal: Terminal) -> Outcome {
    let (source, name) = match load_spec(path) {
        Ok(loaded) => loaded,
        Err(message) => return Outcome::error(message),
    };
    match crate::compile(&source, &name) {
        Ok(compiled) => Outcome {
            stdout: compiled.yaml,
            stderr: compiled.warnings.render(terminal.stderr_style),
            code: EXIT_OK,
        },
        Err(report) => Outcome::error(report.render(terminal.stderr_style)),
    }
}
