//! The input of the cost model: one deployment's replicas, accelerator shape, prices and measured throughput.

use std::fmt;

use serde::Serialize;

pub use crate::spec::TpuGeneration;

/// Hours per month used when the spec or command line gives none (24 × 30, as in the seed documents).
pub const DEFAULT_HOURS_PER_MONTH: f64 = 720.0;

/// Utilisation used when none is given: the throughput is assumed to be sustained all the time.
pub const DEFAULT_UTILISATION: f64 = 1.0;

/// Everything the cost model needs about one deployment.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanInput {
    /// Deployment name, used in headers.
    pub name: String,
    /// Number of vLLM replicas (one replica per TPU host or GPU node); the fewest when autoscaled.
    pub replicas: u32,
    /// The most replicas, when an autoscaler moves the count between `replicas` and this.
    pub max_replicas: Option<u32>,
    /// Accelerator shape of one replica.
    pub accelerator: Accelerator,
    /// Prices given in the spec's `[plan]` section or on the command line; they win over the built-in table.
    pub prices: PriceOverrides,
    /// Sustained (saturated) requests per second at matched load, as measured by the user.
    pub throughput_rps: Option<f64>,
    /// Utilisation `u` in (0, 1]; the effective throughput is `T × u`. `None` means [`DEFAULT_UTILISATION`].
    pub utilisation: Option<f64>,
    /// Hours per month `H` used for the monthly cost; always stated in the output.
    pub hours_per_month: f64,
}

impl PlanInput {
    /// An input with no price overrides, no throughput, the default utilisation and 720 hours per month.
    pub fn new(name: impl Into<String>, replicas: u32, accelerator: Accelerator) -> Self {
        Self {
            name: name.into(),
            replicas,
            max_replicas: None,
            accelerator,
            prices: PriceOverrides::default(),
            throughput_rps: None,
            utilisation: None,
            hours_per_month: DEFAULT_HOURS_PER_MONTH,
        }
    }
}

/// The accelerator of one replica.
///
/// JSON: `{"kind": "tpu", "generation": "v6e", "topology": "2x2", "chips": 4, "machineType": "ct6e-standard-4t"}`
/// or `{"kind": "gpu", "acceleratorType": "nvidia-l4", "count": 1, "machineType": "g2-standard-4"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "kind",
    rename_all = "lowercase",
    rename_all_fields = "camelCase"
)]
pub enum Accelerator {
    /// A Cloud TPU slice on GKE.
    Tpu {
        /// TPU generation, which selects the price per chip-hour.
        generation: TpuGeneration,
        /// Node-label topology such as `2x2` (a 3-D spelling such as `2x2x1` is accepted too).
        topology: String,
        /// Chips used by one replica; must equal the product of the topology.
        chips: u32,
        /// GKE machine type such as `ct6e-standard-4t`; the `-<n>t` suffix gives the chips per node.
        machine_type: String,
    },
    /// NVIDIA GPUs on GKE.
    Gpu {
        /// Compute accelerator type, the `cloud.google.com/gke-accelerator` value, such as `nvidia-l4`.
        accelerator_type: String,
        /// GPUs requested by one replica.
        count: u32,
        /// GKE machine type such as `g2-standard-4`, which selects the price per node-hour.
        machine_type: String,
    },
}

impl Accelerator {
    /// The machine type of the nodes a replica runs on.
    pub fn machine_type(&self) -> &str {
        match self {
            Accelerator::Tpu { machine_type, .. } | Accelerator::Gpu { machine_type, .. } => {
                machine_type
            }
        }
    }

    /// The word for one accelerator device in output: "chip" for TPU, "GPU" for GPU.
    pub fn device_word(&self) -> &'static str {
        match self {
            Accelerator::Tpu { .. } => "chip",
            Accelerator::Gpu { .. } => "GPU",
        }
    }
}

impl fmt::Display for Accelerator {
    /// `TPU v6e 2x2` or `GPU nvidia-l4 × 1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Accelerator::Tpu {
                generation,
                topology,
                ..
            } => write!(f, "TPU {generation} {topology}"),
            Accelerator::Gpu {
                accelerator_type,
                count,
                ..
            } => write!(f, "GPU {accelerator_type} × {count}"),
        }
    }
}

/// Prices supplied by the user. At most one may be set; either wins over the built-in table.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PriceOverrides {
    /// USD per chip-hour (TPU) or per GPU-hour (GPU): `[plan] chip-hour-usd` or `--chip-hour-usd`.
    pub chip_hour_usd: Option<f64>,
    /// USD per node-hour (the whole machine): `[plan] node-hour-usd` or `--node-hour-usd`.
    pub node_hour_usd: Option<f64>,
}
