//! I22: the Istio version routes to the InferencePool API that the KServe target creates.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::target::{ApiGroupVersion, IstioVersion};

use super::super::{Applies, Rule, RuleInfo};

/// Istio must watch the InferencePool API version the controller creates.
pub struct PoolApiWatched;

static INFO: RuleInfo = RuleInfo {
    code: "P3808",
    name: "pool-api-watched",
    severity: Severity::Warning,
    applies: Applies::Spec,
    summary: "the Istio version does not route to the InferencePool API the KServe target creates",
    doc: "## What it checks\nThat the Istio version handles the InferencePool the KServe target creates: `inference.networking.x-k8s.io/v1alpha2` (Open Data Hub 0.15, KServe 0.16) needs Istio 1.27; `inference.networking.k8s.io/v1` (KServe 0.17 and later) needs Istio 1.28 or later. KServe 0.17 and later also create a same-named `v1alpha2` pool and keep the HTTPRoute on it until the gateway resolves the v1 one (setting `serving.kserve.io/inference-pool-migrated`), so Istio 1.27 can route to them where the x-k8s.io InferencePool CRD is installed: the warning then says so.\n\n## Why\nistiod watches one pool API per version (`pkg/config/schema/gvk/resources.gen.go`): 1.26 has no InferencePool support upstream, 1.27 watches only the x-k8s.io v1alpha2 API and 1.28+ only the v1 API. A pool Istio does not watch gets no EPP call, and requests are not routed by prefix. A warning, not an error: vendor builds may carry backports, and Open Data Hub `release-v0.15` builds from February 2026 also create a v1 pool. istiod also needs `ENABLE_GATEWAY_API_INFERENCE_EXTENSION=true`.\n\n## Example\n```toml\n[target]\nkserve = \"0.20\"\nistio = \"1.27\"   # 0.20 creates v1 pools: use 1.28 or later\n```\n",
};

impl Rule for PoolApiWatched {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        if !pattern.scheduler.enabled {
            return;
        }
        let kserve = pattern.kserve_profile();
        let pool = kserve.inference_pool;
        let istio = pattern.istio_profile();
        if istio.watches_pool(pool) {
            return;
        }
        if let Some(twin) = kserve
            .alpha_pool_twin
            .filter(|twin| istio.watches_pool(twin.api))
        {
            let created = if twin.skipped_without_crd {
                "creates only where that CRD is installed"
            } else {
                "creates, failing where that CRD is missing"
            };
            out.push(
                self.finding(format!(
                    "Istio {} routes only to {} InferencePools: the gateway depends on the same-named \
                     {} pool that KServe {} {created}",
                    pattern.istio.get(),
                    twin.api,
                    twin.api,
                    pattern.kserve.get()
                ))
                .primary(
                    pattern.istio.span(),
                    format!("Istio {}", pattern.istio.get()),
                )
                .secondary(pattern.kserve.span(), format!("creates {pool} and {} pools", twin.api))
                .help(format!(
                    "install the {twin_api} InferencePool CRD, or target an Istio version that watches \
                     {pool}: {}. KServe keeps the HTTPRoute on the {twin_api} pool until the gateway \
                     resolves the {pool} one, then sets `{}` (read from {}, not verified on a cluster)",
                    fitting(pool).join(", "),
                    twin.migration_annotation,
                    twin.source,
                    twin_api = twin.api,
                )),
            );
            return;
        }
        let watched = match istio.watched_pool_api {
            Some(api) => format!("routes only to {api} InferencePools"),
            None => "has no InferencePool support upstream".to_owned(),
        };
        out.push(
            self.finding(format!(
                "Istio {} {watched}, but KServe {} creates {pool} ones",
                pattern.istio.get(),
                pattern.kserve.get()
            ))
            .primary(
                pattern.istio.span(),
                format!("Istio {}", pattern.istio.get()),
            )
            .secondary(pattern.kserve.span(), format!("creates {pool} pools"))
            .help(format!(
                "target an Istio version that watches {pool}: {}",
                fitting(pool).join(", ")
            )),
        );
    }
}

/// The Istio versions that route to `pool`.
fn fitting(pool: ApiGroupVersion) -> Vec<&'static str> {
    IstioVersion::ALL
        .iter()
        .filter(|v| v.profile().watches_pool(pool))
        .map(|v| v.as_str())
        .collect()
}
