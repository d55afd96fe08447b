//! I16 / I29: EnvoyFilter route names must name the HTTPRoute KServe creates, which KServe hashes
//! when the service name is long.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::target::{HTTP_ROUTE_SUFFIX, http_route_name};
use crate::validate::facts::envoy;
use crate::validate::objects::{Finding, Objects};

use super::super::{Applies, Rule, RuleInfo};

/// A route name that depends on a hashed HTTPRoute name, or names no HTTPRoute.
pub struct RouteName;

static INFO: RuleInfo = RuleInfo {
    code: "P3502",
    name: "envoy-filter-route-name",
    severity: Severity::Error,
    applies: Applies::Both,
    summary: "the EnvoyFilter names a route of an HTTPRoute whose name KServe hashes, or that does not exist",
    doc: "## What it checks\nIn a spec: that when the EnvoyFilter is enabled, the service name is short enough (at most 50 characters) that KServe's HTTPRoute `<name>-kserve-route` is not hashed. In manifests: that every EnvoyFilter route name `<namespace>.<httproute>.<index>` names the HTTPRoute KServe creates for an LLMInferenceService in that namespace.\n\n## Why\nIstio names routes of unnamed HTTPRoute rules `<namespace>.<httproute>.<index>`, and KServe names the HTTPRoute `kmeta.ChildName(<name>, \"-kserve-route\")`: the plain concatenation up to 63 characters, otherwise a cut name with an MD5 in it. A patch whose route name is stale or written naively for a long name matches nothing and is silently ignored, and with it the body forwarding (invariant I16; `knative/pkg` `kmeta/names.go`; troubleshooting Issue 4). A hashed name also changes with the hashing scheme of the knative version KServe vendors.\n\n## Example\n```toml\n[service]\nname = \"a-very-long-llm-inference-service-name-of-fifty-one\"   # error with [envoy-filter] enabled\n```\n",
};

impl Rule for RouteName {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let Some(filter) = &pattern.envoy_filter else {
            return;
        };
        let name = pattern.name.get();
        let route = http_route_name(name);
        if route != format!("{name}{}", HTTP_ROUTE_SUFFIX) {
            out.push(
                self.finding(format!(
                    "KServe hashes the HTTPRoute name of a {}-character service to `{route}`, and the EnvoyFilter's route names depend on it",
                    name.len()
                ))
                .primary(pattern.name.span(), format!("{} characters", name.len()))
                .secondary(filter.enabled.span(), "patches routes by name")
                .help(format!(
                    "shorten `service.name` to at most {} characters",
                    63 - HTTP_ROUTE_SUFFIX.len()
                )),
            );
        }
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Finding>) {
        for (index, filter) in objects.of_kind("EnvoyFilter") {
            for patch in envoy::route_patches(filter) {
                let Some((namespace, route, _)) = patch.route.and_then(envoy::split_route_name)
                else {
                    continue;
                };
                let services = objects.service_names_in(namespace);
                if services.is_empty() {
                    continue;
                }
                let routes: Vec<String> =
                    services.iter().map(|name| http_route_name(name)).collect();
                if routes.iter().any(|real| real == route) {
                    continue;
                }
                out.push(
                    self.object_finding(
                        index,
                        format!(
                            "{}/match/routeConfiguration/vhost/route/name",
                            patch.pointer
                        ),
                        format!(
                            "no HTTPRoute `{route}` in `{namespace}`, so the patch matches no route"
                        ),
                    )
                    .help(format!(
                        "KServe names the HTTPRoute `{}`",
                        routes.join("`, `")
                    )),
                );
            }
        }
    }
}
