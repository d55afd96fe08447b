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
    /// The names an object refers to: Secrets of its pod templates, the Gateway it binds to, the
    /// namespaces its NetworkPolicy peers select.
    fn references<'v>(&self, object: &'v Value, out: &mut Vec<Name<'v>>) {
        let spec = object.get("spec");
        for template in ["template", "worker"] {
            let pod = spec.and_then(|spec| spec.get(template));
            for (secret, reference) in items(pod, "imagePullSecrets") {
                if let Some(name) = text(reference, &["name"]) {
                    let at = format!("/spec/{template}/imagePullSecrets/{secret}/name");
                    out.push(("an image pull Secret", at, name, NameSyntax::Subdomain));
                }
            }
            for (container, value) in items(pod, "containers") {
                for (var, env) in items(Some(value), "env") {
                    if let Some(name) = text(env, &["valueFrom", "secretKeyRef", "name"]) {
                        let at = format!(
                            "/spec/{template}/containers/{container}/env/{var}/valueFrom/secretKeyRef/name"
                        );
                        out.push(("a Secret name", at, name, NameSyntax::Subdomain));
                    }
                }
            }
        }
        let gateway = spec
            .and_then(|spec| spec.get("router"))
            .and_then(|router| router.get("gateway"));
        for (index, reference) in items(gateway, "refs") {
            let base = format!("/spec/router/gateway/refs/{index}");
            if let Some(name) = text(reference, &["name"]) {
                let at = format!("{base}/name");
                out.push(("the gateway name", at, name, NameSyntax::Subdomain));
            }
            if let Some(namespace) = text(reference, &["namespace"]) {
                let at = format!("{base}/namespace");
                out.push(("the gateway namespace", at, namespace, NameSyntax::Label));
            }
        }
        for (direction, peers) in [("ingress", "from"), ("egress", "to")] {
            for (rule, value) in items(spec, direction) {
                for (peer, selector) in items(Some(value), peers) {
                    let path = ["namespaceSelector", "matchLabels", NAMESPACE_NAME_LABEL];
                    if let Some(namespace) = text(selector, &path) {
                        let at = format!(
                            "/spec/{direction}/{rule}/{peers}/{peer}/namespaceSelector/matchLabels/{}",
                            pointer_segment(NAMESPACE_NAME_LABEL)
                        );
                        out.push(("the namespace", at, namespace, NameSyntax::Label));
                    }
                }
            }
        }
    }
}

/// The items of the array `field` of `value`, with their indices.
fn items<'v>(
    value: Option<&'v Value>,
    field: &str,
) -> impl Iterator<Item = (usize, &'v Value)> + 'v {
    value
        .and_then(|value| value.get(field))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}

/// The string at `path` (field names) below `value`.
fn text<'v>(value: &'v Value, path: &[&str]) -> Option<&'v str> {
    path.iter()
        .try_fold(value, |value, field| value.get(field))?
        .as_str()
}
