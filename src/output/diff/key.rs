//! The identity of a Kubernetes object and the index of a manifest set by that identity.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

use super::Manifest;
use super::error::{DiffError, Side};
use crate::render::Object;

/// What identifies an object: `(apiVersion, kind, namespace, name)`, ordered in that order.
///
/// A missing `metadata.namespace` is stored as the empty string, so it matches an empty namespace and
/// nothing else.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectKey {
    /// `apiVersion`, e.g. `serving.kserve.io/v1alpha1`.
    pub api_version: String,
    /// `kind`, e.g. `LLMInferenceService`.
    pub kind: String,
    /// `metadata.namespace`, empty when absent.
    pub namespace: String,
    /// `metadata.name`.
    pub name: String,
}

impl ObjectKey {
    /// Reads the identity of a manifest, failing when it is not an object or lacks an identifying field.
    pub fn of(manifest: &Manifest) -> Result<ObjectKey, DiffError> {
        let source_name = &manifest.source;
        let Value::Object(map) = &manifest.value else {
            return Err(DiffError::NotAnObject {
                source_name: source_name.clone(),
                found: describe(&manifest.value),
            });
        };
        let kind = map.get("kind").and_then(Value::as_str).unwrap_or_default();
        let missing = |field: &'static str| DiffError::MissingIdentity {
            source_name: source_name.clone(),
            field,
            kind_hint: if kind.is_empty() {
                String::new()
            } else {
                format!(" (kind {kind})")
            },
        };
        if kind.is_empty() {
            return Err(missing("kind"));
        }
        let api_version =
            non_empty_str(map.get("apiVersion")).ok_or_else(|| missing("apiVersion"))?;
        let metadata = map.get("metadata");
        let name = non_empty_str(metadata.and_then(|m| m.get("name")))
            .ok_or_else(|| missing("metadata.name"))?;
        let namespace = match metadata.and_then(|m| m.get("namespace")) {
            None | Some(Value::Null) => "",
            Some(Value::String(namespace)) => namespace.as_str(),
            Some(_) => return Err(missing("metadata.namespace")),
        };
        Ok(ObjectKey {
            api_version: api_version.to_owned(),
            kind: kind.to_owned(),
            namespace: namespace.to_owned(),
            name: name.to_owned(),
        })
    }

    /// The identity of a rendered object.
    pub fn of_rendered(object: &Object) -> ObjectKey {
        ObjectKey {
            api_version: object.api_version().to_owned(),
            kind: object.kind().to_owned(),
            namespace: object.namespace().to_owned(),
            name: object.name().to_owned(),
        }
    }

    /// The path used in diff headers: `Kind/namespace/name`, or `Kind/name` without a namespace.
    pub fn path(&self) -> String {
        if self.namespace.is_empty() {
            format!("{}/{}", self.kind, self.name)
        } else {
            format!("{}/{}/{}", self.kind, self.namespace, self.name)
        }
    }
}

impl fmt::Display for ObjectKey {
    /// `apiVersion Kind/namespace/name`, the full identity in one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.api_version, self.path())
    }
}

/// Indexes one manifest set by object identity; two objects with the same identity are an error.
pub(super) fn index(
    manifests: &[Manifest],
    side: Side,
) -> Result<BTreeMap<ObjectKey, &Manifest>, DiffError> {
    let mut by_key: BTreeMap<ObjectKey, &Manifest> = BTreeMap::new();
    for manifest in manifests {
        let key = ObjectKey::of(manifest)?;
        if let Some(first) = by_key.get(&key) {
            return Err(DiffError::DuplicateObject {
                side,
                object: key.to_string(),
                first: first.source.clone(),
                second: manifest.source.clone(),
            });
        }
        by_key.insert(key, manifest);
    }
    Ok(by_key)
}

fn non_empty_str(value: Option<&Value>) -> Option<&str> {
    value.and_then(Value::as_str).filter(|s| !s.is_empty())
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}
