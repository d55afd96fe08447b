//! One Kubernetes object read from YAML, with the source position of each of its nodes.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde_json::Value;

use super::pointer::parent_pointer;

/// A place in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line number, starting at 1.
    pub line: usize,
    /// Column number in characters, starting at 1.
    pub column: usize,
    /// Byte offset from the start of the text, starting at 0.
    pub offset: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Where a node and, for a mapping entry, its key were written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NodePosition {
    /// The key naming this node in its parent mapping; `None` for the root and list items.
    pub key: Option<Position>,
    /// The node itself (first character of a scalar, first entry of a block collection).
    pub value: Position,
}

/// Node positions keyed by JSON pointer (escaped as in RFC 6901; `""` is the root).
pub(super) type Positions = BTreeMap<String, NodePosition>;

/// One Kubernetes object read from a YAML file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The file it came from (or the name given to [`super::parse_str`]).
    pub file: PathBuf,
    /// Index of the YAML document within the file, counting from 0 (empty documents count too).
    pub index: usize,
    /// For an object that was an item of a `kind: List` document, its index in `items`.
    pub list_item: Option<usize>,
    /// The object as JSON, typed as the API server would see it.
    pub value: Value,
    pub(super) positions: Positions,
}

impl Document {
    /// The object's `apiVersion`, if it is a string.
    pub fn api_version(&self) -> Option<&str> {
        self.value.get("apiVersion")?.as_str()
    }

    /// The object's `kind`, if it is a string.
    pub fn kind(&self) -> Option<&str> {
        self.value.get("kind")?.as_str()
    }

    /// The object's `metadata.name`, if it is a string.
    pub fn name(&self) -> Option<&str> {
        self.value.get("metadata")?.get("name")?.as_str()
    }

    /// The object's `metadata.namespace`, if it is a string.
    pub fn namespace(&self) -> Option<&str> {
        self.value.get("metadata")?.get("namespace")?.as_str()
    }

    /// Position of the node at a JSON pointer (e.g. `/spec/podSelector/matchLabels`).
    ///
    /// For a mapping entry this is the position of its value, not of its key. A block mapping
    /// or sequence is located at its first entry, a `|` or `>` block scalar at its first line
    /// of content, and a node copied by an alias at the alias. `None` when no node was written
    /// there.
    pub fn locate(&self, pointer: &str) -> Option<Position> {
        self.positions.get(pointer).map(|node| node.value)
    }

    /// Position of the key that names the node at a JSON pointer, for mapping entries only.
    ///
    /// Useful to point at a field name, e.g. for an unknown field.
    pub fn locate_key(&self, pointer: &str) -> Option<Position> {
        self.positions.get(pointer).and_then(|node| node.key)
    }

    /// Position of the node at a JSON pointer or, when it was not written, of its nearest
    /// written ancestor. Returns the pointer that was found with its position.
    pub fn locate_nearest<'p>(&self, pointer: &'p str) -> Option<(&'p str, Position)> {
        let mut current = pointer;
        loop {
            if let Some(position) = self.locate(current) {
                return Some((current, position));
            }
            current = parent_pointer(current)?;
        }
    }
}
