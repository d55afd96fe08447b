//! Output: the deterministic YAML bundle, the per-resource directory, apply phases, golden files,
//! schema validation and the semantic diff. It writes YAML with serde-saphyr; the only other stages
//! that name the YAML crate are `manifest` (which reads manifests with serde-saphyr's parser) and
//! `target` (which writes the EPP's config text).

pub mod atomic_file;
pub mod diff;
pub mod golden;
pub mod out_dir;
mod phase;
pub mod schema;
mod self_check;
mod yaml;

pub use phase::{SYNC_WAVE_ANNOTATION, add_sync_waves, apply_phase};
pub use self_check::self_check;
pub use yaml::{
    PROVENANCE_PREFIX, bundle, bundle_header, bundle_len, declared_target, is_generated,
    provenance, push_bundle, to_yaml, to_yaml_document, to_yaml_documents,
};

use crate::render::Object;

/// The order kinds are applied in: configuration and mesh policy first, then the service,
/// then what needs the service's reconciled children (the EnvoyFilter patches routes KServe
/// creates), then the fences and monitoring.
const KIND_ORDER: &[&str] = &[
    "Namespace",
    "ConfigMap",
    "PeerAuthentication",
    "LLMInferenceService",
    "PodDisruptionBudget",
    "EnvoyFilter",
    "NetworkPolicy",
    "PodMonitor",
];

/// The rank of a kind in apply order; unknown kinds go last.
pub fn kind_rank(kind: &str) -> usize {
    KIND_ORDER
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(KIND_ORDER.len())
}

/// Sorts objects into the bundle's fixed order: by kind in apply order, then namespace, then name.
pub fn sort(objects: &mut [Object]) {
    objects.sort_by(|a, b| {
        (kind_rank(a.kind()), a.kind(), a.namespace(), a.name()).cmp(&(
            kind_rank(b.kind()),
            b.kind(),
            b.namespace(),
            b.name(),
        ))
    });
}
