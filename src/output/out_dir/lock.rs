//! One writer at a time per output directory: an exclusive lock on a file beside it,
//! `.DIR.p3gen.lock` (inside DIR as `.p3gen.lock` when the parent cannot be written, as for a mount
//! point in a read-only directory). A second writer waits until the first is done; the operating
//! system releases the lock of a process that dies, so a killed run never blocks the next one.

use std::fs::{File, OpenOptions};
use std::io::ErrorKind;
use std::path::Path;

use super::{OutDirError, io_error};

/// Held while writing; dropping it releases the lock. The file itself stays, empty: removing it
/// would let two writers lock two different files.
#[derive(Debug)]
pub(super) struct DirLock {
    _file: File,
}

/// Waits for and takes the lock of the directory `name` in `parent` (the directory itself,
/// `target`, when the parent is read-only).
pub(super) fn lock(parent: &Path, name: &str, target: &Path) -> Result<DirLock, OutDirError> {
    let beside = parent.join(format!(".{name}.p3gen.lock"));
    let path = match open(&beside) {
        Ok(file) => return take(file, &beside),
        Err(error)
            if matches!(
                error.kind(),
                ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
            ) && target.is_dir() =>
        {
            target.join(".p3gen.lock")
        }
        Err(error) => return Err(io_error("create the lock file", &beside)(error)),
    };
    let file = open(&path).map_err(io_error("create the lock file", &path))?;
    take(file, &path)
}

fn open(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
}

fn take(file: File, path: &Path) -> Result<DirLock, OutDirError> {
    file.lock().map_err(io_error("lock", path))?;
    Ok(DirLock { _file: file })
}
