//! Diagnostics: what is wrong or suspicious, where in the source it is, and how to fix it.

mod excerpt;

use std::collections::BTreeMap;
use std::fmt;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::Arc;

pub mod sarif;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic};
use serde::Serialize;

use excerpt::{CONTEXT_LINES, Excerpt, LineStarts};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Suspicious but renderable; `--deny warnings` makes it an error.
    Warning,
    /// The input cannot be rendered.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Where a label points: a place in the source text, or a node of a Kubernetes object that a
/// rule read (resolved later to the spec value it was rendered from, or to the manifest line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A byte range in the source text.
    Span(Range<usize>),
    /// A node of one of the objects checked.
    Node(Node),
    /// A setting the finding depends on that no object node holds: a version the check assumed,
    /// or a setting whose value left something out of the objects.
    Setting(Setting),
}

/// A setting of a spec that shows in no single object node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Setting {
    /// The KServe version of the target (a manifest's `# Target:` line).
    KserveTarget,
    /// The Istio version of the target.
    IstioTarget,
    /// Whether a default-deny NetworkPolicy is rendered.
    DefaultDeny,
    /// Whether the vLLM ingress policy admits the EPP by its labels.
    AllowEpp,
}

/// A node of one of the objects checked: the object's index and the JSON pointer of the node.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Node {
    /// The index of the object among those checked.
    pub object: usize,
    /// The JSON pointer of the node within the object.
    pub pointer: String,
    /// For a node holding a shell script of container args, the index of the token among the
    /// script's words (as `validate::facts::args::parse` splits them).
    pub token: Option<usize>,
    /// Whether the finding is about the node's key (a label name) rather than its value.
    pub key: bool,
}

impl Node {
    /// The node at `pointer` of object `object`.
    pub fn new(object: usize, pointer: impl Into<String>) -> Self {
        Node {
            object,
            pointer: pointer.into(),
            token: None,
            key: false,
        }
    }

    /// The key of the entry at `pointer` of object `object`.
    pub fn key(object: usize, pointer: impl Into<String>) -> Self {
        Node {
            key: true,
            ..Node::new(object, pointer)
        }
    }
}

/// A labelled place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where it is.
    pub place: Place,
    /// What is at that place (may be empty).
    pub text: String,
    /// The value at fault (primary) or a value it conflicts with (secondary).
    pub primary: bool,
}

impl Label {
    /// The byte range, for a label in the source text.
    pub fn span(&self) -> Option<&Range<usize>> {
        match &self.place {
            Place::Span(span) => Some(span),
            Place::Node(_) | Place::Setting(_) => None,
        }
    }

    /// The object node, for a label on an object.
    pub fn node(&self) -> Option<&Node> {
        match &self.place {
            Place::Node(node) => Some(node),
            Place::Span(_) | Place::Setting(_) => None,
        }
    }
}

/// One finding about a spec or about Kubernetes objects, with the places involved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// A stable code, documented by `p3gen explain CODE`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// One line saying what is wrong.
    pub message: String,
    /// Places; the first primary one is where the problem is.
    pub labels: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic of a given severity with a code and a message and no labels yet.
    pub fn new(code: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            labels: Vec::new(),
            help: None,
        }
    }

    /// An error with a code and a message and no labels yet.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic::new(code, Severity::Error, message)
    }

    /// A warning with a code and a message and no labels yet.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic::new(code, Severity::Warning, message)
    }

    fn label(mut self, place: Place, text: impl Into<String>, primary: bool) -> Self {
        self.labels.push(Label {
            place,
            text: text.into(),
            primary,
        });
        self
    }

    /// Adds the primary label, if the value has a place in the source.
    pub fn primary(self, span: Option<Range<usize>>, text: impl Into<String>) -> Self {
        match span {
            Some(span) => self.label(Place::Span(span), text, true),
            None => self,
        }
    }

    /// Adds a secondary label, if the value has a place in the source.
    pub fn secondary(self, span: Option<Range<usize>>, text: impl Into<String>) -> Self {
        match span {
            Some(span) => self.label(Place::Span(span), text, false),
            None => self,
        }
    }

    /// Adds the primary label on an object node.
    pub fn at(self, node: Node, text: impl Into<String>) -> Self {
        self.label(Place::Node(node), text, true)
    }

    /// Adds a secondary label on an object node.
    pub fn at_secondary(self, node: Node, text: impl Into<String>) -> Self {
        self.label(Place::Node(node), text, false)
    }

    /// Adds a label on a setting; primary when the finding is about what the setting left out.
    pub fn setting(self, setting: Setting, text: impl Into<String>, primary: bool) -> Self {
        self.label(Place::Setting(setting), text, primary)
    }

    /// Adds a secondary label on an object node: another place involved.
    pub fn related(
        self,
        object: usize,
        pointer: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        self.label(Place::Node(Node::new(object, pointer)), text, false)
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Where a diagnostic about objects is: the primary label's node, or else the first node.
    pub fn node(&self) -> Option<&Node> {
        self.labels
            .iter()
            .find(|label| label.primary)
            .and_then(Label::node)
            .or_else(|| self.labels.iter().find_map(Label::node))
    }

    /// Resolves every node and setting label with `place`: to a span where it returns one, dropped
    /// otherwise. When the primary label is dropped, the first remaining label becomes primary.
    pub fn resolve(mut self, place: impl Fn(&Place) -> Option<Range<usize>>) -> Self {
        self.labels = self
            .labels
            .into_iter()
            .filter_map(|label| match &label.place {
                Place::Span(_) => Some(label),
                // A node without text only locates the finding in a manifest.
                Place::Node(_) if label.text.is_empty() => None,
                other => place(other).map(|span| Label {
                    place: Place::Span(span),
                    ..label
                }),
            })
            .collect();
        if !self.labels.iter().any(|label| label.primary)
            && let Some(first) = self.labels.first_mut()
        {
            first.primary = true;
        }
        self
    }
}

