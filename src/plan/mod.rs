//! Capacity and cost model behind `p3gen plan SPEC` and `p3gen plan --compare A B`.
//!
//! A [`PlanInput`] (replicas, accelerator shape, price overrides, measured throughput) becomes a [`Plan`]:
//! chips and nodes, the price used with its source, `C_h`, `C_month = C_h × H` and, with a throughput,
//! `$ per 1M requests = C_h × 1e6 / (3600 × T × u)`. [`compare`] sets two plans side by side with the ratios
//! B/A and the scaling efficiency `η = T_B / ((N_B / N_A) × T_A)`. Built-in prices are estimates from the
//! domain reference (§9) and always carry their source; [`seed_cost_table_check`] recomputes the seed
//! README's cost table.
//!
//! Output is plain text ([`format_table`], [`format_comparison`], [`format_seed_check`]) or JSON
//! ([`to_json`]; camelCase field names, kebab-case enum values, `null` for absent figures).

mod capacity;
mod compare;
mod error;
mod formulas;
mod from_pattern;
mod input;
mod json;
mod layout;
mod prices;
mod seed_check;
mod shape;
#[cfg(test)]
mod testing;
mod text;

pub use capacity::{AtMaxReplicas, Plan, PriceOrigin, PriceUsed, plan};
pub use compare::{Comparison, MEASUREMENT_CAVEAT, Ratios, compare};
pub use error::PlanError;
pub use formulas::{cost_per_million_requests, monthly_cost, scaling_efficiency};
pub use from_pattern::{CommandLine, diagnose, plan_input};
pub use input::{
    Accelerator, DEFAULT_HOURS_PER_MONTH, DEFAULT_UTILISATION, PlanInput, PriceOverrides,
    TpuGeneration,
};
pub use json::{JsonReport, to_json};
pub use prices::{
    ESTIMATE_WORDING, GPU_PRICING_URL, PRICE_TABLE, PriceBasis, PriceEntry, PriceKey,
    TPU_PRICING_URL, V5E_CHIP_HOUR_USD, V6E_CHIP_HOUR_USD, gpu_machine_price, tpu_chip_price,
};
pub use seed_check::{FigureUnit, SeedFigureCheck, seed_cost_table_check};
pub use shape::topology_chip_count;
pub use text::{format_comparison, format_seed_check, format_table};
