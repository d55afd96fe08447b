//! Test helpers shared by the plan module's tests: the reference deployment's TPU v6e 2x2 shape.

use super::capacity::{Plan, plan};
use super::input::{Accelerator, PlanInput, TpuGeneration};

/// The input of `replicas` TPU v6e 2x2 replicas (4 chips on one `ct6e-standard-4t` node each).
pub fn v6e_2x2_input(name: &str, replicas: u32) -> PlanInput {
    PlanInput::new(
        name,
        replicas,
        Accelerator::Tpu {
            generation: TpuGeneration::V6e,
            topology: "2x2".into(),
            chips: 4,
            machine_type: "ct6e-standard-4t".into(),
        },
    )
}

/// The plan of `replicas` TPU v6e 2x2 replicas at the built-in price, with an optional throughput.
pub fn v6e(name: &str, replicas: u32, throughput: Option<f64>) -> Plan {
    let mut input = v6e_2x2_input(name, replicas);
    input.throughput_rps = throughput;
    match plan(&input) {
        Ok(plan) => plan,
        Err(error) => panic!("{error}"),
    }
}
