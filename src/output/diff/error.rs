//! Errors of the semantic diff.

use std::fmt;

/// Which of the two manifest sets an error refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The first set (`a/`, the current or live objects).
    Old,
    /// The second set (`b/`, the new or rendered objects).
    New,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Side::Old => f.write_str("old"),
            Side::New => f.write_str("new"),
        }
    }
}

/// Why two manifest sets could not be compared.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// The YAML text could not be parsed.
    #[error("invalid YAML: {message}")]
    Yaml {
        /// The parser's message.
        message: String,
    },
    /// Manifest files could not be read, or are not valid YAML (see [`crate::manifest::load`]).
    #[error(transparent)]
    Load(#[from] crate::manifest::LoadError),
    /// A document is not a mapping, so it cannot be a Kubernetes object.
    #[error("{source_name}: a document is {found}, not a Kubernetes object (a mapping)")]
    NotAnObject {
        /// File name (or `"rendered"`) of the document.
        source_name: String,
        /// What the document is instead ("a list", "a string", ...).
        found: &'static str,
    },
    /// An object lacks one of the fields that identify it, or has it with a non-string value.
    #[error("{source_name}: object has no `{field}` string{kind_hint}")]
    MissingIdentity {
        /// File name (or `"rendered"`) of the object.
        source_name: String,
        /// The missing field (`apiVersion`, `kind`, `metadata.name`) or the non-string `metadata.namespace`.
        field: &'static str,
        /// ` (kind Foo)` when the kind is known, else empty.
        kind_hint: String,
    },
    /// The same object appears twice within one set.
    #[error("duplicate object {object} in the {side} set: in {first} and in {second}")]
    DuplicateObject {
        /// The set holding both copies.
        side: Side,
        /// The object, as `apiVersion Kind/namespace/name`.
        object: String,
        /// Source of the first copy.
        first: String,
        /// Source of the second copy.
        second: String,
    },
    /// An object could not be written as YAML.
    #[error("cannot write {object} as YAML: {message}")]
    Serialize {
        /// The object, as `apiVersion Kind/namespace/name`.
        object: String,
        /// The serializer's message.
        message: String,
    },
}
