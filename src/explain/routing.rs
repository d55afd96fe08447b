//! How a spec's requests are routed: each scorer with its weight, where the weights go, and the
//! HTTPRoute rules with what the EnvoyFilter patches.

use std::fmt::Write;

use crate::model::Pattern;
use crate::target::{RouteBackend, SchedulerLowering, explain_scoring, route_names};

/// The scoring table, where the weights go, and the HTTPRoute rules with what the EnvoyFilter patches.
pub fn routing(pattern: &Pattern) -> String {
    let scheduler = &pattern.scheduler;
    let mut out = format!("Target: {}.\n\n", pattern.target_summary());
    if scheduler.enabled {
        out.push_str(&explain_scoring(
            pattern.kserve_profile(),
            scheduler.epp_profile(),
            &scheduler.weights(),
        ));
        out.push('\n');
        out.push_str(&match &scheduler.lowering {
            SchedulerLowering::Default => {
                "These are the target's built-in weights, so the LLMInferenceService says `router.scheduler: {}`.\n".to_owned()
            }
            SchedulerLowering::TemplateArgs { container, args } => format!(
                "The weights reach the EPP as `{}` in the complete argument list of container `{container}` in \
                 `router.scheduler.template` (this KServe version has no `router.scheduler.config`).\n",
                args.iter().rev().nth(1).map_or("", String::as_str)
            ),
            SchedulerLowering::InlineConfig(config) => format!(
                "The weights reach the EPP as an EndpointPickerConfig ({}) in `router.scheduler.config.inline`.\n",
                config.api_version
            ),
        });
    } else {
        out.push_str("The scheduler is disabled: no EPP, so no prefix-aware routing.\n");
    }
    out.push('\n');
    out.push_str(&explain_routes(pattern));
    out
}

/// The rules of the HTTPRoute KServe creates, their Istio route names, and which ones the EnvoyFilter patches.
fn explain_routes(pattern: &Pattern) -> String {
    let layout = pattern.kserve_profile().http_route;
    let patched = pattern
        .envoy_filter
        .as_ref()
        .map(|filter| filter.route_names.as_slice())
        .unwrap_or_default();
    let mut out = format!(
        "HTTPRoute rules ({} {}):\n",
        layout.rule_count,
        if layout.named_rules {
            "named"
        } else {
            "unnamed"
        }
    );
    let rules = route_names(
        *pattern.kserve.get(),
        pattern.namespace.get(),
        pattern.name.get(),
    );
    for rule in &rules {
        let backend = match rule.backend {
            RouteBackend::InferencePool => "InferencePool (EPP)",
            RouteBackend::Service => "workload Service",
        };
        let mark = if patched.contains(&rule.route_name) {
            "patched"
        } else {
            "not patched"
        };
        let _ = writeln!(
            out,
            "  {}  {} → {backend}; {mark}",
            rule.route_name,
            rule.path.unwrap_or("(header match only)")
        );
    }
    for name in patched
        .iter()
        .filter(|name| !rules.iter().any(|r| &r.route_name == *name))
    {
        let _ = writeln!(out, "  {name}  (named in the spec); patched");
    }
    if pattern.envoy_filter.is_none() {
        out.push_str(
            "No EnvoyFilter: Istio's own ext_proc settings apply on the InferencePool routes.\n",
        );
    }
    out
}
