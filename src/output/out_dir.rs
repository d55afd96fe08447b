//! The per-resource output directory: one YAML file per object and a `kustomization.yaml` listing
//! them in apply order, and writing such a tree into a directory without losing anything.
//!
//! [`bundle_tree`] lays out one bundle as an [`OutTree`]; a tree may hold sub-directories
//! ([`OutTree::insert_tree`]), so several bundles go into one directory, one sub-directory each
//! under a top-level [`Kustomization`] that lists them ([`fleet_tree`]). [`write`] puts a tree into
//! a directory under its lock ([`lock`]), after repairing what interrupted runs left
//! ([`recover`]): a directory that is all p3gen's is replaced as a whole ([`swap`]), any other is
//! updated in place ([`in_place`]). Every name is one safe path component ([`names`]).
//!
//! A file counts as p3gen's when it starts with the provenance line ([`super::PROVENANCE_PREFIX`]).
//! [`write`] refuses a directory holding other entries unless forced, and then keeps them; hidden
//! entries (`.git`, `.gitkeep`) are always kept and never looked into; files p3gen generated
//! earlier that the new tree no longer has are gone afterwards.

mod in_place;
mod inventory;
mod lock;
pub mod names;
mod recover;
mod swap;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

pub use names::{UnsafeName, UnsafePath};
pub use recover::Recovered;

use super::{PROVENANCE_PREFIX, provenance, to_yaml_document};
use crate::render::Object;

/// The file kustomize reads in a directory.
pub const KUSTOMIZATION_FILE: &str = "kustomization.yaml";

/// Files to write into an output directory, by path relative to it (`/`-separated).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutTree {
    files: BTreeMap<String, String>,
}

impl OutTree {
    /// Adds (or replaces) a file. The path is relative and `/`-separated; [`write`] refuses a tree
    /// with a path that is not made of safe names ([`names::check_paths`]).
    pub fn insert(&mut self, path: impl Into<String>, text: impl Into<String>) {
        self.files.insert(path.into(), text.into());
    }

    /// Adds every file of another tree under the sub-directory `dir`.
    pub fn insert_tree(&mut self, dir: &str, tree: OutTree) {
        for (path, text) in tree.files {
            self.insert(format!("{dir}/{path}"), text);
        }
    }

    /// The files in path order.
    pub fn files(&self) -> impl Iterator<Item = (&Path, &str)> {
        self.files
            .iter()
            .map(|(path, text)| (Path::new(path), text.as_str()))
    }

    /// The text of one file.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    fn contains(&self, path: &Path) -> bool {
        path.to_str()
            .is_some_and(|path| self.files.contains_key(path))
    }
}

/// A kustomize `Kustomization` that lists resources (files or directories) and keeps them in the
/// order listed (`sortOptions.order: fifo`), so `kubectl kustomize` prints them in apply order. It is
/// annotated `config.kubernetes.io/local-config: "true"`, so kpt reads it as configuration of the
/// package, not as an object to apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Kustomization {
    /// `kustomize.config.k8s.io/v1beta1`.
    pub api_version: &'static str,
    /// `Kustomization`.
    pub kind: &'static str,
    /// The local-config annotation.
    pub metadata: KustomizationMetadata,
    /// The resources, in apply order.
    pub resources: Vec<String>,
    /// Keep the listed order instead of kustomize's own kind order.
    pub sort_options: SortOptions,
}

/// The metadata of a [`Kustomization`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KustomizationMetadata {
    /// `config.kubernetes.io/local-config: "true"`.
    pub annotations: BTreeMap<&'static str, &'static str>,
}

/// kustomize's output order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SortOptions {
    /// `fifo`: the order of `resources`.
    pub order: &'static str,
}

impl Kustomization {
    /// A kustomization listing `resources` in the order given.
    pub fn listing(resources: Vec<String>) -> Self {
        Kustomization {
            api_version: "kustomize.config.k8s.io/v1beta1",
            kind: "Kustomization",
            metadata: KustomizationMetadata {
                annotations: BTreeMap::from([("config.kubernetes.io/local-config", "true")]),
            },
            resources,
            sort_options: SortOptions { order: "fifo" },
        }
    }
}

