//! Errors of the cost model: missing prices and invalid inputs.

use thiserror::Error;

use super::input::TpuGeneration;

/// Why a plan could not be computed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PlanError {
    /// The TPU generation has no built-in price and no override was given.
    #[error(
        "no built-in price for TPU {generation} chips: supply the USD per chip-hour with `[plan] chip-hour-usd = …` \
         in the spec or `--chip-hour-usd` on the command line (or a whole-node price with `node-hour-usd`)"
    )]
    MissingTpuPrice {
        /// The generation without a price.
        generation: TpuGeneration,
    },
    /// The GPU machine type has no built-in price and no override was given.
    #[error(
        "no built-in price for GPU machine type `{machine_type}`: supply the USD per node-hour with \
         `[plan] node-hour-usd = …` or `--node-hour-usd`, or the USD per GPU-hour with `[plan] chip-hour-usd = …` \
         or `--chip-hour-usd`"
    )]
    MissingGpuPrice {
        /// The machine type without a price.
        machine_type: String,
    },
    /// Both a chip-hour and a node-hour price were given, so the basis is ambiguous.
    #[error(
        "both chip-hour-usd ({chip_hour_usd}) and node-hour-usd ({node_hour_usd}) are set: give only one price basis"
    )]
    ConflictingPrices {
        /// The chip-hour price given.
        chip_hour_usd: f64,
        /// The node-hour price given.
        node_hour_usd: f64,
    },
    /// A price override is not a finite number above zero.
    #[error("{setting} must be a finite number of USD above 0, got {value}")]
    InvalidPrice {
        /// The setting name (`chip-hour-usd` or `node-hour-usd`).
        setting: &'static str,
        /// The value given.
        value: f64,
    },
    /// The throughput is not a finite number above zero.
    #[error("throughput must be a finite number of requests/s above 0, got {value}")]
    InvalidThroughput {
        /// The value given.
        value: f64,
    },
    /// The utilisation is outside (0, 1].
    #[error("utilisation must be in (0, 1], got {value}")]
    InvalidUtilisation {
        /// The value given.
        value: f64,
    },
    /// The hours per month are not a finite number above zero.
    #[error("hours per month must be a finite number above 0, got {value}")]
    InvalidHoursPerMonth {
        /// The value given.
        value: f64,
    },
    /// The deployment has no replicas.
    #[error("replicas must be at least 1")]
    NoReplicas,
    /// A replica has no chips or GPUs.
    #[error("a replica must use at least 1 {device}")]
    NoDevices {
        /// "chip" or "GPU".
        device: &'static str,
    },
    /// The TPU topology is not of the form `AxB` or `AxBxC` with positive integers.
    #[error("TPU topology `{topology}` is not of the form AxB or AxBxC with positive integers")]
    InvalidTopology {
        /// The topology given.
        topology: String,
    },
    /// The chip count disagrees with the topology.
    #[error("TPU topology `{topology}` has {topology_chips} chips, but the replica uses {chips}")]
    TopologyChipMismatch {
        /// The topology given.
        topology: String,
        /// The product of the topology.
        topology_chips: u32,
        /// The chip count given.
        chips: u32,
    },
    /// Replicas × devices overflowed.
    #[error("the accelerator count of {replicas} replicas is too large to compute")]
    TooLarge {
        /// The replica count.
        replicas: u32,
    },
}
