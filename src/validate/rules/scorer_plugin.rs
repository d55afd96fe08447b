//! I20: every scorer names a plugin that the target's EPP registers, under the name it registers.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::target::{ScorerProblem, ScorerProblemKind};

use super::super::{Applies, Rule, RuleInfo};
use super::scorer_problems::{self, Located, Report};

/// Scorer plugin types must exist, as scorers, in the EPP of the target.
pub struct ScorerPlugin;

static INFO: RuleInfo = RuleInfo {
    code: "P3801",
    name: "scorer-plugin",
    severity: Severity::Error,
    applies: Applies::Spec,
    summary: "a scorer names a plugin that the target's EPP does not register as a scorer",
    doc: "## What it checks\nThat each key of `[scheduler.scorers]` is a scorer plugin type of the EPP the target deploys (or of `target.epp`): not unknown, not a name this EPP version spells differently, and not a picker, filter or profile handler, which take no weight. `p3gen targets` lists each target's EPP.\n\n## Why\nThe EPP reads its EndpointPickerConfig once at start-up, and an unknown plugin type fails the start-up. Plugins were renamed between versions: `kv-cache-scorer` (GIE ≤ v0.5.1, KServe 0.16's EPP) is `kv-cache-utilization-scorer` from GIE v1.0 (GIE commit 216d5bf0).\n\n## Example\n```toml\n[target]\nkserve = \"0.20\"\n\n[scheduler.scorers]\nkv-cache-scorer = { weight = 2 }   # did you mean `kv-cache-utilization-scorer`?\n```\n",
};

impl Rule for ScorerPlugin {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let epp = pattern.scheduler.epp_profile();
        let wanted = |problem: &ScorerProblem| {
            matches!(
                problem.kind,
                ScorerProblemKind::UnknownPlugin { .. }
                    | ScorerProblemKind::RenamedPlugin { .. }
                    | ScorerProblemKind::NotAScorer { .. }
            )
        };
        let help = |found: &Located| {
            found.problem.help().unwrap_or_else(|| {
                let mut scorers: Vec<_> = epp.scorer_types().map(|s| format!("`{s}`")).collect();
                scorers.sort();
                format!("the scorers of this EPP: {}", scorers.join(", "))
            })
        };
        let report = Report {
            wanted,
            place: |found: &Located| (found.plugin.clone(), "not a scorer of this EPP"),
            help,
            show_epp: true,
        };
        scorer_problems::report(self, pattern, report, out);
    }
}
