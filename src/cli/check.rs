//! `p3gen check`: every spec rendered and compared with its golden file, byte for byte, by the same
//! code as the golden-file test. What a pre-commit hook or a CI job runs.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;

use super::{ColorMode, EXIT_FINDINGS, Outcome, Terminal, load_spec};
use crate::output::diff::format_unified_diff;
use crate::output::golden::{self, Finding, Rendered};

/// The arguments of `p3gen check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The specs to check; default every `*.toml` in the patterns directory, and then a golden file
    /// without a spec is an error too.
    #[arg(value_name = "SPEC")]
    pub specs: Vec<PathBuf>,
    /// The directory of specs.
    #[arg(long, value_name = "DIR", default_value = "patterns")]
    pub patterns: PathBuf,
    /// The directory of golden files (`<spec name>.yaml`).
    #[arg(long, value_name = "DIR", default_value = "golden")]
    pub golden: PathBuf,
    /// Rewrite stale and missing golden files instead of failing on them.
    #[arg(long)]
    pub update: bool,
    /// Colour the diffs.
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorMode,
}

/// Runs `p3gen check`: exit code 0 when every golden file is current, 1 when any is stale, missing
/// or without a spec, 2 when a spec is bad or a directory cannot be read.
pub fn run(args: &CheckArgs, terminal: Terminal) -> Outcome {
    let all_specs = args.specs.is_empty();
    let specs = if all_specs {
        match golden::spec_files(&args.patterns) {
            Ok(specs) if specs.is_empty() => {
                return Outcome::error(format!(
                    "error: no specs (*.toml) in {}\n",
                    args.patterns.display()
                ));
            }
            Ok(specs) => specs,
            Err(error) => {
                return Outcome::error(format!(
                    "error: cannot read {}: {error}\n",
                    args.patterns.display()
                ));
            }
        }
    } else {
        args.specs.clone()
    };

    let mut rendered = Vec::with_capacity(specs.len());
    let mut errors = String::new();
    for spec in specs {
        let compiled = load_spec(Some(&spec)).and_then(|(source, name)| {
            crate::compile(&source, &name)
                .map_err(|report| report.render(args.color.stderr(terminal)))
        });
        match compiled {
            Ok(compiled) => rendered.push(Rendered {
                spec,
                yaml: compiled.yaml,
            }),
            Err(message) => errors.push_str(&message),
        }
    }
    if !errors.is_empty() {
        return Outcome::error(errors);
    }

    let mut stdout = String::new();
    if args.update {
        match golden::update(&args.golden, &rendered) {
            Ok(written) => {
                for path in written {
                    let _ = writeln!(stdout, "wrote {}", path.display());
                }
            }
            Err(error) => {
                return Outcome::error(format!(
                    "error: cannot write into {}: {error}\n",
                    args.golden.display()
                ));
            }
        }
    }
    let findings = match golden::check(&args.golden, &rendered, all_specs) {
        Ok(findings) => findings,
        Err(error) => {
            return Outcome::error(format!(
                "error: cannot read {}: {error}\n",
                args.golden.display()
            ));
        }
    };

    let color = args.color.stdout(terminal);
    for finding in &findings {
        match finding {
            Finding::Stale { diff, .. } => stdout.push_str(&format_unified_diff(diff, color)),
            other => stdout.push_str(&other.to_string()),
        }
    }
    let checked = rendered.len();
    let files = if checked == 1 { "file" } else { "files" };
    if findings.is_empty() {
        let _ = writeln!(stdout, "{checked} golden {files} up to date");
        return Outcome::ok(stdout);
    }
    let problems = if findings.len() == 1 {
        "problem"
    } else {
        "problems"
    };
    let _ = writeln!(
        stdout,
        "{} {problems} in {checked} golden {files}; `p3gen check --update` rewrites stale and missing ones",
        findings.len()
    );
    Outcome {
        stdout,
        stderr: String::new(),
        code: EXIT_FINDINGS,
    }
}
