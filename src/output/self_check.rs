//! Reading the rendered YAML back: every object must come back as exactly what was rendered, and
//! core kinds must read back into their k8s-openapi types.

use k8s_openapi::api::networking::v1::NetworkPolicy;
use serde_json::Value;

use crate::render::Object;

/// Reads each object's YAML document back and compares it with the object; the error names the
/// first object that differs and how. `documents` are the objects' documents, in the same order.
pub fn self_check(objects: &[Object], documents: &[String]) -> Result<(), String> {
    if objects.len() != documents.len() {
        return Err(format!(
            "{} objects but {} documents",
            objects.len(),
            documents.len()
        ));
    }
    for (object, yaml) in objects.iter().zip(documents) {
        let named = || format!("{} `{}`", object.kind(), object.name());
        let expected =
            serde_json::to_value(object).map_err(|error| format!("{}: {error}", named()))?;
        let read: Value = serde_saphyr::from_str(yaml)
            .map_err(|error| format!("{} does not parse: {error}", named()))?;
        if read != expected {
            return Err(format!("{} reads back differently", named()));
        }
        if let Object::NetworkPolicy(policy) = object {
            let typed: NetworkPolicy = serde_json::from_value(read)
                .map_err(|error| format!("{} is not a NetworkPolicy: {error}", named()))?;
            if &typed != policy {
                return Err(format!("{} reads back as another NetworkPolicy", named()));
            }
        }
    }
    Ok(())
}
