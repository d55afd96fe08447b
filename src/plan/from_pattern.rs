//! The plan input of a resolved [`Pattern`]: its replicas and accelerator shape, the spec's `[plan]` settings,
//! and command-line values that win over them; and the diagnostics when they do not make a plan.

use crate::diagnostic::Diagnostic;
use crate::model::{self, Pattern};
use crate::spec::Spanned;

use super::error::PlanError;
use super::input::{Accelerator, DEFAULT_HOURS_PER_MONTH, PlanInput, PriceOverrides};

/// Plan settings given on the command line; each wins over the spec's `[plan]` value. A price on the
/// command line replaces both of the spec's prices, so the two sources never mix.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CommandLine {
    /// `--chip-hour-usd`.
    pub chip_hour_usd: Option<f64>,
    /// `--node-hour-usd`.
    pub node_hour_usd: Option<f64>,
    /// `--throughput`.
    pub throughput: Option<f64>,
    /// `--utilisation`.
    pub utilisation: Option<f64>,
    /// `--hours-per-month`.
    pub hours_per_month: Option<f64>,
}

impl CommandLine {
    fn sets_a_price(&self) -> bool {
        self.chip_hour_usd.is_some() || self.node_hour_usd.is_some()
    }
}

/// The cost-model input of a pattern, named `name`. Fails when the accelerator lacks what pricing needs (a GPU
/// machine type).
pub fn plan_input(
    pattern: &Pattern,
    name: &str,
    command_line: &CommandLine,
) -> Result<PlanInput, Diagnostic> {
    let accelerator = match &pattern.accelerator {
        model::Accelerator::Tpu(tpu) => Accelerator::Tpu {
            generation: tpu.generation,
            topology: tpu.shape.label.to_owned(),
            chips: tpu.shape.chips,
            machine_type: tpu.shape.machine_type.to_owned(),
        },
        model::Accelerator::Gpu(gpu) => {
            let Some(machine_type) = &gpu.machine_type else {
                return Err(Diagnostic::error(
                    "P3701",
                    "the plan needs the GPU machine type, which decides the price and the GPUs per node",
                )
                .primary(gpu.accelerator_type.span(), "GPUs of this type, on which machine?")
                .help(format!(
                    "add `machine-type` to `[accelerator.gpu]`, e.g. `machine-type = \"g2-standard-4\"` for {}",
                    gpu.accelerator_type.get()
                )));
            };
            // A GPU type or count the machine does not carry would price a deployment that never
            // schedules.
            if let Some(misfit) = crate::validate::rules::gpu_machine_misfit(gpu) {
                return Err(misfit);
            }
            Accelerator::Gpu {
                accelerator_type: gpu.accelerator_type.get().clone(),
                count: *gpu.count.get(),
                machine_type: machine_type.get().clone(),
            }
        }
    };
    let Some((min, max)) = pattern.replica_range() else {
        return Err(Diagnostic::error(
            "P3702",
            "the plan needs the replica count: `service.replicas` or an `[autoscaling]` range",
        )
        .primary(pattern.service_table.clone(), "no `replicas` here"));
    };
    let settings = &pattern.plan;
    let spec_value = |value: &Option<Spanned<f64>>| value.as_ref().map(|v| *v.get());
    let prices = if command_line.sets_a_price() {
        PriceOverrides {
            chip_hour_usd: command_line.chip_hour_usd,
            node_hour_usd: command_line.node_hour_usd,
        }
    } else {
        PriceOverrides {
            chip_hour_usd: spec_value(&settings.chip_hour_usd),
            node_hour_usd: spec_value(&settings.node_hour_usd),
        }
    };
    Ok(PlanInput {
        name: name.to_owned(),
        replicas: *min.get(),
        max_replicas: (max.get() != min.get()).then(|| *max.get()),
        accelerator,
        prices,
        throughput_rps: command_line.throughput.or(spec_value(&settings.throughput)),
        utilisation: command_line
            .utilisation
            .or(spec_value(&settings.utilisation)),
        hours_per_month: command_line
            .hours_per_month
            .or(spec_value(&settings.hours_per_month))
            .unwrap_or(DEFAULT_HOURS_PER_MONTH),
    })
}

/// A diagnostic for a plan error, labelled at the spec values that caused it (values from the command line
/// have no place in the spec, so the message alone names them).
pub fn diagnose(error: &PlanError, pattern: &Pattern, command_line: &CommandLine) -> Diagnostic {
    let settings = &pattern.plan;
    // The span of a spec value, unless the command line overrode it.
    let spec_span = |overridden: bool, spec: &Option<Spanned<f64>>| {
        spec.as_ref()
            .and_then(Spanned::span)
            .filter(|_| !overridden)
    };
    let cli_price = command_line.sets_a_price();
    let diagnostic = Diagnostic::error("P3702", error.to_string());
    match error {
        PlanError::MissingTpuPrice { .. } | PlanError::MissingGpuPrice { .. } => {
            let span = match &pattern.accelerator {
                model::Accelerator::Tpu(tpu) => tpu.topology.span(),
                model::Accelerator::Gpu(gpu) => gpu.machine_type.as_ref().and_then(Spanned::span),
            };
            diagnostic.primary(span, "no built-in price for this accelerator")
        }
        PlanError::ConflictingPrices { .. } => diagnostic
            .primary(
                spec_span(cli_price, &settings.chip_hour_usd),
                "a chip-hour price",
            )
            .secondary(
                spec_span(cli_price, &settings.node_hour_usd),
                "and a node-hour price",
            ),
        PlanError::InvalidPrice { setting, .. } => {
            let spec = if *setting == "chip-hour-usd" {
                &settings.chip_hour_usd
            } else {
                &settings.node_hour_usd
            };
            diagnostic.primary(spec_span(cli_price, spec), "expected USD above 0")
        }
        PlanError::InvalidThroughput { .. } => diagnostic.primary(
            spec_span(command_line.throughput.is_some(), &settings.throughput),
            "expected requests/s above 0",
        ),
        PlanError::InvalidUtilisation { .. } => diagnostic.primary(
            spec_span(command_line.utilisation.is_some(), &settings.utilisation),
            "expected a fraction in (0, 1]",
        ),
        PlanError::InvalidHoursPerMonth { .. } => diagnostic.primary(
            spec_span(
                command_line.hours_per_month.is_some(),
                &settings.hours_per_month,
            ),
            "expected hours above 0",
        ),
        PlanError::NoReplicas | PlanError::TooLarge { .. } => {
            let span = match (&pattern.replicas, &pattern.autoscaling) {
                (Some(replicas), _) => replicas.span(),
                (None, Some(scaling)) => scaling.max_replicas.span(),
                (None, None) => pattern.service_table.clone(),
            };
            diagnostic.primary(span, "replicas")
        }
        PlanError::NoDevices { .. }
        | PlanError::InvalidTopology { .. }
        | PlanError::TopologyChipMismatch { .. } => match &pattern.accelerator {
            model::Accelerator::Gpu(gpu) => {
                diagnostic.primary(gpu.count.span(), "GPUs per replica")
            }
            model::Accelerator::Tpu(tpu) => diagnostic.primary(tpu.topology.span(), "topology"),
        },
    }
}
