//! An ext_proc EnvoyFilter is only meaningful with the endpoint picker it sends requests to.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::target::http_route_name;
use crate::validate::facts::envoy;
use crate::validate::objects::{Finding, Objects};

use super::super::{Applies, Rule, RuleInfo};

/// The EnvoyFilter is enabled, but the scheduler is not.
pub struct EnvoyFilterWithoutScheduler;

static INFO: RuleInfo = RuleInfo {
    code: "P3303",
    name: "envoy-filter-without-scheduler",
    severity: Severity::Error,
    applies: Applies::Both,
    summary: "the ext_proc EnvoyFilter is enabled, but no endpoint picker runs",
    doc: "## What it checks\nThat `envoy-filter.enabled = true` comes with `scheduler.enabled = true`. In manifests: that an EnvoyFilter patching the routes of an LLMInferenceService finds `spec.router.scheduler` set on it.\n\n## Why\nThe EnvoyFilter sets the ext_proc processing modes on the InferencePool routes, which exist only when KServe runs the EPP (`router.scheduler`). Without the scheduler, the routes it names are not created (or go to the workload Service) and the patch configures an external processor that does not exist (domain §1, §5).\n\n## Example\n```toml\n[scheduler]\nenabled = false\n\n[envoy-filter]\nenabled = true   # error: nothing to send requests to\n```\n",
};

impl Rule for EnvoyFilterWithoutScheduler {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        if let Some(filter) = &pattern.envoy_filter
            && !pattern.scheduler.enabled
        {
            out.push(
                self.finding(
                    "the EnvoyFilter configures ext_proc for the endpoint picker, but the scheduler is disabled".to_owned(),
                )
                .primary(filter.enabled.span(), "the EnvoyFilter")
                .help("enable `[scheduler]`, or disable `[envoy-filter]`"),
            );
        }
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Finding>) {
        let services = objects.inference_services();
        for (index, filter) in objects.of_kind("EnvoyFilter") {
            for patch in envoy::route_patches(filter) {
                let Some((namespace, route, _)) = patch.route.and_then(envoy::split_route_name)
                else {
                    continue;
                };
                let Some(service) = services.iter().find(|service| {
                    service.namespace() == namespace && http_route_name(service.name()) == route
                }) else {
                    continue;
                };
                if !service.has_scheduler() {
                    out.push(
                        self.object_finding(
                            index,
                            format!("{}/match/routeConfiguration/vhost/route/name", patch.pointer),
                            format!(
                                "the patch configures ext_proc on a route of `{}`, which runs no endpoint picker",
                                service.name()
                            ),
                        )
                        .related(service.index, "/spec/router", "no `scheduler`")
                        .help("set `spec.router.scheduler: {}`, or remove the EnvoyFilter"),
                    );
                }
            }
        }
    }
}
