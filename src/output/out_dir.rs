//! The per-resource output directory: one YAML file per object and a `kustomization.yaml` listing
//! them in apply order, written all or nothing.
//!
//! [`bundle_tree`] lays out one bundle as an [`OutTree`]; [`write`] puts any tree into a directory by
//! building it in a temporary directory beside it and renaming that into place, so an error never
//! leaves a half-written directory. A tree may hold sub-directories ([`OutTree::insert_tree`]), so
//! several bundles can go into one directory, one sub-directory each under a top-level
//! [`Kustomization`] that lists them, in one all-or-nothing write.
//!
//! A directory counts as p3gen's when every file in it starts with the provenance line
//! ([`super::PROVENANCE_PREFIX`]). [`write`] refuses to replace a directory holding other files unless
//! forced, and then keeps those files; files p3gen generated earlier that the new tree no longer has
//! are gone afterwards.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{PROVENANCE_PREFIX, is_generated, provenance, to_yaml_document};
use crate::render::Object;

/// The file kustomize reads in a directory.
pub const KUSTOMIZATION_FILE: &str = "kustomization.yaml";

/// Files to write into an output directory, by path relative to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutTree {
    files: BTreeMap<PathBuf, String>,
}

impl OutTree {
    /// Adds (or replaces) a file. The path is relative, without `..`.
    pub fn insert(&mut self, path: impl Into<PathBuf>, text: impl Into<String>) {
        let path = path.into();
        debug_assert!(path.is_relative() && !path.components().any(|c| c.as_os_str() == ".."));
        self.files.insert(path, text.into());
    }

    /// Adds every file of another tree under the sub-directory `dir`.
    pub fn insert_tree(&mut self, dir: impl AsRef<Path>, tree: OutTree) {
        for (path, text) in tree.files {
            self.insert(dir.as_ref().join(path), text);
        }
    }

    /// The files in path order.
    pub fn files(&self) -> impl Iterator<Item = (&Path, &str)> {
        self.files
            .iter()
            .map(|(path, text)| (path.as_path(), text.as_str()))
    }

    /// The text of one file.
    pub fn get(&self, path: impl AsRef<Path>) -> Option<&str> {
        self.files.get(path.as_ref()).map(String::as_str)
    }

