//! FULL_DUPLEX_STREAMED needs the trailer mode of the same direction to be SEND.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::validate::facts::envoy;
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// A FULL_DUPLEX_STREAMED body without SEND trailers.
pub struct FullDuplexTrailers;

static INFO: RuleInfo = RuleInfo {
    code: "P3307",
    name: "full-duplex-trailers",
    severity: Severity::Error,
    applies: Applies::Objects,
    summary: "FULL_DUPLEX_STREAMED body mode without trailer mode SEND in the same direction",
    doc: "## What it checks\nThat a request (response) body mode of `FULL_DUPLEX_STREAMED` comes with request (response) trailer mode `SEND`. p3gen sets `SEND` itself when the trailer mode is not given.\n\n## Why\nEnvoy's ext_proc requires it: FULL_DUPLEX_STREAMED ends the stream with the trailers, and Envoy rejects the configuration otherwise (domain §5.2; envoy `processing_mode.proto`). Istio 1.28 and later write both trailer modes as SEND on InferencePool routes.\n\n## Example\n```toml\n[envoy-filter]\nrequest-body-mode = \"FULL_DUPLEX_STREAMED\"\nrequest-trailer-mode = \"SKIP\"   # error: must be SEND\n```\n",
};

impl Rule for FullDuplexTrailers {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for (index, filter) in objects.of_kind("EnvoyFilter") {
            for patch in envoy::route_patches(filter) {
                let modes = patch.modes();
                for direction in ["request", "response"] {
                    let find = |field: &str| {
                        modes
                            .iter()
                            .find(|(name, _, _)| name == &format!("{direction}_{field}_mode"))
                    };
                    let Some((_, "FULL_DUPLEX_STREAMED", body)) = find("body") else {
                        continue;
                    };
                    let trailer = find("trailer");
                    if trailer.is_none_or(|(_, mode, _)| *mode != "SEND") {
                        let finding = self.finding(format!(
                            "the {direction} body is FULL_DUPLEX_STREAMED, so the {direction} trailer mode must be SEND"
                        ));
                        let finding = match trailer {
                            Some((_, _, at)) => finding
                                .at(Node::new(index, at.clone()), "must be SEND")
                                .related(index, body.clone(), "FULL_DUPLEX_STREAMED"),
                            None => {
                                finding.at(Node::new(index, body.clone()), "FULL_DUPLEX_STREAMED")
                            }
                        };
                        out.push(finding.help(format!(
                            "set `{direction}_trailer_mode: SEND` (in a spec, remove `{direction}-trailer-mode`: p3gen sets SEND)"
                        )));
                    }
                }
            }
        }
    }
}
