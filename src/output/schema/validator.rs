//! Checking objects against the compiled schemas of their apiVersion and kind.

use std::collections::BTreeMap;
use std::path::PathBuf;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Draft, JsonType, PatternOptions, ValidationError};
use serde_json::Value;

use super::core_kinds::core_schemas;
use super::crd::CrdSchemas;
use super::error::SchemaError;
use super::type_meta::TypeMeta;
use crate::manifest::pointer_segment;

/// One place where an object breaks its schema.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    /// JSON pointer to the offending node (for an unknown field, to the field itself).
    pub pointer: String,
    /// What is wrong, e.g. `unknown field "replica"` or `"3" is not of type "integer"`.
    pub message: String,
}

/// Whether one object matches its schema: the result of [`Validator::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Validity {
    /// The object matches the schema of its apiVersion and kind.
    Valid,
    /// The object breaks its schema; violations are sorted by pointer.
    Invalid(Vec<Violation>),
    /// No schema is known for the object's apiVersion and kind.
    NoSchema(TypeMeta),
}

impl Validity {
    /// Whether the object was checked and found valid.
    pub fn is_valid(&self) -> bool {
        matches!(self, Validity::Valid)
    }
}

/// Where the schema of an apiVersion/kind comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaSource {
    /// Kubernetes' own schema, built in.
    Core,
    /// A CustomResourceDefinition read from this file.
    Crd(PathBuf),
}

struct Compiled {
    source: SchemaSource,
    validator: jsonschema::Validator,
}

/// Compiled schemas for the built-in core kinds and a set of CRDs, reusable for any number of
/// objects.
pub struct Validator {
    compiled: BTreeMap<TypeMeta, Compiled>,
}

