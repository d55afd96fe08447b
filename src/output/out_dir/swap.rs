//! Replacing a whole output directory that is all p3gen's: the new tree is built in a staging
//! directory beside it (`.DIR.p3gen-new-PID-*`), which then takes DIR's place in one step.
//!
//! On Linux the two directories trade places atomically (`renameat2(RENAME_EXCHANGE)`), so DIR
//! always exists, holding the old tree or the new one; the old tree, now under the staging name, is
//! removed afterwards. Elsewhere, or on file systems without the exchange, DIR is first renamed to
//! its backup `.DIR.p3gen-old-PID` and the staging directory then to DIR; an interruption between
//! the two leaves no DIR, and the next run restores it from the backup ([`super::recover`]).

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::{OutDirError, io_error};

/// The prefix of a staging directory beside `name`, for this process.
pub(super) fn staging_prefix(name: &str) -> String {
    format!(
        ".{name}{}{}-",
        super::recover::STAGING_TAG,
        std::process::id()
    )
}

/// The backup of `name` for this process.
pub(super) fn backup_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(
        ".{name}{}{}",
        super::recover::BACKUP_TAG,
        std::process::id()
    ))
}

/// An empty directory in `parent` whose name starts with `prefix`, removed again if dropped before
/// it is kept. Created as a plain `mkdir` would, so the umask decides its mode.
pub(super) fn staging_dir(parent: &Path, prefix: &str) -> std::io::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o777));
    }
    builder.tempdir_in(parent)
}

/// How the staging directory could not take DIR's place.
pub(super) enum SwapError {
    /// DIR cannot be renamed at all (a mount point, another file system): update it in place.
    Immovable,
    /// Another error; DIR is as it was.
    Failed(OutDirError),
}

/// Puts the complete tree in `staging` in the place of the existing directory `target`, which it
/// then removes. `staging` is gone afterwards, whatever the outcome.
pub(super) fn replace(staging: tempfile::TempDir, target: &Path) -> Result<(), SwapError> {
    let parent = target.parent().unwrap_or(Path::new("/"));
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let old = match exchange(staging.path(), target) {
        // The old tree is now under the staging name.
        Ok(true) => staging.keep(),
        Ok(false) => {
            let backup = backup_path(parent, &name);
            fs::rename(target, &backup).map_err(|error| classify(error, target))?;
            if let Err(error) = fs::rename(staging.path(), target) {
                let _ = fs::rename(&backup, target);
                return Err(classify(error, target));
            }
            drop(staging.keep());
            backup
        }
        Err(error) => return Err(classify(error, target)),
    };
    // The new tree is in place; an old tree that cannot be removed now is removed by the next run.
    super::remove_dir_all(&old);
    Ok(())
}

fn classify(error: std::io::Error, target: &Path) -> SwapError {
    match error.kind() {
        ErrorKind::ResourceBusy | ErrorKind::CrossesDevices => SwapError::Immovable,
        _ => SwapError::Failed(io_error("rename", target)(error)),
    }
}

/// Trades `a` and `b` atomically: `Ok(true)` when done, `Ok(false)` when the system or file system
/// cannot (then nothing happened).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(errno) => Err(errno.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}
