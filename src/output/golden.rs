//! Golden files: the reviewed output of each pattern, compared byte for byte with a fresh render.
//!
//! [`check`] is the one comparison that both the golden-file test and `p3gen check` run; [`update`]
//! is the one rewrite behind `UPDATE_GOLDEN=1 cargo test` and `p3gen check --update`.

use std::fmt;
use std::path::{Path, PathBuf};

/// How a golden file compares with what a spec renders now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoldenStatus {
    /// Byte for byte the same.
    Fresh,
    /// Different; the unified diff from the golden file to the fresh render.
    Stale {
        /// The unified diff.
        diff: String,
    },
    /// There is no golden file.
    Missing,
}

/// The golden file of a spec: `<golden_dir>/<spec file stem>.yaml`, dots in the stem kept
/// (`pattern3-weights-0.20.toml` → `pattern3-weights-0.20.yaml`).
pub fn golden_path(golden_dir: &Path, spec: &Path) -> PathBuf {
    let mut name = spec.file_stem().unwrap_or_default().to_os_string();
    name.push(".yaml");
    golden_dir.join(name)
}

/// Compares a golden file with a fresh render.
pub fn compare(golden: &Path, rendered: &str) -> std::io::Result<GoldenStatus> {
    let expected = match crate::input::read_text(golden) {
        Ok(text) => text,
        Err(crate::input::ReadError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            return Ok(GoldenStatus::Missing);
        }
        Err(error) => return Err(std::io::Error::other(error)),
    };
    if expected == rendered {
        return Ok(GoldenStatus::Fresh);
    }
    let name = golden.display().to_string();
    Ok(GoldenStatus::Stale {
        diff: unified_diff(&name, &format!("{name} (rendered)"), &expected, rendered),
    })
}

/// A unified diff of two texts with three lines of context.
pub fn unified_diff(old_name: &str, new_name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(old_name, new_name)
        .to_string()
}

/// The spec files in a directory (`*.toml`), sorted by name.
pub fn spec_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    files_with_extension(dir, "toml")
}

/// A spec's fresh render, to compare with its golden file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The spec file.
    pub spec: PathBuf,
    /// What it renders to now.
    pub yaml: String,
}

/// A golden file that does not match its spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The golden file differs from the render.
    Stale {
        /// The golden file.
        golden: PathBuf,
        /// The unified diff from the golden file to the render.
        diff: String,
    },
    /// The spec has no golden file.
    Missing {
        /// Where the golden file belongs.
        golden: PathBuf,
        /// The spec.
        spec: PathBuf,
    },
    /// A golden file with no spec.
    Orphan {
        /// The golden file.
        golden: PathBuf,
    },
}

impl fmt::Display for Finding {
    /// The diff of a stale file; one line for a missing or orphaned one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::Stale { diff, .. } => f.write_str(diff),
            Finding::Missing { golden, spec } => writeln!(
                f,
                "{} is missing: {} has no golden file",
                golden.display(),
                spec.display()
            ),
            Finding::Orphan { golden } => writeln!(
                f,
                "{} has no spec: delete it, or add the spec it was rendered from",
                golden.display()
            ),
        }
    }
}

/// Compares every render with its golden file in `golden_dir`, in the order given. With `orphans`,
/// also reports each `*.yaml` in `golden_dir` that belongs to none of the renders (pass it when the
/// renders are all the specs there are).
pub fn check(
    golden_dir: &Path,
    rendered: &[Rendered],
    orphans: bool,
) -> std::io::Result<Vec<Finding>> {
    let mut findings = Vec::new();
    for render in rendered {
        let golden = golden_path(golden_dir, &render.spec);
        match compare(&golden, &render.yaml)? {
            GoldenStatus::Fresh => {}
            GoldenStatus::Stale { diff } => findings.push(Finding::Stale { golden, diff }),
            GoldenStatus::Missing => findings.push(Finding::Missing {
                golden,
                spec: render.spec.clone(),
            }),
        }
    }
    if orphans {
        let expected: Vec<PathBuf> = rendered
            .iter()
            .map(|render| golden_path(golden_dir, &render.spec))
            .collect();
        for golden in golden_files(golden_dir)? {
            if !expected.contains(&golden) {
                findings.push(Finding::Orphan { golden });
            }
        }
    }
    Ok(findings)
}

/// Writes the golden file of every render whose golden file is stale or missing; returns those written.
pub fn update(golden_dir: &Path, rendered: &[Rendered]) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(golden_dir)?;
    let mut written = Vec::new();
    for render in rendered {
        let golden = golden_path(golden_dir, &render.spec);
        if compare(&golden, &render.yaml)? != GoldenStatus::Fresh {
            std::fs::write(&golden, &render.yaml)?;
            written.push(golden);
        }
    }
    Ok(written)
}

/// The golden files (`*.yaml`) in a directory, sorted; none when the directory does not exist.
fn golden_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    match files_with_extension(dir, "yaml") {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        other => other,
    }
}

/// The files in a directory (not below it) with an extension, sorted by name.
fn files_with_extension(dir: &Path, extension: &str) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        // Not a FIFO or a device, which could block or never end (the command notes them).
        if path.extension().is_some_and(|ext| ext == extension)
            && !entry.file_type()?.is_dir()
            && crate::input::is_regular_file(&path)
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The shell command that removes golden files without a spec: `git rm -- …` when the golden
/// directory is inside a git work tree, `rm -- …` otherwise; paths quoted for a POSIX shell.
pub fn removal_command(golden_dir: &Path, orphans: &[PathBuf]) -> String {
    let in_git = std::fs::canonicalize(golden_dir)
        .map(|dir| dir.ancestors().any(|dir| dir.join(".git").exists()))
        .unwrap_or(false);
    let mut command = String::from(if in_git { "git rm --" } else { "rm --" });
    for orphan in orphans {
        command.push(' ');
        command.push_str(&shell_quoted(&orphan.display().to_string()));
    }
    command
}

/// A word as a POSIX shell reads it back: as is when it holds only safe characters, else in single
/// quotes.
fn shell_quoted(word: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "_./-+=:@%,".contains(c);
    if !word.is_empty() && word.chars().all(safe) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod removal_tests {
    use super::*;

    #[test]
    fn orphans_are_removed_with_quoted_paths() {
        let dir = tempfile::tempdir().unwrap();
        let command = removal_command(
            dir.path(),
            &[
                PathBuf::from("golden/a.yaml"),
                PathBuf::from("golden/it's b.yaml"),
            ],
        );
        assert_eq!(command, r"rm -- golden/a.yaml 'golden/it'\''s b.yaml'");
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let inner = dir.path().join("golden");
        std::fs::create_dir(&inner).unwrap();
        assert_eq!(
            removal_command(&inner, &[PathBuf::from("golden/a.yaml")]),
            "git rm -- golden/a.yaml"
        );
    }
}