    fn contains(&self, path: &Path) -> bool {
        self.files.contains_key(path)
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

/// The per-resource files of one bundle, objects given in apply order: `<kind>-<name>.yaml` per object
/// (see [`file_names`]) and `kustomization.yaml` listing them in that order, each file starting with
/// the provenance line.
pub fn bundle_tree(
    spec_name: &str,
    objects: &[Object],
) -> Result<OutTree, serde_saphyr::ser_error::Error> {
    let header = provenance(spec_name);
    let names = file_names(objects);
    let mut tree = OutTree::default();
    for (name, object) in names.iter().zip(objects) {
        tree.insert(name, format!("{header}{}", to_yaml_document(object)?));
    }
    let kustomization = to_yaml_document(&Kustomization::listing(names))?;
    tree.insert(KUSTOMIZATION_FILE, format!("{header}{kustomization}"));
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
    /// Files p3gen did not generate, kept as they were (only when forced).
    pub kept: Vec<PathBuf>,
    /// Files p3gen did not generate that a file of the tree replaced (only when forced).
    pub replaced: Vec<PathBuf>,
}

/// Why an output directory was not written. Nothing in it has changed.
#[derive(Debug, thiserror::Error)]
pub enum OutDirError {
    /// The path exists and is a file.
    #[error("{} exists and is not a directory", .0.display())]
    NotADirectory(PathBuf),
    /// The directory holds files that p3gen did not generate.
    #[error(
        "{} is not empty and was not generated by p3gen: {} not start with `{}`",
        .dir.display(),
        list(.files),
        PROVENANCE_PREFIX.trim_end()
    )]
    Foreign {
        /// The directory.
        dir: PathBuf,
        /// Its files that p3gen did not generate, relative to it.
        files: Vec<PathBuf>,
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

/// The files already in an output directory, relative to it, split by who wrote them.
#[derive(Debug, Default)]
struct Inventory {
    generated: Vec<PathBuf>,
    foreign: Vec<PathBuf>,
}

/// Writes a tree as the whole content of `dir`, all or nothing.
///
/// The tree is written into a temporary directory beside `dir`, which then replaces `dir` by a
/// rename; on any error `dir` is left as it was. A `dir` holding files that p3gen did not generate is
/// an error unless `force`, which keeps those files (a file of the tree replaces one of the same
/// path). Files p3gen generated earlier that the tree does not have are removed.
pub fn write(dir: &Path, tree: &OutTree, force: bool) -> Result<Written, OutDirError> {
    let target = resolve(dir)?;
    let (parent, name) = match (target.parent(), target.file_name()) {
        (Some(parent), Some(name)) => (parent, name.to_string_lossy().into_owned()),
        _ => return Err(OutDirError::NotADirectory(dir.to_path_buf())),
    };
    fs::create_dir_all(parent).map_err(io_error("create", parent))?;
    let (inventory, permissions) = match fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => (inventory(&target)?, Some(meta.permissions())),
        Ok(_) => return Err(OutDirError::NotADirectory(dir.to_path_buf())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => (Inventory::default(), None),
        Err(error) => return Err(io_error("read", &target)(error)),
    };
    if !inventory.foreign.is_empty() && !force {
        return Err(OutDirError::Foreign {
            dir: dir.to_path_buf(),
            files: inventory.foreign,
        });
    }

    let staging = staging_dir(parent, &name)?;
    let mut written = Written::default();
    for (path, text) in tree.files() {
        let file = staging.path().join(path);
        if let Some(sub_dir) = file.parent() {
            fs::create_dir_all(sub_dir).map_err(io_error("create", sub_dir))?;
        }
        fs::write(&file, text).map_err(io_error("write", &file))?;
        written.written.push(path.to_path_buf());
    }
    for path in inventory.foreign {
        if tree.contains(&path) {
            written.replaced.push(path);
        } else {
            copy_entry(&target.join(&path), &staging.path().join(&path))?;
            written.kept.push(path);
        }
    }
    written.removed = inventory
        .generated
        .into_iter()
        .filter(|path| !tree.contains(path))
        .collect();

    match permissions {
        None => {
            fs::rename(staging.path(), &target).map_err(io_error("rename", &target))?;
        }
        Some(permissions) => {
            fs::set_permissions(staging.path(), permissions)
                .map_err(io_error("set permissions of", staging.path()))?;
            let backup = parent.join(format!(".{name}.p3gen-old-{}", std::process::id()));
            if backup.exists() {
                fs::remove_dir_all(&backup).map_err(io_error("remove", &backup))?;
            }
            fs::rename(&target, &backup).map_err(io_error("rename", &target))?;
            if let Err(error) = fs::rename(staging.path(), &target) {
                let _ = fs::rename(&backup, &target);
                return Err(io_error("rename", &target)(error));
            }
            // The new directory is in place; a backup that cannot be removed is only clutter.
            let _ = fs::remove_dir_all(&backup);
        }
    }
    // Renamed away: nothing left for the guard to clean up.
    let _ = staging.keep();
    Ok(written)
}

/// The absolute path to write: symbolic links and `.`/`..` resolved for an existing path.
fn resolve(dir: &Path) -> Result<PathBuf, OutDirError> {
    if fs::symlink_metadata(dir).is_ok() {
        fs::canonicalize(dir).map_err(io_error("resolve", dir))
    } else {
        std::path::absolute(dir).map_err(io_error("resolve", dir))
    }
}

/// An empty hidden directory beside the target, removed again if dropped before it is renamed.
fn staging_dir(parent: &Path, name: &str) -> Result<tempfile::TempDir, OutDirError> {
    let prefix = format!(".{name}.p3gen-new-");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Asked for 0777, created as the umask allows: the mode a plain `mkdir` would give.
        builder.permissions(fs::Permissions::from_mode(0o777));
    }
    builder
        .tempdir_in(parent)
        .map_err(io_error("create a directory in", parent))
}

/// Every file (and symbolic link) below `dir`, relative to it, sorted, split by whether it starts
/// with the provenance line.
fn inventory(dir: &Path) -> Result<Inventory, OutDirError> {
    let mut inventory = Inventory::default();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|error| {
            let path = error.path().unwrap_or(dir).to_path_buf();
            io_error("read", &path)(error.into())
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_path_buf();
        if entry.file_type().is_file() && starts_with_provenance(entry.path())? {
            inventory.generated.push(relative);
        } else {
            inventory.foreign.push(relative);
        }
    }
    Ok(inventory)
}

fn starts_with_provenance(path: &Path) -> Result<bool, OutDirError> {
    let file = fs::File::open(path).map_err(io_error("read", path))?;
    let mut head = Vec::with_capacity(PROVENANCE_PREFIX.len());
    file.take(PROVENANCE_PREFIX.len() as u64)
        .read_to_end(&mut head)
        .map_err(io_error("read", path))?;
    Ok(is_generated(&String::from_utf8_lossy(&head)))
}

/// Copies a file, or recreates a symbolic link, creating parent directories.
fn copy_entry(from: &Path, to: &Path) -> Result<(), OutDirError> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent).map_err(io_error("create", parent))?;
    }
    #[cfg(unix)]
    if fs::symlink_metadata(from).is_ok_and(|meta| meta.file_type().is_symlink()) {
        let link = fs::read_link(from).map_err(io_error("read", from))?;
        return std::os::unix::fs::symlink(link, to).map_err(io_error("create", to));
    }
    fs::copy(from, to).map_err(io_error("copy", from))?;
    Ok(())
}

#[cfg(test)]
mod tests;
