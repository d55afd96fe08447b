//! I16: on targets with named HTTPRoute rules, p3gen knows only some of the InferencePool rule names.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::target::HTTP_ROUTE_SUFFIX;

use super::super::{Applies, Rule, RuleInfo};

/// The EnvoyFilter may miss InferencePool routes whose names p3gen does not know.
pub struct EnvoyFilterRouteGap;

static INFO: RuleInfo = RuleInfo {
    code: "P3807",
    name: "envoy-filter-route-gap",
    severity: Severity::Warning,
    applies: Applies::Spec,
    summary: "the EnvoyFilter patches only the InferencePool rule names p3gen knows for this target",
    doc: "## What it checks\nOn targets whose HTTPRoute rules are named (KServe 0.19 and 0.20), that the spec lists the rules to patch in `envoy-filter.route-names` when p3gen's table of that target does not know every rule name.\n\n## Why\nKServe 0.19 creates 8 named rules and 0.20 creates 12 (kserve commit 7f4fb461); p3gen knows only `v1-completions-path`. Without `route-names` the EnvoyFilter patches that one route, and requests on the other InferencePool routes (chat completions and the rest) keep Istio's own processing modes. p3gen does not guess names: a guessed name that matches nothing is silently ignored by Istio. Istio names a named rule's route after the rule alone, so the match also hits routes of the same name from other LLMInferenceServices on the gateway.\n\n## Example\n```toml\n[target]\nkserve = \"0.20\"\n\n[envoy-filter]\nenabled = true\n# route-names = [\"v1-completions-path\", \"…\"]   # from kubectl get httproute <name>-kserve-route -o yaml\n```\n",
};

impl Rule for EnvoyFilterRouteGap {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let Some(filter) = &pattern.envoy_filter else {
            return;
        };
        let layout = pattern.kserve_profile().http_route;
        let Some(gap) = layout.gap else {
            return;
        };
        let routes_given = filter.route_rule_names.is_some() || filter.route_indices.is_some();
        if !layout.named_rules || routes_given {
            return;
        }
        let patched: Vec<String> = filter
            .route_names
            .iter()
            .map(|name| format!("`{name}`"))
            .collect();
        out.push(
            self.finding(format!(
                "the EnvoyFilter patches only {}: KServe {} has {gap}",
                patched.join(", "),
                pattern.kserve.get()
            ))
            .primary(pattern.kserve.span(), "p3gen does not know every rule name of this target")
            .help(format!(
                "list the InferencePool rules in `envoy-filter.route-names`; `kubectl get httproute {}{HTTP_ROUTE_SUFFIX} -n {} -o yaml` shows their names",
                pattern.name.get(),
                pattern.namespace.get()
            )),
        );
    }
}