impl std::fmt::Debug for Validator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Validator")
            .field("types", &self.compiled.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Validator {
    /// Compiles the core kinds' schemas and those of the given CRDs (a CRD wins over a core
    /// kind with the same apiVersion and kind).
    ///
    /// # Errors
    ///
    /// [`SchemaError::Compile`] when a schema cannot be compiled, e.g. for a `pattern` the
    /// regular expression engine does not accept.
    pub fn new(crds: &CrdSchemas) -> Result<Self, SchemaError> {
        let mut compiled = BTreeMap::new();
        for (type_meta, schema) in core_schemas() {
            let validator = compile(&type_meta, &schema)?;
            let source = SchemaSource::Core;
            compiled.insert(type_meta, Compiled { source, validator });
        }
        for (type_meta, crd) in crds.entries() {
            let validator = compile(type_meta, &crd.schema)?;
            let source = SchemaSource::Crd(crd.file.clone());
            compiled.insert(type_meta.clone(), Compiled { source, validator });
        }
        Ok(Self { compiled })
    }

    /// A validator for the core kinds only.
    ///
    /// # Errors
    ///
    /// As for [`Validator::new`].
    pub fn core_only() -> Result<Self, SchemaError> {
        Self::new(&CrdSchemas::default())
    }

    /// The apiVersion/kind pairs this validator knows, in order.
    pub fn types(&self) -> impl Iterator<Item = &TypeMeta> {
        self.compiled.keys()
    }

    /// Where the schema for an apiVersion/kind comes from, if one is known.
    pub fn source(&self, type_meta: &TypeMeta) -> Option<&SchemaSource> {
        self.compiled.get(type_meta).map(|entry| &entry.source)
    }

    /// Checks one object against the schema of its `apiVersion` and `kind`.
    pub fn validate(&self, object: &Value) -> Validity {
        let type_meta = match type_meta_of(object) {
            Ok(type_meta) => type_meta,
            Err(violations) => return Validity::Invalid(violations),
        };
        let Some(entry) = self.compiled.get(&type_meta) else {
            return Validity::NoSchema(type_meta);
        };
        if entry.validator.is_valid(object) {
            return Validity::Valid;
        }
        let mut violations: Vec<Violation> = entry
            .validator
            .iter_errors(object)
            .flat_map(|error| violations_of(&error))
            .collect();
        violations.sort();
        violations.dedup();
        Validity::Invalid(violations)
    }
}

/// Compiles a schema as JSON Schema 2020-12. `format` is not checked (neither does the
/// reference Python checker), and `pattern` uses RE2-like syntax, as Kubernetes does.
fn compile(type_meta: &TypeMeta, schema: &Value) -> Result<jsonschema::Validator, SchemaError> {
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .should_validate_formats(false)
        .with_pattern_options(PatternOptions::regex())
        .build(schema)
        .map_err(|error| SchemaError::Compile {
            type_meta: type_meta.clone(),
            message: error.to_string(),
        })
}

/// Reads `apiVersion` and `kind`, or says why they cannot be read.
fn type_meta_of(object: &Value) -> Result<TypeMeta, Vec<Violation>> {
    let Value::Object(fields) = object else {
        return Err(vec![Violation {
            pointer: String::new(),
            message: "a Kubernetes object must be a mapping".to_owned(),
        }]);
    };
    let mut violations = Vec::new();
    let mut read = |field: &str| match fields.get(field) {
        Some(Value::String(text)) if !text.is_empty() => Some(text.clone()),
        Some(Value::String(_)) | None => {
            violations.push(Violation {
                pointer: format!("/{field}"),
                message: format!("{field} is required"),
            });
            None
        }
        Some(other) => {
            violations.push(Violation {
                pointer: format!("/{field}"),
                message: format!("{other} is not of type \"string\""),
            });
            None
        }
    };
    let api_version = read("apiVersion");
    let kind = read("kind");
    match (api_version, kind) {
        (Some(api_version), Some(kind)) => Ok(TypeMeta { api_version, kind }),
        _ => Err(violations),
    }
}

/// Turns one validation error into violations; an unknown-fields error names each field.
fn violations_of(error: &ValidationError<'_>) -> Vec<Violation> {
    let pointer = error.instance_path().as_str();
    if let ValidationErrorKind::AdditionalProperties { unexpected } = error.kind() {
        return unexpected
            .iter()
            .map(|field| Violation {
                pointer: format!("{pointer}/{}", pointer_segment(field)),
                message: format!("unknown field {field:?}"),
            })
            .collect();
    }
    vec![Violation {
        pointer: pointer.to_owned(),
        message: message_of(error),
    }]
}

/// A message for one error. Type mismatches (including "integer or string", which CRDs spell
/// with `anyOf`) name the expected types without `null`, which is accepted only as "unset".
fn message_of(error: &ValidationError<'_>) -> String {
    let expected = match error.kind() {
        ValidationErrorKind::Type { kind } => type_names(kind),
        ValidationErrorKind::AnyOf { context } => {
            let branches: Option<Vec<Vec<&'static str>>> = context
                .iter()
                .map(|branch| match branch.as_slice() {
                    [only] => match only.kind() {
                        ValidationErrorKind::Type { kind } => Some(type_names(kind)),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            branches
                .map(|branches| branches.concat())
                .unwrap_or_default()
        }
        _ => Vec::new(),
    };
    if expected.is_empty() {
        return error.to_string();
    }
    let expected: Vec<String> = expected.iter().map(|name| format!("{name:?}")).collect();
    format!(
        "{} is not of type {}",
        short_json(error.instance()),
        expected.join(" or ")
    )
}

fn type_names(kind: &TypeKind) -> Vec<&'static str> {
    let types: Vec<JsonType> = match kind {
        TypeKind::Single(single) => vec![*single],
        TypeKind::Multiple(set) => set.iter().collect(),
    };
    types
        .into_iter()
        .filter(|kind| *kind != JsonType::Null)
        .map(JsonType::as_str)
        .collect()
}

/// The value as JSON, shortened to keep messages on one line.
fn short_json(value: &Value) -> String {
    const LIMIT: usize = 60;
    let text = value.to_string();
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}
