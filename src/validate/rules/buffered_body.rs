//! D8: BUFFERED ext_proc body mode.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::validate::facts::envoy;
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// A body mode of `BUFFERED`.
pub struct BufferedBodyMode;

static INFO: RuleInfo = RuleInfo {
    code: "P3305",
    name: "buffered-body-mode",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "ext_proc body mode BUFFERED hangs the EPP and fails large requests",
    doc: "## What it checks\nThat neither `request-body-mode` nor `response-body-mode` of the EnvoyFilter is `BUFFERED`.\n\n## Why\nIstio's own InferencePool config uses `FULL_DUPLEX_STREAMED` for both bodies. A later deployment by the reference's author moved to FULL_DUPLEX_STREAMED because BUFFERED made the EPP hang, and BUFFERED fails every request whose body exceeds Envoy's buffer limit (defect D8; envoy `processing_mode.proto`; invariant I19).\n\n## Example\n```toml\n[envoy-filter]\nrequest-body-mode = \"BUFFERED\"   # use FULL_DUPLEX_STREAMED (with trailer mode SEND)\n```\n",
};

const HELP: &str = "use FULL_DUPLEX_STREAMED with the trailer mode of the same direction SEND";

impl Rule for BufferedBodyMode {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for (index, filter) in objects.of_kind("EnvoyFilter") {
            for patch in envoy::route_patches(filter) {
                for (field, mode, at) in patch.modes() {
                    if let Some(direction) = field.strip_suffix("_body_mode")
                        && mode == "BUFFERED"
                    {
                        out.push(
                            self.finding(format!("the {direction} body mode is BUFFERED"))
                                .at(Node::new(index, at), "hangs the EPP, fails large bodies")
                                .help(HELP),
                        );
                    }
                }
            }
        }
    }
}
