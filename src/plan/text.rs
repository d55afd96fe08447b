//! Plain-text reports (no colour): one plan, a comparison of two, and the seed cost-table check.

use std::fmt::Write as _;

use super::capacity::{Plan, PriceOrigin};
use super::compare::Comparison;
use super::input::Accelerator;
use super::layout::{columns, exact_number, exact_usd, number, price, ratio, usd};
use super::prices::PriceBasis;
use super::seed_check::{FigureUnit, SeedFigureCheck};

/// The $/1M formula as printed.
const PER_MILLION_FORMULA: &str = "$ per 1M requests = C_h × 1e6 / (3600 × T × u)";

/// Renders one plan as an aligned two-column table, followed by the formulas with their numbers, the price
/// source and the notes. Ends with a newline.
pub fn format_table(plan: &Plan) -> String {
    let device = plan.accelerator.device_word();
    let mut rows = vec![
        row(["replicas (N)", &plan.replicas.to_string()]),
        row(["accelerator", &plan.accelerator.to_string()]),
        row([
            &format!("{device}s per replica"),
            &plan.devices_per_replica.to_string(),
        ]),
        row([&format!("{device}s total"), &plan.devices_total.to_string()]),
        row(["machine type", &plan.machine_type]),
        row([
            "nodes",
            &format!("{} ({} per replica)", plan.nodes, plan.nodes_per_replica),
        ]),
        row(["price", &price_text(plan)]),
        row(["cost per hour (C_h)", &usd(plan.cost_per_hour_usd)]),
        row([
            "cost per month (C_month)",
            &format!(
                "{} (H = {} h)",
                usd(plan.cost_per_month_usd),
                number(plan.hours_per_month)
            ),
        ]),
    ];
    if let Some(at_max) = &plan.at_max_replicas {
        let n = at_max.replicas;
        rows[0] = row([
            "replicas (N)",
            &format!("{} (autoscaled up to {n})", plan.replicas),
        ]);
        rows.push(row([
            &format!("at {n} replicas"),
            &format!("{} {device}s, {} nodes", at_max.devices_total, at_max.nodes),
        ]));
        rows.push(row([
            &format!("cost per hour at {n}"),
            &usd(at_max.cost_per_hour_usd),
        ]));
        rows.push(row([
            &format!("cost per month at {n}"),
            &usd(at_max.cost_per_month_usd),
        ]));
    }
    match (plan.throughput_rps, plan.cost_per_million_requests_usd) {
        (Some(t), Some(per_million)) => {
            rows.push(row(["throughput (T)", &format!("{} req/s", number(t))]));
            rows.push(row(["utilisation (u)", &number(plan.utilisation)]));
            rows.push(row(["$ per 1M requests", &usd(per_million)]));
        }
        _ => {
            rows.push(row(["throughput (T)", "not given"]));
            rows.push(row([
                "$ per 1M requests",
                "not computed (needs a throughput)",
            ]));
        }
    }

    let mut out = format!("Plan for {}\n\n", plan.name);
    out.push_str(&columns(&rows, "  "));
    let _ = writeln!(
        out,
        "\nFormulas (H = {} hours per month):",
        number(plan.hours_per_month)
    );
    out.push_str(&columns(&formula_rows(plan), "  "));
    let _ = writeln!(out, "\nPrice source: {}", plan.price.source);
    push_notes(&mut out, &plan.notes);
    out
}

