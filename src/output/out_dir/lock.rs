//! One writer at a time per output directory: an exclusive lock on a file beside it,
//! `.DIR.p3gen.lock` (inside DIR as `.p3gen.lock` when the parent cannot be written, as for a mount
//! point in a read-only directory). A second writer waits until the first is done; the operating
//! system releases the lock of a process that dies, so a killed run never blocks the next one.
//!
//! The holder removes the lock file before it lets go, so no lock file stays behind; a writer that
//! then holds the lock of a file no longer at the path (removed, or replaced by a new one) lets go
//! and tries again.

use std::fs::{self, File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::{OutDirError, io_error};

/// Held while writing; dropping it removes the lock file and releases the lock.
#[derive(Debug)]
pub(super) struct DirLock {
    file: Option<File>,
    path: PathBuf,
}

impl Drop for DirLock {
    fn drop(&mut self) {
        // Removed while still locked: whoever waits on this file finds it gone and starts over.
        let _ = fs::remove_file(&self.path);
        drop(self.file.take());
    }
}

/// Waits for and takes the lock of the directory `name` in `parent` (the directory itself,
/// `target`, when the parent is read-only).
pub(super) fn lock(parent: &Path, name: &str, target: &Path) -> Result<DirLock, OutDirError> {
    let beside = parent.join(format!(".{name}.p3gen.lock"));
    match take(&beside) {
        Err(OutDirError::Io { source, .. })
            if matches!(
                source.kind(),
                ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
            ) && target.is_dir() =>
        {
            take(&target.join(".p3gen.lock"))
        }
        taken => taken,
    }
}

fn take(path: &Path) -> Result<DirLock, OutDirError> {
    loop {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(io_error("create the lock file", path))?;
        file.lock().map_err(io_error("lock", path))?;
        if still_at(&file, path) {
            return Ok(DirLock {
                file: Some(file),
                path: path.to_path_buf(),
            });
        }
    }
}

/// Whether `file` is still the file at `path`.
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(held), Ok(current)) => held.dev() == current.dev() && held.ino() == current.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_: &File, path: &Path) -> bool {
    path.exists()
}