/// The per-resource files of one bundle: each object's YAML document ([`super::to_yaml_documents`])
/// in its file, named by [`file_names`] and given in apply order, and `kustomization.yaml` listing
/// them in that order, each file starting with the bundle's `header` ([`super::bundle_header`]:
/// the provenance line and the `# Target:` line), so that a file read on its own says what it
/// was rendered for, as the bundle does.
pub fn bundle_tree(
    header: &str,
    files: Vec<(String, String)>,
) -> Result<OutTree, serde_saphyr::ser_error::Error> {
    let mut tree = OutTree::default();
    let mut names = Vec::with_capacity(files.len());
    for (name, document) in files {
        tree.insert(&name, format!("{header}{document}"));
        names.push(name);
    }
    let kustomization = to_yaml_document(&Kustomization::listing(names))?;
    tree.insert(KUSTOMIZATION_FILE, format!("{header}{kustomization}"));
    Ok(tree)
}

/// The files of many bundles in one directory: each bundle's tree in its own sub-directory, named
/// as given, and a top-level `kustomization.yaml` listing the sub-directories in the order given.
/// `provenance_name` is what the top-level file says it was generated from.
pub fn fleet_tree(
    provenance_name: &str,
    bundles: Vec<(String, OutTree)>,
) -> Result<OutTree, serde_saphyr::ser_error::Error> {
    let mut tree = OutTree::default();
    let mut sub_dirs = Vec::with_capacity(bundles.len());
    for (sub_dir, bundle) in bundles {
        tree.insert_tree(&sub_dir, bundle);
        sub_dirs.push(sub_dir);
    }
    let kustomization = to_yaml_document(&Kustomization::listing(sub_dirs))?;
    tree.insert(
        KUSTOMIZATION_FILE,
        format!("{}{kustomization}", provenance(provenance_name)),
    );
    Ok(tree)
}

/// One file name per object, in the same order: `<kind>-<name>.yaml` in lower case, or
/// `<kind>-<namespace>-<name>.yaml` for objects whose short names would collide; names that still
/// collide get `-2`, `-3`, … in object order.
pub fn file_names(objects: &[Object]) -> Vec<String> {
    let short: Vec<String> = objects
        .iter()
        .map(|o| file_stem(&[o.kind(), o.name()]))
        .collect();
    let natural: Vec<String> = objects
        .iter()
        .zip(&short)
        .map(|(object, stem)| {
            if short.iter().filter(|other| *other == stem).count() > 1 {
                file_stem(&[object.kind(), object.namespace(), object.name()])
            } else {
                stem.clone()
            }
        })
        .collect();
    let mut used: BTreeSet<String> = natural.iter().cloned().collect();
    let mut taken = BTreeSet::new();
    natural
        .into_iter()
        .map(|stem| {
            if taken.insert(stem.clone()) {
                return format!("{stem}.yaml");
            }
            let unique = (2..)
                .map(|n| format!("{stem}-{n}"))
                .find(|candidate| !used.contains(candidate))
                .unwrap_or_default();
            used.insert(unique.clone());
            taken.insert(unique.clone());
            format!("{unique}.yaml")
        })
        .collect()
}

