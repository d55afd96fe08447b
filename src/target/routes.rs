//! The Istio route names of the HTTPRoute KServe creates, which EnvoyFilter patches must match.

use super::kserve::RouteBackend;
use super::names::child_name;
use super::version::KserveTarget;

/// The suffix of the HTTPRoute KServe creates (`<name>-kserve-route`,
/// `kserve/kserve@v0.16.0:pkg/controller/v1alpha1/llmisvc/router.go` L159; domain reference §1).
pub const HTTP_ROUTE_SUFFIX: &str = "-kserve-route";

/// One rule of the KServe HTTPRoute with the route name Istio gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteRule {
    /// The rule's position in `rules[]`.
    pub index: usize,
    /// The Envoy route name: `<ns>.<ChildName(name, "-kserve-route")>.<index>` for an unnamed rule, the
    /// rule name for a named one (Istio `conversion.go` L104-111).
    pub route_name: String,
    /// The path the rule matches; `None` for a rule that matches a header only.
    pub path: Option<&'static str>,
    /// Where the rule sends requests.
    pub backend: RouteBackend,
}

impl RouteRule {
    /// Whether an ext_proc patch belongs on this rule: only InferencePool rules reach the EPP; the Service
    /// catch-all is never patched.
    pub fn is_patchable(&self) -> bool {
        self.backend == RouteBackend::InferencePool
    }
}

/// The name of the HTTPRoute KServe creates for the LLMInferenceService `service_name`:
/// `ChildName(name, "-kserve-route")`.
pub fn http_route_name(service_name: &str) -> String {
    child_name(service_name, HTTP_ROUTE_SUFFIX)
}

/// The Istio route name of the unnamed rule `index` of the HTTPRoute KServe creates for the
/// LLMInferenceService `service_name` in `namespace`: `<ns>.<ChildName(name, "-kserve-route")>.<index>`.
pub fn unnamed_route_name(namespace: &str, service_name: &str, index: usize) -> String {
    let http_route = http_route_name(service_name);
    format!("{namespace}.{http_route}.{index}")
}

/// The documented rules of the HTTPRoute KServe `target` creates for the LLMInferenceService
/// `service_name` in `namespace`, in rule order, with their Istio route names.
///
/// Unnamed rules (odh-0.15 … 0.18) are routed as `<ns>.<route>.<index>`, named ones (0.19+) by
/// the rule name alone.
pub fn route_names(target: KserveTarget, namespace: &str, service_name: &str) -> Vec<RouteRule> {
    target
        .profile()
        .http_route
        .rules
        .iter()
        .map(|rule| {
            let route_name = match rule.name {
                Some(name) => name.to_string(),
                None => unnamed_route_name(namespace, service_name, rule.index),
            };
            RouteRule {
                index: rule.index,
                route_name,
                path: rule.path,
                backend: rule.backend,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = "llm-d-inference-scheduling";
    const NAME: &str = "qwen2-3b-pattern3";

    fn patchable(target: KserveTarget) -> Vec<String> {
        route_names(target, NS, NAME)
            .into_iter()
            .filter(RouteRule::is_patchable)
            .map(|r| r.route_name)
            .collect()
    }

    #[test]
    fn odh_patches_0_and_1_and_leaves_the_catch_all() {
        // The reference EnvoyFilter patches exactly these two names.
        assert_eq!(
            patchable(KserveTarget::Odh015),
            [
                "llm-d-inference-scheduling.qwen2-3b-pattern3-kserve-route.0",
                "llm-d-inference-scheduling.qwen2-3b-pattern3-kserve-route.1",
            ]
        );
        let rules = route_names(KserveTarget::Odh015, NS, NAME);
        assert_eq!(rules.len(), 3);
        assert_eq!(rules[2].backend, RouteBackend::Service);
        assert_eq!(
            rules[2].route_name,
            "llm-d-inference-scheduling.qwen2-3b-pattern3-kserve-route.2"
        );
        assert!(!rules[2].is_patchable());
    }

    #[test]
    fn k16_has_one_pool_rule() {
        assert_eq!(
            patchable(KserveTarget::V016),
            ["llm-d-inference-scheduling.qwen2-3b-pattern3-kserve-route.0"]
        );
        assert_eq!(route_names(KserveTarget::V016, NS, NAME).len(), 1);
    }

    #[test]
    fn k17_is_laid_out_as_odh() {
        assert_eq!(
            patchable(KserveTarget::V017),
            patchable(KserveTarget::Odh015)
        );
    }

    #[test]
    fn k18_patches_0_1_2_and_leaves_3() {
        assert_eq!(
            patchable(KserveTarget::V018),
            [
                "llm-d-inference-scheduling.qwen2-3b-pattern3-kserve-route.0",
                "llm-d-inference-scheduling.qwen2-3b-pattern3-kserve-route.1",
                "llm-d-inference-scheduling.qwen2-3b-pattern3-kserve-route.2",
            ]
        );
        let rules = route_names(KserveTarget::V018, NS, NAME);
        assert_eq!(rules.len(), 4);
        assert_eq!(rules[3].backend, RouteBackend::Service);
    }

    /// versions.md §A1: the EnvoyFilter patches every InferencePool rule of K19 and K20 by name.
    #[test]
    fn k19_and_k20_patch_every_pool_rule_by_name() {
        assert_eq!(patchable(KserveTarget::V019).len(), 6);
        assert_eq!(
            patchable(KserveTarget::V020),
            [
                "v1-completions-path",
                "v1-chat-completions-path",
                "v1-responses-path",
                "v1-messages-path",
                "v1-model-routing",
                "v1-completions-publisher-path",
                "v1-chat-completions-publisher-path",
                "v1-responses-publisher-path",
                "v1-messages-publisher-path",
            ]
        );
        for target in [KserveTarget::V019, KserveTarget::V020] {
            let rules = route_names(target, NS, NAME);
            assert!(!rules.iter().any(|r| r.route_name.contains(NS)));
        }
    }

    #[test]
    fn long_names_hash_the_route_name() {
        let name = "a".repeat(51);
        let rules = route_names(KserveTarget::Odh015, "ns", &name);
        let route = child_name(&name, HTTP_ROUTE_SUFFIX);
        assert_eq!(route.len(), 63);
        assert_eq!(rules[0].route_name, format!("ns.{route}.0"));
    }
}
