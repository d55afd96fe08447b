//! Helpers shared by the integration tests: running the command line in-process, and finding the
//! shared data beside the repository.

#![allow(dead_code)]

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

/// The shared data beside the repository (`P3GEN_SHARED` overrides it).
pub fn shared() -> String {
    std::env::var("P3GEN_SHARED").unwrap_or_else(|_| root("../shared"))
}