/// A named source text that diagnostics point into.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: String,
    text: Arc<str>,
}

impl SourceFile {
    /// A source with a display name (usually the path as the user gave it) and its text.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }

    /// The display name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The 1-based line and column of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    }
}

/// Diagnostics about one source file.
#[derive(Debug, Clone)]
pub struct Report {
    /// The file the diagnostics point into.
    pub source: SourceFile,
    /// The findings, in the order they were found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Renders every diagnostic as miette draws it: the file name with line and column, the source
    /// lines with labels under the offending text, and the help line.
    ///
    /// Output stays small on huge input: a long source line is shown as a window around its
    /// labels (line and column are still those of the file), and after
    /// [`MAX_SHOWN_PER_CODE`] diagnostics of one code a single line counts the rest.
    pub fn render(&self, style: RenderStyle) -> String {
        let theme = match style {
            RenderStyle::Plain => GraphicalTheme::unicode_nocolor(),
            RenderStyle::Color => GraphicalTheme::unicode(),
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .with_break_words(false)
            .with_links(false)
            .with_context_lines(CONTEXT_LINES);
        let text = self.source.text();
        let starts = LineStarts::new(text);
        let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
        for diagnostic in &self.diagnostics {
            *totals.entry(diagnostic.code).or_default() += 1;
        }
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        let mut out = String::new();
        for diagnostic in &self.diagnostics {
            let seen = seen.entry(diagnostic.code).or_default();
            *seen += 1;
            if *seen > MAX_SHOWN_PER_CODE {
                continue;
            }
            let labels: Vec<&Label> = diagnostic
                .labels
                .iter()
                .filter(|label| label.span().is_some())
                .collect();
            let spans: Vec<Range<usize>> = labels
                .iter()
                .filter_map(|label| label.span().cloned())
                .collect();
            let excerpt = Excerpt::new(self.source.name(), text, &starts, &spans);
            let spans: Vec<Range<usize>> = spans
                .iter()
                .map(|span| excerpt.map(text, &starts, span))
                .collect();
            let report = miette::Report::new(to_miette(diagnostic, &labels, &spans))
                .with_source_code(excerpt);
            // Writing into a String cannot fail.
            let _ = handler.render_report(&mut out, report.as_ref());
            let total = totals[diagnostic.code];
            if *seen == MAX_SHOWN_PER_CODE && total > MAX_SHOWN_PER_CODE {
                let _ = writeln!(
                    out,
                    "  … and {} more like this ({}[{}])\n",
                    thousands(total - MAX_SHOWN_PER_CODE),
                    diagnostic.severity,
                    diagnostic.code
                );
            }
        }
        out
    }
}

/// Diagnostics of one code that [`Report::render`] draws in full; the rest are counted.
pub const MAX_SHOWN_PER_CODE: usize = 20;

/// A count with a comma between groups of three digits: `1,203`.
fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Whether rendered diagnostics carry ANSI colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderStyle {
    /// No escape codes: for pipes, files and snapshots.
    Plain,
    /// Colour, for terminals.
    Color,
}

/// The diagnostic for miette, its labels at `spans` (one per label, in the excerpt it is drawn with).
fn to_miette(
    diagnostic: &Diagnostic,
    labels: &[&Label],
    spans: &[Range<usize>],
) -> MietteDiagnostic {
    let mut out = MietteDiagnostic::new(diagnostic.message.clone())
        .with_code(diagnostic.code)
        .with_severity(match diagnostic.severity {
            Severity::Warning => miette::Severity::Warning,
            Severity::Error => miette::Severity::Error,
        })
        .with_labels(labels.iter().zip(spans).map(|(label, span)| {
            let span = (span.start, span.len());
            let text = (!label.text.is_empty()).then(|| label.text.clone());
            if label.primary {
                LabeledSpan::new_primary_with_span(text, span)
            } else {
                LabeledSpan::new_with_span(text, span)
            }
        }));
    if let Some(help) = &diagnostic.help {
        out = out.with_help(help.clone());
    }
    out
}

impl Report {
    /// Every diagnostic located by line and column, for the one-line formats.
    pub fn located(&self) -> Vec<Located> {
        self.diagnostics
            .iter()
            .map(|diagnostic| {
                let spans: Vec<(bool, &Range<usize>)> = diagnostic
                    .labels
                    .iter()
                    .filter_map(|label| Some((label.primary, label.span()?)))
                    .collect();
                let span = spans
                    .iter()
                    .find(|(primary, _)| *primary)
                    .or(spans.first())
                    .map(|(_, span)| *span);
                let (start, end) = span.map_or(((1, 1), (1, 1)), |span| {
                    (
                        self.source.line_column(span.start),
                        self.source.line_column(span.end),
                    )
                });
                Located {
                    file: self.source.name().to_owned(),
                    line: start.0,
                    column: start.1,
                    end: Position {
                        line: end.0,
                        column: end.1,
                    },
                    severity: diagnostic.severity,
                    code: diagnostic.code,
                    message: diagnostic.message.clone(),
                    help: diagnostic.help.clone(),
                    object: None,
                    notes: Vec::new(),
                }
            })
            .collect()
    }

