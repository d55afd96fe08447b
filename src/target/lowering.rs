//! Lowering scorer weights into what the target's controller and EPP accept: nothing, template args, or an inline config.

use super::epp::{EppProfile, FlagStyle, metric_flag_of};
use super::epp_config::{
    ConfigTextError, EndpointPickerConfig, endpoint_picker_config, to_config_text,
};
use super::kserve::KserveProfile;
use super::scorers::{ScorerProblem, ScorerWeights, check_scorers, is_default};

/// The EPP container name the KServe controller looks for when deciding whether to append its default config.
pub const EPP_CONTAINER: &str = "main";

/// Where scorer weights go in the LLMInferenceService.
#[derive(Debug, Clone, PartialEq)]
pub enum SchedulerLowering {
    /// The weights are the target's defaults: render `scheduler: {}`.
    Default,
    /// KServe 0.16 / ODH: `spec.router.scheduler.template.containers[name=<container>].args`, the
    /// complete default EPP arg list plus the config flag and the config text as two items.
    TemplateArgs {
        /// The container name (`main`).
        container: &'static str,
        /// The complete args list; Go template strings are left for the controller to expand.
        args: Vec<String>,
    },
    /// KServe 0.17+: put this at `spec.router.scheduler.config.inline` as a YAML mapping.
    InlineConfig(EndpointPickerConfig),
}

/// Why the weights cannot be lowered.
#[derive(Debug, thiserror::Error)]
pub enum LoweringError {
    /// The weights do not fit the EPP; each problem names its plugin (and parameter).
    #[error("{} problem(s) with the scorer weights", .0.len())]
    InvalidScorers(Vec<ScorerProblem>),
    /// The controller's default args and the chosen EPP spell flags differently.
    #[error(
        "the controller's default EPP args use {} flags but the EPP reads {} flags",
        .controller.as_str(),
        .epp.as_str()
    )]
    FlagStyleMismatch {
        /// The style of the controller's default args (and of the config flags it recognises).
        controller: FlagStyle,
        /// The style the EPP reads.
        epp: FlagStyle,
    },
    /// The config could not be written as text.
    #[error(transparent)]
    ConfigText(#[from] ConfigTextError),
}

/// Lowers `scorers` for the controller `kserve` and the EPP `epp` (normally `kserve.epp_profile()`).
///
/// The weights are checked first ([`check_scorers`]), and so is the EPP's flag spelling against the
/// controller's ([`check_flag_style`]); any problem is an error, so nothing the EPP would reject or
/// silently ignore is ever emitted. Then see [`lower_weights_unchecked`].
pub fn lower_weights(
    kserve: &KserveProfile,
    epp: &EppProfile,
    scorers: &ScorerWeights,
) -> Result<SchedulerLowering, LoweringError> {
    let problems = check_scorers(epp, scorers);
    if !problems.is_empty() {
        return Err(LoweringError::InvalidScorers(problems));
    }
    check_flag_style(kserve, epp)?;
    Ok(lower_weights_unchecked(kserve, epp, scorers)?)
}

/// Whether the controller's EPP flags (its default args, and the config flag it recognises or passes)
/// are spelt the way `epp` reads them; an EPP given flags in the other style fails at start-up.
pub fn check_flag_style(kserve: &KserveProfile, epp: &EppProfile) -> Result<(), LoweringError> {
    let controller = kserve.epp_flag_style();
    if controller == epp.flag_style {
        Ok(())
    } else {
        Err(LoweringError::FlagStyleMismatch {
            controller,
            epp: epp.flag_style,
        })
    }
}

/// Lowers `scorers` without checking them, for callers that report [`check_scorers`] and
/// [`check_flag_style`] problems themselves (an integer EPP gets fractional weights truncated).
///
/// Defaults lower to [`SchedulerLowering::Default`]; targets without `router.scheduler.config` get
/// [`SchedulerLowering::TemplateArgs`] (the controller recognises a config flag only as an exact
/// element, so flag and text are two items, and `args` replaces the default list as a whole, so the
/// list is complete); later targets get [`SchedulerLowering::InlineConfig`].
pub fn lower_weights_unchecked(
    kserve: &KserveProfile,
    epp: &EppProfile,
    scorers: &ScorerWeights,
) -> Result<SchedulerLowering, ConfigTextError> {
    if is_default(kserve, scorers) {
        return Ok(SchedulerLowering::Default);
    }
    let config = endpoint_picker_config(epp, scorers);
    if kserve.scheduler_config {
        return Ok(SchedulerLowering::InlineConfig(config));
    }
    let mut args = default_epp_args_for(kserve, epp);
    args.push(epp.config_text_flag().to_string());
    args.push(to_config_text(&config)?);
    Ok(SchedulerLowering::TemplateArgs {
        container: EPP_CONTAINER,
        args,
    })
}

