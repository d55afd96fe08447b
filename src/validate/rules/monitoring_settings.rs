//! Monitoring settings that would have no effect.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::spec::Scheme;

use super::super::{Applies, Rule, RuleInfo};

/// A `[monitoring]` setting that cannot take effect is probably a mistake.
pub struct MonitoringSettings;

static INFO: RuleInfo = RuleInfo {
    code: "P3604",
    name: "monitoring-settings",
    severity: Severity::Warning,
    applies: Applies::Spec,
    summary: "a monitoring setting has no effect (vLLM CA without HTTPS, server name without CA, EPP token without a scheduler)",
    doc: "## What it checks\nThat `monitoring.vllm-ca` is set only when vLLM serves HTTPS, `monitoring.vllm-server-name` only with `vllm-ca`, and `monitoring.epp-bearer-token` only when the scheduler runs.\n\n## Why\nvLLM's PodMonitor uses the serving scheme: with `serving.scheme = \"http\"` there is no certificate to verify, and without the scheduler there is no EPP PodMonitor to authenticate. A setting that is silently ignored hides a misunderstanding of what is scraped.\n\n## Example\n```toml\n[serving]\nscheme = \"http\"\n\n[monitoring]\nvllm-ca = { secret = \"ca\", key = \"ca.crt\" }   # warning: nothing to verify over HTTP\n```\n",
};

impl Rule for MonitoringSettings {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let Some(monitoring) = &pattern.monitoring else {
            return;
        };
        if let Some(ca) = &monitoring.vllm_ca
            && *pattern.scheme.get() == Scheme::Http
        {
            out.push(
                self.finding(
                    "`monitoring.vllm-ca` has no effect: vLLM serves plain HTTP".to_owned(),
                )
                .primary(ca.secret.span(), "CA for an HTTPS scrape")
                .secondary(pattern.scheme.span(), "the serving scheme")
                .help("remove `monitoring.vllm-ca`, or serve HTTPS"),
            );
        }
        if let Some(name) = &monitoring.vllm_server_name
            && monitoring.vllm_ca.is_none()
        {
            out.push(
                self.finding(
                    "`monitoring.vllm-server-name` has no effect without `monitoring.vllm-ca`"
                        .to_owned(),
                )
                .primary(name.span(), "checked only against a CA")
                .help("add `monitoring.vllm-ca`, or remove `monitoring.vllm-server-name`"),
            );
        }
        if let Some(token) = &monitoring.epp_bearer_token
            && !pattern.scheduler.enabled
        {
            out.push(
                self.finding(
                    "`monitoring.epp-bearer-token` has no effect: the scheduler is disabled"
                        .to_owned(),
                )
                .primary(token.secret.span(), "token for the EPP's metrics")
                .help("remove `monitoring.epp-bearer-token`, or enable the scheduler"),
            );
        }
    }
}
