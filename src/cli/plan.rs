//! `p3gen plan`: the capacity and cost of a spec, two specs side by side, or the seed cost-table check.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{Outcome, Terminal, load_spec};
use crate::diagnostic::{Diagnostic, Report, SourceFile};
use crate::model::Pattern;
use crate::plan::{self, CommandLine, Plan};

/// The arguments of `p3gen plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The spec file (TOML); `-` reads it from standard input. Without SPEC, the built-in Pattern 3
    /// spec (patterns/pattern3.toml).
    #[arg(conflicts_with_all = ["compare", "seed_check"])]
    pub spec: Option<PathBuf>,
    /// Compare two specs side by side, B against the baseline A, with the ratios B/A and the scaling efficiency.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub compare: Option<Vec<PathBuf>>,
    /// Recompute the cost table of the seed README from its own inputs: which figures reproduce and which do not.
    #[arg(long, conflicts_with = "compare")]
    pub seed_check: bool,
    /// Sustained requests/s at saturation, measured at matched load (wins over `[plan] throughput`).
    /// With --compare, give two values: A's and B's.
    #[arg(long, value_name = "REQ_PER_S", num_args = 1..=2, allow_negative_numbers = true)]
    pub throughput: Vec<f64>,
    /// The share of the time the throughput is sustained, in (0, 1] (wins over `[plan] utilisation`). Default 1.
    #[arg(long, value_name = "U", allow_negative_numbers = true)]
    pub utilisation: Option<f64>,
    /// Hours per month for the monthly cost (wins over `[plan] hours-per-month`). Default 720.
    #[arg(long, value_name = "H", allow_negative_numbers = true)]
    pub hours_per_month: Option<f64>,
    /// USD per chip-hour (TPU) or GPU-hour, instead of the spec's or the built-in price.
    #[arg(long, value_name = "USD", allow_negative_numbers = true)]
    pub chip_hour_usd: Option<f64>,
    /// USD per node-hour (the whole machine), instead of the spec's or the built-in price.
    #[arg(long, value_name = "USD", allow_negative_numbers = true)]
    pub node_hour_usd: Option<f64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// How `plan` writes its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table with the formulas and their numbers below it.
    Text,
    /// JSON for tools: camelCase keys, `null` for absent figures.
    Json,
}

/// Runs `p3gen plan`.
pub fn run(args: &PlanArgs, terminal: Terminal) -> Outcome {
    if args.seed_check {
        let checks = plan::seed_cost_table_check();
        return Outcome::ok(match args.format {
            Format::Text => plan::format_seed_check(&checks),
            Format::Json => plan::to_json(&checks),
        });
    }
    let command_line = |throughput: Option<f64>| CommandLine {
        chip_hour_usd: args.chip_hour_usd,
        node_hour_usd: args.node_hour_usd,
        throughput,
        utilisation: args.utilisation,
        hours_per_month: args.hours_per_month,
    };
    match &args.compare {
        None => match args.throughput[..] {
            [] => one(args, command_line(None), terminal),
            [throughput] => one(args, command_line(Some(throughput)), terminal),
            _ => Outcome::error(
                "error: --throughput takes one value for one spec (two only with --compare A B)\n"
                    .to_owned(),
            ),
        },
        Some(paths) => {
            let (a_rps, b_rps) = match args.throughput[..] {
                [] => (None, None),
                [a, b] => (Some(a), Some(b)),
                _ => {
                    return Outcome::error(
                        "error: with --compare, --throughput takes two values: A's and B's requests/s\n"
                            .to_owned(),
                    );
                }
            };
            let (Some(a), Some(b)) = (paths.first(), paths.get(1)) else {
                return Outcome::error(
                    "error: --compare takes two spec files, A and B\n".to_owned(),
                );
            };
            let a = match plan_of(Some(a), &command_line(a_rps), terminal) {
                Ok(plan) => plan,
                Err(outcome) => return outcome,
            };
            let b = match plan_of(Some(b), &command_line(b_rps), terminal) {
                Ok(plan) => plan,
                Err(outcome) => return outcome,
            };
            let comparison = plan::compare(&a, &b);
            Outcome::ok(match args.format {
                Format::Text => plan::format_comparison(&comparison),
                Format::Json => plan::to_json(&comparison),
            })
        }
    }
}

/// The plan of SPEC (or the built-in spec) as a table or JSON.
fn one(args: &PlanArgs, command_line: CommandLine, terminal: Terminal) -> Outcome {
    match plan_of(args.spec.as_deref(), &command_line, terminal) {
        Ok(plan) => Outcome::ok(match args.format {
            Format::Text => plan::format_table(&plan),
            Format::Json => plan::to_json(&plan),
        }),
        Err(outcome) => outcome,
    }
}

/// The plan of one spec file (or the built-in spec), or the outcome that reports why there is none.
fn plan_of(
    path: Option<&Path>,
    command_line: &CommandLine,
    terminal: Terminal,
) -> Result<Plan, Outcome> {
    let (source, file_name) = load_spec(path).map_err(Outcome::error)?;
    let fail = |diagnostic: Diagnostic| report(&source, vec![diagnostic], terminal);
    let spec = crate::spec::parse(&source).map_err(|all| report(&source, all, terminal))?;
    let pattern: Pattern =
        crate::model::lower(&spec).map_err(|diagnostics| report(&source, diagnostics, terminal))?;
    let name = format!("{} ({file_name})", pattern.name.get());
    let input = plan::plan_input(&pattern, &name, command_line).map_err(fail)?;
    plan::plan(&input).map_err(|error| fail(plan::diagnose(&error, &pattern, command_line)))
}

fn report(source: &SourceFile, diagnostics: Vec<Diagnostic>, terminal: Terminal) -> Outcome {
    Outcome::error(
        Report {
            source: source.clone(),
            diagnostics,
        }
        .render(terminal.stderr_style),
    )
}
