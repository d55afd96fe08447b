//! The plan of one deployment: capacity (replicas, devices, nodes) and its cost per hour, month and 1M requests.

use serde::Serialize;

use super::error::PlanError;
use super::formulas::{cost_per_million_requests, hourly_cost, monthly_cost};
use super::input::{Accelerator, DEFAULT_UTILISATION, PlanInput, PriceOverrides};
use super::prices::{PriceBasis, gpu_machine_price, tpu_chip_price};
use super::shape::replica_shape;

/// Capacity and cost of one deployment, as computed by [`plan`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// Deployment name.
    pub name: String,
    /// Number of replicas `N`.
    pub replicas: u32,
    /// Accelerator shape of one replica, as given.
    pub accelerator: Accelerator,
    /// TPU chips or GPUs one replica uses.
    pub devices_per_replica: u32,
    /// TPU chips or GPUs of all replicas.
    pub devices_total: u32,
    /// Machine type of the nodes.
    pub machine_type: String,
    /// Nodes one replica occupies (1 for single-host shapes).
    pub nodes_per_replica: u32,
    /// Nodes of all replicas.
    pub nodes: u32,
    /// The price used and where it comes from.
    pub price: PriceUsed,
    /// Units the price is multiplied by: billed devices (chip-hour basis) or nodes (node-hour basis).
    pub billed_units: u32,
    /// `C_h` in USD.
    pub cost_per_hour_usd: f64,
    /// `H`, the hours per month used.
    pub hours_per_month: f64,
    /// `C_month = C_h × H` in USD.
    pub cost_per_month_usd: f64,
    /// Sustained requests/s `T`, if given.
    pub throughput_rps: Option<f64>,
    /// Utilisation `u` used.
    pub utilisation: f64,
    /// `C_h × 1e6 / (3600 × T × u)` in USD, if a throughput was given.
    pub cost_per_million_requests_usd: Option<f64>,
    /// Remarks on the shape, the price and the throughput, in the order found.
    pub notes: Vec<String>,
    /// The same deployment at its most replicas, when an autoscaler may grow it.
    pub at_max_replicas: Option<AtMaxReplicas>,
}

/// Capacity and cost at the autoscaler's most replicas (the plan's own figures are at the fewest).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AtMaxReplicas {
    /// The most replicas.
    pub replicas: u32,
    /// TPU chips or GPUs of all replicas.
    pub devices_total: u32,
    /// Nodes of all replicas.
    pub nodes: u32,
    /// `C_h` in USD.
    pub cost_per_hour_usd: f64,
    /// `C_month = C_h × H` in USD.
    pub cost_per_month_usd: f64,
}

/// The price a plan used.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceUsed {
    /// What the price is charged for.
    pub basis: PriceBasis,
    /// USD per unit and hour.
    pub usd_per_hour: f64,
    /// Whether it came from the built-in table or from the user.
    pub origin: PriceOrigin,
    /// Where the figure comes from, in words.
    pub source: String,
    /// Whether the figure is an estimate (built-in figures are; user figures are taken as given).
    pub estimate: bool,
}

/// Where a price came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PriceOrigin {
    /// The built-in price table.
    Table,
    /// The spec's `[plan]` section or the command line.
    Override,
}

/// Computes the capacity and cost of one deployment.
///
/// `C_h` = billed units × price: billed chips (or GPUs) × USD per chip-hour, or nodes × USD per node-hour.
/// `C_month = C_h × H`, and with a throughput `$ per 1M requests = C_h × 1e6 / (3600 × T × u)`.
pub fn plan(input: &PlanInput) -> Result<Plan, PlanError> {
    let mut plan = plan_at(input)?;
    if let Some(max) = input.max_replicas.filter(|max| *max > input.replicas) {
        let at_max = plan_at(&PlanInput {
            replicas: max,
            max_replicas: None,
            ..input.clone()
        })?;
        plan.at_max_replicas = Some(AtMaxReplicas {
            replicas: max,
            devices_total: at_max.devices_total,
            nodes: at_max.nodes,
            cost_per_hour_usd: at_max.cost_per_hour_usd,
            cost_per_month_usd: at_max.cost_per_month_usd,
        });
        plan.notes.push(format!(
            "autoscaled between {} and {max} replicas: the figures above are at the fewest, the \
             \"at {max} replicas\" rows at the most",
            input.replicas
        ));
    }
    Ok(plan)
}

