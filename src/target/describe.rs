//! The `p3gen targets` overview: what differs between the supported KServe and Istio versions, generated from the tables.

use super::epp::EppGeneration;
use super::ext_proc::{BodyMode, HeaderMode, ProcessingMode};
use super::kserve::{HttpRouteLayout, KserveProfile, RouteBackend, RouteRuleInfo};
use super::scaling::{SCALING, SCALING_SOURCE, ScalingSupport};
use super::text_table;
use super::version::{IstioVersion, KserveTarget};
use super::vllm::VllmVersion;

/// A plain-text description of every supported target, built from the KServe, EPP and Istio tables.
pub fn describe_targets() -> String {
    let kserve: Vec<&KserveProfile> = KserveTarget::ALL.iter().map(|t| t.profile()).collect();
    let mut out = String::new();

    section(&mut out, "KServe targets");
    let rows: Vec<Vec<String>> = kserve
        .iter()
        .map(|p| {
            vec![
                p.target.to_string(),
                format!(
                    "{} (stored {})",
                    p.llmisvc_api_version, p.llmisvc_storage_version
                ),
                format!("{}*", p.crd_file_prefix()),
                yes_no(p.scheduler_config).to_string(),
                pool(p),
                scaling(p.scaling).to_string(),
            ]
        })
        .collect();
    out.push_str(&text_table::render(
        &[
            "target",
            "LLMInferenceService",
            "CRD",
            "scheduler.config",
            "InferencePool",
            "spec.scaling",
        ],
        &rows,
    ));

    section(&mut out, "Autoscaling (`[autoscaling]`, spec.scaling)");
    out.push_str(&format!(
        "The controller creates a VariantAutoscaling ({}) `<name>{}` for the Deployment `<name>{}`, \
         and an HPA ({}) `<name>{}` or a KEDA ScaledObject ({}) `<name>{}` that follows WVA's \
         `{}` metric; built against {}; {}.\nSource: {SCALING_SOURCE}.\n",
        SCALING.variant_autoscaling_api,
        SCALING.variant_autoscaling_suffix,
        SCALING.scale_target_suffix,
        SCALING.hpa_api,
        SCALING.hpa_suffix,
        SCALING.keda_api,
        SCALING.keda_suffix,
        SCALING.metric,
        SCALING.built_against,
        SCALING.missing_crd,
    ));

    section(&mut out, "HTTPRoute and vLLM");
    let rows: Vec<Vec<String>> = kserve
        .iter()
        .map(|p| {
            vec![
                p.target.to_string(),
                routes(&p.http_route),
                p.vllm.describe().to_string(),
                p.vllm.probe_scheme().to_string(),
                probe_budgets(p),
            ]
        })
        .collect();
    out.push_str(&text_table::render(
        &[
            "target",
            "HTTPRoute rules",
            "vLLM command",
            "probes",
            "template probes",
        ],
        &rows,
    ));

    section(&mut out, "Endpoint picker (EPP)");
    let rows: Vec<Vec<String>> = kserve
        .iter()
        .map(|p| {
            let epp = p.epp_profile();
            let weighting = if p.scheduler_config {
                "scheduler.config.inline"
            } else {
                "scheduler.template args"
            };
            vec![
                p.target.to_string(),
                epp.label(),
                format!("{} ({})", epp.flag_style.as_str(), epp.config_text_flag()),
                epp.weight_type.as_str().to_string(),
                epp.config_api_version.to_string(),
                weighting.to_string(),
            ]
        })
        .collect();
    out.push_str(&text_table::render(
        &[
            "target",
            "EPP",
            "flags",
            "weights",
            "config apiVersion",
            "weights go in",
        ],
        &rows,
    ));

    section(
        &mut out,
        "EPP versions (`target.epp.version`, with `target.epp.image`)",
    );
    let rows: Vec<Vec<String>> = EppGeneration::ALL
        .iter()
        .map(|generation| {
            let epp = generation.profile();
            vec![
                generation.to_string(),
                epp.label(),
                epp.flag_style.as_str().to_string(),
                epp.weight_type.as_str().to_string(),
            ]
        })
        .collect();
    out.push_str(&text_table::render(
        &["version", "EPP", "flags", "weights"],
        &rows,
    ));

    section(&mut out, "Default EPP image and scorers");
    let rows: Vec<Vec<String>> = kserve
        .iter()
        .map(|p| {
            let scorers: Vec<String> = p
                .default_scorers
                .iter()
                .map(|s| format!("{} {}", s.plugin, s.weight))
                .collect();
            vec![
                p.target.to_string(),
                p.default_epp_image.to_string(),
                scorers.join(", "),
            ]
        })
        .collect();
    out.push_str(&text_table::render(
        &["target", "image", "default scorers"],
        &rows,
    ));

    section(&mut out, "Default EPP container");
    for p in &kserve {
        let (field, flags) = match p.default_epp_command {
            [] => ("args", p.default_epp_args),
            command => ("command", command),
        };
        out.push_str(&format!("{}: {field}: {}\n", p.target, flags.join(" ")));
        out.push_str(&format!(
            "  config flags the controller recognises: {}\n",
            p.config_flags_recognised.join(" ")
        ));
        if !p.config_migrations.source.is_empty() {
            out.push_str(&format!(
                "  config migrations: {}{}; source: {}\n",
                if p.config_migrations.removes_hash_block_size {
                    "hashBlockSize deleted"
                } else {
                    ""
                },
                if p.config_migrations.prefix_scorer_keeps_producer_name_only {
                    ", prefix-cache-scorer keeps prefixMatchInfoProducerName only"
                } else {
                    ""
                },
                p.config_migrations.source
            ));
        }
        out.push_str(&format!("  source: {}\n", p.default_epp_args_source));
    }

    section(&mut out, "Istio versions");
    let rows: Vec<Vec<String>> = IstioVersion::ALL
        .iter()
        .map(|v| {
            let p = v.profile();
            vec![
                v.to_string(),
                p.watched_pool_api
                    .map_or("none".to_string(), |api| api.to_string()),
                p.route_processing_mode
                    .as_ref()
                    .map_or("none".to_string(), modes),
                yes_no(p.envoy_filter_waypoint_context).to_string(),
                p.peer_authentication_storage
                    .unwrap_or("undocumented")
                    .to_string(),
            ]
        })
        .collect();
    out.push_str(&text_table::render(
        &[
            "istio",
            "InferencePool API watched",
            "own per-route ext_proc",
            "EnvoyFilter WAYPOINT",
            "PeerAuthentication storage",
        ],
        &rows,
    ));

    section(
        &mut out,
        "vLLM flag tables (`target.vllm`, else the image's release, else all of them)",
    );
    for version in VllmVersion::ALL {
        out.push_str(&format!(
            "{version}: {} flags; {}\n",
            version.flags().len(),
            version.source()
        ));
    }

    section(&mut out, "Sources");
    for p in &kserve {
        out.push_str(&format!(
            "{}: vLLM template and probes: {}\n",
            p.target, p.vllm_probes.source
        ));
        if let Some(twin) = p.alpha_pool_twin {
            out.push_str(&format!(
                "{}: v1alpha2 pool twin: {}\n",
                p.target, twin.source
            ));
        }
        let epp = p.epp_profile();
        out.push_str(&format!(
            "{}: EPP {}: {}\n",
            p.target, epp.scheduler, epp.provenance
        ));
        out.push_str(&format!(
            "{}: default scorers: {}\n",
            p.target, p.default_scorers_source
        ));
    }
    out.push_str(&format!("0.18-0.20: spec.scaling: {SCALING_SOURCE}\n"));
    for version in IstioVersion::ALL {
        out.push_str(&format!("Istio {version}: {}\n", version.profile().source));
    }

    section(&mut out, "Notes");
    for p in &kserve {
        for note in p.notes {
            out.push_str(&format!("{}: {note}\n", p.target));
        }
        out.push_str(&format!(
            "{}: HTTPRoute: {}\n",
            p.target, p.http_route.source
        ));
    }
    out
}