    /// The diagnostics in `format`: drawn as [`Report::render`] does, or one line each.
    pub fn format(&self, format: MessageFormat, style: RenderStyle) -> String {
        match format {
            MessageFormat::Human => self.render(style),
            MessageFormat::Short | MessageFormat::Json => format_lines(&self.located(), format),
        }
    }
}

/// How findings are written for people and tools.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// Drawn with the source lines and labels under the offending text, and the help.
    #[default]
    Human,
    /// One line per finding: `file:line:col: severity[CODE] message`.
    Short,
    /// One JSON object per line: file, line, column, end, severity, code, message, help.
    Json,
}

/// A line and column, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    /// The 1-based line.
    pub line: usize,
    /// The 1-based column, in characters.
    pub column: usize,
}

/// The Kubernetes object a finding about manifests is in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ObjectRef {
    /// Its kind.
    pub kind: String,
    /// Its name.
    pub name: String,
    /// Its namespace, empty when it names none.
    pub namespace: String,
    /// The JSON pointer of the node at fault within the object.
    pub pointer: String,
}

/// One finding with its place as file, line and column: what the one-line formats (short, JSON,
/// SARIF) write, for specs and manifests alike.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Located {
    /// The file, as the user named it.
    pub file: String,
    /// The 1-based line where the finding starts.
    pub line: usize,
    /// The 1-based column where it starts.
    pub column: usize,
    /// Where it ends (the same place when only the start is known).
    pub end: Position,
    /// Error or warning.
    pub severity: Severity,
    /// The stable code (`p3gen explain CODE`), or `schema` for a schema violation.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// The object the finding is in, for manifests.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub object: Option<ObjectRef>,
    /// Other places involved, as `file:line:col: text`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Located {
    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col: severity[CODE] message` (with `Kind/name: ` before the message of a
    /// finding in an object) and a newline.
    pub fn short(&self) -> String {
        let object = self
            .object
            .as_ref()
            .map(|object| format!("{}/{}: ", object.kind, object.name))
            .unwrap_or_default();
        format!(
            "{}:{}:{}: {}[{}] {object}{}\n",
            self.file, self.line, self.column, self.severity, self.code, self.message
        )
    }

    /// One JSON object and a newline.
    pub fn json(&self) -> String {
        // Strings, numbers and a flattened struct of strings always serialize.
        serde_json::to_string(self).unwrap_or_default() + "\n"
    }
}

/// Findings one line each, short or JSON; [`MessageFormat::Human`] writes them short, with the
/// help and notes under each (there is no source to draw).
pub fn format_lines(findings: &[Located], format: MessageFormat) -> String {
    let mut out = String::new();
    for finding in findings {
        match format {
            MessageFormat::Short => out.push_str(&finding.short()),
            MessageFormat::Json => out.push_str(&finding.json()),
            MessageFormat::Human => {
                out.push_str(&finding.short());
                for note in &finding.notes {
                    out.push_str(&format!("  note: {note}\n"));
                }
                if let Some(help) = &finding.help {
                    out.push_str(&format!("  help: {help}\n"));
                }
            }
        }
    }
    out
}
