//! The error returned when schemas cannot be loaded or compiled.

use std::path::PathBuf;

use super::type_meta::TypeMeta;
use crate::manifest::LoadError;

/// Why schemas could not be loaded or compiled.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    /// A CRD directory could not be listed.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The directory that failed.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A CRD file could not be read or is not valid YAML.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A CustomResourceDefinition lacks a field the loader needs.
    #[error("{}: CustomResourceDefinition {name:?} is malformed: {message}", file.display())]
    MalformedCrd {
        /// The file holding the CRD.
        file: PathBuf,
        /// The CRD's `metadata.name`, empty when missing.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// Two CRD files define the same apiVersion and kind.
    #[error(
        "{type_meta} is defined by both {} and {}; choose one of the files",
        first.display(),
        second.display()
    )]
    DuplicateVersion {
        /// The apiVersion and kind defined twice.
        type_meta: TypeMeta,
        /// The file read first.
        first: PathBuf,
        /// The file read second.
        second: PathBuf,
    },
    /// A schema could not be compiled into a validator.
    #[error("the schema of {type_meta} cannot be compiled: {message}")]
    Compile {
        /// The apiVersion and kind whose schema failed.
        type_meta: TypeMeta,
        /// The compiler's message.
        message: String,
    },
}
