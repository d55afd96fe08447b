//! Reading manifest files and standard input, and splitting them into one [`Document`] per
//! object; directories are walked by [`super::walk`].

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::builder::{RawDocument, parse_documents};
use super::document::{Document, Position, Positions};
use super::error::LoadError;
use super::walk::manifest_files;
use crate::input::{SkipReason, Skipped};

/// The objects read from files and directories, and what reading them left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    /// Every object, in the order of the paths, and of the files and documents in each.
    pub documents: Vec<Document>,
    /// What directory walks left out (hidden entries, files that are not regular, documents that
    /// are not Kubernetes objects), for a note each.
    pub skipped: Vec<Skipped>,
}

impl Loaded {
    /// Appends what another read found.
    pub fn extend(&mut self, other: Loaded) {
        self.documents.extend(other.documents);
        self.skipped.extend(other.skipped);
    }
}

/// Loads every object from the given files and directories (see [`load`]); what directory walks
/// leave out is dropped without a word.
///
/// # Errors
///
/// As for [`load`].
pub fn load_paths(paths: &[PathBuf]) -> Result<Vec<Document>, LoadError> {
    Ok(load(paths)?.documents)
}

/// Loads every object from the given files and directories, in the order given.
///
/// A file named in `paths` is read whole, as `kubectl apply -f FILE` reads it: every document
/// counts, and one that is not a mapping is an error. Directories are walked recursively by
/// [`super::manifest_files`] (hidden entries and kustomizations left out), and of the files found
/// only the Kubernetes objects are read: a document that is not a mapping, or lacks `apiVersion`
/// or `kind` (a CI workflow, a Helm `Chart.yaml`, a `package.json`), is left out and named in
/// [`Loaded::skipped`], once for the file when none of its documents is an object.
///
/// # Errors
///
/// [`LoadError::Io`] when a path cannot be read, [`LoadError::Read`] when a file is not a regular
/// file, too large, or not UTF-8, [`LoadError::Yaml`] at the first YAML syntax error, duplicate
/// key, unknown alias, document of a named file that is not a mapping, or limit exceeded (see
/// [`parse_str`]).
pub fn load(paths: &[PathBuf]) -> Result<Loaded, LoadError> {
    let mut loaded = Loaded::default();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|source| io_error(path, source))?;
        if !metadata.is_dir() {
            let text = crate::input::read_text(path)?;
            loaded.documents.extend(parse_text(path, &text)?);
            continue;
        }
        let walk = manifest_files(path)?;
        loaded.skipped.extend(walk.skipped);
        for file in walk.files {
            let text = crate::input::read_text(&file)?;
            loaded.extend(objects_of_walked_file(&file, &text)?);
        }
    }
    Ok(loaded)
}

/// Reads every object from YAML text held in memory; `file_name` names it in errors.
///
/// Empty documents are skipped and the items of a `kind: List` (or `…List`) document become
/// objects of their own. A file may hold at most [`crate::input::MAX_YAML_DOCUMENTS`]
/// documents, and its aliases may copy at most [`crate::input::MAX_ALIAS_EXPANSION`] bytes.
/// Scalars are typed as kubectl types them (see [`super`]).
///
/// # Errors
///
/// [`LoadError::Yaml`] as for [`load`].
pub fn parse_str(file_name: &str, text: &str) -> Result<Vec<Document>, LoadError> {
    parse_text(Path::new(file_name), text)
}

/// Reads every non-empty YAML document of a text as a JSON value, whatever its shape; `file_name`
/// names it in errors. The limits and typing of [`parse_str`] apply.
///
/// # Errors
///
/// [`LoadError::Yaml`] at the first YAML syntax error, duplicate key, unknown alias or limit
/// exceeded.
pub fn parse_values(file_name: &str, text: &str) -> Result<Vec<Value>, LoadError> {
    Ok(parse_documents(Path::new(file_name), text)?
        .into_iter()
        .map(|raw| raw.value)
        .filter(|value| !value.is_null())
        .collect())
}

fn parse_text(file: &Path, text: &str) -> Result<Vec<Document>, LoadError> {
    let mut documents = Vec::new();
    for raw in parse_documents(file, text)? {
        match &raw.value {
            Value::Null => {}
            Value::Object(_) => documents.extend(split_list(file, raw)),
            _ => {
                return Err(LoadError::Yaml {
                    file: file.to_path_buf(),
                    position: root_position(&raw.positions),
                    message: "a Kubernetes object must be a mapping".to_owned(),
                });
            }
        }
    }
    Ok(documents)
}

/// The Kubernetes objects of a file found by a directory walk, and a note for what is not one.
fn objects_of_walked_file(file: &Path, text: &str) -> Result<Loaded, LoadError> {
    let mut loaded = Loaded::default();
    let mut read_any = false;
    for raw in parse_documents(file, text)? {
        let number = raw.index + 1;
        let objects = match &raw.value {
            Value::Null => continue,
            Value::Object(_) => split_list(file, raw),
            _ => {
                loaded
                    .skipped
                    .push(not_an_object(file, number, "not a mapping"));
                continue;
            }
        };
        for document in objects {
            match missing_type(&document.value) {
                None => {
                    read_any = true;
                    loaded.documents.push(document);
                }
                Some(why) => loaded.skipped.push(not_an_object(file, number, why)),
            }
        }
    }
    // One note for a file that holds no object at all (a CI workflow, say).
    if !read_any && !loaded.skipped.is_empty() {
        loaded.skipped.truncate(1);
        if let SkipReason::NotAnObject { document, .. } = &mut loaded.skipped[0].reason {
            *document = None;
        }
    }
    Ok(loaded)
}

/// What an object lacks to be a Kubernetes object, if anything.
fn missing_type(value: &Value) -> Option<&'static str> {
    match (
        value.get("apiVersion").is_some(),
        value.get("kind").is_some(),
    ) {
        (true, true) => None,
        (true, false) => Some("no kind"),
        (false, true) => Some("no apiVersion"),
        (false, false) => Some("no apiVersion and kind"),
    }
}

fn not_an_object(file: &Path, document: usize, why: &'static str) -> Skipped {
    Skipped {
        path: file.to_path_buf(),
        reason: SkipReason::NotAnObject {
            document: Some(document),
            why,
        },
    }
}

/// Turns one document into objects: itself, or the items of a list.
fn split_list(file: &Path, raw: RawDocument) -> Vec<Document> {
    let is_list = raw
        .value
        .get("kind")
        .and_then(Value::as_str)
        .is_some_and(|kind| kind.ends_with("List"))
        && raw.value.get("items").is_some_and(Value::is_array);
    if !is_list {
        return vec![Document {
            file: file.to_path_buf(),
            index: raw.index,
            list_item: None,
            value: raw.value,
            positions: raw.positions,
        }];
    }
    let RawDocument {
        index,
        mut value,
        positions,
    } = raw;
    let items = match value.get_mut("items").map(Value::take) {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    };
    items
        .into_iter()
        .enumerate()
        .filter(|(_, item)| !item.is_null())
        .map(|(item_index, item)| Document {
            file: file.to_path_buf(),
            index,
            list_item: Some(item_index),
            value: item,
            positions: positions.subtree(&format!("/items/{item_index}")),
        })
        .collect()
}

fn root_position(positions: &Positions) -> Position {
    positions.get("").map_or(
        Position {
            line: 1,
            column: 1,
            offset: 0,
        },
        |node| node.value,
    )
}

fn io_error(path: &Path, source: std::io::Error) -> LoadError {
    LoadError::Io {
        path: path.to_path_buf(),
        source,
    }
}
