//! `p3gen plan` end to end: the real binary on the patterns, checked against hand-computed figures.

use crate::common;

use common::{root, run};
use serde_json::Value;

/// Runs `p3gen ARGS` in the crate root: (stdout, stderr, exit code).
fn p3gen(args: &[&str]) -> (String, String, i32) {
    let (code, stdout, stderr) = run(common::p3gen().args(args).current_dir(root()));
    (stdout, stderr, code)
}

fn json(args: &[&str]) -> Value {
    let (stdout, stderr, code) = p3gen(args);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn close(value: &Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() < 1e-6)
}

/// A spec file in a fresh temporary directory, removed when dropped.
struct TempSpec {
    dir: tempfile::TempDir,
    name: String,
}

impl TempSpec {
    fn new(name: &str, text: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let name = format!("{name}.toml");
        std::fs::write(dir.path().join(&name), text).unwrap();
        TempSpec { dir, name }
    }

    fn path(&self) -> String {
        self.dir.path().join(&self.name).display().to_string()
    }
}

/// patterns/pattern3.toml with extra TOML appended (a `[plan]` table, say).
fn pattern3_with(extra: &str) -> String {
    let base = std::fs::read_to_string(root().join("patterns/pattern3.toml")).unwrap();
    format!("{base}\n{extra}\n")
}

#[test]
fn table_of_the_reference_pattern() {
    let (stdout, stderr, code) = p3gen(&["plan", "patterns/pattern3.toml"]);
    assert_eq!(code, 0, "{stderr}");
    // 3 replicas × 2x2 = 12 chips on 3 ct6e-standard-4t nodes; 12 × $2.70 = $32.40/h; × 720 = $23,328.
    for line in [
        "Plan for qwen2-3b-pattern3 (pattern3.toml)",
        "  replicas (N)              3\n",
        "  accelerator               TPU v6e 2x2\n",
        "  chips per replica         4\n",
        "  chips total               12\n",
        "  machine type              ct6e-standard-4t\n",
        "  nodes                     3 (1 per replica)\n",
        "  price                     $2.70 per chip-hour (built-in table, estimate)\n",
        "  cost per hour (C_h)       $32.40\n",
        "  cost per month (C_month)  $23,328.00 (H = 720 h)\n",
        "  $ per 1M requests         not computed (needs a throughput)\n",
        "unverified against the official pricing page",
    ] {
        assert!(stdout.contains(line), "missing {line:?} in\n{stdout}");
    }
}

