//! D7: on Istio 1.27 and later, a MERGE of the ext_proc per-route config replaces Istio's own.

use crate::diagnostic::{Diagnostic, Node, Setting, Severity};
use crate::target::IstioVersion;
use crate::validate::facts::envoy;
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// An HTTP_ROUTE MERGE of `typed_per_filter_config["envoy.filters.http.ext_proc"]` on Istio ≥ 1.27.
pub struct EnvoyFilterMerge;

static INFO: RuleInfo = RuleInfo {
    code: "P3304",
    name: "envoy-filter-merge",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "an HTTP_ROUTE MERGE replaces the per-route ext_proc config Istio ≥ 1.27 writes itself",
    doc: "## What it checks\nThat no EnvoyFilter `MERGE`s `typed_per_filter_config[\"envoy.filters.http.ext_proc\"]` into gateway routes when the target is Istio 1.27 or later. In manifests, the Istio version is `--istio`; without it the rule assumes 1.27 or later (upstream 1.26 has no InferencePool support).\n\n## Why\nFrom 1.27 Istio writes a per-route ext_proc config on InferencePool routes itself: the EPP `grpc_service`, `failure_mode_allow` and FULL_DUPLEX_STREAMED modes. Istio's MERGE replaces map entries instead of merging into them, so only the patch's `processing_mode` remains and the filter falls back to the listener config (`grpc_service: dummy`, `failure_mode_allow: true`): the EPP is skipped and requests are balanced round-robin (defect D7; istio `pkg/proto/merge/merge.go` L130-145; unverified on a live cluster: check with `istioctl proxy-config route <gateway-pod> -o json`).\n\n## Example\n```toml\n[target]\nistio = \"1.27\"\n\n[envoy-filter]\nenabled = true   # warning: disable it; Istio already sends the body to the EPP\n```\n",
};

const HELP: &str = "on Istio 1.27 and later the request body already reaches the EPP without an EnvoyFilter; remove it";

impl Rule for EnvoyFilterMerge {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        if objects
            .istio
            .is_some_and(|istio| istio < IstioVersion::V1_27)
        {
            return;
        }
        let istio = objects
            .istio
            .map_or_else(|| "1.27 and later".to_owned(), |v| v.to_string());
        for (index, filter) in objects.of_kind("EnvoyFilter") {
            for patch in envoy::route_patches(filter) {
                if patch.operation == Some("MERGE") && patch.ext_proc.is_some() {
                    let finding = self
                        .finding(format!(
                            "the EnvoyFilter MERGEs the ext_proc per-route config, replacing the one Istio {istio} writes (EPP service, failure mode); only processing_mode remains"
                        ))
                        .at(
                            Node::new(index, format!("{}/patch/operation", patch.pointer)),
                            "MERGE replaces the map entry",
                        );
                    let finding = match objects.istio {
                        Some(_) => {
                            finding.setting(Setting::IstioTarget, format!("Istio {istio}"), false)
                        }
                        None => finding,
                    };
                    out.push(finding.help(HELP));
                }
            }
        }
    }
}
