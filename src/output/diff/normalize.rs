//! Normalization of an object before comparison: server-added fields dropped, keys sorted recursively.

use serde_json::{Map, Value};

/// Fields under `metadata` that the API server sets on live objects.
const SERVER_METADATA_FIELDS: [&str; 5] = [
    "managedFields",
    "resourceVersion",
    "uid",
    "generation",
    "creationTimestamp",
];

/// The annotation `kubectl apply` keeps on live objects.
const LAST_APPLIED_ANNOTATION: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// Returns the object with every mapping's keys in sorted order, and without server-added fields when asked.
pub(super) fn normalize(value: &Value, ignore_server_fields: bool) -> Value {
    let mut value = sort_keys(value);
    if ignore_server_fields {
        strip_server_fields(&mut value);
    }
    value
}

/// Rebuilds a value with the keys of every mapping inserted in sorted order (sorted whichever map the
/// JSON crate uses underneath).
fn sort_keys(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let sorted: Map<String, Value> = entries
                .into_iter()
                .map(|(key, value)| (key.clone(), sort_keys(value)))
                .collect();
            Value::Object(sorted)
        }
        Value::Array(items) => Value::Array(items.iter().map(sort_keys).collect()),
        other => other.clone(),
    }
}

/// Drops `status`, the server-set `metadata` fields and the last-applied annotation; an `annotations`
/// mapping left empty is dropped too, as the API server does not keep empty ones.
fn strip_server_fields(value: &mut Value) {
    let Value::Object(object) = value else {
        return;
    };
    object.remove("status");
    let Some(Value::Object(metadata)) = object.get_mut("metadata") else {
        return;
    };
    for field in SERVER_METADATA_FIELDS {
        metadata.remove(field);
    }
    let annotations_now_empty = match metadata.get_mut("annotations") {
        Some(Value::Object(annotations)) => {
            annotations.remove(LAST_APPLIED_ANNOTATION);
            annotations.is_empty()
        }
        _ => false,
    };
    if annotations_now_empty {
        metadata.remove("annotations");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_sorted_at_every_level() {
        let value = json!({"b": {"z": 1, "a": [{"y": 1, "x": 2}]}, "a": 0});
        let sorted = normalize(&value, false);
        let text = serde_json::to_string(&sorted).expect("a JSON value serializes");
        assert_eq!(text, r#"{"a":0,"b":{"a":[{"x":2,"y":1}],"z":1}}"#);
    }

    #[test]
    fn server_fields_are_dropped_only_when_asked() {
        let live = json!({
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {
                "name": "x",
                "uid": "1234",
                "resourceVersion": "7",
                "generation": 2,
                "creationTimestamp": "2025-01-01T00:00:00Z",
                "managedFields": [{"manager": "kubectl"}],
                "annotations": {LAST_APPLIED_ANNOTATION: "{}"},
                "labels": {"a": "b"}
            },
            "status": {"phase": "Ready"}
        });
        let stripped = normalize(&live, true);
        assert_eq!(
            stripped,
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "labels": {"a": "b"}}})
        );
        assert_eq!(normalize(&live, false), live);
    }

    #[test]
    fn other_annotations_are_kept() {
        let live =
            json!({"metadata": {"annotations": {LAST_APPLIED_ANNOTATION: "{}", "keep": "me"}}});
        assert_eq!(
            normalize(&live, true),
            json!({"metadata": {"annotations": {"keep": "me"}}})
        );
    }
}
