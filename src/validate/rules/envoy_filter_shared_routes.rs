//! On targets with named HTTPRoute rules, an EnvoyFilter's route match also hits other services' routes.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;

use super::super::{Applies, Rule, RuleInfo};

/// A route match by rule name patches every LLMInferenceService on the gateway.
pub struct EnvoyFilterSharedRoutes;

static INFO: RuleInfo = RuleInfo {
    code: "P3807",
    name: "envoy-filter-shared-routes",
    severity: Severity::Warning,
    applies: Applies::Spec,
    summary: "on KServe 0.19 and 0.20 the EnvoyFilter's route names also match every other LLMInferenceService's routes on the gateway",
    doc: "## What it checks\nThat no EnvoyFilter is rendered for a target whose HTTPRoute rules are named (KServe 0.19 and 0.20) without saying what it reaches.\n\n## Why\nKServe 0.19 and 0.20 name their HTTPRoute rules (`v1-completions-path`, …; `kserve/kserve@v0.20.0:config/llmisvcconfig/config-llm-router-route.yaml`), and Istio names the route of a named rule after the rule alone, without namespace or HTTPRoute (`istio/istio@1.28.0:pilot/pkg/config/kube/gateway/conversion.go L104-111`). An EnvoyFilter matches route names exactly (`…/envoyfilter/rc_patch.go L374`), so its patch applies to the routes of **every** LLMInferenceService on the same gateway: their request bodies and processing modes change too. From Istio 1.27 the gateway already sends request bodies to the EPP on InferencePool routes, so the EnvoyFilter is not needed.\n\n## Example\n```toml\n[target]\nkserve = \"0.20\"\nistio = \"1.28\"\n\n[envoy-filter]\nenabled = true   # patches v1-completions-path … of every service on the gateway\n```\n",
};

impl Rule for EnvoyFilterSharedRoutes {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let Some(filter) = &pattern.envoy_filter else {
            return;
        };
        // Indices on named rules are P3806's error: they name no route at all.
        if !pattern.kserve_profile().http_route.named_rules || filter.route_indices.is_some() {
            return;
        }
        let help = if pattern.istio_profile().route_processing_mode.is_some() {
            format!(
                "Istio {} already sends request bodies to the EPP: set `envoy-filter.enabled = false`",
                pattern.istio.get()
            )
        } else {
            "give this LLMInferenceService a gateway of its own, or make every service on the gateway agree on the processing modes".to_owned()
        };
        out.push(
            self.finding(format!(
                "the EnvoyFilter patches the routes {} by rule name, so on gateway `{}/{}` it also patches every other LLMInferenceService's routes of those names",
                filter.route_names.join(", "),
                pattern.gateway.namespace.get(),
                pattern.gateway.name.get(),
            ))
            .primary(filter.enabled.span(), "patches by rule name")
            .secondary(pattern.kserve.span(), format!("KServe {} names its rules", pattern.kserve.get()))
            .help(help),
        );
    }
}
