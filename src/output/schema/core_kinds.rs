//! Schemas of the core Kubernetes kinds, taken from `k8s-openapi` and made strict.

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{ConfigMap, Namespace, Secret, Service, ServiceAccount};
use k8s_openapi::api::networking::v1::NetworkPolicy;
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{Map, Value, json};

use super::type_meta::TypeMeta;

/// Name of the `$defs` entry holding `ObjectMeta`, shared with CRD schemas.
pub(super) const OBJECT_META_DEF: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

/// Name of the `$defs` entry that k8s-openapi gives `resource.Quantity`.
const QUANTITY_DEF: &str = "io.k8s.apimachinery.pkg.api.resource.Quantity";

/// The core kinds with a built-in schema, each with its strict JSON Schema.
pub(super) fn core_schemas() -> Vec<(TypeMeta, Value)> {
    vec![
        entry::<NetworkPolicy>(),
        entry::<PodDisruptionBudget>(),
        entry::<ConfigMap>(),
        entry::<Service>(),
        entry::<Deployment>(),
        entry::<Namespace>(),
        entry::<Secret>(),
        entry::<ServiceAccount>(),
    ]
}

fn entry<K: k8s_openapi::Resource + JsonSchema>() -> (TypeMeta, Value) {
    (
        TypeMeta::new(K::API_VERSION, K::KIND),
        strict_schema_for::<K>(),
    )
}

/// The JSON Schema (draft 2020-12) that k8s-openapi describes for a type, made strict.
fn strict_schema_for<T: JsonSchema>() -> Value {
    let mut schema = SchemaGenerator::default()
        .into_root_schema_for::<T>()
        .to_value();
    make_strict(&mut schema);
    schema
}

/// `ObjectMeta` and the definitions it refers to, made strict, keyed by `$defs` name
/// (`ObjectMeta` itself under [`OBJECT_META_DEF`]).
pub(super) fn object_meta_defs() -> Map<String, Value> {
    let Value::Object(mut root) = strict_schema_for::<ObjectMeta>() else {
        return Map::new();
    };
    let mut defs = match root.remove("$defs") {
        Some(Value::Object(defs)) => defs,
        _ => Map::new(),
    };
    root.remove("$schema");
    root.remove("title");
    defs.insert(OBJECT_META_DEF.to_owned(), Value::Object(root));
    defs
}

/// Makes a k8s-openapi schema behave like the API server with strict field validation:
///
/// - objects that list `properties` reject unknown fields;
/// - every typed node also accepts `null`, which the API server reads as "not set";
/// - `IntOrString` accepts an integer or a string, `Quantity` a number or a string (k8s-openapi
///   marks both only with `x-kubernetes-int-or-string`, which JSON Schema ignores);
/// - `metadata` is not required at the root (the API server checks the name itself).
fn make_strict(schema: &mut Value) {
    if let Some(Value::Object(defs)) = schema.get_mut("$defs") {
        for (name, def) in defs.iter_mut() {
            if name == QUANTITY_DEF {
                *def = json!({"type": ["number", "string", "null"]});
            }
        }
    }
    if let Value::Object(root) = schema {
        root.remove("required");
    }
    strict_node(schema);
}

fn strict_node(node: &mut Value) {
    match node {
        Value::Object(map) => {
            if map.remove("x-kubernetes-int-or-string") == Some(Value::Bool(true)) {
                map.insert("type".to_owned(), json!(["integer", "string"]));
            }
            if let Some(kind) = map.get_mut("type") {
                allow_null(kind);
            }
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".to_owned(), Value::Bool(false));
            }
            map.values_mut().for_each(strict_node);
        }
        Value::Array(items) => items.iter_mut().for_each(strict_node),
        _ => {}
    }
}

fn allow_null(kind: &mut Value) {
    match kind {
        Value::String(single) if single != "null" => {
            *kind = json!([single.as_str(), "null"]);
        }
        Value::Array(union) if !union.contains(&json!("null")) => union.push(json!("null")),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema_of(kind: &str) -> Value {
        core_schemas()
            .into_iter()
            .find(|(type_meta, _)| type_meta.kind == kind)
            .map(|(_, schema)| schema)
            .unwrap_or_else(|| panic!("no schema for {kind}"))
    }

    #[test]
    fn eight_core_kinds_are_known() {
        let kinds: Vec<String> = core_schemas()
            .into_iter()
            .map(|(type_meta, _)| type_meta.to_string())
            .collect();
        assert_eq!(
            kinds,
            [
                "networking.k8s.io/v1 NetworkPolicy",
                "policy/v1 PodDisruptionBudget",
                "v1 ConfigMap",
                "v1 Service",
                "apps/v1 Deployment",
                "v1 Namespace",
                "v1 Secret",
                "v1 ServiceAccount",
            ]
        );
    }

    #[test]
    fn int_or_string_and_quantity_get_real_types() {
        let deployment = schema_of("Deployment");
        let defs = &deployment["$defs"];
        assert_eq!(
            defs["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]["type"],
            json!(["integer", "string", "null"])
        );
        assert_eq!(
            defs[QUANTITY_DEF],
            json!({"type": ["number", "string", "null"]})
        );
        assert_eq!(
            defs["io.k8s.apimachinery.pkg.apis.meta.v1.Time"]["type"],
            json!(["string", "null"])
        );
    }

    #[test]
    fn objects_with_properties_are_closed() {
        let policy = schema_of("NetworkPolicy");
        assert_eq!(policy["additionalProperties"], json!(false));
        assert_eq!(policy.get("required"), None);
        let port = &policy["$defs"]["io.k8s.api.networking.v1.NetworkPolicyPort"];
        assert_eq!(port["additionalProperties"], json!(false));
        let selector = &policy["$defs"]["io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"];
        assert_eq!(
            selector["properties"]["matchLabels"]["additionalProperties"],
            json!({"type": ["string", "null"]})
        );
    }

    #[test]
    fn object_meta_is_available_for_custom_resources() {
        let defs = object_meta_defs();
        let meta = &defs[OBJECT_META_DEF];
        assert_eq!(meta["additionalProperties"], json!(false));
        assert_eq!(
            meta["properties"]["name"]["type"],
            json!(["string", "null"])
        );
        assert!(defs.contains_key("io.k8s.apimachinery.pkg.apis.meta.v1.Time"));
    }
}
