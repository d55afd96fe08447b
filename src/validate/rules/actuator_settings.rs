//! The `[autoscaling]` settings belong to the actuator it names.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::target::Actuator;

use super::super::{Applies, Rule, RuleInfo};

/// HPA behaviour with `actuator = "keda"`, or KEDA settings with `actuator = "hpa"`.
pub struct ActuatorSettings;

static INFO: RuleInfo = RuleInfo {
    code: "P3211",
    name: "actuator-settings",
    severity: Severity::Error,
    applies: Applies::Spec,
    summary: "[autoscaling] sets options of the actuator it does not use",
    doc: "## What it checks\nThat `[autoscaling.behavior]` appears only with `actuator = \"hpa\"` and `[autoscaling.keda]` only with `actuator = \"keda\"`.\n\n## Why\nKServe's `spec.scaling.wva` takes exactly one of `hpa` and `keda` (`kserve/kserve@v0.20.0:pkg/apis/serving/v1alpha2/llm_inference_service_validation.go L572-580`). p3gen renders only the named actuator, so the other one's settings would be dropped without a word.\n\n## Example\n```toml\n[autoscaling]\nmax-replicas = 4\nactuator = \"keda\"\n\n[autoscaling.behavior.scale-down]   # error: HPA behaviour with the KEDA actuator\nstabilization-window-seconds = 600\n```\n",
};

impl Rule for ActuatorSettings {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let Some(scaling) = &pattern.autoscaling else {
            return;
        };
        let (stray, table, used) = match scaling.actuator.get() {
            Actuator::Hpa => match &scaling.keda {
                Some(keda) => (keda.span(), "[autoscaling.keda]", "an HPA"),
                None => return,
            },
            Actuator::Keda => match &scaling.behavior {
                Some(behavior) => (
                    behavior.span(),
                    "[autoscaling.behavior]",
                    "a KEDA ScaledObject",
                ),
                None => return,
            },
        };
        out.push(
            self.finding(format!("`{table}` does not apply: the actuator is {used}"))
                .primary(stray, "not used")
                .secondary(scaling.actuator.span(), "the actuator")
                .help(format!(
                    "remove `{table}`, or set `actuator = \"{}\"`",
                    match scaling.actuator.get() {
                        Actuator::Hpa => Actuator::Keda.key(),
                        Actuator::Keda => Actuator::Hpa.key(),
                    }
                )),
        );
    }
}
