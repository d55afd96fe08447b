//! `p3gen explain-routing`, `explain-scaling` and `explain-network`: a plain-text explanation of one spec.

use std::path::Path;

use crate::Compiled;
use crate::target::TargetOverride;

use super::{EXIT_OK, Outcome, Terminal, compile_spec};

/// Explains one spec (or the built-in one) with `explain`; warnings go to stderr, a bad spec fails
/// as in `render`.
pub fn run(
    path: Option<&Path>,
    target: &TargetOverride,
    terminal: Terminal,
    explain: fn(&Compiled) -> String,
) -> Outcome {
    match compile_spec(
        path,
        target,
        &crate::validate::Levels::new(),
        terminal,
        super::ReportArgs::default(),
    ) {
        Ok(spec) => Outcome {
            stdout: explain(&spec.compiled),
            stderr: spec.warnings,
            code: EXIT_OK,
        },
        Err(outcome) => outcome,
    }
}
