//! The cost and scaling formulas of the domain reference (§9), as plain functions of numbers.

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

/// Seconds per hour.
const SECONDS_PER_HOUR: f64 = 3600.0;

/// Requests in the "per 1M requests" figure.
const MILLION: f64 = 1e6;

/// Money in exact decimal arithmetic. Prices and hours are written as decimals (2.70, 11.0612, 720);
/// binary floating point would make 12 × 2.70 into 32.400000000000006 and print it so in JSON.
/// Each figure is computed on the decimals its inputs are written as, and handed back as the `f64`
/// nearest to the exact result, which prints as that decimal. `from_f64` takes the shortest decimal
/// that reads back as the same `f64` (2.7, not 2.70000000000000017763568394002504646778106689453125).
fn decimal(value: f64) -> Option<Decimal> {
    Decimal::from_f64(value)
}

/// The `f64` nearest to an exact decimal (through its text, which rounds correctly); `fallback`
/// when the decimal computation overflowed or a value had no decimal form.
fn nearest_f64(exact: Option<Decimal>, fallback: f64) -> f64 {
    exact
        .and_then(|exact| exact.normalize().to_string().parse::<f64>().ok())
        .unwrap_or(fallback)
}

/// `C_h = billed units × price per unit-hour`, exact in decimals.
pub fn hourly_cost(billed_units: u32, usd_per_hour: f64) -> f64 {
    let exact =
        decimal(usd_per_hour).and_then(|price| Decimal::from(billed_units).checked_mul(price));
    nearest_f64(exact, f64::from(billed_units) * usd_per_hour)
}

/// `C_month = C_h × H`, exact in decimals.
pub fn monthly_cost(cost_per_hour_usd: f64, hours_per_month: f64) -> f64 {
    let exact = decimal(cost_per_hour_usd)
        .zip(decimal(hours_per_month))
        .and_then(|(cost, hours)| cost.checked_mul(hours));
    nearest_f64(exact, cost_per_hour_usd * hours_per_month)
}

/// `$ per 1M requests = C_h × 1e6 / (3600 × T × u)`, in decimals (the division rounded to 28
/// significant digits).
///
/// `T` is the sustained throughput in requests/s and `u` the utilisation in (0, 1]; with `u = 1` this is
/// `C_month / (T × 86400 × 30) × 1e6` for a 720-hour month.
pub fn cost_per_million_requests(
    cost_per_hour_usd: f64,
    throughput_rps: f64,
    utilisation: f64,
) -> f64 {
    let exact = || {
        let requests_per_hour = Decimal::from(3600)
            .checked_mul(decimal(throughput_rps)?)?
            .checked_mul(decimal(utilisation)?)?;
        decimal(cost_per_hour_usd)?
            .checked_mul(Decimal::from(1_000_000))?
            .checked_div(requests_per_hour)
    };
    nearest_f64(
        exact(),
        cost_per_hour_usd * MILLION / (SECONDS_PER_HOUR * throughput_rps * utilisation),
    )
}

/// Scaling efficiency between two replica counts: `η = T_B / ((N_B / N_A) × T_A)`.
///
/// This generalises `η(N) = T_sat(N) / (N × T_sat(1))` to any pair of replica counts. It is only meaningful
/// for saturated throughputs measured with the same harness, request mix and load; `None` when a count or a
/// throughput is zero or a throughput is not finite.
pub fn scaling_efficiency(
    replicas_a: u32,
    throughput_a: f64,
    replicas_b: u32,
    throughput_b: f64,
) -> Option<f64> {
    let usable = |t: f64| t.is_finite() && t > 0.0;
    if replicas_a == 0 || replicas_b == 0 || !usable(throughput_a) || !usable(throughput_b) {
        return None;
    }
    let replica_ratio = f64::from(replicas_b) / f64::from(replicas_a);
    Some(throughput_b / (replica_ratio * throughput_a))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tolerance for values computed by hand to the cent or to four decimals.
    const CENT: f64 = 0.005;

    #[test]
    fn money_is_exact_in_decimals() {
        // In binary floating point 12 × 2.70 is 32.400000000000006 and 2 × 11.0612 × 720 is
        // 15928.127999999999.
        assert_eq!(hourly_cost(12, 2.70), 32.4);
        assert_eq!(hourly_cost(12, 2.70).to_string(), "32.4");
        assert_eq!(hourly_cost(2, 11.0612), 22.1224);
        assert_eq!(
            monthly_cost(hourly_cost(2, 11.0612), 720.0).to_string(),
            "15928.128"
        );
        assert_eq!(monthly_cost(32.4, 720.0), 23_328.0);
        assert_eq!(cost_per_million_requests(10.80, 7.5, 1.0), 400.0);
    }

    #[test]
    fn monthly_cost_multiplies_by_the_hours() {
        assert!((monthly_cost(32.40, 720.0) - 23_328.0).abs() < 1e-9);
        assert!((monthly_cost(5.50, 730.0) - 4015.0).abs() < 1e-9);
    }

    #[test]
    fn cost_per_million_requests_matches_hand_values() {
        // 10.80 × 1e6 / (3600 × 7.5) = 10 800 000 / 27 000 = 400.00
        assert!((cost_per_million_requests(10.80, 7.5, 1.0) - 400.0).abs() < 1e-9);
        // 32.40 × 1e6 / (3600 × 21) = 32 400 000 / 75 600 = 428.571…
        assert!((cost_per_million_requests(32.40, 21.0, 1.0) - 428.571_428).abs() < 1e-6);
        // u = 0.8 divides T: 400 / 0.8 = 500
        assert!((cost_per_million_requests(10.80, 7.5, 0.8) - 500.0).abs() < CENT);
    }

    #[test]
    fn scaling_efficiency_generalises_to_replica_pairs() {
        // 1 → 3 replicas, 7.5 → 21 req/s: 21 / (3 × 7.5) = 0.9333…
        let eta = scaling_efficiency(1, 7.5, 3, 21.0);
        assert!(eta.is_some_and(|e| (e - 0.933_333).abs() < 1e-6), "{eta:?}");
        // 2 → 4 replicas, 10 → 18 req/s: 18 / (2 × 10) = 0.9
        let eta = scaling_efficiency(2, 10.0, 4, 18.0);
        assert!(eta.is_some_and(|e| (e - 0.9).abs() < 1e-12), "{eta:?}");
        // The seed's c = 20 run: 33.7 (1 replica) vs 38.0 (3 replicas) = 0.3759
        let eta = scaling_efficiency(1, 33.7, 3, 38.0);
        assert!(eta.is_some_and(|e| (e - 0.375_865).abs() < 1e-6), "{eta:?}");
    }

    #[test]
    fn scaling_efficiency_refuses_unusable_numbers() {
        assert_eq!(scaling_efficiency(0, 7.5, 3, 21.0), None);
        assert_eq!(scaling_efficiency(1, 0.0, 3, 21.0), None);
        assert_eq!(scaling_efficiency(1, 7.5, 3, f64::NAN), None);
    }
}