/// The non-empty parts joined by `-`, in lower case, with anything but `a-z`, `0-9`, `.` and `-`
/// replaced by `-`.
fn file_stem(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.to_lowercase()
                .chars()
                .map(|c| {
                    if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-' {
                        c
                    } else {
                        '-'
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// What [`write`] did. Paths are relative to the directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// The files of the tree, all written.
    pub written: Vec<PathBuf>,
    /// Files p3gen had generated there before that the tree no longer has: gone now.
    pub removed: Vec<PathBuf>,
    /// Entries p3gen did not generate, kept as they were (only when forced).
    pub kept: Vec<PathBuf>,
    /// Files p3gen did not generate that a file of the tree replaced (only when forced).
    pub replaced: Vec<PathBuf>,
    /// Whether the directory was updated in place rather than replaced as a whole.
    pub in_place: bool,
    /// What was left by interrupted runs and repaired first.
    pub recovered: Vec<Recovered>,
}

/// Why an output directory was not written. Nothing in it has changed, except for the repair of
/// what interrupted runs had left.
#[derive(Debug, thiserror::Error)]
pub enum OutDirError {
    /// The path exists and is a file.
    #[error("{} exists and is not a directory", .0.display())]
    NotADirectory(PathBuf),
    /// The directory holds entries that p3gen did not generate.
    #[error(
        "{} is not empty and was not generated by p3gen: {} not start with `{}`",
        .dir.display(),
        list(.files),
        PROVENANCE_PREFIX.trim_end()
    )]
    Foreign {
        /// The directory.
        dir: PathBuf,
        /// Its entries that p3gen did not generate, relative to it.
        files: Vec<PathBuf>,
    },
    /// A path of the tree is not made of safe names.
    #[error("cannot write {path}: {source}", path = .dir.display())]
    UnsafePath {
        /// The directory.
        dir: PathBuf,
        /// What is wrong with which path.
        source: UnsafePath,
    },
    /// An entry p3gen keeps is where the tree needs a file or a directory.
    #[error("{} is in the way: p3gen writes {needed} there", .path.display())]
    InTheWay {
        /// The entry.
        path: PathBuf,
        /// `a file` or `a directory`.
        needed: &'static str,
    },
    /// A file-system operation failed.
    #[error("cannot {action} {}: {source}", .path.display())]
    Io {
        /// What was being done (`read`, `write`, `rename`, …).
        action: &'static str,
        /// The path it was done to.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// `a does`, `a and b do`, `a, b and 3 more do`.
fn list(files: &[PathBuf]) -> String {
    let shown: Vec<String> = files
        .iter()
        .take(3)
        .map(|f| format!("`{}`", f.display()))
        .collect();
    let text = match (shown.as_slice(), files.len()) {
        ([one], 1) => return format!("{one} does"),
        ([a, b], 2) => format!("{a} and {b}"),
        ([a, b, c], 3) => format!("{a}, {b} and {c}"),
        _ => format!(
            "{} and {} more",
            shown.join(", "),
            files.len() - shown.len()
        ),
    };
    format!("{text} do")
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> OutDirError {
    let path = path.to_path_buf();
    move |source| OutDirError::Io {
        action,
        path,
        source,
    }
}

/// Writes a tree as the content of `dir` that p3gen owns, all or nothing.
///
/// A symbolic link is followed: its target is written. Under the directory's lock, the leftovers
/// of interrupted runs are repaired first ([`Written::recovered`]). A new directory, or an existing
/// one holding nothing but files p3gen generated, is replaced as a whole by one built beside it
/// ([`swap`]); any other existing directory (the current directory or one above it, a symbolic
/// link's target, a mount point, one with hidden or kept entries) is updated in place
/// ([`in_place`]). A `dir` holding entries p3gen did not generate is an error unless `force`,
/// which keeps them (a file of the tree replaces a file of the same path). Files p3gen generated
/// earlier that the tree does not have are removed; hidden entries are never touched.
pub fn write(dir: &Path, tree: &OutTree, force: bool) -> Result<Written, OutDirError> {
    names::check_paths(tree.files.keys().map(String::as_str)).map_err(|source| {
        OutDirError::UnsafePath {
            dir: dir.to_path_buf(),
            source,
        }
    })?;
    let is_link = fs::symlink_metadata(dir).is_ok_and(|meta| meta.file_type().is_symlink());
    let target = resolve(dir)?;
    let (parent, name) = match (target.parent(), target.file_name()) {
        (Some(parent), Some(name)) => (parent, name.to_string_lossy().into_owned()),
        _ => return Err(OutDirError::NotADirectory(dir.to_path_buf())),
    };
    fs::create_dir_all(parent).map_err(io_error("create", parent))?;
    let _lock = lock::lock(parent, &name, &target)?;
    let mut recovered = recover::beside(parent, &name, &target)?;
    let permissions = match fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => Some(meta.permissions()),
        Ok(_) => return Err(OutDirError::NotADirectory(dir.to_path_buf())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(io_error("read", &target)(error)),
    };
    let inventory = match permissions {
        Some(_) => {
            recovered.extend(recover::inside(&target)?);
            inventory::inventory(&target)?
        }
        None => inventory::Inventory::default(),
    };
    if !inventory.foreign.is_empty() && !force {
        return Err(OutDirError::Foreign {
            dir: dir.to_path_buf(),
            files: inventory.foreign,
        });
    }

    let mut written = Written {
        written: tree.files().map(|(path, _)| path.to_path_buf()).collect(),
        recovered,
        ..Written::default()
    };
    let keeps_entries = inventory.hidden || !inventory.foreign.is_empty();
    for path in inventory.foreign {
        if tree.contains(&path) {
            written.replaced.push(path);
        } else {
            written.kept.push(path);
        }
    }
    written.removed = inventory
        .generated
        .into_iter()
        .filter(|path| !tree.contains(path))
        .collect();

    let Some(permissions) = permissions else {
        let staging = swap::staging_dir(parent, &swap::staging_prefix(&name))
            .map_err(io_error("create a directory in", parent))?;
        write_files(staging.path(), dir, tree)?;
        fs::rename(staging.path(), &target).map_err(io_error("rename", &target))?;
        drop(staging.keep());
        return Ok(written);
    };
    written.in_place =
        is_link || keeps_entries || holds_current_dir(&target) || is_mount_point(&target, parent);
    if !written.in_place {
        match swap::staging_dir(parent, &swap::staging_prefix(&name)) {
            Ok(staging) => {
                write_files(staging.path(), dir, tree)?;
                fs::set_permissions(staging.path(), permissions)
                    .map_err(io_error("set permissions of", staging.path()))?;
                match swap::replace(staging, &target) {
                    Ok(()) => return Ok(written),
                    Err(swap::SwapError::Failed(error)) => return Err(error),
                    Err(swap::SwapError::Immovable) => {}
                }
            }
            // The parent is not writable: DIR itself may be.
            Err(error)
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) => {}
            Err(error) => return Err(io_error("create a directory in", parent)(error)),
        }
        written.in_place = true;
    }
    in_place::update(&target, tree, &written.removed)?;
    Ok(written)
}

/// Repairs what interrupted runs left in and beside `dir` (see [`recover`]) under its lock, without
/// writing anything else: what [`write`] does first.
pub fn recover(dir: &Path) -> Result<Vec<Recovered>, OutDirError> {
    let target = resolve(dir)?;
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
        return Ok(Vec::new());
    };
    if !parent.is_dir() {
        return Ok(Vec::new());
    }
    let name = name.to_string_lossy();
    let _lock = lock::lock(parent, &name, &target)?;
    let mut recovered = recover::beside(parent, &name, &target)?;
    if target.is_dir() {
        recovered.extend(recover::inside(&target)?);
    }
    Ok(recovered)
}

/// Whether the current directory is `dir` or below it: replacing `dir` would leave the process
/// (and a shell started there) in a deleted directory.
fn holds_current_dir(dir: &Path) -> bool {
    std::env::current_dir()
        .and_then(fs::canonicalize)
        .is_ok_and(|current| current.starts_with(dir))
}

/// Whether `dir` is on another file system than its parent: a mount point, which cannot be renamed.
fn is_mount_point(dir: &Path, parent: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(dir), fs::metadata(parent)) {
            (Ok(dir), Ok(parent)) => dir.dev() != parent.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (dir, parent);
        false
    }
}

