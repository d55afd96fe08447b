//! The built-in price table: TPU USD per chip-hour by generation and GPU machine USD per hour.
//!
//! Every figure comes from the p3gen domain reference (§9 "Cost model"). The GPUs each machine type
//! carries are GKE facts, in `target::GPU_MACHINES`. They are secondary sources, none
//! checked against the official pricing pages, so every entry is marked as an estimate.

use serde::Serialize;

use super::input::TpuGeneration;

/// The wording attached to every built-in price.
pub const ESTIMATE_WORDING: &str = "estimate / unverified against the official pricing page";

/// The official TPU pricing page, where the TPU figures should be verified.
pub const TPU_PRICING_URL: &str = "https://cloud.google.com/tpu/pricing";

/// The official GPU pricing page, where the GPU figures should be verified.
pub const GPU_PRICING_URL: &str = "https://cloud.google.com/compute/gpus-pricing";

/// TPU v6e on demand, USD per chip-hour (US).
pub const V6E_CHIP_HOUR_USD: f64 = 2.70;

/// TPU v5e on demand, USD per chip-hour.
pub const V5E_CHIP_HOUR_USD: f64 = 1.20;

/// What one built-in price is charged for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PriceBasis {
    /// Per accelerator device and hour: a TPU chip, or one GPU.
    ChipHour,
    /// Per node (the whole machine) and hour.
    NodeHour,
}

impl PriceBasis {
    /// `chip-hour` or `node-hour`.
    pub fn as_str(self) -> &'static str {
        match self {
            PriceBasis::ChipHour => "chip-hour",
            PriceBasis::NodeHour => "node-hour",
        }
    }
}

/// What a built-in price applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "kebab-case")]
pub enum PriceKey {
    /// All chips of a TPU generation.
    Tpu(TpuGeneration),
    /// One GPU machine type.
    GpuMachine(&'static str),
}

/// One entry of the built-in price table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceEntry {
    /// What the price applies to.
    pub key: PriceKey,
    /// What the price is charged for.
    pub basis: PriceBasis,
    /// USD per hour on demand.
    pub usd_per_hour: f64,
    /// Where the figure comes from.
    pub source: &'static str,
    /// When the figure was quoted; the sources give no date, so this says "undated".
    pub date: &'static str,
    /// Whether the figure is an estimate rather than a verified list price.
    pub estimate: bool,
    /// The official page to verify it against.
    pub verify_at: &'static str,
}

impl PriceEntry {
    /// One line describing the origin: source, date, estimate wording and where to verify.
    pub fn provenance(&self) -> String {
        let estimate = if self.estimate {
            format!("; {ESTIMATE_WORDING}")
        } else {
            String::new()
        };
        format!(
            "built-in table: {}, {}{}; verify at {}",
            self.source, self.date, estimate, self.verify_at
        )
    }
}

const UNDATED: &str = "undated";
const GPU_TABLE_SOURCE: &str =
    "public price table, us-central1, on demand (p3gen domain reference §9)";

