//! `p3gen explain`: the documentation of one code, or the list of all of them.

use super::Outcome;
use crate::validate::{self, RuleInfo};

/// Prints one code's documentation, or with `list` every code on one line each.
pub fn run(code: Option<&str>, list: bool) -> Outcome {
    if list {
        return Outcome::ok(catalogue());
    }
    let code = code.unwrap_or_default();
    match validate::explain(code) {
        Some(info) => Outcome::ok(document(info)),
        None => Outcome::error(format!(
            "error: `{code}` is not a p3gen code; `p3gen explain --list` lists them\n"
        )),
    }
}

/// One code's documentation: a header line, the summary, then its Markdown.
pub fn document(info: &RuleInfo) -> String {
    format!(
        "# {} {}\n\n{} · applies to {}\n\n{}\n\n{}",
        info.code,
        info.name,
        info.severity,
        info.applies.describe(),
        info.summary,
        info.doc
    )
}

/// Every code: code, severity, where it applies, name and summary, aligned.
pub fn catalogue() -> String {
    let all = validate::catalogue();
    let width = all.iter().map(|info| info.name.len()).max().unwrap_or(0);
    all.iter()
        .map(|info| {
            format!(
                "{}  {:<7}  {:<18}  {:<width$}  {}\n",
                info.code,
                info.severity.to_string(),
                info.applies.describe(),
                info.name,
                info.summary
            )
        })
        .collect()
}
