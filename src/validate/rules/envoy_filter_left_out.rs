//! An EnvoyFilter whose route indices name no route on the target, left out where Istio needs none.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;

use super::super::{Applies, Rule, RuleInfo};

/// The spec's EnvoyFilter is not rendered: its indices mean nothing on the target, and Istio
/// forwards request bodies itself.
pub struct EnvoyFilterLeftOut;

static INFO: RuleInfo = RuleInfo {
    code: "P3810",
    name: "envoy-filter-left-out",
    severity: Severity::Warning,
    applies: Applies::Spec,
    summary: "the EnvoyFilter's route indices name no route on a target with named rules, so p3gen leaves it out",
    doc: "## What it checks\nWhether the spec's EnvoyFilter, given by `envoy-filter.route-indices`, is rendered for a target whose HTTPRoute rules are named (KServe 0.19 and 0.20) on Istio 1.27 or later.\n\n## Why\nIndices name routes only where KServe's rules are unnamed (`<namespace>.<route>.<index>`); on 0.19 and 0.20 Istio names each route after its rule. Translating an index of another target's layout into rule names would be a guess (0.20's `/v1/completions` requests reach four pool rules), while the facts settle that the filter is not needed: from Istio 1.27 the gateway sends request bodies to the EPP on InferencePool routes itself (`istio/istio@1.27.3:pilot/pkg/networking/core/route/route.go L529-534`), and a filter by rule name would patch every other LLMInferenceService on the gateway (P3807). So p3gen renders no EnvoyFilter and says so. On Istio 1.26 the indices are an error (P3806).\n\n## Example\n```sh\np3gen render patterns/pattern3.toml --target kserve=0.20,istio=1.28   # route-indices = [0, 1]\n```\n",
};

impl Rule for EnvoyFilterLeftOut {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let Some(filter) = &pattern.left_out_envoy_filter else {
            return;
        };
        let indices = filter
            .route_indices
            .as_ref()
            .and_then(|indices| indices.span());
        out.push(
            self.finding(format!(
                "no EnvoyFilter is rendered: KServe {} names its HTTPRoute rules, so route indices name no route, and Istio {} already sends request bodies to the EPP",
                pattern.kserve.get(),
                pattern.istio.get()
            ))
            .primary(indices, "indices name no route on this target")
            .secondary(pattern.kserve.span(), format!("KServe {}", pattern.kserve.get()))
            .help("set `envoy-filter.enabled = false`, or list rule names in `envoy-filter.route-names` to patch them anyway"),
        );
    }
}
