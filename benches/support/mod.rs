//! What the benchmarks share: the specs of a generated fleet, made from `bench/fleet-template.toml`
//! as `bench/gen-specs.sh` makes them.

use p3gen::diagnostic::SourceFile;

const TEMPLATE: &str = include_str!("../../bench/fleet-template.toml");

/// Spec number `i` of a generated fleet: names, namespaces (ten teams) and replica counts (1-8)
/// vary, as in `bench/gen-specs.sh`.
pub fn fleet_spec(i: usize) -> SourceFile {
    let text = TEMPLATE
        .replace("@NAME@", &format!("model-{i:05}"))
        .replace("@NAMESPACE@", &format!("team-{:02}", i % 10))
        .replace("@REPLICAS@", &(1 + i % 8).to_string());
    SourceFile::new(format!("model-{i:05}.toml"), text)
}
