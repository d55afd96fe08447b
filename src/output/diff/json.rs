//! JSON output of a diff report: one document with the summary and every object's status and diff.

use serde_json::{Value, json};

use super::report::DiffReport;

/// Formats the report as one pretty-printed JSON document with a trailing newline:
///
/// ```json
/// {
///   "summary": { "changed": 1, "added": 0, "removed": 0, "unchanged": 4 },
///   "objects": [
///     { "apiVersion": "…", "kind": "…", "namespace": "…", "name": "…",
///       "status": "added|removed|changed|unchanged",
///       "oldSource": "…"|null, "newSource": "…"|null, "diff": "unified diff"|null }
///   ]
/// }
/// ```
///
/// `namespace` is `""` for objects without one; `diff` is `null` only for unchanged objects.
pub fn format_json(report: &DiffReport) -> String {
    let summary = report.summary();
    let objects: Vec<Value> = report
        .objects
        .iter()
        .map(|object| {
            json!({
                "apiVersion": object.key.api_version,
                "kind": object.key.kind,
                "namespace": object.key.namespace,
                "name": object.key.name,
                "status": object.status.as_str(),
                "oldSource": object.old_source,
                "newSource": object.new_source,
                "diff": object.unified_diff,
            })
        })
        .collect();
    let document = json!({
        "summary": {
            "changed": summary.changed,
            "added": summary.added,
            "removed": summary.removed,
            "unchanged": summary.unchanged,
        },
        "objects": objects,
    });
    format!("{document:#}\n")
}
