//! Reading Kubernetes manifests written by hand, keeping the source position of every node: the
//! one reader of `lint`, `validate` and `diff`, and the one directory walk ([`manifest_files`]).
//!
//! YAML is read with serde-saphyr's parser and its scalars typed as kubectl types them
//! (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1 rules), so the object is the one the API server
//! receives: an unquoted `on`, `yes` or `y` is `true`, `off`, `no` or `n` is `false`, `0644` is
//! the octal 420, while a quoted `"on"` or `"4"` stays a string and `2x2` is a string. Every
//! document is kept as a [`serde_json::Value`] together with the line and column of each node,
//! looked up by JSON pointer ([`Document::locate`]).

mod builder;
mod document;
mod error;
mod load;
mod pointer;
mod scalar;
mod walk;

pub use document::{Document, Position};
pub use error::LoadError;
pub use load::{Loaded, load, load_paths, parse_str, parse_values};
pub use pointer::{parent_pointer, pointer_segment};
pub use walk::{Walk, manifest_files};
