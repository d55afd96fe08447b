//! The result of a diff: every object with its status and, when it differs, its unified diff.

use std::fmt;

use super::key::ObjectKey;

/// How an object differs between the old and the new set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Only in the new set.
    Added,
    /// Only in the old set.
    Removed,
    /// In both sets, with different normalized YAML.
    Changed,
    /// In both sets, with the same normalized YAML.
    Unchanged,
}

impl Status {
    /// The lowercase name used in JSON output: `added`, `removed`, `changed` or `unchanged`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Changed => "changed",
            Status::Unchanged => "unchanged",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One object of either set and how it compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectDiff {
    /// The object's identity.
    pub key: ObjectKey,
    /// How it differs.
    pub status: Status,
    /// Where the old copy came from; `None` when added.
    pub old_source: Option<String>,
    /// Where the new copy came from; `None` when removed.
    pub new_source: Option<String>,
    /// Unified diff of the normalized YAML (with `---`/`+++` header); `None` when unchanged.
    pub unified_diff: Option<String>,
}

/// Every object of both sets, ordered by `(apiVersion, kind, namespace, name)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiffReport {
    /// The objects, one entry per identity, in stable order.
    pub objects: Vec<ObjectDiff>,
}

impl DiffReport {
    /// True when any object was added, removed or changed (exit code 1 for the caller).
    pub fn has_differences(&self) -> bool {
        self.objects
            .iter()
            .any(|object| object.status != Status::Unchanged)
    }

    /// Counts the objects by status.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for object in &self.objects {
            match object.status {
                Status::Added => summary.added += 1,
                Status::Removed => summary.removed += 1,
                Status::Changed => summary.changed += 1,
                Status::Unchanged => summary.unchanged += 1,
            }
        }
        summary
    }
}

/// Number of objects per status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Objects in both sets that differ.
    pub changed: usize,
    /// Objects only in the new set.
    pub added: usize,
    /// Objects only in the old set.
    pub removed: usize,
    /// Objects in both sets that are the same.
    pub unchanged: usize,
}

impl fmt::Display for Summary {
    /// `3 objects changed, 1 added, 0 removed, 4 unchanged`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let noun = if self.changed == 1 {
            "object"
        } else {
            "objects"
        };
        write!(
            f,
            "{} {noun} changed, {} added, {} removed, {} unchanged",
            self.changed, self.added, self.removed, self.unchanged
        )
    }
}
