//! Names must be valid Kubernetes names, and the service name a valid Service name.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{EnvValue, Pattern};
use crate::spec::Spanned;
use crate::validate::facts::names::NameSyntax;
use crate::validate::objects::{Finding, LLM_INFERENCE_SERVICE, Objects, kind_of, name_of};

use super::super::{Applies, Rule, RuleInfo};

/// A name that is not a DNS-1123 (or DNS-1035) name.
pub struct DnsNames;

static INFO: RuleInfo = RuleInfo {
    code: "P3501",
    name: "dns-names",
    severity: Severity::Error,
    applies: Applies::Both,
    summary: "a name that the API server rejects (not a DNS-1123 name)",
    doc: "## What it checks\nThat namespaces are DNS-1123 labels (at most 63 lower-case letters, digits and `-`), object and Secret names DNS-1123 subdomains, and the LLMInferenceService name a DNS-1035 label (a DNS-1123 label starting with a letter).\n\n## Why\nThe API server rejects invalid names. The service name is stricter: KServe names Services after it (`<name>-kserve-workload-svc`, `<name>-epp-service`), Service names are DNS-1035 labels, and the name is also the value of the `app.kubernetes.io/name` label on every pod (at most 63 characters; domain §1).\n\n## Example\n```toml\n[service]\nname = \"Qwen2_3B\"   # error: use qwen2-3b\n```\n",
};

impl Rule for DnsNames {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let policies = &pattern.network_policies;
        let mut names: Vec<(&str, &Spanned<String>, NameSyntax)> = vec![
            ("service.name", &pattern.name, NameSyntax::Dns1035),
            ("service.namespace", &pattern.namespace, NameSyntax::Label),
            ("gateway.name", &pattern.gateway.name, NameSyntax::Subdomain),
            (
                "gateway.namespace",
                &pattern.gateway.namespace,
                NameSyntax::Label,
            ),
            (
                "monitoring-namespace",
                &policies.monitoring_namespace,
                NameSyntax::Label,
            ),
            (
                "istio-namespace",
                &policies.istio_namespace,
                NameSyntax::Label,
            ),
        ];
        if let Some(filter) = &pattern.envoy_filter {
            names.push(("envoy-filter.name", &filter.name, NameSyntax::Subdomain));
        }
        let metas = [
            policies.default_deny.as_ref(),
            policies.gateway_to_vllm.as_ref().map(|p| &p.meta),
            policies.gateway_to_epp.as_ref().map(|p| &p.meta),
            policies.istio.as_ref(),
            policies.vllm_egress.as_ref().map(|p| &p.meta),
        ];
        for meta in metas.into_iter().flatten() {
            names.push(("a NetworkPolicy name", &meta.name, NameSyntax::Subdomain));
        }
        for secret in &pattern.container.image_pull_secrets {
            names.push(("an image pull Secret", secret, NameSyntax::Subdomain));
        }
        for var in &pattern.container.env {
            if let EnvValue::Secret { secret, .. } = &var.value {
                names.push(("a Secret name", secret, NameSyntax::Subdomain));
            }
        }
        for (what, name, syntax) in names {
            if let Err(why) = syntax.check(name.get()) {
                out.push(
                    self.finding(format!(
                        "{what} `{}` is not {}: {why}",
                        name.get(),
                        syntax.describe()
                    ))
                    .primary(name.span(), why)
                    .help("use lower-case letters, digits and `-`, starting and ending with a letter or digit"),
                );
            }
        }
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Finding>) {
        for (index, object) in objects.all() {
            let syntax = if kind_of(object) == LLM_INFERENCE_SERVICE {
                NameSyntax::Dns1035
            } else {
                NameSyntax::Subdomain
            };
            let name = name_of(object);
            if let Err(why) = syntax.check(name) {
                out.push(
                    self.object_finding(
                        index,
                        "/metadata/name",
                        format!("the name `{name}` is not {}: {why}", syntax.describe()),
                    )
                    .help("use lower-case letters, digits and `-`, starting and ending with a letter or digit"),
                );
            }
            if let Some(namespace) = object
                .pointer("/metadata/namespace")
                .and_then(|n| n.as_str())
                && let Err(why) = NameSyntax::Label.check(namespace)
            {
                out.push(
                    self.object_finding(
                        index,
                        "/metadata/namespace",
                        format!("the namespace `{namespace}` is not a DNS-1123 label: {why}"),
                    )
                    .help("use at most 63 lower-case letters, digits and `-`"),
                );
            }
        }
    }
}