/// The controller's default EPP `args`, without the metric flags (and their values) that `epp`
/// refuses at start-up: KServe 0.17 passes `--kv-cache-usage-percentage-metric`, which an EPP on
/// GIE v1.4.0 or later rejects (versions.md §B row 47).
pub fn default_epp_args_for(kserve: &KserveProfile, epp: &EppProfile) -> Vec<String> {
    let mut args = Vec::new();
    let mut defaults = kserve.default_epp_args.iter();
    while let Some(arg) = defaults.next() {
        if epp.rejects_metric_flags && metric_flag_of(arg).is_some() {
            if !arg.contains('=') {
                defaults.next();
            }
            continue;
        }
        args.push((*arg).to_string());
    }
    args
}

/// The `args` the EPP container must be given in place of the controller's defaults, when those
/// carry a flag `epp` refuses; `None` when the defaults start it.
pub fn epp_args_override(kserve: &KserveProfile, epp: &EppProfile) -> Option<Vec<String>> {
    let args = default_epp_args_for(kserve, epp);
    (args.len() != kserve.default_epp_args.len()).then_some(args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::epp::EppGeneration;
    use crate::target::scorers::ScorerProblemKind;
    use crate::target::version::KserveTarget;

    fn scorers(entries: &[(&str, f64)]) -> ScorerWeights {
        ScorerWeights::from_weights(entries.iter().copied())
    }

    fn lower(
        target: KserveTarget,
        weights: &ScorerWeights,
    ) -> Result<SchedulerLowering, LoweringError> {
        let profile = target.profile();
        lower_weights(profile, profile.epp_profile(), weights)
    }

    #[test]
    fn odh_weights_lower_to_the_full_odh_list_plus_config_text() {
        let lowering = lower(
            KserveTarget::Odh015,
            &scorers(&[("prefix-cache-scorer", 3.0), ("load-aware-scorer", 1.0)]),
        )
        .unwrap();
        let SchedulerLowering::TemplateArgs { container, args } = lowering else {
            panic!("expected template args, got {lowering:?}");
        };
        assert_eq!(container, "main");
        // The verbatim ODH list (asserted in the KServe table's tests), then the config flag.
        let mut expected_head = KserveTarget::Odh015.profile().default_epp_args.to_vec();
        expected_head.push("--config-text");
        assert_eq!(args.len(), expected_head.len() + 1);
        assert_eq!(args[..expected_head.len()], expected_head);
        // The config text itself is asserted verbatim in the EndpointPickerConfig tests.
        let weights = scorers(&[("prefix-cache-scorer", 3.0), ("load-aware-scorer", 1.0)]);
        let epp = KserveTarget::Odh015.profile().epp_profile();
        let text = to_config_text(&endpoint_picker_config(epp, &weights)).unwrap();
        assert!(text.contains("  - pluginRef: prefix-cache-scorer\n    weight: 3\n"));
        assert_eq!(args[expected_head.len()], text);
    }

    #[test]
    fn k16_lowers_with_camel_case_config_text() {
        let lowering = lower(
            KserveTarget::V016,
            &scorers(&[("prefix-cache-scorer", 4.0)]),
        )
        .unwrap();
        let SchedulerLowering::TemplateArgs { args, .. } = lowering else {
            panic!("expected template args, got {lowering:?}");
        };
        assert_eq!(args[0], "--poolName");
        assert_eq!(args[args.len() - 2], "--configText");
        assert!(args[args.len() - 1].contains("- pluginRef: prefix-cache-scorer\n    weight: 4\n"));
    }

    #[test]
    fn fractional_weight_on_odh_is_an_error() {
        let err = lower(
            KserveTarget::Odh015,
            &scorers(&[("prefix-cache-scorer", 2.5)]),
        )
        .unwrap_err();
        let LoweringError::InvalidScorers(problems) = err else {
            panic!("expected scorer problems, got {err:?}");
        };
        assert_eq!(
            problems[0].kind,
            ScorerProblemKind::FractionalWeight { weight: 2.5 }
        );
    }

    #[test]
    fn fractional_weight_on_0_20_lowers_inline() {
        let lowering = lower(
            KserveTarget::V020,
            &scorers(&[("prefix-cache-scorer", 2.5), ("queue-scorer", 1.0)]),
        )
        .unwrap();
        let SchedulerLowering::InlineConfig(config) = lowering else {
            panic!("expected an inline config, got {lowering:?}");
        };
        assert_eq!(config.api_version, "llm-d.ai/v1alpha1");
        let json = serde_json::to_value(&config).unwrap();
        assert_eq!(
            json["schedulingProfiles"][0]["plugins"][0]["pluginRef"],
            "prefix-cache-scorer"
        );
        assert_eq!(json["schedulingProfiles"][0]["plugins"][0]["weight"], 2.5);
    }

    #[test]
    fn k17_and_later_lower_inline_with_integer_weights_where_the_epp_wants_them() {
        let lowering = lower(
            KserveTarget::V017,
            &scorers(&[("prefix-cache-scorer", 5.0)]),
        )
        .unwrap();
        let SchedulerLowering::InlineConfig(config) = lowering else {
            panic!("expected an inline config, got {lowering:?}");
        };
        let json = serde_json::to_value(&config).unwrap();
        assert_eq!(json["apiVersion"], "inference.networking.x-k8s.io/v1alpha1");
        assert!(json["schedulingProfiles"][0]["plugins"][0]["weight"].is_i64());
    }

    #[test]
    fn default_weights_lower_to_default() {
        for target in KserveTarget::ALL {
            let profile = target.profile();
            let defaults = ScorerWeights::defaults_of(profile);
            assert_eq!(
                lower(*target, &defaults).unwrap(),
                SchedulerLowering::Default,
                "{target}"
            );
            assert_eq!(
                lower(*target, &ScorerWeights::default()).unwrap(),
                SchedulerLowering::Default
            );
        }
    }

    #[test]
    fn stale_plugin_names_are_rejected_before_lowering() {
        let err = lower(KserveTarget::V020, &scorers(&[("kv-cache-scorer", 1.0)])).unwrap_err();
        assert!(matches!(err, LoweringError::InvalidScorers(_)));
    }

    /// versions.md §B row 47: KServe 0.17's default args pass the metric flag, which an EPP on
    /// GIE v1.4.0 or later (llm-d-inference-scheduler v0.7, llm-d-router v0.9) refuses.
    #[test]
    fn the_k17_metric_flag_is_left_out_for_an_epp_that_refuses_it() {
        let k17 = KserveTarget::V017.profile();
        assert!(
            k17.default_epp_args
                .contains(&"--kv-cache-usage-percentage-metric")
        );
        assert_eq!(
            epp_args_override(k17, EppGeneration::LlmdIs0_4.profile()),
            None
        );
        for epp in [EppGeneration::LlmdIs0_7, EppGeneration::RouterEpp0_9] {
            let args = epp_args_override(k17, epp.profile()).expect("the flag is left out");
            assert_eq!(args.len(), k17.default_epp_args.len() - 2);
            assert!(!args.iter().any(|a| a.contains("metric")), "{args:?}");
            assert_eq!(args.last().map(String::as_str), Some("9003"));
        }
        for target in KserveTarget::ALL {
            for epp in EppGeneration::ALL {
                if *target != KserveTarget::V017 {
                    assert_eq!(epp_args_override(target.profile(), epp.profile()), None);
                }
            }
        }
    }

    #[test]
    fn a_mismatched_epp_flag_style_is_an_error_on_template_targets() {
        let odh = KserveTarget::Odh015.profile();
        let camel_epp = EppGeneration::LlmdIs0_2.profile();
        let err =
            lower_weights(odh, camel_epp, &scorers(&[("prefix-cache-scorer", 1.0)])).unwrap_err();
        assert!(matches!(
            err,
            LoweringError::FlagStyleMismatch {
                controller: FlagStyle::Kebab,
                epp: FlagStyle::Camel
            }
        ));
    }
}