/// Starts a section: a blank line between sections, then the title.
fn section(out: &mut String, title: &str) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(title);
    out.push_str(":\n");
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// The pool API, with the same-named alpha pool or the InferenceModel where they are created.
fn pool(profile: &KserveProfile) -> String {
    let mut out = profile.inference_pool.to_string();
    if let Some(twin) = profile.alpha_pool_twin {
        out.push_str(&format!(" + {}", twin.api.version));
        if twin.skipped_without_crd {
            out.push_str(" (if its CRD exists)");
        }
    }
    if profile.creates_inference_model {
        out.push_str(" + InferenceModel");
    }
    out
}

/// The template's start-up guard and liveness, e.g. `startup 60 × 10 s, liveness 10 × 10 s`.
fn probe_budgets(profile: &KserveProfile) -> String {
    let probes = profile.vllm_probes;
    let liveness = format!(
        "liveness {} (timeout {} s)",
        probes.liveness.describe(),
        probes.liveness.timeout.unwrap_or(1)
    );
    match probes.startup {
        Some(startup) => format!("startup {}, {liveness}", startup.describe()),
        None => format!("no startup, {liveness}"),
    }
}

/// What the target does with `spec.scaling`.
fn scaling(support: ScalingSupport) -> &'static str {
    match support {
        ScalingSupport::Absent => "no",
        ScalingSupport::Unreconciled => "accepted, not reconciled",
        ScalingSupport::Reconciled => "WVA + HPA or KEDA",
    }
}

