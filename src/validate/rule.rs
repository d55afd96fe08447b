//! What a rule is: its documentation, where it applies, and its checks.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::model::Pattern;

use super::objects::Objects;

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// The spec only (`p3gen render`): what no object shows.
    Spec,
    /// Kubernetes objects: the rendered bundle (`p3gen render`, findings shown at the spec values
    /// the objects came from) and hand-written manifests (`p3gen lint`).
    Objects,
    /// The spec's own text when rendering, every string of the objects when linting.
    Both,
}

impl Applies {
    /// Whether `p3gen lint` runs the rule.
    pub fn to_manifests(self) -> bool {
        matches!(self, Applies::Objects | Applies::Both)
    }

    /// How `p3gen explain` names it.
    pub fn describe(self) -> &'static str {
        match self {
            Applies::Spec => "spec",
            Applies::Objects | Applies::Both => "spec and manifests",
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

/// A check: over Kubernetes objects (rendered or hand-written) where the fact shows in them, over the
/// resolved model where it does not.
pub trait Rule: Sync {
    /// The rule's documentation.
    fn info(&self) -> &'static RuleInfo;

    /// Appends the rule's findings about a spec's `pattern` to `out`.
    fn check(&self, _pattern: &Pattern, _out: &mut Vec<Diagnostic>) {}

    /// Appends the rule's findings about Kubernetes objects to `out`.
    fn check_objects(&self, _objects: &Objects<'_>, _out: &mut Vec<Diagnostic>) {}

    /// A finding of this rule about the spec, with its code and severity.
    fn finding(&self, message: String) -> Diagnostic {
        let info = self.info();
        Diagnostic::new(info.code, info.severity, message)
    }

    /// A finding of this rule about the node at `pointer` (a JSON pointer) of object `object`,
    /// with no label text.
    fn object_finding(
        &self,
        object: usize,
        pointer: impl Into<String>,
        message: String,
    ) -> Diagnostic
    where
        Self: Sized,
    {
        self.finding(message).at(Node::new(object, pointer), "")
    }
}
