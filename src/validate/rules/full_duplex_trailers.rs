//! FULL_DUPLEX_STREAMED needs the trailer mode of the same direction to be SEND.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::spec::{BodyMode, HeaderMode};
use crate::validate::facts::envoy;
use crate::validate::objects::{Finding, Objects};

use super::super::{Applies, Rule, RuleInfo};

/// A FULL_DUPLEX_STREAMED body without SEND trailers.
pub struct FullDuplexTrailers;

static INFO: RuleInfo = RuleInfo {
    code: "P3307",
    name: "full-duplex-trailers",
    severity: Severity::Error,
    applies: Applies::Both,
    summary: "FULL_DUPLEX_STREAMED body mode without trailer mode SEND in the same direction",
    doc: "## What it checks\nThat a request (response) body mode of `FULL_DUPLEX_STREAMED` comes with request (response) trailer mode `SEND`. p3gen sets `SEND` itself when the trailer mode is not given.\n\n## Why\nEnvoy's ext_proc requires it: FULL_DUPLEX_STREAMED ends the stream with the trailers, and Envoy rejects the configuration otherwise (domain §5.2; envoy `processing_mode.proto`). Istio 1.28 and later write both trailer modes as SEND on InferencePool routes.\n\n## Example\n```toml\n[envoy-filter]\nrequest-body-mode = \"FULL_DUPLEX_STREAMED\"\nrequest-trailer-mode = \"SKIP\"   # error: must be SEND\n```\n",
};

impl Rule for FullDuplexTrailers {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let Some(filter) = &pattern.envoy_filter else {
            return;
        };
        let modes = &filter.modes;
        for (direction, body, trailer) in [
            ("request", &modes.request_body, &modes.request_trailer),
            ("response", &modes.response_body, &modes.response_trailer),
        ] {
            if *body.get() != BodyMode::FullDuplexStreamed {
                continue;
            }
            if let Some(trailer) = trailer.as_ref().filter(|t| *t.get() != HeaderMode::Send) {
                out.push(
                    self.finding(format!(
                        "the {direction} body is FULL_DUPLEX_STREAMED, so the {direction} trailer mode must be SEND"
                    ))
                    .primary(trailer.span(), "must be SEND")
                    .secondary(body.span(), "FULL_DUPLEX_STREAMED")
                    .help(format!("remove `{direction}-trailer-mode` (p3gen sets SEND)")),
                );
            }
        }
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Finding>) {
        for (index, filter) in objects.of_kind("EnvoyFilter") {
            for patch in envoy::route_patches(filter) {
                let modes = patch.modes();
                for direction in ["request", "response"] {
                    let find = |field: &str| {
                        modes
                            .iter()
                            .find(|(name, _, _)| name == &format!("{direction}_{field}_mode"))
                    };
                    let Some((_, "FULL_DUPLEX_STREAMED", at)) = find("body") else {
                        continue;
                    };
                    let trailer = find("trailer");
                    if trailer.is_none_or(|(_, mode, _)| *mode != "SEND") {
                        out.push(
                            self.object_finding(
                                index,
                                trailer.map_or(at.clone(), |(_, _, at)| at.clone()),
                                format!("`{direction}_body_mode` is FULL_DUPLEX_STREAMED, so `{direction}_trailer_mode` must be SEND"),
                            )
                            .help(format!("set `{direction}_trailer_mode: SEND`")),
                        );
                    }
                }
            }
        }
    }
}
