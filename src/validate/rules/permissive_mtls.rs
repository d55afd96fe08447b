//! PERMISSIVE mTLS accepts plain text.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::render::Mtls;
use crate::validate::objects::{Objects, pointer};

use super::super::{Applies, Rule, RuleInfo};

/// A PeerAuthentication in PERMISSIVE mode.
pub struct PermissiveMtls;

static INFO: RuleInfo = RuleInfo {
    code: "P3306",
    name: "permissive-mtls",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "PERMISSIVE mTLS accepts plain-text connections",
    doc: "## What it checks\nThat `mesh.mtls` is not `permissive` (in manifests: no PeerAuthentication with `mtls.mode` or a `portLevelMtls` mode of `PERMISSIVE`).\n\n## Why\nPERMISSIVE accepts plain text as well as mTLS, so any pod that the NetworkPolicies admit can call vLLM without a mesh identity. The seed README defers STRICT to production; the hardened pattern uses `strict` (domain §5.4; istio/api `peer_authentication.proto`).\n\n## Example\n```toml\n[mesh]\nmtls = \"permissive\"   # use \"strict\"\n```\n",
};

impl Rule for PermissiveMtls {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for (index, peer) in objects.peer_authentications() {
            let index = *index;
            let mode = |mtls: &Mtls| mtls.mode.clone();
            let mut modes = vec![(
                "/spec/mtls/mode".to_owned(),
                peer.spec.mtls.as_ref().and_then(mode),
            )];
            modes.extend(peer.spec.port_level_mtls.iter().map(|(port, mtls)| {
                (
                    pointer(&["spec", "portLevelMtls", port, "mode"]),
                    mode(mtls),
                )
            }));
            for (at, mode) in modes {
                if mode.as_deref() == Some("PERMISSIVE") {
                    out.push(
                        self.finding(
                            "mTLS is PERMISSIVE: plain-text connections are accepted".to_owned(),
                        )
                        .at(Node::new(index, at), "accepts plain text")
                        .help("use STRICT (`mesh.mtls = \"strict\"` in a spec) once every client has a sidecar"),
                    );
                }
            }
        }
    }
}