/// The built-in prices, TPU generations first, then GPU machines by name.
pub const PRICE_TABLE: &[PriceEntry] = &[
    PriceEntry {
        key: PriceKey::Tpu(TpuGeneration::V5e),
        basis: PriceBasis::ChipHour,
        usd_per_hour: V5E_CHIP_HOUR_USD,
        source: "secondary public quote, on demand (p3gen domain reference §9)",
        date: UNDATED,
        estimate: true,
        verify_at: TPU_PRICING_URL,
    },
    PriceEntry {
        key: PriceKey::Tpu(TpuGeneration::V6e),
        basis: PriceBasis::ChipHour,
        usd_per_hour: V6E_CHIP_HOUR_USD,
        source: "two independent public quotes, US on demand, 3-year CUD $1.22 (p3gen domain reference §9)",
        date: UNDATED,
        estimate: true,
        verify_at: TPU_PRICING_URL,
    },
    PriceEntry {
        key: PriceKey::GpuMachine("a2-highgpu-1g"),
        basis: PriceBasis::NodeHour,
        usd_per_hour: 3.6734,
        source: GPU_TABLE_SOURCE,
        date: UNDATED,
        estimate: true,
        verify_at: GPU_PRICING_URL,
    },
    PriceEntry {
        key: PriceKey::GpuMachine("a2-ultragpu-1g"),
        basis: PriceBasis::NodeHour,
        usd_per_hour: 5.0688,
        source: GPU_TABLE_SOURCE,
        date: UNDATED,
        estimate: true,
        verify_at: GPU_PRICING_URL,
    },
    PriceEntry {
        key: PriceKey::GpuMachine("a3-highgpu-1g"),
        basis: PriceBasis::NodeHour,
        usd_per_hour: 11.0612,
        source: GPU_TABLE_SOURCE,
        date: UNDATED,
        estimate: true,
        verify_at: GPU_PRICING_URL,
    },
    PriceEntry {
        key: PriceKey::GpuMachine("a3-highgpu-8g"),
        basis: PriceBasis::NodeHour,
        usd_per_hour: 88.49,
        source: GPU_TABLE_SOURCE,
        date: UNDATED,
        estimate: true,
        verify_at: GPU_PRICING_URL,
    },
    PriceEntry {
        key: PriceKey::GpuMachine("g2-standard-4"),
        basis: PriceBasis::NodeHour,
        usd_per_hour: 0.70,
        source: "public price table, us-central1, on demand, approximate (≈ $0.70; p3gen domain reference §9)",
        date: UNDATED,
        estimate: true,
        verify_at: GPU_PRICING_URL,
    },
];

/// The built-in price per chip-hour of a TPU generation, if the table has one.
pub fn tpu_chip_price(generation: TpuGeneration) -> Option<&'static PriceEntry> {
    PRICE_TABLE
        .iter()
        .find(|entry| entry.key == PriceKey::Tpu(generation))
}

/// The built-in price per node-hour of a GPU machine type, if the table has one.
pub fn gpu_machine_price(machine_type: &str) -> Option<&'static PriceEntry> {
    PRICE_TABLE
        .iter()
        .find(|entry| matches!(entry.key, PriceKey::GpuMachine(name) if name == machine_type))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tpu_prices_are_the_domain_reference_figures() {
        assert_eq!(
            tpu_chip_price(TpuGeneration::V6e).map(|e| e.usd_per_hour),
            Some(2.70)
        );
        assert_eq!(
            tpu_chip_price(TpuGeneration::V5e).map(|e| e.usd_per_hour),
            Some(1.20)
        );
        assert_eq!(tpu_chip_price(TpuGeneration::V5p), None);
    }

    #[test]
    fn gpu_machine_prices_are_the_domain_reference_figures() {
        let expected = [
            ("a3-highgpu-1g", 11.0612),
            ("a3-highgpu-8g", 88.49),
            ("a2-ultragpu-1g", 5.0688),
            ("a2-highgpu-1g", 3.6734),
            ("g2-standard-4", 0.70),
        ];
        for (machine, usd) in expected {
            let entry = gpu_machine_price(machine);
            assert_eq!(entry.map(|e| e.usd_per_hour), Some(usd), "{machine}");
            assert_eq!(entry.map(|e| e.basis), Some(PriceBasis::NodeHour));
        }
        assert_eq!(gpu_machine_price("n1-standard-4"), None);
    }

    #[test]
    fn every_entry_is_an_estimate_with_source_and_verification_page() {
        for entry in PRICE_TABLE {
            assert!(entry.estimate, "{entry:?}");
            assert!(!entry.source.is_empty());
            assert!(entry.provenance().contains(ESTIMATE_WORDING));
            assert!(entry.verify_at.starts_with("https://cloud.google.com/"));
        }
    }
}
