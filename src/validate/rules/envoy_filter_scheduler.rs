//! An ext_proc EnvoyFilter is only meaningful with the endpoint picker it sends requests to.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::validate::facts::envoy;
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// The EnvoyFilter is enabled, but the scheduler is not.
pub struct EnvoyFilterWithoutScheduler;

static INFO: RuleInfo = RuleInfo {
    code: "P3303",
    name: "envoy-filter-without-scheduler",
    severity: Severity::Error,
    applies: Applies::Objects,
    summary: "the ext_proc EnvoyFilter is enabled, but no endpoint picker runs",
    doc: "## What it checks\nThat `envoy-filter.enabled = true` comes with `scheduler.enabled = true`. In manifests: that an EnvoyFilter patching the routes of an LLMInferenceService finds `spec.router.scheduler` set on it.\n\n## Why\nThe EnvoyFilter sets the ext_proc processing modes on the InferencePool routes, which exist only when KServe runs the EPP (`router.scheduler`). Without the scheduler, the routes it names are not created (or go to the workload Service) and the patch configures an external processor that does not exist (domain §1, §5).\n\n## Example\n```toml\n[scheduler]\nenabled = false\n\n[envoy-filter]\nenabled = true   # error: nothing to send requests to\n```\n",
};

impl Rule for EnvoyFilterWithoutScheduler {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        let services = objects.inference_services();
        for (index, filter) in objects.of_kind("EnvoyFilter") {
            for patch in envoy::route_patches(filter) {
                if patch.ext_proc.is_none() {
                    continue;
                }
                // The service whose route the patch names; a patch of a named rule names no
                // service, so it applies to the services of the bundle.
                let routed = patch
                    .route
                    .and_then(envoy::split_route_name)
                    .and_then(|(namespace, route, _)| objects.service_by_route(namespace, route));
                let unscheduled = match routed {
                    Some(service) => (!service.has_scheduler()).then_some(service),
                    None if services.iter().any(|service| service.has_scheduler()) => None,
                    None => services.first(),
                };
                let Some(service) = unscheduled else {
                    continue;
                };
                out.push(
                    self.finding(format!(
                        "the EnvoyFilter configures ext_proc for the endpoint picker, but `{}` runs none (no scheduler)",
                        service.name()
                    ))
                    .at(Node::new(index, ""), "the EnvoyFilter")
                    .related(service.index, "/spec/router", "no `scheduler`")
                    .help("set `spec.router.scheduler: {}` (enable `[scheduler]` in a spec), or remove the EnvoyFilter"),
                );
                // One finding per filter: every patch of it has the same cause.
                break;
            }
        }
    }
}
