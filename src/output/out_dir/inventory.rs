//! What an existing output directory holds, split by who made it: files p3gen generated (they
//! start with the provenance line), entries it did not (other files, symbolic links, empty
//! directories), and whether any hidden entry (`.git`, `.gitkeep`) is there, which is never looked
//! into.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{OutDirError, io_error};
use crate::output::{PROVENANCE_PREFIX, is_generated};

/// The entries of an output directory, relative to it, sorted.
#[derive(Debug, Default)]
pub(super) struct Inventory {
    /// Files that start with the provenance line.
    pub generated: Vec<PathBuf>,
    /// Everything else that is not hidden: files, symbolic links, empty directories.
    pub foreign: Vec<PathBuf>,
    /// Whether the directory holds a hidden entry at any depth.
    pub hidden: bool,
}

/// Takes the inventory of `dir`. Hidden entries are not descended into.
pub(super) fn inventory(dir: &Path) -> Result<Inventory, OutDirError> {
    let mut hidden = false;
    let mut files = Vec::new();
    let mut foreign = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let is_hidden = entry.file_name().to_string_lossy().starts_with('.');
            hidden |= is_hidden;
            !is_hidden
        });
    for entry in walk {
        let entry = entry.map_err(|error| {
            let path = error.path().unwrap_or(dir).to_path_buf();
            io_error("read", &path)(error.into())
        })?;
        let relative = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_path_buf();
        if entry.file_type().is_dir() {
            let mut children =
                fs::read_dir(entry.path()).map_err(io_error("read", entry.path()))?;
            if children.next().is_none() {
                foreign.push(relative);
            }
        } else if entry.file_type().is_file() {
            files.push((entry.into_path(), relative));
        } else {
            foreign.push(relative);
        }
    }
    // Reading the first line of every file is most of the work: several files at a time.
    let generated: Vec<bool> = files
        .par_iter()
        .map(|(path, _)| starts_with_provenance(path))
        .collect::<Result<_, OutDirError>>()?;
    let mut inventory = Inventory {
        hidden,
        foreign,
        ..Inventory::default()
    };
    for ((_, relative), generated) in files.into_iter().zip(generated) {
        if generated {
            inventory.generated.push(relative);
        } else {
            inventory.foreign.push(relative);
        }
    }
    inventory.foreign.sort();
    Ok(inventory)
}

/// Whether the file at `path` is a regular file that starts with the provenance line.
pub(super) fn starts_with_provenance(path: &Path) -> Result<bool, OutDirError> {
    let file = fs::File::open(path).map_err(io_error("read", path))?;
    let mut head = Vec::with_capacity(PROVENANCE_PREFIX.len());
    file.take(PROVENANCE_PREFIX.len() as u64)
        .read_to_end(&mut head)
        .map_err(io_error("read", path))?;
    Ok(is_generated(&String::from_utf8_lossy(&head)))
}
