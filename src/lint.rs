//! Linting hand-written manifests: the rules over objects run on the documents read, and each
//! finding is placed at the file, line and column of the node it names.

use crate::diagnostic::{Diagnostic, Located, ObjectRef, Position, Severity};
use crate::manifest::Document;
use crate::validate::{Levels, Objects, check_objects};

/// The findings of the rules over `objects` (the view of `documents`, in the same order) at
/// their report levels, placed in the documents and sorted by file, line and column.
pub fn lint(documents: &[Document], objects: &Objects<'_>, levels: &Levels) -> Vec<Located> {
    let findings = levels.apply(check_objects(objects));
    let mut located: Vec<Located> = findings.iter().map(|f| locate(documents, f)).collect();
    located.sort_by(|a, b| {
        (
            &a.file, a.line, a.column, a.code, a.severity, &a.object, &a.message,
        )
            .cmp(&(
                &b.file, b.line, b.column, b.code, b.severity, &b.object, &b.message,
            ))
    });
    located
}

/// Where a pointer of an object was written, as `file:line:col`.
fn place(document: &Document, pointer: &str) -> (String, usize, usize) {
    let (line, column) = document
        .locate_nearest(pointer)
        .map_or((1, 1), |(_, position)| (position.line, position.column));
    (document.file.display().to_string(), line, column)
}

fn locate(documents: &[Document], finding: &Diagnostic) -> Located {
    let node = finding.node();
    let Some((node, document)) = node.and_then(|node| Some((node, documents.get(node.object)?)))
    else {
        return Located {
            file: String::new(),
            line: 0,
            column: 0,
            end: Position { line: 0, column: 0 },
            severity: finding.severity,
            code: finding.code,
            message: finding.message.clone(),
            help: finding.help.clone(),
            object: None,
            notes: Vec::new(),
        };
    };
    let (file, line, column) = place(document, &node.pointer);
    let notes = finding
        .labels
        .iter()
        .filter_map(|label| {
            let related = label.node().filter(|related| *related != node)?;
            let other = documents.get(related.object)?;
            let (file, line, column) = place(other, &related.pointer);
            Some(format!("{file}:{line}:{column}: {}", label.text))
        })
        .collect();
    Located {
        file,
        line,
        column,
        end: Position { line, column },
        severity: finding.severity,
        code: finding.code,
        message: finding.message.clone(),
        help: finding.help.clone(),
        object: Some(ObjectRef {
            kind: document.kind().unwrap_or_default().to_owned(),
            name: document.name().unwrap_or_default().to_owned(),
            namespace: document.namespace().unwrap_or_default().to_owned(),
            pointer: node.pointer.clone(),
        }),
        notes,
    }
}

/// `N errors, M warnings in K objects`.
pub fn summary(findings: &[Located], objects: usize) -> String {
    let count = |severity: Severity| findings.iter().filter(|f| f.severity == severity).count();
    format!(
        "{}, {} in {}\n",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(objects, "object")
    )
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
