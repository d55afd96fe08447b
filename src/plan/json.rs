//! JSON output of plans, comparisons and the seed check.
//!
//! Field names are camelCase (`costPerHourUsd`, `scalingEfficiency`); enum values are kebab-case
//! (`"chip-hour"`, `"override"`, `"usd-per-month"`). Absent figures are `null`, never omitted, so the shape is
//! stable.

use serde::Serialize;

use super::capacity::Plan;
use super::compare::Comparison;
use super::seed_check::SeedFigureCheck;

/// The reports that can be written as JSON; their serialisation cannot fail (no maps, no custom serialisers).
pub trait JsonReport: Serialize {}

impl JsonReport for Plan {}
impl JsonReport for Comparison {}
impl JsonReport for [SeedFigureCheck] {}
impl JsonReport for Vec<SeedFigureCheck> {}

/// Pretty-printed JSON of a report, ending with a newline.
pub fn to_json<T: JsonReport + ?Sized>(report: &T) -> String {
    match serde_json::to_string_pretty(report) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        // Unreachable for the report types; kept so that no input can cause a panic.
        Err(error) => format!("{}\n", serde_json::json!({ "error": error.to_string() })),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::plan::capacity::plan;
    use crate::plan::compare::compare;
    use crate::plan::input::{Accelerator, PlanInput};
    use crate::plan::seed_check::seed_cost_table_check;
    use crate::plan::testing::v6e;

    fn parse(text: &str) -> Value {
        match serde_json::from_str(text) {
            Ok(value) => value,
            Err(error) => panic!("{error}: {text}"),
        }
    }

    #[test]
    fn plan_json_shape() {
        let text = to_json(&v6e("qwen2-3b-pattern3", 3, None));
        assert!(text.ends_with("}\n"));
        let value = parse(&text);
        let source = value["price"]["source"].clone();
        assert!(source.as_str().is_some_and(|s| s.contains("unverified")));
        let expected = json!({
            "name": "qwen2-3b-pattern3",
            "replicas": 3,
            "accelerator": {
                "kind": "tpu",
                "generation": "v6e",
                "topology": "2x2",
                "chips": 4,
                "machineType": "ct6e-standard-4t"
            },
            "devicesPerReplica": 4,
            "devicesTotal": 12,
            "machineType": "ct6e-standard-4t",
            "nodesPerReplica": 1,
            "nodes": 3,
            "price": {
                "basis": "chip-hour",
                "usdPerHour": 2.7,
                "origin": "table",
                "source": source,
                "estimate": true
            },
            "billedUnits": 12,
            "costPerHourUsd": 32.4,
            "hoursPerMonth": 720.0,
            "costPerMonthUsd": 23328.0,
            "throughputRps": null,
            "utilisation": 1.0,
            "costPerMillionRequestsUsd": null,
            "notes": [],
            "atMaxReplicas": null
        });
        assert_eq!(value, expected);
    }

    #[test]
    fn gpu_accelerator_json() {
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
        let value = parse(&to_json(&plan));
        assert_eq!(
            value["accelerator"],
            json!({"kind": "gpu", "acceleratorType": "nvidia-h100-80gb", "count": 1, "machineType": "a3-highgpu-1g"})
        );
        assert_eq!(value["price"]["basis"], json!("node-hour"));
    }

    #[test]
    fn comparison_json_shape() {
        let c = compare(&v6e("p1", 1, Some(7.5)), &v6e("p3", 3, Some(21.0)));
        let value = parse(&to_json(&c));
        let keys: Vec<&str> = value
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(keys, ["a", "b", "notes", "ratios", "scalingEfficiency"]);
        assert_eq!(value["a"]["name"], json!("p1"));
        assert_eq!(value["b"]["throughputRps"], json!(21.0));
        let ratio_keys: Vec<&str> = value["ratios"]
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(
            ratio_keys,
            [
                "costPerHour",
                "costPerMillionRequests",
                "costPerMonth",
                "devicesTotal",
                "replicas",
                "throughput"
            ]
        );
        assert!(
            value["scalingEfficiency"]
                .as_f64()
                .is_some_and(|e| (e - 0.9333).abs() < 1e-4)
        );
    }

    #[test]
    fn seed_check_json_shape() {
        let value = parse(&to_json(&seed_cost_table_check()));
        let first = &value[1];
        assert_eq!(
            first["figure"],
            json!("Pattern 1 cost per month ($5.50/h × 720 h)")
        );
        assert_eq!(first["claimedText"], json!("$3,960/month"));
        assert_eq!(first["claimed"], json!(3960.0));
        assert_eq!(first["unit"], json!("usd-per-month"));
        assert_eq!(first["reproduces"], json!(true));
        assert_eq!(first["tolerance"], json!(0.5));
        assert!(first["note"].is_string());
    }
}
