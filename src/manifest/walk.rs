//! The one directory walk of every command that reads manifests (`lint`, `validate`, `diff`):
//! which files below a directory are manifests, and what is left out.

use std::path::{Path, PathBuf};

use super::error::LoadError;
use crate::input::{SkipReason, Skipped};

/// How many entries of a hidden directory are looked at to tell whether it holds manifests,
/// which is what decides whether skipping it is worth a note (`.git` holds thousands).
const HIDDEN_LOOK_LIMIT: usize = 10_000;

/// The manifest files below a directory, and what the walk left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walk {
    /// The files to read, sorted by path.
    pub files: Vec<PathBuf>,
    /// Hidden entries that hold manifest files, and manifest files that are not regular files
    /// (FIFOs, devices), sorted by path.
    pub skipped: Vec<Skipped>,
}

/// Walks a directory for manifest files: `*.yaml`, `*.yml` and `*.json` at any depth (as
/// `kubectl apply -R -f DIR` reads them), and files named the way `kubectl diff` names the objects
/// it writes (`[group.]version.Kind.namespace.name`, no extension), in path order.
///
/// Left out: kustomize's `kustomization.yaml` (any case, `.yml`, or no extension); hidden
/// directories and files (names starting with `.`, such as `.git` and `.github`) below `dir`,
/// noted in [`Walk::skipped`] when they hold manifest files; files that are not regular files,
/// noted too, since reading one could wait for a writer or never end; symbolic links to
/// directories, which are not followed.
///
/// # Errors
///
/// [`LoadError::Io`] when a directory cannot be read.
pub fn manifest_files(dir: &Path) -> Result<Walk, LoadError> {
    let mut walk = Walk::default();
    let mut entries = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = entry.map_err(|error| walk_error(dir, error))?;
        let name = entry.file_name().to_string_lossy();
        let is_dir = entry.file_type().is_dir();
        if name.starts_with('.') {
            if is_dir {
                entries.skip_current_dir();
            }
            if holds_manifests(entry.path(), is_dir) {
                walk.skipped.push(Skipped {
                    path: entry.path().to_path_buf(),
                    reason: SkipReason::Hidden { directory: is_dir },
                });
            }
            continue;
        }
        if is_dir || !is_manifest_file_name(&name) {
            continue;
        }
        // A link is judged by what it points to; a dangling one, or one to a directory, is not
        // read at all.
        match std::fs::metadata(entry.path()) {
            Ok(metadata) if metadata.is_file() => walk.files.push(entry.into_path()),
            Ok(metadata) if !metadata.is_dir() => walk.skipped.push(Skipped {
                path: entry.into_path(),
                reason: SkipReason::NotRegular(crate::input::kind(&metadata.file_type())),
            }),
            _ => {}
        }
    }
    Ok(walk)
}

/// Whether a hidden entry is, or holds, a file the walk would read if it were not hidden.
fn holds_manifests(path: &Path, is_dir: bool) -> bool {
    if !is_dir {
        return path
            .file_name()
            .is_some_and(|name| is_manifest_file_name(&name.to_string_lossy()));
    }
    walkdir::WalkDir::new(path)
        .min_depth(1)
        .into_iter()
        .take(HIDDEN_LOOK_LIMIT)
        .filter_map(Result::ok)
        .any(|entry| {
            !entry.file_type().is_dir()
                && is_manifest_file_name(&entry.file_name().to_string_lossy())
        })
}

fn walk_error(dir: &Path, error: walkdir::Error) -> LoadError {
    let path = error.path().unwrap_or(dir).to_path_buf();
    let source = error
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other("a symbolic link loop"));
    LoadError::Io { path, source }
}

/// Whether a file name is one [`manifest_files`] reads.
fn is_manifest_file_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "kustomization.yaml" | "kustomization.yml" | "kustomization"
    ) {
        return false;
    }
    [".yaml", ".yml", ".json"]
        .iter()
        .any(|extension| lower.ends_with(extension))
        || is_kubectl_diff_name(name)
}

/// Whether a name reads as `[group.]version.Kind.namespace.name`, the file names of `kubectl diff`:
/// a Kubernetes version (`v1`, `v1beta1`, `v1alpha2`), then a kind starting with a capital letter,
/// then at least the namespace (empty for cluster-scoped objects) and the name.
fn is_kubectl_diff_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.windows(2).enumerate().any(|(index, pair)| {
        is_api_version(pair[0])
            && pair[1].starts_with(|c: char| c.is_ascii_uppercase())
            && pair[1].chars().all(|c| c.is_ascii_alphanumeric())
            && parts.len() >= index + 4
            && parts.last().is_some_and(|last| !last.is_empty())
    })
}

/// `v1`, `v2`, `v1beta1`, `v1alpha2`, …
fn is_api_version(part: &str) -> bool {
    let Some(rest) = part.strip_prefix('v') else {
        return false;
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let rest = &rest[digits..];
    if rest.is_empty() {
        return true;
    }
    ["alpha", "beta"].iter().any(|stage| {
        rest.strip_prefix(stage)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_and_kubectl_diff_file_names_are_recognised() {
        for name in [
            "a.yaml",
            "b.YML",
            "c.json",
            "v1.ConfigMap.default.settings",
            "v1.Namespace..llm",
            "networking.k8s.io.v1.NetworkPolicy.llm.allow-istio-control-plane",
            "serving.kserve.io.v1alpha1.LLMInferenceService.llm.qwen2-3b-pattern3",
            "networking.istio.io.v1alpha3.EnvoyFilter.opendatahub.a.b.c",
        ] {
            assert!(is_manifest_file_name(name), "{name}");
        }
        for name in [
            "README",
            "README.md",
            "LICENSE.md",
            "notes.txt",
            "v1.ConfigMap",
            "v1.ConfigMap.default",
            "v1.ConfigMap.default.",
            "version.Kind.ns.name",
            "kustomization.yaml",
            "kustomization.yml",
            "Kustomization",
        ] {
            assert!(!is_manifest_file_name(name), "{name}");
        }
    }

    #[test]
    fn hidden_entries_are_left_out_and_noted_when_they_hold_manifests() {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "a: 1\n").unwrap();
        };
        write("a.yaml");
        write(".github/workflows/ci.yaml");
        write(".git/HEAD");
        write(".hidden.yaml");
        write("sub/b.yml");
        write("sub/.cache/c.yaml");
        let walk = manifest_files(dir.path()).unwrap();
        assert_eq!(
            walk.files,
            [dir.path().join("a.yaml"), dir.path().join("sub/b.yml")]
        );
        let skipped: Vec<String> = walk.skipped.iter().map(ToString::to_string).collect();
        let at = |path: &str| dir.path().join(path).display().to_string();
        assert_eq!(
            skipped,
            [
                format!(
                    "skipped {}: a hidden directory; name its files to read them",
                    at(".github")
                ),
                format!(
                    "skipped {}: a hidden file; name it to read it",
                    at(".hidden.yaml")
                ),
                format!(
                    "skipped {}: a hidden directory; name its files to read them",
                    at("sub/.cache")
                ),
            ]
        );
    }

    #[test]
    fn a_hidden_directory_given_as_the_root_is_walked() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(".deploy");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(root.join("a.yaml"), "a: 1\n").unwrap();
        assert_eq!(manifest_files(&root).unwrap().files, [root.join("a.yaml")]);
    }
}