/// Renders two plans side by side with the ratios B/A, the scaling efficiency η with its formula, the
/// formulas and the notes. Ends with a newline.
pub fn format_comparison(c: &Comparison) -> String {
    let (a, b, r) = (&c.a, &c.b, &c.ratios);
    let devices = match (&a.accelerator, &b.accelerator) {
        (Accelerator::Tpu { .. }, Accelerator::Tpu { .. }) => "chips total",
        (Accelerator::Gpu { .. }, Accelerator::Gpu { .. }) => "GPUs total",
        _ => "chips / GPUs total",
    };
    let optional =
        |value: Option<f64>, show: fn(f64) -> String| value.map_or("—".to_string(), show);
    let ratio_cell = |value: Option<f64>| value.map_or(String::new(), ratio);
    let rows = vec![
        row(["", "A", "B", "B/A"]),
        row([
            "replicas (N)",
            &a.replicas.to_string(),
            &b.replicas.to_string(),
            &ratio_cell(r.replicas),
        ]),
        row([
            "accelerator",
            &a.accelerator.to_string(),
            &b.accelerator.to_string(),
            "",
        ]),
        row([
            devices,
            &a.devices_total.to_string(),
            &b.devices_total.to_string(),
            &ratio_cell(r.devices_total),
        ]),
        row(["machine type", &a.machine_type, &b.machine_type, ""]),
        row(["nodes", &a.nodes.to_string(), &b.nodes.to_string(), ""]),
        row(["price", &short_price(a), &short_price(b), ""]),
        row([
            "throughput (T, req/s)",
            &optional(a.throughput_rps, number),
            &optional(b.throughput_rps, number),
            &ratio_cell(r.throughput),
        ]),
        row([
            "utilisation (u)",
            &number(a.utilisation),
            &number(b.utilisation),
            "",
        ]),
        row([
            "cost per hour (C_h)",
            &usd(a.cost_per_hour_usd),
            &usd(b.cost_per_hour_usd),
            &ratio_cell(r.cost_per_hour),
        ]),
        row([
            "cost per month (C_month)",
            &usd(a.cost_per_month_usd),
            &usd(b.cost_per_month_usd),
            &ratio_cell(r.cost_per_month),
        ]),
        row([
            "$ per 1M requests",
            &optional(a.cost_per_million_requests_usd, usd),
            &optional(b.cost_per_million_requests_usd, usd),
            &ratio_cell(r.cost_per_million_requests),
        ]),
    ];

    let mut out = format!("Comparison: A = {}, B = {}\n\n", a.name, b.name);
    out.push_str(&columns(&rows, "  "));
    out.push('\n');
    match (c.scaling_efficiency, a.throughput_rps, b.throughput_rps) {
        (Some(eta), Some(ta), Some(tb)) => {
            let _ = writeln!(
                out,
                "Scaling efficiency η = T_B / ((N_B / N_A) × T_A) = {} / (({} / {}) × {}) = {:.3} ({:.1}%)",
                number(tb),
                b.replicas,
                a.replicas,
                number(ta),
                eta,
                eta * 100.0
            );
        }
        _ => out.push_str(
            "Scaling efficiency η = T_B / ((N_B / N_A) × T_A): not computed (see notes)\n",
        ),
    }
    let hours = if a.hours_per_month == b.hours_per_month {
        format!("H = {} hours per month", number(a.hours_per_month))
    } else {
        format!(
            "H = {} hours per month for A, {} for B",
            number(a.hours_per_month),
            number(b.hours_per_month)
        )
    };
    let _ = writeln!(out, "\nFormulas ({hours}):");
    out.push_str(&columns(
        &[
            row(["C_h", "= billed units × price per unit-hour"]),
            row(["C_month", "= C_h × H"]),
            row(["$ per 1M requests", "= C_h × 1e6 / (3600 × T × u)"]),
        ],
        "  ",
    ));
    if a.price.source == b.price.source {
        let _ = writeln!(out, "\nPrice source (A and B): {}", a.price.source);
    } else {
        let _ = writeln!(
            out,
            "\nPrice sources:\n  A: {}\n  B: {}",
            a.price.source, b.price.source
        );
    }
    let mut notes: Vec<String> = c.notes.clone();
    notes.extend(side_notes(&a.notes, &b.notes));
    push_notes(&mut out, &notes);
    out
}

/// The notes of both plans, each prefixed by the side it belongs to; a note both share is listed once.
fn side_notes(a: &[String], b: &[String]) -> Vec<String> {
    let mut notes: Vec<String> = a
        .iter()
        .map(|note| {
            let side = if b.contains(note) { "A and B" } else { "A" };
            format!("{side}: {note}")
        })
        .collect();
    notes.extend(
        b.iter()
            .filter(|note| !a.contains(note))
            .map(|note| format!("B: {note}")),
    );
    notes
}

