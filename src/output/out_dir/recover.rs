//! Repairing what interrupted runs left: every write first looks for the leftovers of earlier runs
//! into the same directory and puts things right, returning what it did so that the caller can say
//! so.
//!
//! Beside DIR: a missing DIR is restored from its backup `.DIR.p3gen-old-PID`, and other staging
//! (`.DIR.p3gen-new-PID-*`) and backup directories are removed. Inside DIR (an update in place): a
//! journal `.p3gen-journal` means the update was committed, so it is completed; staging
//! directories `.p3gen-new-PID-*` without one are removed. The PID in a name is the process that
//! made it: leftovers of a process that still runs are left alone (the directory lock keeps
//! p3gen's own writers apart, so that is only a writer that does not take it).

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use super::{OutDirError, in_place, io_error};

/// What marks a staging directory, after `.DIR` beside DIR or at the start of a name inside it.
pub(super) const STAGING_TAG: &str = ".p3gen-new-";
/// What marks the backup of DIR, after `.DIR`.
pub(super) const BACKUP_TAG: &str = ".p3gen-old-";

/// One repair of what an interrupted run left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovered {
    /// DIR was missing and its backup became DIR again.
    Restored {
        /// The directory.
        dir: PathBuf,
        /// The backup it was restored from.
        backup: PathBuf,
    },
    /// A staging or backup directory was removed.
    Removed(PathBuf),
    /// A committed update in place was completed.
    Completed {
        /// The directory.
        dir: PathBuf,
    },
}

impl fmt::Display for Recovered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Recovered::Restored { dir, backup } => write!(
                f,
                "restored {} from {}, left by an interrupted run",
                dir.display(),
                backup.display()
            ),
            Recovered::Removed(path) => {
                write!(f, "removed {}, left by an interrupted run", path.display())
            }
            Recovered::Completed { dir } => write!(
                f,
                "completed the update of {} that an interrupted run had begun",
                dir.display()
            ),
        }
    }
}

/// Repairs the leftovers beside the directory `name` in `parent` (`target`).
pub(super) fn beside(
    parent: &Path,
    name: &str,
    target: &Path,
) -> Result<Vec<Recovered>, OutDirError> {
    let staging = format!(".{name}{STAGING_TAG}");
    let backup = format!(".{name}{BACKUP_TAG}");
    let mut backups = Vec::new();
    let mut staged = Vec::new();
    for entry in fs::read_dir(parent).map_err(io_error("read", parent))? {
        let entry = entry.map_err(io_error("read", parent))?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if let Some(rest) = file_name.strip_prefix(&backup) {
            if !runs(rest) {
                backups.push(entry.path());
            }
        } else if let Some(rest) = file_name.strip_prefix(&staging)
            && !runs(rest)
        {
            staged.push(entry.path());
        }
    }
    backups.sort();
    let mut recovered = Vec::new();
    if fs::symlink_metadata(target).is_err()
        && let Some(last) = backups.pop()
    {
        fs::rename(&last, target).map_err(io_error("restore", target))?;
        recovered.push(Recovered::Restored {
            dir: target.to_path_buf(),
            backup: last,
        });
    }
    for path in backups.into_iter().chain(staged) {
        fs::remove_dir_all(&path).map_err(io_error("remove", &path))?;
        recovered.push(Recovered::Removed(path));
    }
    Ok(recovered)
}

/// Repairs the leftovers of an update in place inside the existing directory `target`.
pub(super) fn inside(target: &Path) -> Result<Vec<Recovered>, OutDirError> {
    let mut recovered = Vec::new();
    let journal = in_place::read_journal(target)?;
    if let Some(journal) = &journal {
        in_place::apply(target, journal)?;
        recovered.push(Recovered::Completed {
            dir: target.to_path_buf(),
        });
    }
    for entry in fs::read_dir(target).map_err(io_error("read", target))? {
        let entry = entry.map_err(io_error("read", target))?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if let Some(rest) = file_name.strip_prefix(STAGING_TAG)
            && !runs(rest)
        {
            let path = entry.path();
            fs::remove_dir_all(&path).map_err(io_error("remove", &path))?;
            recovered.push(Recovered::Removed(path));
        }
    }
    Ok(recovered)
}

/// Whether the process whose PID starts `rest` (`PID` or `PID-…`) is another one that still runs.
fn runs(rest: &str) -> bool {
    let pid = rest
        .split('-')
        .next()
        .and_then(|pid| pid.parse::<u32>().ok());
    match pid {
        Some(pid) if pid != std::process::id() => alive(pid),
        _ => false,
    }
}

#[cfg(unix)]
fn alive(pid: u32) -> bool {
    use rustix::process::{Pid, test_kill_process};
    let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
        return false;
    };
    match test_kill_process(pid) {
        Ok(()) => true,
        // It exists but belongs to someone else.
        Err(errno) => errno == rustix::io::Errno::PERM,
    }
}

#[cfg(not(unix))]
fn alive(_: u32) -> bool {
    false
}