/// Writes the files of a tree below `dir`: the sub-directories first, then the files, several at
/// a time (on the threads of the current rayon pool). Errors name the files below `shown`, the
/// output directory that `dir` stages.
fn write_files(dir: &Path, shown: &Path, tree: &OutTree) -> Result<(), OutDirError> {
    let sub_dirs: BTreeSet<&str> = tree
        .files
        .keys()
        .filter_map(|path| path.rsplit_once('/').map(|(parent, _)| parent))
        .collect();
    for sub_dir in sub_dirs {
        fs::create_dir_all(dir.join(sub_dir)).map_err(io_error("create", &shown.join(sub_dir)))?;
    }
    tree.files.par_iter().try_for_each(|(path, text)| {
        fs::write(dir.join(path), text).map_err(io_error("write", &shown.join(path)))
    })
}

/// Removes a directory and everything below it, its sub-directories several at a time; what
/// cannot be removed stays (and is removed by the next run).
fn remove_dir_all(dir: &Path) {
    if let Ok(entries) = fs::read_dir(dir) {
        let sub_dirs: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
            .map(|entry| entry.path())
            .collect();
        sub_dirs.par_iter().for_each(|sub_dir| {
            let _ = fs::remove_dir_all(sub_dir);
        });
    }
    let _ = fs::remove_dir_all(dir);
}

/// The absolute path to write: symbolic links and `.`/`..` resolved for an existing path.
fn resolve(dir: &Path) -> Result<PathBuf, OutDirError> {
    if fs::symlink_metadata(dir).is_ok() {
        fs::canonicalize(dir).map_err(io_error("resolve", dir))
    } else {
        std::path::absolute(dir).map_err(io_error("resolve", dir))
    }
}

#[cfg(test)]
mod tests;
