//! The error returned when manifests cannot be read or parsed.

use std::path::PathBuf;

use super::document::Position;

/// Why manifests could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A file or directory could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file or directory that failed.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A file could not be read as text (see [`crate::input::read_text`]).
    #[error(transparent)]
    Read(#[from] crate::input::ReadError),
    /// The text is not valid YAML, or not a YAML shape that maps to a Kubernetes object.
    #[error("{}:{position}: {message}", file.display())]
    Yaml {
        /// The file (or in-memory name) the text came from.
        file: PathBuf,
        /// Where the problem is.
        position: Position,
        /// What is wrong.
        message: String,
    },
}
