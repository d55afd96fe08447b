//! An EPP image given in `target.epp` reads its flags in the spelling the KServe controller writes.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::target::{LoweringError, check_flag_style};

use super::super::{Applies, Rule, RuleInfo};

/// The controller's EPP flags must be spelt the way the EPP reads them.
pub struct EppFlagStyle;

static INFO: RuleInfo = RuleInfo {
    code: "P3805",
    name: "epp-flag-style",
    severity: Severity::Error,
    applies: Applies::Spec,
    summary: "the EPP in `target.epp` spells its flags differently from the KServe controller",
    doc: "## What it checks\nThat the EPP version named in `target.epp.version` reads the flag spelling of the KServe target's controller: camelCase (`--poolName`, `--configText`) on KServe 0.16, kebab-case (`--pool-name`, `--config-text`) everywhere else.\n\n## Why\nThe controller starts the EPP with its own default arguments and passes the scheduler config with its own config flag. GIE ≤ v0.5 (llm-d-inference-scheduler v0.2) reads only camelCase flags and GIE ≥ v1.0 only kebab-case ones (GIE@v0.5.1 and @v1.0.0 `cmd/epp/runner/runner.go`), so an EPP of the other generation does not start.\n\n## Example\n```toml\n[target]\nkserve = \"odh-0.15\"   # kebab-case flags\nepp = { image = \"ghcr.io/llm-d/llm-d-inference-scheduler:v0.2.0\", version = \"inference-scheduler-0.2\" }   # camelCase\n```\n",
};

impl Rule for EppFlagStyle {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let scheduler = &pattern.scheduler;
        if !scheduler.enabled {
            return;
        }
        let Err(LoweringError::FlagStyleMismatch { controller, epp }) =
            check_flag_style(pattern.kserve_profile(), scheduler.epp_profile())
        else {
            return;
        };
        out.push(
            self.finding(format!(
                "KServe {} passes {} flags to the EPP, but {} reads {} flags",
                pattern.kserve.get(),
                controller.as_str(),
                scheduler.epp_profile().label(),
                epp.as_str()
            ))
            .primary(
                scheduler.epp.span(),
                format!("reads {} flags", epp.as_str()),
            )
            .secondary(
                pattern.kserve.span(),
                format!("writes {} flags", controller.as_str()),
            )
            .help("use an EPP image of a version this KServe target supports (`p3gen targets`)"),
        );
    }
}
