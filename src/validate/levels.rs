//! Which findings to report and how seriously: warnings allowed by code (on the command line or in
//! the spec's `[lints]`), and `--deny warnings`.

use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, Severity};
use crate::spec::Spec;

/// Report levels: allowed warning codes, and whether the remaining warnings count as errors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Levels {
    allowed: BTreeSet<&'static str>,
    deny_warnings: bool,
}

impl Levels {
    /// Report everything at its own severity.
    pub fn new() -> Self {
        Levels::default()
    }

    /// Turns warnings into errors.
    pub fn deny_warnings(mut self, deny: bool) -> Self {
        self.deny_warnings = deny;
        self
    }

    /// Silences a warning by code (case-insensitive) or rule name. Unknown codes and error-level
    /// codes are refused with the reason.
    pub fn allow(&mut self, code: &str) -> Result<(), String> {
        let Some(info) = super::explain(code) else {
            return Err(format!(
                "`{code}` is not a p3gen code; `p3gen explain --list` lists them"
            ));
        };
        if info.severity == Severity::Error {
            return Err(format!(
                "{} ({}) is an error and cannot be allowed",
                info.code, info.name
            ));
        }
        self.allowed.insert(info.code);
        Ok(())
    }

    /// Whether a code is allowed.
    pub fn is_allowed(&self, code: &str) -> bool {
        self.allowed.contains(code)
    }

    fn level(&self, severity: Severity) -> Severity {
        if self.deny_warnings {
            Severity::Error
        } else {
            severity
        }
    }

    /// Drops allowed diagnostics and applies `--deny warnings` to the rest.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter(|diagnostic| !self.is_allowed(diagnostic.code))
            .map(|diagnostic| Diagnostic {
                severity: self.level(diagnostic.severity),
                ..diagnostic
            })
            .collect()
    }
}

/// Adds the warnings a spec's `[lints] allow` table names to `levels`; returns a diagnostic for
/// each entry that names no warning or gives no reason.
pub fn allow_from_spec(spec: &Spec, levels: &mut Levels) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (code, reason) in &spec.lints.allow {
        if let Err(why) = levels.allow(code.get()) {
            problems.push(
                Diagnostic::error("P3006", format!("cannot allow `{}`", code.get()))
                    .primary(code.span(), why)
                    .help("allow only warnings; `p3gen explain --list` lists every code"),
            );
        } else if reason.get().trim().is_empty() {
            problems.push(
                Diagnostic::error("P3006", format!("allowing `{}` needs a reason", code.get()))
                    .primary(reason.span(), "empty reason")
                    .help("say why the warning does not apply to this deployment"),
            );
        }
    }
    problems
}
