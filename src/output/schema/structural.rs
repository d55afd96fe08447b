//! Turns a CRD's `openAPIV3Schema` into a JSON Schema that rejects unknown fields.

use serde_json::{Map, Value, json};

/// Converts a CRD's structural schema in place, the way the API server applies it:
///
/// - `x-kubernetes-int-or-string: true` becomes "integer or string";
/// - `nullable: true` also allows `null`;
/// - an object that lists `properties` gets `additionalProperties: false` (unknown fields are
///   errors) unless it has `x-kubernetes-preserve-unknown-fields: true` or its own
///   `additionalProperties`;
/// - the other `x-kubernetes-*` extensions (embedded resources, list and map types, CEL
///   validations) are dropped.
///
/// Only the places a structural schema may nest schemas are visited: `properties`,
/// `additionalProperties`, `items`, `allOf`, `anyOf` and `oneOf`.
pub(super) fn make_strict(node: &mut Value) {
    let Value::Object(map) = node else {
        return;
    };
    let int_or_string = take_flag(map, "x-kubernetes-int-or-string");
    if int_or_string {
        map.remove("type");
        map.insert(
            "anyOf".to_owned(),
            json!([{"type": "integer"}, {"type": "string"}]),
        );
    }
    if take_flag(map, "nullable") {
        allow_null(map, int_or_string);
    }
    let preserve_unknown = take_flag(map, "x-kubernetes-preserve-unknown-fields");
    map.retain(|key, _| !key.starts_with("x-kubernetes-"));

    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        properties.values_mut().for_each(make_strict);
        if !preserve_unknown && !map.contains_key("additionalProperties") {
            map.insert("additionalProperties".to_owned(), Value::Bool(false));
        }
    }
    if let Some(additional @ Value::Object(_)) = map.get_mut("additionalProperties") {
        make_strict(additional);
    }
    if let Some(items) = map.get_mut("items") {
        make_strict(items);
    }
    for combinator in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(branches)) = map.get_mut(combinator) {
            branches.iter_mut().for_each(make_strict);
        }
    }
}

/// Removes a boolean extension and tells whether it was `true`.
fn take_flag(map: &mut Map<String, Value>, key: &str) -> bool {
    map.remove(key) == Some(Value::Bool(true))
}

fn allow_null(map: &mut Map<String, Value>, int_or_string: bool) {
    if let Some(kind) = map.get_mut("type") {
        let single = kind.take();
        *kind = json!([single, "null"]);
    } else if int_or_string && let Some(Value::Array(branches)) = map.get_mut("anyOf") {
        branches.push(json!({"type": "null"}));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strict(mut schema: Value) -> Value {
        make_strict(&mut schema);
        schema
    }

    #[test]
    fn objects_with_properties_reject_unknown_fields() {
        let schema = strict(json!({
            "type": "object",
            "properties": {
                "spec": {"type": "object", "properties": {"replicas": {"type": "integer"}}},
                "free": {
                    "type": "object",
                    "x-kubernetes-preserve-unknown-fields": true,
                    "properties": {"known": {"type": "string"}}
                },
                "labels": {"type": "object", "additionalProperties": {
                    "type": "object", "properties": {"a": {"type": "string"}}
                }},
                "list": {"type": "array", "items": {"type": "object", "properties": {
                    "b": {"type": "string"}
                }}}
            }
        }));
        assert_eq!(schema["additionalProperties"], json!(false));
        assert_eq!(
            schema["properties"]["spec"]["additionalProperties"],
            json!(false)
        );
        assert_eq!(
            schema["properties"]["free"].get("additionalProperties"),
            None
        );
        assert_eq!(
            schema["properties"]["free"].get("x-kubernetes-preserve-unknown-fields"),
            None
        );
        assert_eq!(
            schema["properties"]["labels"]["additionalProperties"]["additionalProperties"],
            json!(false)
        );
        assert_eq!(
            schema["properties"]["list"]["items"]["additionalProperties"],
            json!(false)
        );
    }

    #[test]
    fn int_or_string_and_nullable_become_type_unions() {
        let schema = strict(json!({
            "properties": {
                "port": {
                    "anyOf": [{"type": "integer"}, {"type": "string"}],
                    "x-kubernetes-int-or-string": true
                },
                "maybe": {"type": "string", "nullable": true},
                "maybePort": {"x-kubernetes-int-or-string": true, "nullable": true},
                "embedded": {
                    "type": "object",
                    "x-kubernetes-embedded-resource": true,
                    "x-kubernetes-preserve-unknown-fields": true,
                    "x-kubernetes-validations": [{"rule": "true"}]
                }
            }
        }));
        let properties = &schema["properties"];
        assert_eq!(
            properties["port"],
            json!({"anyOf": [{"type": "integer"}, {"type": "string"}]})
        );
        assert_eq!(properties["maybe"], json!({"type": ["string", "null"]}));
        assert_eq!(
            properties["maybePort"],
            json!({"anyOf": [{"type": "integer"}, {"type": "string"}, {"type": "null"}]})
        );
        assert_eq!(properties["embedded"], json!({"type": "object"}));
    }
}
