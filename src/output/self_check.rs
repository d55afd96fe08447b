//! Reading the rendered objects back. The YAML writer reads back what serde-saphyr decides about
//! quoting and every `|` block, and serde-saphyr's own documents whole
//! ([`super::to_yaml_document`]), so the text means what was rendered; here core kinds must read
//! back from their JSON form into their k8s-openapi types.

use k8s_openapi::api::networking::v1::NetworkPolicy;
use serde::Deserialize;
use serde_json::Value;

use crate::render::Object;

/// Reads each NetworkPolicy's JSON form (`values`, one per object in the same order) back into a
/// k8s-openapi NetworkPolicy and compares it with the object; the error names the first object
/// that differs and how.
pub fn self_check(objects: &[Object], values: &[Value]) -> Result<(), String> {
    for (object, value) in objects.iter().zip(values) {
        let Object::NetworkPolicy(policy) = object else {
            continue;
        };
        let named = || format!("{} `{}`", object.kind(), object.name());
        let typed = NetworkPolicy::deserialize(value)
            .map_err(|error| format!("{} is not a NetworkPolicy: {error}", named()))?;
        if &typed != policy {
            return Err(format!("{} reads back as another NetworkPolicy", named()));
        }
    }
    Ok(())
}
