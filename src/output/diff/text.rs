//! Text output of a diff report: unified diffs, optionally coloured, and a one-line summary.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use super::report::DiffReport;

/// Style of the `---`/`+++` file header lines.
const FILE_HEADER: Style = Style::new().bold();
/// Style of the `@@ … @@` hunk header lines.
const HUNK_HEADER: Style = AnsiColor::Cyan.on_default();
/// Style of removed lines.
const REMOVED: Style = AnsiColor::Red.on_default();
/// Style of added lines.
const ADDED: Style = AnsiColor::Green.on_default();

/// Formats the unified diff of every added, removed and changed object, then a summary line such as
/// `1 object changed, 0 added, 0 removed, 4 unchanged`.
///
/// With `color`, lines carry ANSI styles: bold file headers, cyan hunk headers, red removals, green
/// additions. Without it the text is plain.
pub fn format_text(report: &DiffReport, color: bool) -> String {
    let mut out = String::new();
    for object in &report.objects {
        if let Some(unified_diff) = &object.unified_diff {
            out.push_str(&format_unified_diff(unified_diff, color));
        }
    }
    let summary = report.summary().to_string();
    push_line(&mut out, &summary, FILE_HEADER, color);
    out
}

/// One unified diff (starting with its `---`/`+++` header), coloured like [`format_text`] when `color`.
pub fn format_unified_diff(unified_diff: &str, color: bool) -> String {
    let mut out = String::new();
    for (index, line) in unified_diff.lines().enumerate() {
        let style = if index < 2 {
            FILE_HEADER
        } else if line.starts_with("@@") {
            HUNK_HEADER
        } else if line.starts_with('-') {
            REMOVED
        } else if line.starts_with('+') {
            ADDED
        } else {
            Style::new()
        };
        push_line(&mut out, line, style, color);
    }
    out
}

/// Appends one line, wrapped in `style` when colour is on and the style is not plain.
fn push_line(out: &mut String, line: &str, style: Style, color: bool) {
    if color && style != Style::new() {
        let _ = writeln!(out, "{}{line}{}", style.render(), style.render_reset());
    } else {
        out.push_str(line);
        out.push('\n');
    }
}
