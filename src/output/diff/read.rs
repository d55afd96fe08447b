//! Reading a manifest set from a file or a directory, including the directories `kubectl diff` hands
//! to `KUBECTL_EXTERNAL_DIFF`, through the manifest reader that `lint` and `validate` use.

use std::path::{Path, PathBuf};

use super::Manifest;
use super::error::DiffError;
use crate::input::Skipped;

/// Reads the objects of a manifest file, or of every manifest file below a directory, as
/// [`crate::manifest::load`] reads them (and with its directory walk, see
/// [`crate::manifest::manifest_files`]): scalars typed as kubectl types them, a `List` document
/// (`kind: List`, or any kind ending in `List`, with `items`, as `kubectl get -o yaml` prints)
/// contributing its items, empty files nothing. Also returns what the walk left out, for notes.
///
/// # Errors
///
/// [`DiffError::Load`] when a file cannot be read or is not valid YAML.
pub fn read_manifests(path: &Path) -> Result<(Vec<Manifest>, Vec<Skipped>), DiffError> {
    let loaded = crate::manifest::load(&[path.to_path_buf()])?;
    let manifests = loaded
        .documents
        .into_iter()
        .map(|document| Manifest {
            source: document.file.display().to_string(),
            value: document.value,
        })
        .collect();
    Ok((manifests, loaded.skipped))
}

/// The manifest files below a directory, sorted by path, as [`read_manifests`] finds them.
///
/// # Errors
///
/// [`DiffError::Load`] when a directory cannot be read.
pub fn manifest_files(dir: &Path) -> Result<Vec<PathBuf>, DiffError> {
    Ok(crate::manifest::manifest_files(dir)?.files)
}
