//! The apiVersion and kind pair that selects an object's schema.

use std::fmt;

/// An object's `apiVersion` and `kind`, e.g. `networking.k8s.io/v1` and `NetworkPolicy`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeMeta {
    /// `group/version`, or just `version` for the core group (`v1`).
    pub api_version: String,
    /// The kind, e.g. `LLMInferenceService`.
    pub kind: String,
}

impl TypeMeta {
    /// Builds a pair from its parts.
    pub fn new(api_version: impl Into<String>, kind: impl Into<String>) -> Self {
        Self {
            api_version: api_version.into(),
            kind: kind.into(),
        }
    }
}

impl fmt::Display for TypeMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.api_version, self.kind)
    }
}
