//! Golden files: the reviewed output of each pattern, compared byte for byte with a fresh render.

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
    let expected = match std::fs::read_to_string(golden) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(GoldenStatus::Missing);
        }
        Err(error) => return Err(error),
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
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    Ok(files)
}
