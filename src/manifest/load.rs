//! Finding manifest files, reading them, and splitting them into one [`Document`] per object.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::builder::{RawDocument, parse_documents};
use super::document::{Document, NodePosition, Position, Positions};
use super::error::LoadError;

/// File names that configure a tool rather than describe an object; skipped in directories.
const SKIPPED_FILE_NAMES: [&str; 3] = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/// Loads every object from the given files and directories.
///
/// Files are read as given. Directories are walked recursively (symbolic links to directories
/// are not followed) for files ending in `.yaml` or `.yml`, in path order, skipping
/// `kustomization.yaml` and `Kustomization`. Paths are processed in the order given.
///
/// # Errors
///
/// [`LoadError::Io`] when a path cannot be read, [`LoadError::Read`] when a file is not a regular
/// file, too large, or not UTF-8, [`LoadError::Yaml`] at the first YAML syntax error, duplicate
/// key, unknown alias, document that is not a mapping, or limit exceeded (see [`parse_str`]).
pub fn load_paths(paths: &[PathBuf]) -> Result<Vec<Document>, LoadError> {
    let mut documents = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|source| io_error(path, source))?;
        let files = if metadata.is_dir() {
            manifest_files(path)?
        } else {
            vec![path.clone()]
        };
        for file in files {
            let text = crate::input::read_text(&file)?;
            documents.extend(parse_text(&file, &text)?);
        }
    }
    Ok(documents)
}

/// Reads every object from YAML text held in memory; `file_name` names it in errors.
///
/// Empty documents are skipped and the items of a `kind: List` (or `…List`) document become
/// objects of their own. A file may hold at most [`crate::input::MAX_YAML_DOCUMENTS`]
/// documents, and its aliases may copy at most [`crate::input::MAX_ALIAS_EXPANSION`] bytes.
///
/// # Errors
///
/// [`LoadError::Yaml`] as for [`load_paths`].
pub fn parse_str(file_name: &str, text: &str) -> Result<Vec<Document>, LoadError> {
    parse_text(Path::new(file_name), text)
}

/// Reads every non-empty YAML document of a text as a JSON value, whatever its shape; `file_name`
/// names it in errors. The limits of [`parse_str`] apply.
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
            positions: subtree(&positions, &format!("/items/{item_index}")),
        })
        .collect()
}

/// The positions below `prefix`, re-rooted so that `prefix` becomes `""`.
fn subtree(positions: &Positions, prefix: &str) -> Positions {
    positions
        .range(prefix.to_owned()..)
        .take_while(|(pointer, _)| pointer.starts_with(prefix))
        .filter_map(|(pointer, node)| {
            let rest = &pointer[prefix.len()..];
            (rest.is_empty() || rest.starts_with('/')).then(|| {
                let node = NodePosition {
                    key: if rest.is_empty() { None } else { node.key },
                    value: node.value,
                };
                (rest.to_owned(), node)
            })
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

/// All manifest files below a directory, sorted by path.
fn manifest_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = std::fs::read_dir(&current).map_err(|source| io_error(&current, source))?;
        for entry in entries {
            let entry = entry.map_err(|source| io_error(&current, source))?;
            let path = entry.path();
            let file_type = entry
                .file_type()
                .map_err(|source| io_error(&path, source))?;
            if file_type.is_dir() {
                pending.push(path);
            } else if path.is_file() && is_manifest_file(&path) {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn is_manifest_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    !SKIPPED_FILE_NAMES.contains(&name) && (name.ends_with(".yaml") || name.ends_with(".yml"))
}

fn io_error(path: &Path, source: std::io::Error) -> LoadError {
    LoadError::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_yaml_files_that_are_not_kustomizations_count() {
        assert!(is_manifest_file(Path::new("a/b.yaml")));
        assert!(is_manifest_file(Path::new("a/b.yml")));
        assert!(!is_manifest_file(Path::new("a/kustomization.yaml")));
        assert!(!is_manifest_file(Path::new("a/Kustomization")));
        assert!(!is_manifest_file(Path::new("a/README.md")));
    }
}
