//! Turns YAML parser events into JSON values and a JSON-pointer → position map per document.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::{Map, Value};
use serde_saphyr::granit_parser::{Event, Marker, Options, Parser, ScalarStyle, ScanError, Span};

use super::document::{NodePosition, Position, Positions};
use super::error::LoadError;
use super::pointer::child_pointer;
use super::scalar::{key_to_string, scalar_to_json, value_to_key};
use crate::input::{MAX_ALIAS_EXPANSION, MAX_YAML_DOCUMENTS};

/// What one node costs in [`MAX_ALIAS_EXPANSION`], besides the bytes of its text.
const NODE_BYTES: usize = std::mem::size_of::<Value>();

/// One YAML document of a stream, before it is checked to be a Kubernetes object.
pub(super) struct RawDocument {
    /// Index of the document in the stream, from 0.
    pub index: usize,
    /// The document content; `Null` for an empty document.
    pub value: Value,
    /// Where each node was written.
    pub positions: Positions,
}

/// Parses every document of a YAML stream, at most [`MAX_YAML_DOCUMENTS`] of them, with aliases
/// that copy at most [`MAX_ALIAS_EXPANSION`] bytes in all.
pub(super) fn parse_documents(file: &Path, text: &str) -> Result<Vec<RawDocument>, LoadError> {
    let mut options = Options::default();
    // Comments are not kept. Not emitting them also lifts the parser's cap on comments buffered
    // while it looks ahead, which rejects valid YAML (a value after 97 comment lines).
    options.set_emit_comments(false);
    let mut documents = Vec::new();
    let mut builder: Option<Builder> = None;
    let mut alias_bytes = 0;
    for next in Parser::new_from_str_with_options(text, options) {
        let (event, span) = next.map_err(|error| syntax_error(file, &error))?;
        let fail = |message| LoadError::Yaml {
            file: file.to_path_buf(),
            position: position(&span.start),
            message,
        };
        match event {
            Event::DocumentStart(..) => {
                if documents.len() >= MAX_YAML_DOCUMENTS {
                    return Err(fail(format!(
                        "more than {MAX_YAML_DOCUMENTS} YAML documents in one file; split the file"
                    )));
                }
                builder = Some(Builder {
                    alias_bytes,
                    ..Builder::default()
                });
            }
            Event::DocumentEnd => {
                if let Some(done) = builder.take() {
                    alias_bytes = done.alias_bytes;
                    documents.push(done.finish(documents.len()));
                }
            }
            event => {
                if let Some(current) = builder.as_mut() {
                    current.event(event, &span).map_err(fail)?;
                }
            }
        }
    }
    Ok(documents)
}

fn syntax_error(file: &Path, error: &ScanError) -> LoadError {
    LoadError::Yaml {
        file: file.to_path_buf(),
        position: position(error.marker()),
        message: error.info(),
    }
}

fn position(marker: &Marker) -> Position {
    Position {
        line: marker.line(),
        column: marker.col() + 1,
        offset: marker.byte_offset().unwrap_or_else(|| marker.index()),
    }
}

/// A mapping key read and waiting for its value.
struct PendingKey {
    name: String,
    position: Position,
    /// A plain `<<` key: its value is merged into the mapping.
    is_merge: bool,
}

/// A collection being filled.
enum Frame {
    Mapping {
        pointer: String,
        anchor: usize,
        entries: Map<String, Value>,
        key: Option<PendingKey>,
        /// Keys that came from a `<<` merge and may still be overridden.
        merged: BTreeSet<String>,
    },
    Sequence {
        pointer: String,
        anchor: usize,
        items: Vec<Value>,
    },
}

/// Where the next node goes.
struct Slot {
    pointer: String,
    key: Option<Position>,
}

/// Builds one document.
#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Value>,
    /// Anchored values with their size as [`MAX_ALIAS_EXPANSION`] counts it.
    anchors: BTreeMap<usize, (Value, usize)>,
    positions: Positions,
    /// What aliases have copied so far in the file, in bytes.
    alias_bytes: usize,
}

impl Builder {
    fn finish(self, index: usize) -> RawDocument {
        RawDocument {
            index,
            value: self.root.unwrap_or(Value::Null),
            positions: self.positions.sorted(),
        }
    }

