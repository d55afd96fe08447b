//! Updating an output directory in place, for a DIR that must stay the same directory: the current
//! directory, a symbolic link's target, a mount point, or one holding entries p3gen keeps (hidden
//! ones, and with `--force` foreign ones).
//!
//! The new files are written into a staging directory inside DIR (`.p3gen-new-PID-*`, so on the
//! same file system). Then a journal, `.p3gen-journal`, is renamed into DIR: it names the staging
//! directory, the files to move into DIR and the files p3gen generated before that go. That rename
//! commits the update. Each file is then renamed into DIR (each rename atomic), the old generated
//! files are removed, and the staging directory and the journal last. A run interrupted before the
//! commit changed nothing in DIR (its staging directory is removed by the next run); one interrupted
//! after it is completed by the next run ([`super::recover`]).

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::inventory::starts_with_provenance;
use super::recover::STAGING_TAG;
use super::{OutDirError, OutTree, io_error, swap};

/// The journal of an update in place, inside DIR.
pub(super) const JOURNAL_FILE: &str = ".p3gen-journal";

/// A committed update in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Journal {
    /// The staging directory's name inside DIR.
    staging: String,
    /// The files to move from it into DIR, relative, `/`-separated.
    install: Vec<String>,
    /// The files p3gen generated earlier that the new tree does not have.
    remove: Vec<String>,
}

/// Writes `tree` into the existing directory `target` in place, removing `removed` (generated
/// files the tree no longer has). Entries of `target` not named by either stay as they are.
pub(super) fn update(
    target: &Path,
    tree: &OutTree,
    removed: &[PathBuf],
) -> Result<(), OutDirError> {
    check_nothing_in_the_way(target, tree)?;
    let prefix = format!("{STAGING_TAG}{}-", std::process::id());
    let staging =
        swap::staging_dir(target, &prefix).map_err(io_error("create a directory in", target))?;
    super::write_files(staging.path(), target, tree)?;
    let journal = Journal {
        staging: staging
            .path()
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
        install: tree.files.keys().cloned().collect(),
        remove: removed
            .iter()
            .map(|path| path.to_string_lossy().replace('\\', "/"))
            .collect(),
    };
    let text = serde_json::to_string(&journal).map_err(|error| OutDirError::Io {
        action: "write",
        path: target.join(JOURNAL_FILE),
        source: error.into(),
    })?;
    // Written in the staging directory (a hidden name, which no file of the tree has), then
    // renamed into DIR: the commit.
    let pending = staging.path().join(JOURNAL_FILE);
    let mut file = fs::File::create(&pending).map_err(io_error("write", &pending))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(io_error("write", &pending))?;
    let committed = target.join(JOURNAL_FILE);
    fs::rename(&pending, &committed).map_err(io_error("rename", &committed))?;
    drop(staging.keep());
    apply(target, &journal)
}

/// The committed journal in `target`, if there is one.
pub(super) fn read_journal(target: &Path) -> Result<Option<Journal>, OutDirError> {
    let path = target.join(JOURNAL_FILE);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(io_error("read", &path)(error)),
    };
    let journal: Journal = serde_json::from_str(&text).map_err(|error| OutDirError::Io {
        action: "read",
        path: path.clone(),
        source: error.into(),
    })?;
    // Only names p3gen itself writes: a damaged journal must not move or remove anything else.
    let relative = |path: &String| {
        !path.is_empty()
            && Path::new(path)
                .components()
                .all(|part| matches!(part, Component::Normal(_)))
    };
    let safe = journal.staging.starts_with(STAGING_TAG)
        && !journal.staging.contains(['/', '\\'])
        && journal.install.iter().chain(&journal.remove).all(relative);
    if !safe {
        return Err(OutDirError::Io {
            action: "read",
            path,
            source: std::io::Error::new(ErrorKind::InvalidData, "not a journal p3gen wrote"),
        });
    }
    Ok(Some(journal))
}

/// Carries out a committed journal: moves the staged files into `target` (those already moved are
/// skipped), removes the generated files to remove, then the staging directory and the journal.
/// Running it again after an interruption finishes the job.
pub(super) fn apply(target: &Path, journal: &Journal) -> Result<(), OutDirError> {
    let staging = target.join(&journal.staging);
    for path in &journal.install {
        let from = staging.join(path);
        match fs::symlink_metadata(&from) {
            Ok(_) => {}
            Err(error) if error.kind() == ErrorKind::NotFound => continue,
            Err(error) => return Err(io_error("read", &from)(error)),
        }
        let to = target.join(path);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(io_error("create", parent))?;
        }
        fs::rename(&from, &to).map_err(io_error("rename", &to))?;
    }
    for path in &journal.remove {
        let file = target.join(path);
        // Only a file p3gen generated: whatever appeared there since is kept.
        if fs::symlink_metadata(&file).is_ok_and(|meta| meta.is_file())
            && starts_with_provenance(&file)?
        {
            fs::remove_file(&file).map_err(io_error("remove", &file))?;
            remove_empty_parents(target, &file);
        }
    }
    super::remove_dir_all(&staging);
    let committed = target.join(JOURNAL_FILE);
    fs::remove_file(&committed).map_err(io_error("remove", &committed))
}

/// Removes the directories above `file` up to `target` that its removal left empty.
fn remove_empty_parents(target: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(current) = dir {
        if current == target || fs::remove_dir(current).is_err() {
            break;
        }
        dir = current.parent();
    }
}

/// Checks that every file of the tree can be moved into `target`: no entry there is a directory
/// where the tree has a file, and every directory the tree needs is one (not a file, nor a
/// symbolic link, through which a file would land outside DIR).
fn check_nothing_in_the_way(target: &Path, tree: &OutTree) -> Result<(), OutDirError> {
    let mut checked_dirs = std::collections::BTreeSet::new();
    for path in tree.files.keys() {
        let parts: Vec<&str> = path.split('/').collect();
        let mut current = target.to_path_buf();
        for (index, part) in parts.iter().enumerate() {
            current.push(part);
            let is_file = index + 1 == parts.len();
            if !is_file && !checked_dirs.insert(current.clone()) {
                continue;
            }
            let meta = match fs::symlink_metadata(&current) {
                Ok(meta) => meta,
                Err(error) if error.kind() == ErrorKind::NotFound => break,
                Err(error) => return Err(io_error("read", &current)(error)),
            };
            if is_file && meta.is_dir() {
                return Err(OutDirError::InTheWay {
                    path: current,
                    needed: "a file",
                });
            }
            if !is_file && !meta.is_dir() {
                return Err(OutDirError::InTheWay {
                    path: current,
                    needed: "a directory",
                });
            }
        }
    }
    Ok(())
}