#[test]
fn the_builtin_spec_is_planned_without_an_argument() {
    let (with_path, _, _) = p3gen(&["plan", "patterns/pattern3.toml"]);
    let (builtin, stderr, code) = p3gen(&["plan"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(builtin, with_path);
}

#[test]
fn throughput_gives_the_cost_per_million_requests_with_its_formula() {
    let (stdout, stderr, code) = p3gen(&["plan", "patterns/pattern3.toml", "--throughput", "21"]);
    assert_eq!(code, 0, "{stderr}");
    // 32.40 × 1e6 / (3600 × 21) = 428.571…
    assert!(
        stdout.contains("  $ per 1M requests         $428.57\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("= C_h × 1e6 / (3600 × T × u) = $32.40 × 1e6 / (3600 × 21 × 1) = $428.57"),
        "{stdout}"
    );
    // u = 0.8 divides T: 428.571… / 0.8 = 535.714…
    let plan = json(&[
        "plan",
        "patterns/pattern3.toml",
        "--throughput",
        "21",
        "--utilisation",
        "0.8",
        "--format",
        "json",
    ]);
    assert!(
        close(&plan["costPerMillionRequestsUsd"], 535.714_285_714),
        "{plan}"
    );
}

#[test]
fn json_carries_every_figure() {
    let plan = json(&["plan", "patterns/pattern3.toml", "--format", "json"]);
    assert_eq!(plan["replicas"], 3);
    assert_eq!(plan["devicesPerReplica"], 4);
    assert_eq!(plan["devicesTotal"], 12);
    assert_eq!(plan["nodes"], 3);
    assert_eq!(plan["machineType"], "ct6e-standard-4t");
    assert_eq!(plan["accelerator"]["topology"], "2x2");
    assert_eq!(plan["price"]["basis"], "chip-hour");
    assert_eq!(plan["price"]["origin"], "table");
    assert_eq!(plan["price"]["estimate"], true);
    assert!(close(&plan["price"]["usdPerHour"], 2.70));
    assert!(close(&plan["costPerHourUsd"], 32.40));
    assert!(close(&plan["hoursPerMonth"], 720.0));
    assert!(close(&plan["costPerMonthUsd"], 23_328.0));
    assert_eq!(plan["costPerMillionRequestsUsd"], Value::Null);
}

#[test]
fn the_seed_rates_reproduce_the_seed_figures_through_the_cli() {
    // Pattern 1 at the seed's $5.50 per node-hour and its batched 7.5 req/s: $3,960/month, $203.70 per 1M.
    let p1 = json(&[
        "plan",
        "examples/pattern1.toml",
        "--node-hour-usd",
        "5.50",
        "--throughput",
        "7.5",
        "--format",
        "json",
    ]);
    assert!(close(&p1["costPerMonthUsd"], 3960.0), "{p1}");
    assert!(
        p1["costPerMillionRequestsUsd"]
            .as_f64()
            .is_some_and(|v| (v - 203.70).abs() < 0.005),
        "{p1}"
    );
    assert_eq!(p1["price"]["origin"], "override");
    assert_eq!(p1["price"]["estimate"], false);
    // Pattern 3 at $15.74 for 12 chips: $11,332.80/month — not the seed's $11,336.
    let p3 = json(&[
        "plan",
        "patterns/pattern3.toml",
        "--chip-hour-usd",
        &(15.74 / 12.0).to_string(),
        "--throughput",
        "21",
        "--format",
        "json",
    ]);
    assert!(close(&p3["costPerMonthUsd"], 11_332.80), "{p3}");
    assert!(
        p3["costPerMillionRequestsUsd"]
            .as_f64()
            .is_some_and(|v| (v - 208.20).abs() < 0.005),
        "{p3}"
    );
}

#[test]
fn seed_check_lists_which_figures_reproduce() {
    let (stdout, stderr, code) = p3gen(&["plan", "--seed-check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("$11,336/month  $11,332.80/month  no"),
        "{stdout}"
    );
    assert!(
        stdout.contains("$3,960/month   $3,960.00/month   yes"),
        "{stdout}"
    );
    let checks = json(&["plan", "--seed-check", "--format", "json"]);
    let reproduces: Vec<bool> = checks
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["reproduces"].as_bool().unwrap())
        .collect();
    let yes: Vec<usize> = (1..=reproduces.len())
        .filter(|i| reproduces[i - 1])
        .collect();
    // $3,960/month, $203.70 and $208.20 (batched T), +2.2%, 2.9× cost, 3.0×, 2.7× and 2.9× throughput.
    assert_eq!(yes, [2, 4, 5, 8, 9, 11, 12, 13]);
}

#[test]
fn compare_pattern1_with_pattern3() {
    let args = [
        "plan",
        "--compare",
        "examples/pattern1.toml",
        "patterns/pattern3.toml",
        "--throughput",
        "7.5",
        "21",
    ];
    let (stdout, stderr, code) = p3gen(&args);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("  cost per hour (C_h)       $10.80            $32.40            3.00×\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  $ per 1M requests         $400.00           $428.57           1.07×\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("η = T_B / ((N_B / N_A) × T_A) = 21 / ((3 / 1) × 7.5) = 0.933 (93.3%)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("never use serial (c = 1) figures"),
        "{stdout}"
    );

    let c = json(&[&args[..], &["--format", "json"]].concat());
    assert!(close(&c["ratios"]["throughput"], 2.8), "{c}");
    assert!(close(&c["ratios"]["costPerHour"], 3.0), "{c}");
    assert!(
        close(
            &c["ratios"]["costPerMillionRequests"],
            428.571_428_571 / 400.0
        ),
        "{c}"
    );
    assert!(close(&c["scalingEfficiency"], 21.0 / 22.5), "{c}");
}

#[test]
fn compare_without_throughputs_gives_no_efficiency() {
    let c = json(&[
        "plan",
        "--compare",
        "examples/pattern1.toml",
        "patterns/pattern3.toml",
        "--format",
        "json",
    ]);
    assert_eq!(c["scalingEfficiency"], Value::Null);
    assert_eq!(c["ratios"]["throughput"], Value::Null);
    assert!(close(&c["ratios"]["costPerMonth"], 3.0), "{c}");
}

#[test]
fn the_spec_plan_table_is_used_and_the_command_line_wins() {
    let spec = TempSpec::new(
        "plan-table",
        &pattern3_with("[plan]\nchip-hour-usd = 1.0\nthroughput = 10.0\nhours-per-month = 730"),
    );
    let plan = json(&["plan", &spec.path(), "--format", "json"]);
    // 12 chips × $1 = $12/h; × 730 = $8,760; 12e6 / 36 000 = $333.33 per 1M.
    assert!(close(&plan["costPerHourUsd"], 12.0), "{plan}");
    assert!(close(&plan["costPerMonthUsd"], 8760.0), "{plan}");
    assert!(
        close(&plan["costPerMillionRequestsUsd"], 12e6 / 36_000.0),
        "{plan}"
    );
    assert_eq!(plan["price"]["origin"], "override");

    let plan = json(&[
        "plan",
        &spec.path(),
        "--throughput",
        "20",
        "--node-hour-usd",
        "5",
        "--hours-per-month",
        "720",
        "--format",
        "json",
    ]);
    // The command-line node price replaces the spec's chip price: 3 nodes × $5 = $15/h.
    assert_eq!(plan["price"]["basis"], "node-hour");
    assert!(close(&plan["costPerHourUsd"], 15.0), "{plan}");
    assert!(close(&plan["costPerMonthUsd"], 10_800.0), "{plan}");
    assert!(
        close(&plan["costPerMillionRequestsUsd"], 15e6 / 72_000.0),
        "{plan}"
    );
}

#[test]
fn a_gpu_pattern_needs_a_price_for_an_unlisted_machine() {
    let (stdout, stderr, code) = p3gen(&["plan", "patterns/pattern3-gpu.toml"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("P3702"), "{stderr}");
    assert!(stderr.contains("`g2-standard-8`"), "{stderr}");
    assert!(stderr.contains("pattern3-gpu.toml:"), "{stderr}");

    let plan = json(&[
        "plan",
        "patterns/pattern3-gpu.toml",
        "--node-hour-usd",
        "0.85",
        "--format",
        "json",
    ]);
    // 2 replicas × 1 L4 on 2 g2-standard-8 nodes × $0.85 = $1.70/h.
    assert_eq!(plan["nodes"], 2);
    assert_eq!(plan["devicesTotal"], 2);
    assert!(close(&plan["costPerHourUsd"], 1.70), "{plan}");
}

#[test]
fn bad_plan_inputs_are_diagnostics_with_exit_code_2() {
    let spec = TempSpec::new(
        "bad-utilisation",
        &pattern3_with("[plan]\nutilisation = 1.5"),
    );
    let (stdout, stderr, code) = p3gen(&["plan", &spec.path()]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.contains("utilisation must be in (0, 1], got 1.5"),
        "{stderr}"
    );
    assert!(stderr.contains("bad-utilisation.toml:"), "{stderr}");
    assert!(stderr.contains("expected a fraction in (0, 1]"), "{stderr}");

    let (stdout, stderr, code) = p3gen(&["plan", "patterns/pattern3.toml", "--throughput", "0"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.contains("throughput must be a finite number"),
        "{stderr}"
    );

    let (_, stderr, code) = p3gen(&["plan", "patterns/pattern3.toml", "--throughput", "1", "2"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("two only with --compare"), "{stderr}");

    let (_, stderr, code) = p3gen(&[
        "plan",
        "--compare",
        "examples/pattern1.toml",
        "patterns/pattern3.toml",
        "--throughput",
        "7.5",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("two values"), "{stderr}");

    let (_, stderr, code) = p3gen(&["plan", "no-such-spec.toml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read no-such-spec.toml"), "{stderr}");

    let (_, _, code) = p3gen(&["plan", "--throughput", "many"]);
    assert_eq!(code, 2);
}

#[test]
fn a_gpu_spec_without_machine_type_names_the_missing_key() {
    let gpu = std::fs::read_to_string(root().join("patterns/pattern3-gpu.toml")).unwrap();
    let spec = TempSpec::new(
        "no-machine",
        &gpu.replace("machine-type = \"g2-standard-8\"\n", ""),
    );
    let (_, stderr, code) = p3gen(&["plan", &spec.path()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("P3701"), "{stderr}");
    assert!(
        stderr.contains("add `machine-type` to `[accelerator.gpu]`"),
        "{stderr}"
    );
}

#[test]
fn gpus_that_do_not_fit_the_machine_type_are_refused() {
    let gpu = std::fs::read_to_string(root().join("patterns/pattern3-gpu.toml")).unwrap();
    let cases = [
        // 8 GPUs on a machine with one.
        (
            "type = \"nvidia-l4\"\ncount = 1\nmachine-type = \"g2-standard-8\"",
            "type = \"nvidia-h100-80gb\"\ncount = 8\nmachine-type = \"a3-highgpu-1g\"",
            "a replica requests 8 GPUs, but `a3-highgpu-1g` has 1",
            "misfit.toml:21:",
        ),
        // An H100 on an L4 machine.
        (
            "type = \"nvidia-l4\"\ncount = 1\nmachine-type = \"g2-standard-8\"",
            "type = \"nvidia-h100-80gb\"\ncount = 1\nmachine-type = \"g2-standard-4\"",
            "`g2-standard-4` carries nvidia-l4 GPUs, not nvidia-h100-80gb",
            "misfit.toml:20:",
        ),
    ];
    for (from, to, message, place) in cases {
        assert!(gpu.contains(from));
        let spec = TempSpec::new("misfit", &gpu.replace(from, to));
        for command in ["plan", "render"] {
            let (stdout, stderr, code) = p3gen(&[command, &spec.path()]);
            assert_eq!(code, 2, "{command}: {stdout}");
            assert!(stdout.is_empty(), "{command}: {stdout}");
            assert!(stderr.contains("P3105"), "{command}: {stderr}");
            assert!(stderr.contains(message), "{command}: {stderr}");
            assert!(stderr.contains(place), "{command}: {stderr}");
        }
    }
}

#[test]
fn json_figures_are_exact_decimals() {
    let (stdout, stderr, code) = p3gen(&["plan", "patterns/pattern3.toml", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    // 12 × 2.70 in binary floating point is 32.400000000000006.
    assert!(stdout.contains("\"costPerHourUsd\": 32.4,"), "{stdout}");
    assert!(stdout.contains("\"costPerMonthUsd\": 23328.0,"), "{stdout}");
}