/// `3 unnamed, pool .0 .1` or `12 named, 9 to the pool (v1-completions-path …)`.
fn routes(layout: &HttpRouteLayout) -> String {
    let pool: Vec<&RouteRuleInfo> = layout
        .rules
        .iter()
        .filter(|r| r.backend == RouteBackend::InferencePool)
        .collect();
    if !layout.named_rules {
        let indices: Vec<String> = pool.iter().map(|r| format!(".{}", r.index)).collect();
        return format!("{} unnamed, pool {}", layout.rule_count, indices.join(" "));
    }
    let first = pool.first().and_then(|r| r.name).unwrap_or_default();
    format!(
        "{} named, {} to the pool ({first} …)",
        layout.rule_count,
        pool.len()
    )
}

/// `FULL_DUPLEX_STREAMED, trailers SEND` style summary of a processing mode's body and trailer modes.
fn modes(mode: &ProcessingMode) -> String {
    let body = match (mode.request_body_mode, mode.response_body_mode) {
        (Some(BodyMode::FullDuplexStreamed), Some(BodyMode::FullDuplexStreamed)) => {
            "FULL_DUPLEX_STREAMED"
        }
        _ => "other body modes",
    };
    let trailers = match (mode.request_trailer_mode, mode.response_trailer_mode) {
        (Some(HeaderMode::Send), Some(HeaderMode::Send)) => "trailers SEND",
        _ => "trailers unset",
    };
    format!("{body}, {trailers}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each KServe and Istio row names where its facts come from (`owner/repo@tag:path`).
    #[test]
    fn every_row_names_its_source() {
        let text = describe_targets();
        let sources = text
            .split("Sources:\n")
            .nth(1)
            .and_then(|rest| rest.split("\n\n").next())
            .expect("a Sources section");
        for target in KserveTarget::ALL {
            for what in ["vLLM template and probes", "EPP ", "default scorers"] {
                let line = sources
                    .lines()
                    .find(|l| l.starts_with(&format!("{target}: {what}")))
                    .unwrap_or_else(|| panic!("{target}: {what}\n{sources}"));
                assert!(line.contains('@') && line.contains(':'), "{line}");
            }
        }
        for version in IstioVersion::ALL {
            let line = sources
                .lines()
                .find(|l| l.starts_with(&format!("Istio {version}: ")))
                .unwrap_or_else(|| panic!("{version}\n{sources}"));
            assert!(line.contains("istio/istio@"), "{line}");
        }
        assert!(!text.contains("assumed"), "{text}");
    }

    #[test]
    fn every_target_and_istio_version_appears_with_its_distinguishing_values() {
        let text = describe_targets();
        for target in KserveTarget::ALL {
            let profile = target.profile();
            assert!(text.contains(profile.default_epp_image), "{text}");
            let flags = match profile.default_epp_command {
                [] => format!("args: {}", profile.default_epp_args.join(" ")),
                command => format!("command: {}", command.join(" ")),
            };
            let args_line = format!("{target}: {flags}");
            assert!(text.contains(&args_line), "{text}");
        }
        let istio_row = |version: &str| {
            text.lines()
                .find(|l| l.starts_with(&format!("{version} ")))
                .unwrap_or_default()
                .to_string()
        };
        assert!(istio_row("1.26").contains("none"));
        assert!(istio_row("1.27").contains("inference.networking.x-k8s.io/v1alpha2"));
        assert!(istio_row("1.27").contains("trailers unset"));
        assert!(istio_row("1.28").contains("trailers SEND"));
    }

    #[test]
    fn kserve_rows_show_what_differs() {
        let text = describe_targets();
        let row = |target: &str| {
            text.lines()
                .find(|l| l.starts_with(&format!("{target} ")) && l.contains("named"))
                .unwrap_or_default()
                .to_string()
        };
        assert!(row("odh-0.15").contains("3 unnamed, pool .0 .1"), "{text}");
        assert!(text.contains("inference.networking.x-k8s.io/v1alpha2 + InferenceModel"));
        assert!(row("0.16").contains("1 unnamed, pool .0"));
        assert!(row("0.18").contains("4 unnamed, pool .0 .1 .2"));
        assert!(row("0.19").contains("8 named, 6 to the pool (v1-completions-path …)"));
        assert!(row("0.20").contains("12 named, 9 to the pool"));
        assert!(text.contains("kserve-v0.20.0_*"));
        assert!(text.contains("camelCase (--configText)"));
        for generation in EppGeneration::ALL {
            assert!(
                text.lines()
                    .any(|l| l.starts_with(&format!("{generation} "))),
                "{text}"
            );
        }
        assert!(text.lines().all(|l| l == l.trim_end()));
    }
}