/// The plan at exactly `input.replicas`.
fn plan_at(input: &PlanInput) -> Result<Plan, PlanError> {
    if input.replicas == 0 {
        return Err(PlanError::NoReplicas);
    }
    let hours = input.hours_per_month;
    if !(hours.is_finite() && hours > 0.0) {
        return Err(PlanError::InvalidHoursPerMonth { value: hours });
    }
    if let Some(value) = input.throughput_rps
        && !(value.is_finite() && value > 0.0)
    {
        return Err(PlanError::InvalidThroughput { value });
    }
    let utilisation = input.utilisation.unwrap_or(DEFAULT_UTILISATION);
    if !(utilisation > 0.0 && utilisation <= 1.0) {
        return Err(PlanError::InvalidUtilisation { value: utilisation });
    }

    let shape = replica_shape(&input.accelerator)?;
    let price = choose_price(&input.accelerator, &input.prices)?;
    let too_large = PlanError::TooLarge {
        replicas: input.replicas,
    };
    let devices_total = input
        .replicas
        .checked_mul(shape.devices)
        .ok_or(too_large.clone())?;
    let nodes = input
        .replicas
        .checked_mul(shape.nodes)
        .ok_or(too_large.clone())?;
    let billed_units = match price.basis {
        PriceBasis::ChipHour => input
            .replicas
            .checked_mul(shape.billed_devices)
            .ok_or(too_large)?,
        PriceBasis::NodeHour => nodes,
    };

    let cost_per_hour_usd = hourly_cost(billed_units, price.usd_per_hour);
    let cost_per_month_usd = monthly_cost(cost_per_hour_usd, hours);
    let cost_per_million_requests_usd = input
        .throughput_rps
        .map(|t| cost_per_million_requests(cost_per_hour_usd, t, utilisation));

    let mut notes = shape.notes;
    if price.basis == PriceBasis::ChipHour {
        notes.extend(shape.per_device_notes);
    }
    if matches!(input.accelerator, Accelerator::Gpu { .. }) && price.basis == PriceBasis::ChipHour {
        notes.push(
            "per-GPU price: the host machine (CPU, memory) is excluded unless the figure includes it".to_string(),
        );
    }
    if input.throughput_rps.is_some() {
        notes.push(
            "$ per 1M requests assumes T is the sustained throughput at saturation, kept up for the share u of the time"
                .to_string(),
        );
    }

    Ok(Plan {
        name: input.name.clone(),
        replicas: input.replicas,
        accelerator: input.accelerator.clone(),
        devices_per_replica: shape.devices,
        devices_total,
        machine_type: input.accelerator.machine_type().to_string(),
        nodes_per_replica: shape.nodes,
        nodes,
        price,
        billed_units,
        cost_per_hour_usd,
        hours_per_month: hours,
        cost_per_month_usd,
        throughput_rps: input.throughput_rps,
        utilisation,
        cost_per_million_requests_usd,
        notes,
        at_max_replicas: None,
    })
}

/// Picks the price: a user override first, then the built-in table, else an error naming the missing price.
fn choose_price(
    accelerator: &Accelerator,
    overrides: &PriceOverrides,
) -> Result<PriceUsed, PlanError> {
    let checked = |setting: &'static str, value: Option<f64>| match value {
        Some(v) if !(v.is_finite() && v > 0.0) => {
            Err(PlanError::InvalidPrice { setting, value: v })
        }
        other => Ok(other),
    };
    let chip_hour = checked("chip-hour-usd", overrides.chip_hour_usd)?;
    let node_hour = checked("node-hour-usd", overrides.node_hour_usd)?;
    let user_price = |basis: PriceBasis, usd_per_hour: f64, setting: &str| PriceUsed {
        basis,
        usd_per_hour,
        origin: PriceOrigin::Override,
        source: format!("{setting} given in the spec's [plan] section or on the command line"),
        estimate: false,
    };
    match (chip_hour, node_hour) {
        (Some(chip_hour_usd), Some(node_hour_usd)) => Err(PlanError::ConflictingPrices {
            chip_hour_usd,
            node_hour_usd,
        }),
        (Some(usd), None) => Ok(user_price(PriceBasis::ChipHour, usd, "chip-hour-usd")),
        (None, Some(usd)) => Ok(user_price(PriceBasis::NodeHour, usd, "node-hour-usd")),
        (None, None) => table_price(accelerator),
    }
}

