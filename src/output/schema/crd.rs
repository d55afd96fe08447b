//! Loading the schemas of custom resources from CustomResourceDefinition files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{Value, json};

use super::core_kinds::{OBJECT_META_DEF, object_meta_defs};
use super::error::SchemaError;
use super::structural::make_strict;
use super::type_meta::TypeMeta;
use crate::manifest::{Document, load_paths};

/// The strict JSON Schemas of custom resources, one per served version of each CRD.
#[derive(Debug, Clone, Default)]
pub struct CrdSchemas {
    schemas: BTreeMap<TypeMeta, CrdSchema>,
}

/// One served version of one CRD.
#[derive(Debug, Clone)]
pub(super) struct CrdSchema {
    /// The file the CRD was read from.
    pub file: PathBuf,
    /// The converted, strict JSON Schema.
    pub schema: Value,
}

/// Loads every CRD in the `.yaml`/`.yml` files of a directory (not its subdirectories).
/// Documents of other kinds are ignored.
///
/// # Errors
///
/// When the directory or a file cannot be read or parsed, a CRD lacks `spec.group`,
/// `spec.names.kind` or `spec.versions`, or two files define the same apiVersion and kind
/// (as two KServe versions side by side do: use [`CrdSchemas::load_dir_filtered`]).
pub fn load_crd_dir(dir: &Path) -> Result<CrdSchemas, SchemaError> {
    CrdSchemas::load_dir_filtered(dir, |_| true)
}

/// Loads every CRD in the given files, e.g. the output of `kubectl get crd NAME -o yaml`
/// (a `kind: List` of CRDs is read item by item).
///
/// # Errors
///
/// As for [`load_crd_dir`].
pub fn load_crd_files(files: &[PathBuf]) -> Result<CrdSchemas, SchemaError> {
    let mut schemas = CrdSchemas::default();
    for file in files {
        schemas.add_file(file)?;
    }
    Ok(schemas)
}

impl CrdSchemas {
    /// Loads the CRDs of the `.yaml`/`.yml` files of a directory whose file name passes
    /// `keep`, e.g. `|name| !name.starts_with("kserve-") || name.starts_with("kserve-v0.16.0_")`
    /// to pick one KServe version. Files are read in name order.
    ///
    /// # Errors
    ///
    /// As for [`load_crd_dir`].
    pub fn load_dir_filtered(
        dir: &Path,
        keep: impl Fn(&str) -> bool,
    ) -> Result<CrdSchemas, SchemaError> {
        let io_error = |source| SchemaError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io_error)? {
            let path = entry.map_err(io_error)?.path();
            let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
                continue;
            };
            let is_yaml = name.ends_with(".yaml") || name.ends_with(".yml");
            if is_yaml && path.is_file() && keep(name) {
                files.push(path);
            }
        }
        files.sort();
        load_crd_files(&files)
    }

    /// The apiVersion/kind pairs that have a schema, in order.
    pub fn types(&self) -> impl Iterator<Item = &TypeMeta> {
        self.schemas.keys()
    }

    /// Number of apiVersion/kind pairs with a schema.
    pub fn len(&self) -> usize {
        self.schemas.len()
    }

    /// Whether no CRD was loaded.
    pub fn is_empty(&self) -> bool {
        self.schemas.is_empty()
    }

    /// The strict JSON Schema used for an apiVersion/kind, if a CRD defines it.
    pub fn schema(&self, type_meta: &TypeMeta) -> Option<&Value> {
        self.schemas.get(type_meta).map(|entry| &entry.schema)
    }

    /// The file whose CRD defines an apiVersion/kind.
    pub fn file(&self, type_meta: &TypeMeta) -> Option<&Path> {
        self.schemas
            .get(type_meta)
            .map(|entry| entry.file.as_path())
    }

    pub(super) fn entries(&self) -> impl Iterator<Item = (&TypeMeta, &CrdSchema)> {
        self.schemas.iter()
    }

    fn add_file(&mut self, file: &Path) -> Result<(), SchemaError> {
        for document in load_paths(&[file.to_path_buf()])? {
            if document.kind() == Some("CustomResourceDefinition") {
                self.add_crd(file, document)?;
            }
        }
        Ok(())
    }

    fn add_crd(&mut self, file: &Path, document: Document) -> Result<(), SchemaError> {
        let name = document.name().unwrap_or_default().to_owned();
        let crd: Crd =
            serde_json::from_value(document.value).map_err(|error| SchemaError::MalformedCrd {
                file: file.to_path_buf(),
                name: name.clone(),
                message: error.to_string(),
            })?;
        for version in crd.spec.versions {
            let Some(schema) = version.schema.and_then(|schema| schema.open_api_v3_schema) else {
                continue;
            };
            if !version.served {
                continue;
            }
            let type_meta = TypeMeta::new(
                format!("{}/{}", crd.spec.group, version.name),
                crd.spec.names.kind.clone(),
            );
            if let Some(existing) = self.schemas.get(&type_meta) {
                return Err(SchemaError::DuplicateVersion {
                    type_meta,
                    first: existing.file.clone(),
                    second: file.to_path_buf(),
                });
            }
            let entry = CrdSchema {
                file: file.to_path_buf(),
                schema: strict_root_schema(schema),
            };
            self.schemas.insert(type_meta, entry);
        }
        Ok(())
    }
}

/// Converts a version's `openAPIV3Schema` and checks `metadata` as `ObjectMeta`, which the API
/// server does itself whatever the CRD says.
fn strict_root_schema(mut schema: Value) -> Value {
    make_strict(&mut schema);
    if let Value::Object(root) = &mut schema {
        let properties = root.entry("properties").or_insert_with(|| json!({}));
        if let Value::Object(properties) = properties {
            properties.insert(
                "metadata".to_owned(),
                json!({"$ref": format!("#/$defs/{OBJECT_META_DEF}")}),
            );
            for type_field in ["apiVersion", "kind"] {
                properties
                    .entry(type_field)
                    .or_insert_with(|| json!({"type": "string"}));
            }
        }
        root.insert("$defs".to_owned(), Value::Object(object_meta_defs()));
    }
    schema
}

/// The parts of a CustomResourceDefinition (`apiextensions.k8s.io/v1`) the loader reads.
#[derive(Deserialize)]
struct Crd {
    spec: CrdSpec,
}

#[derive(Deserialize)]
struct CrdSpec {
    group: String,
    names: CrdNames,
    versions: Vec<CrdVersion>,
}

#[derive(Deserialize)]
struct CrdNames {
    kind: String,
}

#[derive(Deserialize)]
struct CrdVersion {
    name: String,
    served: bool,
    schema: Option<CrdValidation>,
}

#[derive(Deserialize)]
struct CrdValidation {
    #[serde(rename = "openAPIV3Schema")]
    open_api_v3_schema: Option<Value>,
}
