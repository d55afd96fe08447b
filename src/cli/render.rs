//! `p3gen render`: a spec to a YAML bundle on stdout.

use std::path::Path;

use crate::target::TargetOverride;

use super::{EXIT_OK, Outcome, Terminal, compile_spec};

/// Renders one spec (or the built-in one) to stdout, for the spec's target or `target`; warnings
/// go to stderr.
pub fn run(path: Option<&Path>, target: &TargetOverride, terminal: Terminal) -> Outcome {
    match compile_spec(path, target, terminal) {
        Ok((compiled, warnings)) => Outcome {
            stdout: compiled.yaml,
            stderr: warnings,
            code: EXIT_OK,
        },
        Err(outcome) => outcome,
    }
}
