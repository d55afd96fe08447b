//! YAML reading and writing for the diff: multi-document parsing and the normalized YAML of one object.

use serde_json::Value;
use serde_saphyr::SerializerOptions;

use super::error::DiffError;
use crate::manifest::LoadError;

/// Parses multi-document YAML into one value per document; empty and null documents are skipped.
///
/// The YAML is read as `lint` and `validate` read it ([`crate::manifest::parse_values`]), with
/// the same limits. A duplicate key inside one mapping is a parse error.
pub fn parse_multi_doc(text: &str) -> Result<Vec<Value>, DiffError> {
    crate::manifest::parse_values("", text).map_err(|error| DiffError::Yaml {
        message: match error {
            LoadError::Yaml {
                position, message, ..
            } => format!(
                "{message} at line {}, column {}",
                position.line, position.column
            ),
            other => other.to_string(),
        },
    })
}

/// Writes an (already normalized) object as YAML: no line folding, multi-line strings as `|` blocks.
pub(super) fn to_yaml(value: &Value, object: &str) -> Result<String, DiffError> {
    let mut options = SerializerOptions::default();
    options.folded_wrap_chars = usize::MAX;
    let mut text = serde_saphyr::to_string_with_options(value, options).map_err(|error| {
        DiffError::Serialize {
            object: object.to_owned(),
            message: error.to_string(),
        }
    })?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}
