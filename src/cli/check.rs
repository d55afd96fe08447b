//! `p3gen check`: every spec rendered and compared with its golden file, byte for byte, by the same
//! code as the golden-file test. What a pre-commit hook or a CI job runs.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;

use super::{
    ColorMode, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, JobsArgs, Outcome, ReportArgs, Terminal,
    compile_fleet_spec, fleet_failure,
};
use crate::fleet::{self, ProgressFn};
use crate::output::diff::format_unified_diff;
use crate::output::golden::{self, Finding, Rendered};
use crate::target::TargetOverride;
use crate::validate::Levels;

/// The arguments of `p3gen check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The specs to check, files or directories of them; default every `*.toml` in the patterns
    /// directory, and then a golden file without a spec is an error too.
    #[arg(value_name = "SPEC")]
    pub specs: Vec<PathBuf>,
    /// The directory of specs.
    #[arg(long, value_name = "DIR", default_value = "patterns")]
    pub patterns: PathBuf,
    /// The directory of golden files (`<spec name>.yaml`).
    #[arg(long, value_name = "DIR", default_value = "golden")]
    pub golden: PathBuf,
    /// Rewrite stale and missing golden files instead of failing on them (nothing is written when
    /// any spec is bad).
    #[arg(long)]
    pub update: bool,
    /// Colour the diffs.
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorMode,
    /// How many specs to work on at once.
    #[command(flatten)]
    pub jobs: JobsArgs,
    /// How findings are written.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Runs `p3gen check`: exit code 0 when every golden file is current, 1 when any is stale, missing
/// or without a spec, 2 when a spec is bad or a directory cannot be read. A bad spec does not stop
/// the others from being checked; the exit code is the worst of all.
pub fn run(args: &CheckArgs, terminal: Terminal, progress: ProgressFn<'_>) -> Outcome {
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
        match fleet::spec_paths(&args.specs) {
            Ok(specs) => specs,
            Err(error) => return Outcome::error(format!("error: {error}\n")),
        }
    };

    let style = args.color.stderr(terminal);
    let results = fleet::run(
        &specs,
        args.jobs.get(),
        "checking specs",
        progress,
        |path| {
            compile_fleet_spec(
                path,
                &TargetOverride::default(),
                &Levels::new(),
                style,
                args.report,
            )
            .map(|spec| spec.compiled.yaml())
        },
    );
    let mut rendered = Vec::with_capacity(specs.len());
    let mut failed = Vec::new();
    let mut stderr = String::new();
    for (spec, result) in specs.iter().zip(results) {
        match result {
            Ok(yaml) => rendered.push(Rendered {
                spec: spec.clone(),
                yaml,
            }),
            Err(message) => {
                stderr.push_str(&message);
                failed.push(spec.as_path());
            }
        }
    }
    let worst = if failed.is_empty() {
        EXIT_OK
    } else {
        let consequence = if args.update {
            "nothing written; the others were checked"
        } else {
            "the others were checked"
        };
        stderr.push_str(&fleet_failure(&failed, specs.len(), consequence));
        EXIT_ERROR
    };

    let mut stdout = String::new();
    if args.update && failed.is_empty() {
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
                "{stderr}error: cannot read {}: {error}\n",
                args.golden.display()
            ));
        }
    };
    // A bad spec's golden file is not an orphan: its spec is there, only it does not compile.
    let failed_golden: Vec<PathBuf> = failed
        .iter()
        .map(|spec| golden::golden_path(&args.golden, spec))
        .collect();
    let findings: Vec<Finding> = findings
        .into_iter()
        .filter(|finding| !matches!(finding, Finding::Orphan { golden } if failed_golden.contains(golden)))
        .collect();

    let color = args.color.stdout(terminal);
    for finding in &findings {
        match finding {
            Finding::Stale { diff, .. } => stdout.push_str(&format_unified_diff(diff, color)),
            other => stdout.push_str(&other.to_string()),
        }
    }
    let orphans: Vec<PathBuf> = findings
        .iter()
        .filter_map(|finding| match finding {
            Finding::Orphan { golden } => Some(golden.clone()),
            _ => None,
        })
        .collect();
    let missing = findings
        .iter()
        .filter(|finding| matches!(finding, Finding::Missing { .. }))
        .count();
    let stale = findings.len() - orphans.len() - missing;
    let code = if findings.is_empty() {
        worst
    } else {
        worst.max(EXIT_FINDINGS)
    };
    if args.report.quiet {
        return Outcome {
            stdout,
            stderr,
            code,
        };
    }
    // The golden files there are: those of the rendered specs that have one, and the orphans.
    let golden_files = plural(rendered.len() - missing + orphans.len(), "golden file");
    if findings.is_empty() {
        let _ = writeln!(stdout, "{golden_files} up to date");
        return Outcome {
            stdout,
            stderr,
            code,
        };
    }
    let _ = writeln!(
        stdout,
        "{} in {golden_files}: {stale} stale, {missing} missing, {} without a spec",
        plural(findings.len(), "problem"),
        orphans.len()
    );
    if stale + missing > 0 {
        stdout.push_str("`p3gen check --update` rewrites the stale and missing ones\n");
    }
    if !orphans.is_empty() {
        let _ = writeln!(
            stdout,
            "remove the golden files without a spec: {}",
            golden::removal_command(&args.golden, &orphans)
        );
    }
    Outcome {
        stdout,
        stderr,
        code,
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