/// Renders the seed cost-table check as a numbered table with the notes below it. Ends with a newline.
pub fn format_seed_check(checks: &[SeedFigureCheck]) -> String {
    let mut rows = vec![row(["#", "figure", "claimed", "computed", "reproduces"])];
    for (i, check) in checks.iter().enumerate() {
        rows.push(row([
            &(i + 1).to_string(),
            &check.figure,
            &check.claimed_text,
            &figure_value(check.computed, check.unit),
            if check.reproduces { "yes" } else { "no" },
        ]));
    }
    let mut out = String::from(
        "Seed README cost table (pattern3-caching/README.md), recomputed from its own inputs\n\n",
    );
    out.push_str(&columns(&rows, "  "));
    out.push_str(
        "\nA figure reproduces if the computed value rounds to it at the precision it is written with.\n",
    );
    let _ = writeln!(
        out,
        "Formulas: C_month = C_h × H with H = 720 h; {PER_MILLION_FORMULA} with u = 1."
    );
    out.push_str("\nNotes:\n");
    for (i, check) in checks.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", i + 1, check.note);
    }
    out
}

/// The price cell of a single plan: `$2.70 per chip-hour (built-in table, estimate)`.
fn price_text(plan: &Plan) -> String {
    let origin = match plan.price.origin {
        PriceOrigin::Table => "built-in table",
        PriceOrigin::Override => "override",
    };
    let estimate = if plan.price.estimate {
        ", estimate"
    } else {
        ""
    };
    format!(
        "{} per {} ({origin}{estimate})",
        price(plan.price.usd_per_hour),
        unit_hour(plan)
    )
}

/// The price cell of a comparison column: `$2.70/chip-hour`.
fn short_price(plan: &Plan) -> String {
    format!("{}/{}", price(plan.price.usd_per_hour), unit_hour(plan))
}

/// `chip-hour`, `GPU-hour` or `node-hour`.
fn unit_hour(plan: &Plan) -> String {
    match plan.price.basis {
        PriceBasis::ChipHour => format!("{}-hour", plan.accelerator.device_word()),
        PriceBasis::NodeHour => PriceBasis::NodeHour.as_str().to_string(),
    }
}

/// The formula lines of one plan, each with its numbers filled in.
fn formula_rows(plan: &Plan) -> Vec<Vec<String>> {
    let units = match plan.price.basis {
        PriceBasis::ChipHour => format!("billed {}s", plan.accelerator.device_word()),
        PriceBasis::NodeHour => "nodes".to_string(),
    };
    let mut rows = vec![
        row([
            "C_h",
            &format!(
                "= {units} × price = {} × {} = {}",
                plan.billed_units,
                exact_usd(plan.price.usd_per_hour),
                exact_usd(plan.cost_per_hour_usd)
            ),
        ]),
        row([
            "C_month",
            &format!(
                "= C_h × H = {} × {} = {}",
                exact_usd(plan.cost_per_hour_usd),
                exact_number(plan.hours_per_month),
                usd(plan.cost_per_month_usd)
            ),
        ]),
    ];
    let per_million = match (plan.throughput_rps, plan.cost_per_million_requests_usd) {
        (Some(t), Some(value)) => format!(
            "= C_h × 1e6 / (3600 × T × u) = {} × 1e6 / (3600 × {} × {}) = {}",
            exact_usd(plan.cost_per_hour_usd),
            exact_number(t),
            exact_number(plan.utilisation),
            usd(value)
        ),
        _ => "= C_h × 1e6 / (3600 × T × u), once a throughput T is given".to_string(),
    };
    rows.push(row(["$ per 1M requests", &per_million]));
    rows
}

/// A computed seed figure in the unit of its claim.
fn figure_value(value: f64, unit: FigureUnit) -> String {
    match unit {
        FigureUnit::UsdPerHour => format!("{}/hour", usd(value)),
        FigureUnit::UsdPerMonth => format!("{}/month", usd(value)),
        FigureUnit::UsdPerMillionRequests => usd(value),
        FigureUnit::Ratio => format!("{value:.3}×"),
        FigureUnit::Percent => format!("{value:+.2}%"),
    }
}

