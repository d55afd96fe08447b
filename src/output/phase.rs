//! Apply phases: which objects must exist (and be ready) before others are applied, and the Argo CD
//! sync waves that encode them.
//!
//! The phases follow the bundle's kind order ([`super::kind_rank`]) and are cut where an object needs
//! an earlier one to have reconciled: namespace-wide prerequisites (namespace, configuration, mesh
//! policy) → the LLMInferenceService → once it is `Ready=True`, the EnvoyFilter (it patches HTTPRoute
//! rules that KServe creates only while reconciling the service) → the NetworkPolicies and monitoring.

use std::collections::BTreeMap;

use super::kind_rank;
use crate::render::Object;

/// The annotation Argo CD orders a sync by: lower waves are applied, and must be healthy, first.
pub const SYNC_WAVE_ANNOTATION: &str = "argocd.argoproj.io/sync-wave";

/// The first kind of each phase after phase 0, in the order of [`super::kind_rank`].
const PHASE_STARTS: [&str; 3] = ["LLMInferenceService", "EnvoyFilter", "NetworkPolicy"];

/// The apply phase of a kind: 0 prerequisites, 1 the LLMInferenceService (and what guards it), 2 the
/// EnvoyFilter, 3 NetworkPolicies, monitoring and any kind not in the bundle's kind order.
pub fn apply_phase(kind: &str) -> u8 {
    let rank = kind_rank(kind);
    let started = PHASE_STARTS
        .iter()
        .filter(|start| kind_rank(start) <= rank)
        .count();
    u8::try_from(started).unwrap_or(u8::MAX)
}

/// Annotates every object with its apply phase as an Argo CD sync wave (`"0"` … `"3"`).
pub fn add_sync_waves(objects: &mut [Object]) {
    for object in objects {
        let wave = apply_phase(object.kind()).to_string();
        object
            .metadata_mut()
            .annotations
            .get_or_insert_with(BTreeMap::new)
            .insert(SYNC_WAVE_ANNOTATION.to_owned(), wave);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_follow_the_apply_order_of_i21() {
        let phases: Vec<(&str, u8)> = [
            "Namespace",
            "ConfigMap",
            "PeerAuthentication",
            "LLMInferenceService",
            "PodDisruptionBudget",
            "EnvoyFilter",
            "NetworkPolicy",
            "PodMonitor",
            "SomethingElse",
        ]
        .into_iter()
        .map(|kind| (kind, apply_phase(kind)))
        .collect();
        assert_eq!(
            phases,
            vec![
                ("Namespace", 0),
                ("ConfigMap", 0),
                ("PeerAuthentication", 0),
                ("LLMInferenceService", 1),
                ("PodDisruptionBudget", 1),
                ("EnvoyFilter", 2),
                ("NetworkPolicy", 3),
                ("PodMonitor", 3),
                ("SomethingElse", 3),
            ]
        );
    }

    #[test]
    fn phases_never_decrease_along_the_kind_order() {
        let mut kinds: Vec<&str> = super::super::KIND_ORDER.to_vec();
        kinds.sort_by_key(|kind| kind_rank(kind));
        let phases: Vec<u8> = kinds.iter().map(|kind| apply_phase(kind)).collect();
        assert!(phases.windows(2).all(|w| w[0] <= w[1]), "{phases:?}");
    }
}
