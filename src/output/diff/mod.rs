//! Semantic diff of two Kubernetes manifest sets: objects matched by identity, compared as normalized YAML.
//!
//! Objects are matched by `(apiVersion, kind, metadata.namespace, metadata.name)`. Comments, key order and
//! document order do not count. The namespace is compared exactly as written: a missing
//! `metadata.namespace` is the same as an empty one, and nothing else. In particular an object without a
//! namespace does not match the same object with `namespace: default` (kubectl's external diff fills in
//! the namespace of namespaced objects, so give both sides the same treatment before diffing).
//!
//! Entry points: [`diff`] / [`diff_with_options`] build a [`DiffReport`]; [`format_text`] and
//! [`format_json`] turn it into output; [`differing_paths`] lists where two sets differ, field by
//! field; [`parse_multi_doc`] reads multi-document YAML and [`read_manifests`] a file or a
//! directory of them, both with the manifest reader of `lint` and `validate` ([`crate::manifest`]).

mod compare;
mod error;
mod json;
mod key;
mod normalize;
mod paths;
mod read;
mod report;
mod text;
mod yaml;

pub use compare::{DiffOptions, diff, diff_with_options};
pub use error::{DiffError, Side};
pub use json::format_json;
pub use key::ObjectKey;
pub use paths::differing_paths;
pub use read::{manifest_files, read_manifests};
pub use report::{DiffReport, ObjectDiff, Status, Summary};
pub use text::{format_text, format_unified_diff};
pub use yaml::parse_multi_doc;

/// One Kubernetes object of a manifest set, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    /// File name the object was read from, or `"rendered"` for objects rendered from a spec.
    pub source: String,
    /// The object as parsed (a mapping with `apiVersion`, `kind` and `metadata.name`).
    pub value: serde_json::Value,
}

#[cfg(test)]
mod tests;
