//! Reading Kubernetes manifests written by hand, keeping the source position of every node.
//!
//! YAML is read with YAML 1.2 core-schema typing, the way the API server sees the object once it
//! is JSON: `"4"` stays a string, `8000` is an integer, `2x2` a string, `true` a bool, `~` null.
//! Every document is kept as a [`serde_json::Value`] together with the line and column of each
//! node, looked up by JSON pointer ([`Document::locate`]).

mod builder;
mod document;
mod error;
mod load;
mod pointer;
mod scalar;

pub use document::{Document, Position};
pub use error::LoadError;
pub use load::{load_paths, parse_str, parse_values};
pub use pointer::{parent_pointer, pointer_segment};
