//! Plain-text explanations of a compiled spec, for `p3gen explain-routing`, `explain-scaling`
//! and `explain-network`.

mod routing;
mod scaling;

pub use routing::routing;
pub use scaling::scaling;

use crate::Compiled;
use crate::render::Object;

/// The network contract of the spec evaluated against the NetworkPolicies it renders.
pub fn network(compiled: &Compiled) -> String {
    let policies: Vec<_> = compiled
        .objects
        .iter()
        .filter_map(|object| match object {
            Object::NetworkPolicy(policy) => Some(policy.clone()),
            _ => None,
        })
        .collect();
    crate::network::explain_network(&compiled.pattern, &policies)
}
