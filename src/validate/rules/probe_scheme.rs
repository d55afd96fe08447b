//! I11: kubelet probes vLLM directly, so each probe must speak vLLM's serving scheme.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::validate::facts::args;
use crate::validate::objects::{Objects, VllmContainer};

use super::super::{Applies, Rule, RuleInfo};

/// A probe whose scheme differs from the serving scheme.
pub struct ProbeScheme;

static INFO: RuleInfo = RuleInfo {
    code: "P3202",
    name: "probe-scheme",
    severity: Severity::Error,
    applies: Applies::Objects,
    summary: "a probe's scheme differs from the scheme vLLM serves",
    doc: "## What it checks\nThat every probe's `scheme` equals `serving.scheme`. In manifests: HTTPS probes exactly when the args carry `--ssl-certfile`.\n\n## Why\nkubelet calls vLLM directly, not through the sidecar. An HTTP probe against a TLS listener (or the reverse) fails every time, so the pod never becomes ready and liveness restarts it in a loop. HTTPS serving means `--ssl-certfile=/var/run/kserve/tls/tls.crt --ssl-keyfile=/var/run/kserve/tls/tls.key` and HTTPS probes (invariant I11; the reference manifest's comment; Pattern 1 docs, issue #1).\n\n## Example\n```toml\n[serving]\nscheme = \"https\"\n\n[probes.readiness]\nscheme = \"http\"   # error: vLLM serves HTTPS\n```\n",
};

impl Rule for ProbeScheme {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for VllmContainer {
            service,
            pointer: base,
            container,
            ..
        } in objects.vllm_containers()
        {
            let Some(list) = container.args.as_deref().filter(|list| !list.is_empty()) else {
                continue;
            };
            let parsed = args::parse(list);
            let tls = args::find_flag(&parsed.tokens, args::SSL_CERTFILE);
            let serving = if tls.is_some() { "HTTPS" } else { "HTTP" };
            let probes = [
                ("livenessProbe", "liveness", &container.liveness_probe),
                ("readinessProbe", "readiness", &container.readiness_probe),
                ("startupProbe", "startup", &container.startup_probe),
            ];
            for (field, name, probe) in probes {
                let Some(get) = probe.as_ref().and_then(|probe| probe.http_get.as_ref()) else {
                    continue;
                };
                let scheme = get.scheme.as_deref().unwrap_or("HTTP");
                if scheme != serving {
                    let at = if get.scheme.is_some() {
                        format!("{base}/{field}/httpGet/scheme")
                    } else {
                        format!("{base}/{field}/httpGet")
                    };
                    let mut finding = self
                        .finding(format!(
                            "the {name} probe uses {scheme} but vLLM serves {serving}"
                        ))
                        .at(Node::new(service.index, at), "the probe's scheme");
                    if let Some((token, _)) = tls {
                        finding = finding.at_secondary(
                            args::node(service.index, &base, &parsed, token),
                            "the serving scheme",
                        );
                    }
                    out.push(finding.help(format!(
                        "set `scheme: {serving}` (in a spec, remove `probes.{name}.scheme`: it defaults to the serving scheme)"
                    )));
                }
            }
        }
    }
}