    fn event(&mut self, event: Event<'_>, span: &Span) -> Result<(), String> {
        let at = position(&span.start);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if self.expects_key() {
                    let is_merge = style == ScalarStyle::Plain && tag.is_none() && text == "<<";
                    let name = if is_merge {
                        text.into_owned()
                    } else {
                        key_to_string(&text, style, tag.as_deref())?
                    };
                    if anchor != 0 {
                        self.anchor(anchor, Value::String(name.clone()));
                    }
                    return self.set_key(name, at, is_merge);
                }
                let value = scalar_to_json(&text, style, tag.as_deref())?;
                let slot = self.slot();
                self.record(&slot, at);
                if anchor != 0 {
                    self.anchor(anchor, value.clone());
                }
                self.attach(value, at)
            }
            Event::MappingStart(_, anchor, _) => {
                let pointer = self.open_collection(at)?;
                self.stack.push(Frame::Mapping {
                    pointer,
                    anchor,
                    entries: Map::new(),
                    key: None,
                    merged: BTreeSet::new(),
                });
                Ok(())
            }
            Event::SequenceStart(_, anchor, _) => {
                let pointer = self.open_collection(at)?;
                self.stack.push(Frame::Sequence {
                    pointer,
                    anchor,
                    items: Vec::new(),
                });
                Ok(())
            }
            Event::MappingEnd | Event::SequenceEnd => self.close_collection(at),
            Event::Alias(anchor) => self.alias(anchor, at),
            Event::UnresolvedAlias(name) => Err(format!("unknown anchor *{name}")),
            _ => Ok(()),
        }
    }

    /// Whether the next node is a mapping key.
    fn expects_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Mapping { key: None, .. }))
    }

    fn set_key(&mut self, name: String, at: Position, is_merge: bool) -> Result<(), String> {
        if let Some(Frame::Mapping {
            entries,
            key,
            merged,
            ..
        }) = self.stack.last_mut()
        {
            if !is_merge && entries.contains_key(&name) && !merged.contains(&name) {
                return Err(format!("duplicate key {name:?}"));
            }
            *key = Some(PendingKey {
                name,
                position: at,
                is_merge,
            });
        }
        Ok(())
    }

    /// The pointer and key position of the node about to be read.
    fn slot(&self) -> Slot {
        match self.stack.last() {
            None => Slot {
                pointer: String::new(),
                key: None,
            },
            Some(Frame::Mapping { pointer, key, .. }) => match key {
                Some(key) => Slot {
                    pointer: child_pointer(pointer, &key.name),
                    key: Some(key.position),
                },
                None => Slot {
                    pointer: pointer.clone(),
                    key: None,
                },
            },
            Some(Frame::Sequence { pointer, items, .. }) => Slot {
                pointer: child_pointer(pointer, &items.len().to_string()),
                key: None,
            },
        }
    }

    fn record(&mut self, slot: &Slot, at: Position) {
        self.positions.insert(
            slot.pointer.clone(),
            NodePosition {
                key: slot.key,
                value: at,
            },
        );
    }

    fn open_collection(&mut self, at: Position) -> Result<String, String> {
        if self.expects_key() {
            return Err("mapping keys must be scalars".to_owned());
        }
        let slot = self.slot();
        self.record(&slot, at);
        Ok(slot.pointer)
    }

    fn close_collection(&mut self, at: Position) -> Result<(), String> {
        let (value, anchor) = match self.stack.pop() {
            Some(Frame::Mapping {
                entries, anchor, ..
            }) => (Value::Object(entries), anchor),
            Some(Frame::Sequence { items, anchor, .. }) => (Value::Array(items), anchor),
            None => return Ok(()),
        };
        if anchor != 0 {
            self.anchor(anchor, value.clone());
        }
        self.attach(value, at)
    }

    fn anchor(&mut self, anchor: usize, value: Value) {
        let size = expanded_size(&value);
        self.anchors.insert(anchor, (value, size));
    }

    fn alias(&mut self, anchor: usize, at: Position) -> Result<(), String> {
        let (value, size) = self
            .anchors
            .get(&anchor)
            .ok_or_else(|| "alias to an anchor that is not defined before it".to_owned())?;
        self.alias_bytes = self.alias_bytes.saturating_add(*size);
        if self.alias_bytes > MAX_ALIAS_EXPANSION {
            return Err(format!(
                "aliases expand to more than {} MiB in this file; write the values out or use fewer aliases",
                MAX_ALIAS_EXPANSION >> 20
            ));
        }
        let value = value.clone();
        if self.expects_key() {
            return self.set_key(value_to_key(&value)?, at, false);
        }
        let slot = self.slot();
        self.record(&slot, at);
        self.attach(value, at)
    }

    /// Puts a finished node into its parent (or makes it the document root).
    fn attach(&mut self, value: Value, at: Position) -> Result<(), String> {
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(value);
            return Ok(());
        };
        match frame {
            Frame::Sequence { items, .. } => {
                items.push(value);
                Ok(())
            }
            Frame::Mapping {
                pointer,
                entries,
                key,
                merged,
                ..
            } => {
                let Some(key) = key.take() else {
                    return Ok(());
                };
                if !key.is_merge {
                    merged.remove(&key.name);
                    entries.insert(key.name, value);
                    return Ok(());
                }
                let sources = match value {
                    Value::Object(source) => vec![source],
                    Value::Array(list) => list
                        .into_iter()
                        .map(|item| match item {
                            Value::Object(source) => Ok(source),
                            _ => Err(merge_error()),
                        })
                        .collect::<Result<_, _>>()?,
                    _ => return Err(merge_error()),
                };
                let mut added = Vec::new();
                for source in sources {
                    for (name, item) in source {
                        if !entries.contains_key(&name) {
                            added.push(child_pointer(pointer, &name));
                            merged.insert(name.clone());
                            entries.insert(name, item);
                        }
                    }
                }
                // The `<<` entry itself is not part of the object: drop its positions and
                // locate the merged entries at the merged value.
                let merge_pointer = child_pointer(pointer, "<<");
                let merge_at = self
                    .positions
                    .latest(&merge_pointer)
                    .map_or(at, |node| node.value);
                self.positions.remove_subtree(&merge_pointer);
                for merged_pointer in added {
                    let node = NodePosition {
                        key: None,
                        value: merge_at,
                    };
                    self.positions.insert(merged_pointer, node);
                }
                Ok(())
            }
        }
    }
}

fn merge_error() -> String {
    "the value of a << merge key must be a mapping or a list of mappings".to_owned()
}

/// About the memory a copy of a value takes: [`NODE_BYTES`] a node plus the bytes of its text.
fn expanded_size(value: &Value) -> usize {
    match value {
        Value::String(text) => NODE_BYTES + text.len(),
        Value::Object(entries) => entries.iter().fold(NODE_BYTES, |sum, (key, item)| {
            sum.saturating_add(NODE_BYTES + key.len() + expanded_size(item))
        }),
        Value::Array(items) => items.iter().fold(NODE_BYTES, |sum, item| {
            sum.saturating_add(expanded_size(item))
        }),
        _ => NODE_BYTES,
    }
}
