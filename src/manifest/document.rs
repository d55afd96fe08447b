//! One Kubernetes object read from YAML, with the source position of each of its nodes.

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

/// Node positions keyed by JSON pointer (escaped as in RFC 6901; `""` is the root). The reader
/// appends them in the order it meets the nodes and sorts them once per document
/// ([`Positions::sorted`]). For a 5,000-spec bundle the positions took about 300 MB as a
/// `BTreeMap` and take about 190 MB as a sorted vector; allocating fresh memory is much of what a
/// large bundle's lint run spends its time on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Positions {
    entries: Vec<(Box<str>, NodePosition)>,
}

impl Positions {
    /// Records the position of the node at `pointer`; a later record of the same pointer wins.
    pub fn insert(&mut self, pointer: String, node: NodePosition) {
        self.entries.push((pointer.into_boxed_str(), node));
    }

    /// The entries sorted by pointer, the last record of each pointer kept.
    pub fn sorted(mut self) -> Self {
        // A stable sort keeps the records of one pointer in the order they were made; of each
        // run of equal pointers, `dedup_by` keeps the first slot, which takes the last record.
        self.entries.sort_by(|a, b| a.0.cmp(&b.0));
        self.entries.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        self
    }

    /// The latest position recorded at `pointer`, while reading.
    pub fn latest(&self, pointer: &str) -> Option<&NodePosition> {
        self.entries
            .iter()
            .rev()
            .find(|(key, _)| &**key == pointer)
            .map(|(_, node)| node)
    }

    /// The position at `pointer`, once sorted.
    pub fn get(&self, pointer: &str) -> Option<&NodePosition> {
        let index = self
            .entries
            .binary_search_by(|(key, _)| (**key).cmp(pointer))
            .ok()?;
        Some(&self.entries[index].1)
    }

    /// Drops the positions at `pointer` and below it.
    pub fn remove_subtree(&mut self, pointer: &str) {
        self.entries
            .retain(|(key, _)| !is_at_or_below(key, pointer));
    }

    /// The sorted positions at `prefix` and below it, re-rooted so that `prefix` becomes `""`.
    pub fn subtree(&self, prefix: &str) -> Positions {
        let start = self.entries.partition_point(|(key, _)| &**key < prefix);
        let entries = self.entries[start..]
            .iter()
            .take_while(|(key, _)| key.starts_with(prefix))
            .filter(|(key, _)| is_at_or_below(key, prefix))
            .map(|(key, node)| {
                let rest = &key[prefix.len()..];
                let node = NodePosition {
                    key: if rest.is_empty() { None } else { node.key },
                    value: node.value,
                };
                (Box::from(rest), node)
            })
            .collect();
        Positions { entries }
    }
}

/// Whether `pointer` is `ancestor` or below it.
fn is_at_or_below(pointer: &str, ancestor: &str) -> bool {
    pointer
        .strip_prefix(ancestor)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

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
