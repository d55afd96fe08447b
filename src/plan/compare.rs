//! Side-by-side comparison of two plans: ratios B/A and the scaling efficiency η.

use serde::Serialize;

use super::capacity::Plan;
use super::formulas::scaling_efficiency;

/// Two plans side by side, as computed by [`compare`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// The baseline plan A.
    pub a: Plan,
    /// The plan B compared with A.
    pub b: Plan,
    /// Ratios B/A.
    pub ratios: Ratios,
    /// `η = T_B / ((N_B / N_A) × T_A)`, when both throughputs are given and the replica counts differ.
    pub scaling_efficiency: Option<f64>,
    /// Caveats on how to read the ratios and η, in a fixed order.
    pub notes: Vec<String>,
}

/// Ratios B/A; `None` where a side lacks the figure or A's figure is zero.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ratios {
    /// `N_B / N_A`.
    pub replicas: Option<f64>,
    /// Devices (chips or GPUs) of B over those of A.
    pub devices_total: Option<f64>,
    /// `T_B / T_A`.
    pub throughput: Option<f64>,
    /// `C_h(B) / C_h(A)`.
    pub cost_per_hour: Option<f64>,
    /// `C_month(B) / C_month(A)`.
    pub cost_per_month: Option<f64>,
    /// `$/1M(B) / $/1M(A)`.
    pub cost_per_million_requests: Option<f64>,
}

/// The caveat printed whenever η is computed.
pub const MEASUREMENT_CAVEAT: &str = "η is meaningful only if both throughputs are saturated (capacity-bound) and were \
measured at matched load with the same harness, request mix and max_tokens; never use serial (c = 1) figures, \
whose throughput is 1/latency and does not grow with N. p3gen cannot tell how the figures were measured.";

/// Compares plan B with the baseline plan A.
pub fn compare(a: &Plan, b: &Plan) -> Comparison {
    let ratios = Ratios {
        replicas: ratio(f64::from(b.replicas), f64::from(a.replicas)),
        devices_total: ratio(f64::from(b.devices_total), f64::from(a.devices_total)),
        throughput: both(a.throughput_rps, b.throughput_rps).and_then(|(ta, tb)| ratio(tb, ta)),
        cost_per_hour: ratio(b.cost_per_hour_usd, a.cost_per_hour_usd),
        cost_per_month: ratio(b.cost_per_month_usd, a.cost_per_month_usd),
        cost_per_million_requests: both(
            a.cost_per_million_requests_usd,
            b.cost_per_million_requests_usd,
        )
        .and_then(|(ca, cb)| ratio(cb, ca)),
    };

    let mut notes = Vec::new();
    let throughputs = both(a.throughput_rps, b.throughput_rps);
    let eta = match throughputs {
        None => {
            notes.push(
                "η and the throughput and $/1M ratios need a throughput for both A and B"
                    .to_string(),
            );
            None
        }
        Some(_) if a.replicas == b.replicas => {
            notes.push(format!(
                "A and B both have {} replica(s): there is no scaling to measure, so η is not computed; \
                 the throughput ratio compares the configurations at equal size",
                a.replicas
            ));
            None
        }
        Some((ta, tb)) => scaling_efficiency(a.replicas, ta, b.replicas, tb),
    };
    if throughputs.is_some() {
        notes.push(MEASUREMENT_CAVEAT.to_string());
    }
    if let Some(eta) = eta
        && eta > 1.0
    {
        notes.push(format!(
            "η = {eta:.3} > 1: more than linear scaling is probably a measurement artefact (latency-bound harness, \
             unmatched load or unsaturated baseline) unless per-pod prefix-cache hit data explains it"
        ));
    }
    if a.accelerator != b.accelerator {
        notes.push(
            "A and B use different accelerators: η mixes the hardware difference with the scaling"
                .to_string(),
        );
    }
    if a.utilisation != b.utilisation {
        notes.push(format!(
            "the $/1M figures use different utilisations (A u = {}, B u = {})",
            a.utilisation, b.utilisation
        ));
    }
    if a.hours_per_month != b.hours_per_month {
        notes.push(format!(
            "the monthly costs use different hours per month (A {} h, B {} h), so their ratio differs from the hourly one",
            a.hours_per_month, b.hours_per_month
        ));
    }

    Comparison {
        a: a.clone(),
        b: b.clone(),
        ratios,
        scaling_efficiency: eta,
        notes,
    }
}

fn both(a: Option<f64>, b: Option<f64>) -> Option<(f64, f64)> {
    a.zip(b)
}

/// `numerator / denominator`, or `None` when the denominator is zero or the result is not finite.
fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    if denominator == 0.0 {
        return None;
    }
    let value = numerator / denominator;
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testing::v6e;

    const EPS: f64 = 1e-9;

    fn close(value: Option<f64>, expected: f64) -> bool {
        value.is_some_and(|v| (v - expected).abs() < 1e-6)
    }

    #[test]
    fn ratios_and_eta_for_one_versus_three_replicas() {
        let c = compare(&v6e("p1", 1, Some(7.5)), &v6e("p3", 3, Some(21.0)));
        assert!(close(c.ratios.replicas, 3.0));
        assert!(close(c.ratios.devices_total, 3.0));
        assert!(close(c.ratios.throughput, 2.8));
        assert!(close(c.ratios.cost_per_hour, 3.0));
        assert!(close(c.ratios.cost_per_month, 3.0));
        // 428.571… / 400 = 1.071 428…
        assert!(close(c.ratios.cost_per_million_requests, 1.071_428_571));
        // 21 / (3 × 7.5) = 0.933 333…
        assert!(close(c.scaling_efficiency, 0.933_333_333));
        assert!(c.notes.iter().any(|n| n == MEASUREMENT_CAVEAT));
        assert!(!c.notes.iter().any(|n| n.contains("artefact")));
        assert!((c.a.cost_per_hour_usd - 10.80).abs() < EPS);
    }

    #[test]
    fn eta_above_one_is_flagged() {
        // The seed's script: 25.0 req/s on 3 replicas against 1.89 req/s on 1: η = 25 / 5.67 = 4.409
        let c = compare(&v6e("p1", 1, Some(1.89)), &v6e("p3", 3, Some(25.0)));
        assert!(close(c.scaling_efficiency, 4.409_171_076));
        assert!(c.notes.iter().any(|n| n.contains("η = 4.409 > 1")));
        assert!(c.notes.iter().any(|n| n.contains("serial (c = 1)")));
    }

    #[test]
    fn eta_needs_both_throughputs_and_different_sizes() {
        let c = compare(&v6e("p1", 1, None), &v6e("p3", 3, Some(21.0)));
        assert_eq!(c.scaling_efficiency, None);
        assert_eq!(c.ratios.throughput, None);
        assert_eq!(c.ratios.cost_per_million_requests, None);
        assert!(close(c.ratios.cost_per_hour, 3.0));
        assert!(!c.notes.iter().any(|n| n == MEASUREMENT_CAVEAT));

        let c = compare(&v6e("x", 3, Some(20.0)), &v6e("y", 3, Some(22.0)));
        assert_eq!(c.scaling_efficiency, None);
        assert!(close(c.ratios.throughput, 1.1));
        assert!(c.notes.iter().any(|n| n.contains("no scaling to measure")));
    }

    #[test]
    fn zero_denominators_give_no_ratio() {
        let mut a = v6e("a", 1, None);
        a.cost_per_hour_usd = 0.0;
        let c = compare(&a, &v6e("b", 3, None));
        assert_eq!(c.ratios.cost_per_hour, None);
    }
}
