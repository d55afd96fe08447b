//! What a rule is: its documentation, where it applies, and its checks.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;

use super::objects::{Finding, Objects};

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// The spec only (`p3gen render`).
    Spec,
    /// Kubernetes objects only: hand-written manifests (`p3gen lint`) and the rendered bundle.
    Manifests,
    /// Both: the spec when rendering (with labels in the TOML), manifests when linting.
    Both,
}

impl Applies {
    /// Whether `p3gen lint` runs the rule.
    pub fn to_manifests(self) -> bool {
        matches!(self, Applies::Manifests | Applies::Both)
    }

    /// How `p3gen explain` names it.
    pub fn describe(self) -> &'static str {
        match self {
            Applies::Spec => "spec",
            Applies::Manifests => "manifests",
            Applies::Both => "spec and manifests",
        }
    }
}

/// The documentation of one rule or diagnostic code.
#[derive(Debug)]
pub struct RuleInfo {
    /// The stable code, e.g. `P3102`.
    pub code: &'static str,
    /// A kebab-case name, e.g. `tensor-parallel-matches-chips`.
    pub name: &'static str,
    /// Error (rendering refuses) or warning.
    pub severity: Severity,
    /// What the rule looks at.
    pub applies: Applies,
    /// One line saying what the rule checks.
    pub summary: &'static str,
    /// Markdown with `## What it checks`, `## Why` (with the source fact) and `## Example`.
    pub doc: &'static str,
}

/// A check over the resolved model and, where the same fact shows in Kubernetes objects, over those.
pub trait Rule: Sync {
    /// The rule's documentation.
    fn info(&self) -> &'static RuleInfo;

    /// Appends the rule's findings about a spec's `pattern` to `out`.
    fn check(&self, _pattern: &Pattern, _out: &mut Vec<Diagnostic>) {}

    /// Appends the rule's findings about Kubernetes objects to `out`.
    fn check_objects(&self, _objects: &Objects<'_>, _out: &mut Vec<Finding>) {}

    /// A finding of this rule about the spec, with its code and severity.
    fn finding(&self, message: String) -> Diagnostic {
        let info = self.info();
        Diagnostic::new(info.code, info.severity, message)
    }

    /// A finding of this rule about the node at `pointer` (a JSON pointer) of object `object`.
    fn object_finding(&self, object: usize, pointer: impl Into<String>, message: String) -> Finding
    where
        Self: Sized,
    {
        let info = self.info();
        Finding::new(info.code, info.severity, object, pointer.into(), message)
    }
}
