//! Names must be valid Kubernetes names, and the service name a valid Service name.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::manifest::pointer_segment;
use crate::target::NAMESPACE_NAME_LABEL;
use crate::validate::facts::names::NameSyntax;
use crate::validate::objects::{LLM_INFERENCE_SERVICE, Objects, kind_of, name_of};

use super::super::{Applies, Rule, RuleInfo};

/// A name that is not a DNS-1123 (or DNS-1035) name.
pub struct DnsNames;

static INFO: RuleInfo = RuleInfo {
    code: "P3501",
    name: "dns-names",
    severity: Severity::Error,
    applies: Applies::Objects,
    summary: "a name that the API server rejects (not a DNS-1123 name)",
    doc: "## What it checks\nThat namespaces are DNS-1123 labels (at most 63 lower-case letters, digits and `-`), object and Secret names DNS-1123 subdomains, and the LLMInferenceService name a DNS-1035 label (a DNS-1123 label starting with a letter).\n\n## Why\nThe API server rejects invalid names. The service name is stricter: KServe names Services after it (`<name>-kserve-workload-svc`, `<name>-epp-service`), Service names are DNS-1035 labels, and the name is also the value of the `app.kubernetes.io/name` label on every pod (at most 63 characters; domain §1).\n\n## Example\n```toml\n[service]\nname = \"Qwen2_3B\"   # error: use qwen2-3b\n```\n",
};

impl Rule for DnsNames {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for (index, object) in objects.all() {
            let (what, syntax) = if kind_of(object) == LLM_INFERENCE_SERVICE {
                ("the service name", NameSyntax::Dns1035)
            } else {
                ("the name", NameSyntax::Subdomain)
            };
            let mut names = vec![(what, "/metadata/name".to_owned(), name_of(object), syntax)];
            if let Some(namespace) = object
                .get("metadata")
                .and_then(|metadata| metadata.get("namespace"))
                .and_then(Value::as_str)
            {
                names.push((
                    "the namespace",
                    "/metadata/namespace".to_owned(),
                    namespace,
                    NameSyntax::Label,
                ));
            }
            self.references(object, &mut names);
            for (what, at, name, syntax) in names {
                if let Err(why) = syntax.check(name) {
                    out.push(
                        self.finding(format!("{what} `{name}` is not {}: {why}", syntax.describe()))
                            .at(Node::new(index, at), why)
                            .help("use lower-case letters, digits and `-`, starting and ending with a letter or digit"),
                    );
                }
            }
        }
    }
}

type Name<'v> = (&'static str, String, &'v str, NameSyntax);

impl DnsNames {
    /// The names an object refers to: Secrets of its pod template, the Gateway it binds to, the
    /// namespaces its NetworkPolicy peers select.
    fn references<'v>(&self, object: &'v Value, out: &mut Vec<Name<'v>>) {
        let mut push = |what, at: String, syntax| {
            if let Some(name) = object.pointer(&at).and_then(Value::as_str) {
                out.push((what, at, name, syntax));
            }
        };
        let array = |at: &str| {
            object
                .pointer(at)
                .and_then(Value::as_array)
                .map_or(0, Vec::len)
        };
        for template in ["/spec/template", "/spec/worker"] {
            for secret in 0..array(&format!("{template}/imagePullSecrets")) {
                let at = format!("{template}/imagePullSecrets/{secret}/name");
                push("an image pull Secret", at, NameSyntax::Subdomain);
            }
            for container in 0..array(&format!("{template}/containers")) {
                let base = format!("{template}/containers/{container}");
                for var in 0..array(&format!("{base}/env")) {
                    let at = format!("{base}/env/{var}/valueFrom/secretKeyRef/name");
                    push("a Secret name", at, NameSyntax::Subdomain);
                }
            }
        }
        for gateway in 0..array("/spec/router/gateway/refs") {
            let base = format!("/spec/router/gateway/refs/{gateway}");
            push(
                "the gateway name",
                format!("{base}/name"),
                NameSyntax::Subdomain,
            );
            push(
                "the gateway namespace",
                format!("{base}/namespace"),
                NameSyntax::Label,
            );
        }
        for direction in ["ingress", "egress"] {
            let peers = if direction == "ingress" { "from" } else { "to" };
            for rule in 0..array(&format!("/spec/{direction}")) {
                let base = format!("/spec/{direction}/{rule}/{peers}");
                for peer in 0..array(&base) {
                    let at = format!(
                        "{base}/{peer}/namespaceSelector/matchLabels/{}",
                        pointer_segment(NAMESPACE_NAME_LABEL)
                    );
                    push("the namespace", at, NameSyntax::Label);
                }
            }
        }
    }
}
