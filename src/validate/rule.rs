//! What a rule is: its documentation and its check.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;

/// The documentation of one rule or diagnostic code.
#[derive(Debug)]
pub struct RuleInfo {
    /// The stable code, e.g. `P3102`.
    pub code: &'static str,
    /// A kebab-case name, e.g. `tensor-parallel-matches-chips`.
    pub name: &'static str,
    /// Error (rendering refuses) or warning.
    pub severity: Severity,
    /// One line saying what the rule checks.
    pub summary: &'static str,
    /// Markdown with `## What it checks`, `## Why` (with the source fact) and `## Example`.
    pub doc: &'static str,
}

/// A check over the resolved model.
pub trait Rule: Sync {
    /// The rule's documentation.
    fn info(&self) -> &'static RuleInfo;

    /// Appends the rule's findings about `pattern` to `out`.
    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>);

    /// A finding of this rule, with its code and severity.
    fn finding(&self, message: String) -> Diagnostic {
        let info = self.info();
        match info.severity {
            Severity::Error => Diagnostic::error(info.code, message),
            Severity::Warning => Diagnostic::warning(info.code, message),
        }
    }
}
