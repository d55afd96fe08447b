//! HTTPS serving on KServe 0.18+ agrees with the cluster's `enableLLMInferenceServiceTLS`.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::spec::Scheme;

use super::super::{Applies, Rule, RuleInfo};

/// `serving.scheme = "https"` where the template serves HTTP, or a TLS setting no template reads.
pub struct LlmisvcTls;

static INFO: RuleInfo = RuleInfo {
    code: "P3212",
    name: "llmisvc-tls",
    severity: Severity::Warning,
    applies: Applies::Spec,
    summary: "HTTPS serving on KServe 0.18+ without `target.llmisvc-tls`, or the setting where no template reads it",
    doc: "## What it checks\nThat `serving.scheme = \"https\"` on KServe 0.18, 0.19 or 0.20 comes with `target.llmisvc-tls = true`, which states that the cluster sets `ingress.enableLLMInferenceServiceTLS: true` in KServe's `inferenceservice-config`; and that `target.llmisvc-tls` is set only on those targets.\n\n## Why\nFrom 0.18 the vLLM template adds `--enable-ssl-refresh --ssl-certfile … --ssl-keyfile …`, probes over HTTPS and tells the EPP to scrape HTTPS only when that setting is true, and it is absent, so false, upstream (`kserve/kserve@v0.20.0:pkg/apis/serving/v1beta1/configmap.go L128`; `…@v0.18.0:config/llmisvcconfig/config-llm-template.yaml L167-189`). HTTPS asked of a cluster without it gives a pod whose certificate flags and probes disagree with what KServe sets up. Open Data Hub always serves HTTPS and 0.16/0.17 never read the setting. A warning: p3gen cannot see the cluster's ConfigMap.\n\n## Example\n```toml\n[target]\nkserve = \"0.20\"\n\n[serving]\nscheme = \"https\"   # warning: add `llmisvc-tls = true` to [target] if the cluster turns TLS on\n```\n",
};

impl Rule for LlmisvcTls {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let command = pattern.kserve_profile().vllm;
        let kserve = pattern.kserve.get();
        let tls = pattern.llmisvc_tls.as_ref();
        if !command.follows_tls_setting() {
            if let Some(tls) = tls {
                out.push(
                    self.finding(format!(
                        "KServe {kserve}'s template does not read `enableLLMInferenceServiceTLS`"
                    ))
                    .primary(tls.span(), "ignored on this target")
                    .secondary(pattern.kserve.span(), format!("KServe {kserve}"))
                    .help(
                        "remove `target.llmisvc-tls`; only KServe 0.18 and later read the setting",
                    ),
                );
            }
            return;
        }
        if *pattern.scheme.get() == Scheme::Https && !tls.is_some_and(|tls| *tls.get()) {
            out.push(
                self.finding(format!(
                    "HTTPS serving on KServe {kserve}: its template serves plain HTTP unless the cluster \
                     sets `ingress.enableLLMInferenceServiceTLS: true`"
                ))
                .primary(pattern.scheme.span(), "HTTPS")
                .secondary(tls.and_then(|tls| tls.span()), "TLS off")
                .help(
                    "set `llmisvc-tls = true` under [target] if the cluster turns TLS on, or serve \
                     `scheme = \"http\"`",
                ),
            );
        }
    }
}
