//! Domain facts that rules over the spec and rules over manifests both rely on, written once.

pub mod accelerators;
pub mod args;
pub mod envoy;
pub mod labels;
pub mod names;
pub mod network;
pub mod pods;
pub mod secrets;
