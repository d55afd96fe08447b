//! I16 / I29: EnvoyFilter route names must name the HTTPRoute KServe creates, which KServe hashes
//! when the service name is long.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::target::{HTTP_ROUTE_SUFFIX, http_route_name};
use crate::validate::facts::envoy;
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// A route name that depends on a hashed HTTPRoute name, or names no HTTPRoute.
pub struct RouteName;

static INFO: RuleInfo = RuleInfo {
    code: "P3502",
    name: "envoy-filter-route-name",
    severity: Severity::Error,
    applies: Applies::Objects,
    summary: "the EnvoyFilter names a route of an HTTPRoute whose name KServe hashes, or that does not exist",
    doc: "## What it checks\nIn a spec: that when the EnvoyFilter is enabled, the service name is short enough (at most 50 characters) that KServe's HTTPRoute `<name>-kserve-route` is not hashed. In manifests: that every EnvoyFilter route name `<namespace>.<httproute>.<index>` names the HTTPRoute KServe creates for an LLMInferenceService in that namespace.\n\n## Why\nIstio names routes of unnamed HTTPRoute rules `<namespace>.<httproute>.<index>`, and KServe names the HTTPRoute `kmeta.ChildName(<name>, \"-kserve-route\")`: the plain concatenation up to 63 characters, otherwise a cut name with an MD5 in it. A patch whose route name is stale or written naively for a long name matches nothing and is silently ignored, and with it the body forwarding (invariant I16; `knative/pkg` `kmeta/names.go`; troubleshooting Issue 4). A hashed name also changes with the hashing scheme of the knative version KServe vendors.\n\n## Example\n```toml\n[service]\nname = \"a-very-long-llm-inference-service-name-of-fifty-one\"   # error with [envoy-filter] enabled\n```\n",
};

impl Rule for RouteName {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for (index, filter) in objects.of_kind("EnvoyFilter") {
            for patch in envoy::route_patches(filter) {
                let Some((namespace, route, _)) = patch.route.and_then(envoy::split_route_name)
                else {
                    continue;
                };
                let at = format!(
                    "{}/match/routeConfiguration/vhost/route/name",
                    patch.pointer
                );
                if let Some(service) = objects.service_by_route(namespace, route) {
                    let name = service.name();
                    if route != format!("{name}{}", HTTP_ROUTE_SUFFIX) {
                        out.push(
                            self.finding(format!(
                                "KServe hashes the HTTPRoute name of a {}-character service to `{route}`, and the EnvoyFilter's route names depend on it",
                                name.len()
                            ))
                            .at(
                                Node::new(service.index, "/metadata/name"),
                                format!("{} characters", name.len()),
                            )
                            .related(index, at, "patches routes by name")
                            .help(format!(
                                "shorten the service name (`service.name` in a spec) to at most {} characters",
                                63 - HTTP_ROUTE_SUFFIX.len()
                            )),
                        );
                    }
                    continue;
                }
                let services = objects.services_in(namespace);
                if services.is_empty() {
                    continue;
                }
                let routes: Vec<String> = services
                    .iter()
                    .map(|service| http_route_name(service.name()))
                    .collect();
                out.push(
                    self.finding(format!(
                        "no HTTPRoute `{route}` in `{namespace}`, so the patch matches no route"
                    ))
                    .at(Node::new(index, at), "")
                    .help(format!(
                        "KServe names the HTTPRoute `{}`",
                        routes.join("`, `")
                    )),
                );
            }
        }
    }
}