fn table_price(accelerator: &Accelerator) -> Result<PriceUsed, PlanError> {
    let entry = match accelerator {
        Accelerator::Tpu { generation, .. } => {
            tpu_chip_price(*generation).ok_or(PlanError::MissingTpuPrice {
                generation: *generation,
            })?
        }
        Accelerator::Gpu { machine_type, .. } => {
            gpu_machine_price(machine_type).ok_or_else(|| PlanError::MissingGpuPrice {
                machine_type: machine_type.clone(),
            })?
        }
    };
    Ok(PriceUsed {
        basis: entry.basis,
        usd_per_hour: entry.usd_per_hour,
        origin: PriceOrigin::Table,
        source: entry.provenance(),
        estimate: entry.estimate,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::input::TpuGeneration;
    use crate::plan::testing::v6e_2x2_input;

    /// Tolerance for dollar figures computed by hand: well below a cent.
    const EPS: f64 = 1e-9;

    fn v6e_2x2(replicas: u32) -> PlanInput {
        v6e_2x2_input("qwen2-3b-pattern3", replicas)
    }

    fn gpu(machine_type: &str, count: u32, replicas: u32) -> PlanInput {
        PlanInput::new(
            "gpu",
            replicas,
            Accelerator::Gpu {
                accelerator_type: "nvidia-h100-80gb".into(),
                count,
                machine_type: machine_type.into(),
            },
        )
    }

    #[test]
    fn an_autoscaled_plan_also_costs_the_most_replicas() {
        let mut input = v6e_2x2(2);
        input.max_replicas = Some(6);
        let plan = plan(&input).unwrap();
        let fixed = |n| plan_at(&v6e_2x2(n)).unwrap();
        assert_eq!(plan.replicas, 2);
        assert_eq!(plan.cost_per_hour_usd, fixed(2).cost_per_hour_usd);
        let at_max = plan.at_max_replicas.as_ref().unwrap();
        assert_eq!(at_max.replicas, 6);
        assert_eq!(at_max.devices_total, 24);
        assert_eq!(at_max.cost_per_hour_usd, fixed(6).cost_per_hour_usd);
        assert!(plan.notes.iter().any(|n| n.contains("between 2 and 6")));
        input.max_replicas = Some(2);
        assert_eq!(super::plan(&input).unwrap().at_max_replicas, None);
    }

    #[test]
    fn v6e_2x2_three_replicas() {
        let plan = plan(&v6e_2x2(3));
        let Ok(plan) = plan else { panic!("{plan:?}") };
        assert_eq!(plan.devices_per_replica, 4);
        assert_eq!(plan.devices_total, 12);
        assert_eq!(plan.nodes, 3);
        assert_eq!(plan.nodes_per_replica, 1);
        assert_eq!(plan.billed_units, 12);
        assert_eq!(plan.price.basis, PriceBasis::ChipHour);
        assert_eq!(plan.price.origin, PriceOrigin::Table);
        assert!(plan.price.estimate);
        // 12 chips × $2.70 = $32.40/h; × 720 h = $23,328/month
        assert!((plan.cost_per_hour_usd - 32.40).abs() < EPS);
        assert!((plan.cost_per_month_usd - 23_328.0).abs() < EPS);
        assert_eq!(plan.hours_per_month, 720.0);
        assert_eq!(plan.cost_per_million_requests_usd, None);
    }

    #[test]
    fn throughput_and_utilisation_give_cost_per_million() {
        let mut input = v6e_2x2(3);
        input.throughput_rps = Some(21.0);
        let per_million = plan(&input).map(|p| p.cost_per_million_requests_usd);
        // 32.40 × 1e6 / (3600 × 21) = 428.571 428…
        assert!(matches!(per_million, Ok(Some(v)) if (v - 428.571_428_571).abs() < 1e-6));

        input.utilisation = Some(0.8);
        let per_million = plan(&input).map(|p| p.cost_per_million_requests_usd);
        // 428.571 428… / 0.8 = 535.714 285…
        assert!(matches!(per_million, Ok(Some(v)) if (v - 535.714_285_714).abs() < 1e-6));
    }

    #[test]
    fn a3_highgpu_1g_two_replicas() {
        let plan = plan(&gpu("a3-highgpu-1g", 1, 2));
        let Ok(plan) = plan else { panic!("{plan:?}") };
        assert_eq!(plan.nodes, 2);
        assert_eq!(plan.devices_total, 2);
        assert_eq!(plan.price.basis, PriceBasis::NodeHour);
        assert_eq!(plan.billed_units, 2);
        // 2 × $11.0612 = $22.1224/h; × 720 = $15,928.128/month
        assert!((plan.cost_per_hour_usd - 22.1224).abs() < EPS);
        assert!((plan.cost_per_month_usd - 15_928.128).abs() < 1e-6);
    }

    #[test]
    fn overrides_win_over_the_table() {
        let mut input = v6e_2x2(3);
        input.prices.chip_hour_usd = Some(1.375);
        let Ok(by_chip) = plan(&input) else {
            panic!("chip-hour override rejected")
        };
        assert_eq!(by_chip.price.origin, PriceOrigin::Override);
        assert!(!by_chip.price.estimate);
        // 12 × 1.375 = 16.50
        assert!((by_chip.cost_per_hour_usd - 16.50).abs() < EPS);

        input.prices = PriceOverrides {
            chip_hour_usd: None,
            node_hour_usd: Some(5.29),
        };
        let Ok(by_node) = plan(&input) else {
            panic!("node-hour override rejected")
        };
        assert_eq!(by_node.price.basis, PriceBasis::NodeHour);
        assert_eq!(by_node.billed_units, 3);
        // 3 nodes × 5.29 = 15.87
        assert!((by_node.cost_per_hour_usd - 15.87).abs() < EPS);

        let mut gpu_input = gpu("a3-highgpu-1g", 1, 2);
        gpu_input.prices.node_hour_usd = Some(10.0);
        let cost = plan(&gpu_input).map(|p| p.cost_per_hour_usd);
        assert!(matches!(cost, Ok(c) if (c - 20.0).abs() < EPS));
    }

    #[test]
    fn per_gpu_price_counts_gpus_and_warns_about_the_host() {
        let mut input = gpu("n1-standard-8", 2, 3);
        input.prices.chip_hour_usd = Some(0.35);
        let Ok(plan) = plan(&input) else {
            panic!("per-GPU override rejected")
        };
        assert_eq!(plan.billed_units, 6);
        assert!((plan.cost_per_hour_usd - 2.10).abs() < EPS);
        assert!(plan.notes.iter().any(|n| n.contains("host machine")));
    }

    #[test]
    fn missing_prices_name_the_setting() {
        let mut input = v6e_2x2(1);
        input.accelerator = Accelerator::Tpu {
            generation: TpuGeneration::V5p,
            topology: "2x2x1".into(),
            chips: 4,
            machine_type: "ct5p-hightpu-4t".into(),
        };
        let error = plan(&input);
        assert_eq!(
            error,
            Err(PlanError::MissingTpuPrice {
                generation: TpuGeneration::V5p
            })
        );
        let text = error.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(text.contains("[plan] chip-hour-usd"), "{text}");
        assert!(text.contains("--chip-hour-usd"), "{text}");

        let error = plan(&gpu("n1-standard-4", 1, 1));
        let text = error.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(text.contains("`n1-standard-4`"), "{text}");
        assert!(text.contains("--node-hour-usd"), "{text}");
        assert!(text.contains("--chip-hour-usd"), "{text}");

        input.prices.chip_hour_usd = Some(4.20);
        let cost = plan(&input).map(|p| p.cost_per_hour_usd);
        assert!(matches!(cost, Ok(c) if (c - 16.80).abs() < EPS));
    }

    #[test]
    fn invalid_inputs_are_errors() {
        let with = |change: fn(&mut PlanInput)| {
            let mut input = v6e_2x2(3);
            change(&mut input);
            plan(&input).err()
        };
        assert_eq!(
            with(|i| i.throughput_rps = Some(0.0)),
            Some(PlanError::InvalidThroughput { value: 0.0 })
        );
        assert_eq!(
            with(|i| i.throughput_rps = Some(-2.0)),
            Some(PlanError::InvalidThroughput { value: -2.0 })
        );
        assert!(matches!(
            with(|i| i.throughput_rps = Some(f64::NAN)),
            Some(PlanError::InvalidThroughput { .. })
        ));
        assert_eq!(
            with(|i| i.throughput_rps = Some(f64::INFINITY)),
            Some(PlanError::InvalidThroughput {
                value: f64::INFINITY
            })
        );
        assert_eq!(
            with(|i| i.utilisation = Some(0.0)),
            Some(PlanError::InvalidUtilisation { value: 0.0 })
        );
        assert_eq!(
            with(|i| i.utilisation = Some(1.2)),
            Some(PlanError::InvalidUtilisation { value: 1.2 })
        );
        assert!(matches!(
            with(|i| i.utilisation = Some(f64::NAN)),
            Some(PlanError::InvalidUtilisation { .. })
        ));
        assert_eq!(with(|i| i.utilisation = Some(1.0)), None);
        assert_eq!(
            with(|i| i.hours_per_month = 0.0),
            Some(PlanError::InvalidHoursPerMonth { value: 0.0 })
        );
        assert_eq!(with(|i| i.replicas = 0), Some(PlanError::NoReplicas));
        assert_eq!(
            with(|i| i.prices.chip_hour_usd = Some(-1.0)),
            Some(PlanError::InvalidPrice {
                setting: "chip-hour-usd",
                value: -1.0
            })
        );
        assert_eq!(
            with(|i| i.prices = PriceOverrides {
                chip_hour_usd: Some(2.0),
                node_hour_usd: Some(8.0)
            }),
            Some(PlanError::ConflictingPrices {
                chip_hour_usd: 2.0,
                node_hour_usd: 8.0
            })
        );
        assert_eq!(
            with(|i| i.replicas = u32::MAX),
            Some(PlanError::TooLarge { replicas: u32::MAX })
        );
    }

    #[test]
    fn plan_reproduces_the_seed_figures_from_the_seed_rates() {
        // Pattern 1: one v6e-4 node at the seed's $5.50/h, batched T = 7.5 req/s.
        let mut p1 = v6e_2x2(1);
        p1.prices.node_hour_usd = Some(5.50);
        p1.throughput_rps = Some(7.5);
        let p1 = plan(&p1).map(|p| (p.cost_per_month_usd, p.cost_per_million_requests_usd));
        // 5.50 × 720 = 3960; 5.50e6 / 27 000 = 203.7037
        assert!(
            matches!(p1, Ok((m, Some(r))) if (m - 3960.0).abs() < EPS && (r - 203.703_7).abs() < 1e-4)
        );

        // Pattern 3: the seed's $15.74/h over 12 chips, batched T = 21 req/s.
        let mut p3 = v6e_2x2(3);
        p3.prices.chip_hour_usd = Some(15.74 / 12.0);
        p3.throughput_rps = Some(21.0);
        let p3 = plan(&p3).map(|p| (p.cost_per_month_usd, p.cost_per_million_requests_usd));
        // 15.74 × 720 = 11 332.80; 15.74e6 / 75 600 = 208.2011
        assert!(
            matches!(p3, Ok((m, Some(r))) if (m - 11_332.80).abs() < 1e-6 && (r - 208.201_1).abs() < 1e-4)
        );
    }
}