/// Appends a "Notes:" list, or nothing when there are none.
fn push_notes(out: &mut String, notes: &[String]) {
    if notes.is_empty() {
        return;
    }
    out.push_str("\nNotes:\n");
    for note in notes {
        let _ = writeln!(out, "  - {note}");
    }
}

/// One table row from string slices.
fn row<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|cell| (*cell).to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::capacity::plan;
    use crate::plan::compare::compare;
    use crate::plan::input::PlanInput;
    use crate::plan::seed_check::seed_cost_table_check;
    use crate::plan::testing::v6e;

    #[test]
    fn table_of_the_reference_deployment() {
        let expected = "\
Plan for qwen2-3b-pattern3

  replicas (N)              3
  accelerator               TPU v6e 2x2
  chips per replica         4
  chips total               12
  machine type              ct6e-standard-4t
  nodes                     3 (1 per replica)
  price                     $2.70 per chip-hour (built-in table, estimate)
  cost per hour (C_h)       $32.40
  cost per month (C_month)  $23,328.00 (H = 720 h)
  throughput (T)            21 req/s
  utilisation (u)           1
  $ per 1M requests         $428.57

Formulas (H = 720 hours per month):
  C_h                = billed chips × price = 12 × $2.70 = $32.40
  C_month            = C_h × H = $32.40 × 720 = $23,328.00
  $ per 1M requests  = C_h × 1e6 / (3600 × T × u) = $32.40 × 1e6 / (3600 × 21 × 1) = $428.57

Price source: built-in table: two independent public quotes, US on demand, 3-year CUD $1.22 (p3gen domain reference §9), undated; estimate / unverified against the official pricing page; verify at https://cloud.google.com/tpu/pricing

Notes:
  - $ per 1M requests assumes T is the sustained throughput at saturation, kept up for the share u of the time
";
        assert_eq!(
            format_table(&v6e("qwen2-3b-pattern3", 3, Some(21.0))),
            expected
        );
    }

    #[test]
    fn table_without_throughput_with_a_gpu_override() {
        let mut input = PlanInput::new(
            "l4",
            2,
            Accelerator::Gpu {
                accelerator_type: "nvidia-l4".into(),
                count: 1,
                machine_type: "g2-standard-8".into(),
            },
        );
        input.prices.node_hour_usd = Some(0.85);
        input.hours_per_month = 730.0;
        let Ok(plan) = plan(&input) else {
            panic!("override rejected")
        };
        let expected = "\
Plan for l4

  replicas (N)              2
  accelerator               GPU nvidia-l4 × 1
  GPUs per replica          1
  GPUs total                2
  machine type              g2-standard-8
  nodes                     2 (1 per replica)
  price                     $0.85 per node-hour (override)
  cost per hour (C_h)       $1.70
  cost per month (C_month)  $1,241.00 (H = 730 h)
  throughput (T)            not given
  $ per 1M requests         not computed (needs a throughput)

Formulas (H = 730 hours per month):
  C_h                = nodes × price = 2 × $0.85 = $1.70
  C_month            = C_h × H = $1.70 × 730 = $1,241.00
  $ per 1M requests  = C_h × 1e6 / (3600 × T × u), once a throughput T is given

Price source: node-hour-usd given in the spec's [plan] section or on the command line
";
        assert_eq!(format_table(&plan), expected);
    }

    #[test]
    fn comparison_of_one_and_three_replicas() {
        let c = compare(&v6e("p1", 1, Some(7.5)), &v6e("p3", 3, Some(21.0)));
        let text = format_comparison(&c);
        let head = "\
Comparison: A = p1, B = p3

                            A                 B                 B/A
  replicas (N)              1                 3                 3.00×
  accelerator               TPU v6e 2x2       TPU v6e 2x2
  chips total               4                 12                3.00×
  machine type              ct6e-standard-4t  ct6e-standard-4t
  nodes                     1                 3
  price                     $2.70/chip-hour   $2.70/chip-hour
  throughput (T, req/s)     7.5               21                2.80×
  utilisation (u)           1                 1
  cost per hour (C_h)       $10.80            $32.40            3.00×
  cost per month (C_month)  $7,776.00         $23,328.00        3.00×
  $ per 1M requests         $400.00           $428.57           1.07×

Scaling efficiency η = T_B / ((N_B / N_A) × T_A) = 21 / ((3 / 1) × 7.5) = 0.933 (93.3%)

Formulas (H = 720 hours per month):
  C_h                = billed units × price per unit-hour
  C_month            = C_h × H
  $ per 1M requests  = C_h × 1e6 / (3600 × T × u)
";
        assert!(text.starts_with(head), "{text}");
        assert!(
            text.contains("\nNotes:\n  - η is meaningful only if"),
            "{text}"
        );
        assert!(
            text.contains("\nPrice source (A and B): built-in table: two independent"),
            "{text}"
        );
        assert!(
            text.contains("  - A and B: $ per 1M requests assumes"),
            "{text}"
        );
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn comparison_without_eta_says_why() {
        let c = compare(&v6e("p1", 1, None), &v6e("p3", 3, Some(21.0)));
        let text = format_comparison(&c);
        assert!(
            text.contains("  throughput (T, req/s)     —                 21\n"),
            "{text}"
        );
        assert!(text.contains("η = T_B / ((N_B / N_A) × T_A): not computed (see notes)"));
        assert!(text.contains("need a throughput for both A and B"));
    }

    #[test]
    fn formulas_print_the_numbers_really_multiplied() {
        // 2 × $11.0612 is $22.1224; printing $22.12 × 720 = $15,928.13 would not add up.
        let input = PlanInput::new(
            "h100",
            2,
            Accelerator::Gpu {
                accelerator_type: "nvidia-h100-80gb".into(),
                count: 1,
                machine_type: "a3-highgpu-1g".into(),
            },
        );
        let Ok(plan) = plan(&input) else {
            panic!("table price missing")
        };
        let text = format_table(&plan);
        assert!(
            text.contains("= nodes × price = 2 × $11.0612 = $22.1224\n"),
            "{text}"
        );
        assert!(
            text.contains("= C_h × H = $22.1224 × 720 = $15,928.13\n"),
            "{text}"
        );
        assert!(
            text.contains("cost per hour (C_h)       $22.12\n"),
            "{text}"
        );
        assert_eq!(plan.cost_per_month_usd.to_string(), "15928.128");
    }

    #[test]
    fn comparison_lists_each_sides_own_notes_and_prices() {
        let mut input = PlanInput::new(
            "h100",
            1,
            Accelerator::Gpu {
                accelerator_type: "nvidia-h100-80gb".into(),
                count: 1,
                machine_type: "a3-highgpu-1g".into(),
            },
        );
        input.throughput_rps = Some(30.0);
        let Ok(gpu) = plan(&input) else {
            panic!("table price missing")
        };
        let text = format_comparison(&compare(&gpu, &v6e("p3", 3, None)));
        assert!(
            text.contains("  A: built-in table: public price table, us-central1"),
            "{text}"
        );
        assert!(
            text.contains("  B: built-in table: two independent public quotes"),
            "{text}"
        );
        assert!(text.contains("  chips / GPUs total "), "{text}");
        assert!(text.contains("  - A: $ per 1M requests assumes"), "{text}");
        assert!(
            text.contains("  - A and B use different accelerators"),
            "{text}"
        );
    }

    #[test]
    fn seed_check_table() {
        let text = format_seed_check(&seed_cost_table_check());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines.first().copied(),
            Some(
                "Seed README cost table (pattern3-caching/README.md), recomputed from its own inputs"
            )
        );
        assert!(
            text.contains("  3   Pattern 3 cost per month ($15.74/h × 720 h)   "),
            "{text}"
        );
        assert!(
            lines.iter().any(|l| l.starts_with("  3 ")
                && l.contains("$11,336/month")
                && l.contains("$11,332.80/month")
                && l.ends_with("no")),
            "{text}"
        );
        assert!(
            lines.iter().any(|l| l.starts_with("  2 ")
                && l.contains("$3,960.00/month")
                && l.ends_with("yes")),
            "{text}"
        );
        assert!(text.contains("  7. with the table's serial throughput the formula gives $794.95"));
    }
}
