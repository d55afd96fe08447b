//! PERMISSIVE mTLS accepts plain text.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Node, Severity};
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
        for (index, policy) in objects.of_kind("PeerAuthentication") {
            let mut modes = vec![(
                "/spec/mtls/mode".to_owned(),
                policy.pointer("/spec/mtls/mode"),
            )];
            if let Some(ports) = policy
                .pointer("/spec/portLevelMtls")
                .and_then(Value::as_object)
            {
                modes.extend(ports.iter().map(|(port, mtls)| {
                    (
                        pointer(&["spec", "portLevelMtls", port, "mode"]),
                        mtls.get("mode"),
                    )
                }));
            }
            for (at, mode) in modes {
                if mode.and_then(Value::as_str) == Some("PERMISSIVE") {
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
