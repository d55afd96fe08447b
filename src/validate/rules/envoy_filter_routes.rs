//! I16: the EnvoyFilter patches routes that exist on the target's HTTPRoute, and only its InferencePool rules.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::target::{RouteBackend, http_route_name};

use super::super::{Applies, Rule, RuleInfo};

/// Route indices and names must fit the HTTPRoute the KServe target creates.
pub struct EnvoyFilterRoutes;

static INFO: RuleInfo = RuleInfo {
    code: "P3806",
    name: "envoy-filter-routes",
    severity: Severity::Error,
    applies: Applies::Spec,
    summary: "the EnvoyFilter names a route the target's HTTPRoute does not have, or one that does not reach the EPP",
    doc: "## What it checks\nThat `envoy-filter.route-indices` is used on targets whose HTTPRoute rules are unnamed (`odh-0.15` … `0.18`) and names only their InferencePool rules, and that `envoy-filter.route-names` is used only on targets whose rules are named (`0.19`, `0.20`). `p3gen targets` shows each target's rules.\n\n## Why\nIstio names the route of an unnamed rule `<namespace>.<httproute>.<index>` and the route of a named rule after the rule (Istio `conversion.go`). A patch whose route name matches nothing is **silently** not applied. Only the InferencePool rules reach the EPP: the catch-all rule goes to the workload Service, and patching it puts ext_proc where no EPP answers. KServe 0.16 has one rule (`.0`); Open Data Hub 0.15 and KServe 0.17 send `.0` (`/v1/completions`) and `.1` (`/v1/chat/completions`) to the pool and `.2` to the Service; KServe 0.18 adds `/v1/responses` at `.2` and moves the catch-all to `.3`.\n\n## Example\n```toml\n[target]\nkserve = \"odh-0.15\"\n\n[envoy-filter]\nenabled = true\nroute-indices = [0, 2]   # .2 is the Service catch-all\n```\n",
};

impl Rule for EnvoyFilterRoutes {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let Some(filter) = &pattern.envoy_filter else {
            return;
        };
        let target = pattern.kserve.get();
        let layout = pattern.kserve_profile().http_route;
        let route = http_route_name(pattern.name.get());
        if let Some(indices) = &filter.route_indices {
            if layout.named_rules {
                out.push(
                    self.finding(format!(
                        "KServe {target} names its HTTPRoute rules, so Istio names their routes after the rule, not an index"
                    ))
                    .primary(indices.span(), "indices name no route here")
                    .secondary(pattern.kserve.span(), "rules are named on this target")
                    .help("list the rule names in `envoy-filter.route-names` instead"),
                );
                return;
            }
            for index in indices.get() {
                let rule = layout.rules.iter().find(|r| r.index == *index as usize);
                let (message, label) = match rule.map(|r| r.backend) {
                    Some(RouteBackend::InferencePool) => continue,
                    Some(RouteBackend::Service) => (
                        format!(
                            "rule {index} of `{route}` sends requests to the workload Service, not to the InferencePool, so no EPP answers there"
                        ),
                        format!("rule {index} is the Service catch-all"),
                    ),
                    None => (
                        format!(
                            "`{route}` has no rule {index}: KServe {target} creates {} rules",
                            layout.rule_count
                        ),
                        format!("no rule {index} on this target"),
                    ),
                };
                let pool: Vec<String> = layout
                    .rules
                    .iter()
                    .filter(|r| r.backend == RouteBackend::InferencePool)
                    .map(|r| r.index.to_string())
                    .collect();
                out.push(
                    self.finding(message)
                        .primary(indices.span(), label)
                        .secondary(pattern.kserve.span(), format!("KServe {target}"))
                        .help(format!(
                            "the InferencePool rules of KServe {target} are [{}]; leave `route-indices` out to patch them all",
                            pool.join(", ")
                        )),
                );
            }
        }
        if let Some(names) = &filter.route_rule_names
            && !layout.named_rules
        {
            out.push(
                self.finding(format!(
                    "KServe {target}'s HTTPRoute rules are unnamed, so Istio names their routes `<namespace>.{route}.<index>`"
                ))
                .primary(names.span(), "rule names name no route here")
                .secondary(pattern.kserve.span(), "rules are unnamed on this target")
                .help("use `envoy-filter.route-indices`, or leave both out to patch the InferencePool rules"),
            );
        }
    }
}
