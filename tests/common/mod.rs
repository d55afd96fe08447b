//! Helpers shared by the integration tests: running the command line in-process, and finding the
//! shared reference data (found by walking up from the crate directory).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use clap::Parser;
use p3gen::cli::{Cli, Outcome, Terminal, run};
use p3gen::diagnostic::RenderStyle;

/// Runs `p3gen ARGS…` in-process with plain diagnostics.
pub fn p3gen(args: &[&str]) -> Outcome {
    let cli = Cli::try_parse_from(std::iter::once("p3gen").chain(args.iter().copied())).unwrap();
    run(
        cli,
        Terminal {
            stderr_style: RenderStyle::Plain,
        },
    )
}

/// A path below the repository root.
pub fn root(path: &str) -> String {
    format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// The `shared/` directory that sits beside the crate or one of its ancestors.
pub fn shared_dir() -> PathBuf {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .ancestors()
        .map(|dir| dir.join("shared"))
        .find(|candidate| candidate.join("reference").is_dir())
        .unwrap_or_else(|| panic!("no shared/ directory above {}", crate_dir.display()))
}

/// The shared directory as a string, for command lines.
pub fn shared() -> String {
    shared_dir().display().to_string()
}

/// The reviewed hand-written Pattern 3 manifests.
pub fn reference_dir() -> PathBuf {
    shared_dir().join("reference/pattern3-istio-kserve")
}

/// The upstream CRDs.
pub fn crd_dir() -> PathBuf {
    shared_dir().join("crds")
}
