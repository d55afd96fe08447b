//! `p3gen diff`: what a spec renders against existing manifests, or two manifest sets, object by
//! object. Usable as `KUBECTL_EXTERNAL_DIFF` through a wrapper, since kubectl passes two directories.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{ColorMode, EXIT_FINDINGS, EXIT_OK, Outcome, Terminal, load_spec};
use crate::diagnostic::RenderStyle;
use crate::input::Skipped;
use crate::output::diff::{self, DiffError, Manifest};

/// The arguments of `p3gen diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// OLD and NEW (without --against), or the SPEC to render (with --against; default the built-in
    /// spec). A path ending in `.toml` is a spec and is rendered; any other path is a manifest file or
    /// a directory of them (`*.yaml`, `*.yml`, `*.json` and kubectl's diff files, recursively).
    #[arg(value_name = "PATH", num_args = 0..=2)]
    pub paths: Vec<PathBuf>,
    /// The existing manifests (a file or a directory) to compare the spec's render with.
    #[arg(long, value_name = "PATH")]
    pub against: Option<PathBuf>,
    /// Colour the diff.
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorMode,
    /// `text`: unified diffs and a summary line; `json`: one JSON document for tools.
    #[arg(long, value_enum, default_value_t)]
    pub format: DiffFormat,
}

/// How `p3gen diff` prints its report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Unified diffs per object, then a summary line.
    #[default]
    Text,
    /// One JSON document with the summary and every object's status and diff.
    Json,
}

/// Runs `p3gen diff`: exit code 0 without differences, 1 with, 2 on bad input.
pub fn run(args: &DiffArgs, terminal: Terminal) -> Outcome {
    let style = args.color.stderr(terminal);
    let (old, new) = match (&args.against, args.paths.as_slice()) {
        (Some(against), []) => (Input::of(against), Input::BuiltinSpec),
        (Some(against), [spec]) => (Input::of(against), Input::of(spec)),
        (None, [old, new]) => (Input::of(old), Input::of(new)),
        _ => {
            return Outcome::error(
                "error: p3gen diff takes SPEC --against PATH, or two paths OLD NEW\n\
                 usage: p3gen diff [SPEC] --against PATH\n       p3gen diff OLD NEW\n"
                    .to_owned(),
            );
        }
    };
    let mut notes = String::new();
    let mut load = |input: Input<'_>| {
        input.load(style).map(|(manifests, skipped)| {
            notes.push_str(&super::skipped_notes(&skipped));
            manifests
        })
    };
    let old = match load(old) {
        Ok(manifests) => manifests,
        Err(message) => return Outcome::error(message),
    };
    let new = match load(new) {
        Ok(manifests) => manifests,
        Err(message) => return Outcome::error(message),
    };
    let report = match diff::diff(&old, &new) {
        Ok(report) => report,
        Err(error) => return Outcome::error(format!("error: {error}\n")),
    };
    let stdout = match args.format {
        DiffFormat::Text => diff::format_text(&report, args.color.stdout(terminal)),
        DiffFormat::Json => diff::format_json(&report),
    };
    Outcome {
        stdout,
        stderr: notes,
        code: if report.has_differences() {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        },
    }
}

/// One side of the comparison.
enum Input<'a> {
    /// The built-in spec, rendered.
    BuiltinSpec,
    /// A spec file, rendered.
    Spec(&'a Path),
    /// A manifest file or directory.
    Manifests(&'a Path),
}

impl<'a> Input<'a> {
    /// A spec when the path ends in `.toml` and is not a directory, else manifests.
    fn of(path: &'a Path) -> Self {
        if path.extension().is_some_and(|ext| ext == "toml") && !path.is_dir() {
            Input::Spec(path)
        } else {
            Input::Manifests(path)
        }
    }

    /// The objects of this side and what reading a directory left out, or the message
    /// (diagnostics or an error line) for stderr.
    fn load(&self, style: RenderStyle) -> Result<(Vec<Manifest>, Vec<Skipped>), String> {
        let path = match self {
            Input::BuiltinSpec => None,
            Input::Spec(path) => Some(*path),
            Input::Manifests(path) => {
                if !path.exists() {
                    return Err(format!(
                        "error: cannot read {}: no such file or directory\n",
                        path.display()
                    ));
                }
                return diff::read_manifests(path).map_err(|error| format!("error: {error}\n"));
            }
        };
        let (source, name) = load_spec(path)?;
        let compiled = crate::compile(&source, &name).map_err(|report| report.render(style))?;
        let documents = diff::parse_multi_doc(&compiled.yaml()).map_err(|error: DiffError| {
            format!("error: cannot read the render of {name}: {error}\n")
        })?;
        let source = format!("{} (rendered)", source.name());
        let manifests = documents
            .into_iter()
            .map(|value| Manifest {
                source: source.clone(),
                value,
            })
            .collect();
        Ok((manifests, Vec::new()))
    }
}
