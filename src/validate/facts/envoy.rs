//! EnvoyFilter patches on gateway routes: which route each patches, how, and with which ext_proc
//! processing modes.

use serde_json::Value;

use crate::render::EXT_PROC_FILTER;

/// One `HTTP_ROUTE` patch of an EnvoyFilter.
#[derive(Debug, Clone, PartialEq)]
pub struct RoutePatch<'a> {
    /// The JSON pointer of the patch (`/spec/configPatches/<i>`).
    pub pointer: String,
    /// `match.routeConfiguration.vhost.route.name`.
    pub route: Option<&'a str>,
    /// `patch.operation`.
    pub operation: Option<&'a str>,
    /// The ext_proc per-route configuration the patch sets, if it sets one.
    pub ext_proc: Option<&'a Value>,
}

impl RoutePatch<'_> {
    /// The JSON pointer of the ext_proc per-route configuration.
    pub fn ext_proc_pointer(&self) -> String {
        format!(
            "{}/patch/value/typed_per_filter_config/{}",
            self.pointer, EXT_PROC_FILTER
        )
    }

    /// The processing modes the patch sets, by field name, with the JSON pointer of each.
    pub fn modes(&self) -> Vec<(String, &str, String)> {
        let base = format!("{}/overrides/processing_mode", self.ext_proc_pointer());
        self.ext_proc
            .and_then(|config| config.pointer("/overrides/processing_mode"))
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter_map(|(field, mode)| {
                Some((field.clone(), mode.as_str()?, format!("{base}/{field}")))
            })
            .collect()
    }
}

/// The `HTTP_ROUTE` patches of an EnvoyFilter.
pub fn route_patches(filter: &Value) -> Vec<RoutePatch<'_>> {
    filter
        .pointer("/spec/configPatches")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, patch)| patch.get("applyTo").and_then(Value::as_str) == Some("HTTP_ROUTE"))
        .map(|(index, patch)| RoutePatch {
            pointer: format!("/spec/configPatches/{index}"),
            route: patch
                .pointer("/match/routeConfiguration/vhost/route/name")
                .and_then(Value::as_str),
            operation: patch.pointer("/patch/operation").and_then(Value::as_str),
            ext_proc: patch
                .pointer("/patch/value/typed_per_filter_config")
                .and_then(|configs| configs.get(EXT_PROC_FILTER)),
        })
        .collect()
}

/// Splits an Istio route name of an unnamed HTTPRoute rule, `<namespace>.<httproute>.<index>`.
pub fn split_route_name(name: &str) -> Option<(&str, &str, u32)> {
    let (namespace, rest) = name.split_once('.')?;
    let (route, index) = rest.rsplit_once('.')?;
    Some((namespace, route, index.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_names_split_into_namespace_route_and_index() {
        assert_eq!(
            split_route_name("llm.qwen-kserve-route.1"),
            Some(("llm", "qwen-kserve-route", 1))
        );
        assert_eq!(split_route_name("v1-completions-path"), None);
    }
}
