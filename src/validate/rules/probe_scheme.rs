//! I11: kubelet probes vLLM directly, so each probe must speak vLLM's serving scheme.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Pattern, Probe};
use crate::spec::Scheme;
use crate::validate::facts::args;
use crate::validate::objects::{Finding, Objects};

use super::super::{Applies, Rule, RuleInfo};

/// A probe whose scheme differs from the serving scheme.
pub struct ProbeScheme;

static INFO: RuleInfo = RuleInfo {
    code: "P3202",
    name: "probe-scheme",
    severity: Severity::Error,
    applies: Applies::Both,
    summary: "a probe's scheme differs from the scheme vLLM serves",
    doc: "## What it checks\nThat every probe's `scheme` equals `serving.scheme`. In manifests: HTTPS probes exactly when the args carry `--ssl-certfile`.\n\n## Why\nkubelet calls vLLM directly, not through the sidecar. An HTTP probe against a TLS listener (or the reverse) fails every time, so the pod never becomes ready and liveness restarts it in a loop. HTTPS serving means `--ssl-certfile=/var/run/kserve/tls/tls.crt --ssl-keyfile=/var/run/kserve/tls/tls.key` and HTTPS probes (invariant I11; the reference manifest's comment; Pattern 1 docs, issue #1).\n\n## Example\n```toml\n[serving]\nscheme = \"https\"\n\n[probes.readiness]\nscheme = \"http\"   # error: vLLM serves HTTPS\n```\n",
};

fn scheme_name(scheme: Scheme) -> &'static str {
    match scheme {
        Scheme::Https => "HTTPS",
        Scheme::Http => "HTTP",
    }
}

impl Rule for ProbeScheme {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let probes: [(&str, Option<&Probe>); 3] = [
            ("liveness", Some(&pattern.probes.liveness)),
            ("readiness", Some(&pattern.probes.readiness)),
            ("startup", pattern.probes.startup.as_ref()),
        ];
        let serving = *pattern.scheme.get();
        for (name, probe) in probes {
            let Some(probe) = probe else { continue };
            if *probe.scheme.get() != serving {
                out.push(
                    self.finding(format!(
                        "the {name} probe uses {} but vLLM serves {}",
                        scheme_name(*probe.scheme.get()),
                        scheme_name(serving)
                    ))
                    .primary(probe.scheme.span(), "the probe's scheme")
                    .secondary(pattern.scheme.span(), "the serving scheme")
                    .help(format!(
                        "remove `probes.{name}.scheme` (it defaults to the serving scheme)"
                    )),
                );
            }
        }
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Finding>) {
        for service in objects.inference_services() {
            let Some((base, container)) = service.main_container() else {
                continue;
            };
            let Some(list) = container.args.as_deref().filter(|list| !list.is_empty()) else {
                continue;
            };
            let tls = args::find_flag(&args::parse(list).tokens, args::SSL_CERTFILE).is_some();
            let serving = if tls { "HTTPS" } else { "HTTP" };
            let probes = [
                ("livenessProbe", &container.liveness_probe),
                ("readinessProbe", &container.readiness_probe),
                ("startupProbe", &container.startup_probe),
            ];
            for (field, probe) in probes {
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
                    out.push(
                        self.object_finding(
                            service.index,
                            at,
                            format!("the {field} uses {scheme} but vLLM serves {serving}"),
                        )
                        .help(format!("set `scheme: {serving}`")),
                    );
                }
            }
        }
    }
}
