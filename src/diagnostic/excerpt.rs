//! The part of a source that one diagnostic shows: the lines around its labels, each long line cut
//! to a window around its labels, with the labels moved into it. Line and column stay those of the
//! source, and drawing a diagnostic costs what its excerpt costs, not what the file costs.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Lines up to this many bytes are shown whole; longer ones are cut to a window of this size.
const MAX_LINE_BYTES: usize = 240;
/// Bytes of a long line shown before the first label that starts on it.
const WINDOW_BEFORE: usize = 60;
/// A label covering more lines than this is cut to its first line.
const MAX_LABEL_LINES: usize = 40;
/// Lines of an excerpt shown whole; between labels further apart only their own lines are shown.
const MAX_EXCERPT_LINES: usize = 100;
/// Lines shown before and after a label, as the graphical handler draws them.
pub(super) const CONTEXT_LINES: usize = 1;
/// Marks the part of a line left out.
const ELLIPSIS: &str = "…";

/// Where each line of a text starts.
pub(super) struct LineStarts(Vec<usize>);

impl LineStarts {
    pub(super) fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(index, _)| index + 1))
            .collect();
        LineStarts(starts)
    }

    /// The 0-based line holding a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset) - 1
    }

    fn last_line(&self) -> usize {
        self.0.len() - 1
    }

    /// The bytes of a line without its line feed, and whether it has one.
    fn content(&self, line: usize, text_len: usize) -> (Range<usize>, bool) {
        let start = self.0[line];
        match self.0.get(line + 1) {
            Some(&next) => (start..next - 1, true),
            None => (start..text_len, false),
        }
    }
}

/// One source line in the excerpt.
struct ExcerptLine {
    /// Where the line starts in the source.
    source_start: usize,
    /// Where it starts in the excerpt.
    excerpt_start: usize,
    /// The source bytes shown when the line is not shown whole (empty for a line not shown).
    window: Option<Range<usize>>,
    /// Bytes of the ellipsis in front of the window.
    prefix: usize,
}

/// The excerpt of a source that one diagnostic's labels point into.
pub(super) struct Excerpt {
    name: String,
    text: String,
    /// The source line (from 0) of the excerpt's first line.
    first_line: usize,
    lines: Vec<ExcerptLine>,
    /// Whether every line from the first label to the last is shown.
    dense: bool,
}

impl Excerpt {
    /// The excerpt of `text` that shows `spans`; lines between them that no label shows are empty.
    pub(super) fn new(name: &str, text: &str, starts: &LineStarts, spans: &[Range<usize>]) -> Self {
        let mut excerpt = Excerpt {
            name: name.to_owned(),
            text: String::new(),
            first_line: 0,
            lines: Vec::new(),
            dense: true,
        };
        let spans: Vec<(usize, Range<usize>)> = spans
            .iter()
            .map(|span| {
                let span = clamp(text, span);
                let start_line = starts.line_of(span.start);
                let end_line = starts.line_of(span.end);
                let end_line = if end_line - start_line > MAX_LABEL_LINES {
                    start_line
                } else {
                    end_line
                };
                (span.start, start_line..end_line)
            })
            .collect();
        let (Some(first), Some(last)) = (
            spans.iter().map(|(_, lines)| lines.start).min(),
            spans.iter().map(|(_, lines)| lines.end).max(),
        ) else {
            return excerpt;
        };
        let first = first.saturating_sub(CONTEXT_LINES);
        let last = (last + CONTEXT_LINES).min(starts.last_line());
        // miette draws every line from the first label to the last; past a bound only the lines
        // around each label are kept and the others left empty.
        excerpt.dense = last - first <= MAX_EXCERPT_LINES;
        let mut shown = vec![excerpt.dense; last - first + 1];
        let mut label_starts: Vec<Vec<usize>> = vec![Vec::new(); last - first + 1];
        for (start, lines) in &spans {
            let from = lines.start.saturating_sub(CONTEXT_LINES);
            let to = (lines.end + CONTEXT_LINES).min(last);
            shown[from - first..=to - first].fill(true);
            label_starts[lines.start - first].push(*start);
        }
        excerpt.first_line = first;
        for line in first..=last {
            let (content, has_newline) = starts.content(line, text.len());
            let excerpt_start = excerpt.text.len();
            let index = line - first;
            let (window, prefix) = if !shown[index] {
                (Some(content.start..content.start), 0)
            } else if content.len() <= MAX_LINE_BYTES {
                excerpt.text.push_str(&text[content.clone()]);
                (None, 0)
            } else {
                let window = window(text, &content, &label_starts[index]);
                let prefix = if window.start > content.start {
                    excerpt.text.push_str(ELLIPSIS);
                    ELLIPSIS.len()
                } else {
                    0
                };
                excerpt.text.push_str(&text[window.clone()]);
                if window.end < content.end {
                    excerpt.text.push_str(ELLIPSIS);
                }
                (Some(window), prefix)
            };
            if has_newline {
                excerpt.text.push('\n');
            }
            excerpt.lines.push(ExcerptLine {
                source_start: content.start,
                excerpt_start,
                window,
                prefix,
            });
        }
        excerpt
    }

    /// Where a span of the source is in the excerpt. A label that covers too many lines keeps
    /// its first line; the ends of a label on a cut line are kept inside the window.
    pub(super) fn map(&self, text: &str, starts: &LineStarts, span: &Range<usize>) -> Range<usize> {
        let span = clamp(text, span);
        let (start_line, end_line) = (starts.line_of(span.start), starts.line_of(span.end));
        let end = if end_line - start_line > MAX_LABEL_LINES {
            starts.content(start_line, text.len()).0.end
        } else {
            span.end
        };
        let start = self.map_offset(starts, span.start);
        start..self.map_offset(starts, end).max(start)
    }

    fn map_offset(&self, starts: &LineStarts, offset: usize) -> usize {
        let line = starts
            .line_of(offset)
            .clamp(self.first_line, self.first_line + self.lines.len() - 1);
        let entry = &self.lines[line - self.first_line];
        match &entry.window {
            None => entry.excerpt_start + offset.saturating_sub(entry.source_start),
            Some(window) => {
                entry.excerpt_start + entry.prefix + offset.clamp(window.start, window.end)
                    - window.start
            }
        }
    }
}

/// A span inside the text, on character boundaries.
fn clamp(text: &str, span: &Range<usize>) -> Range<usize> {
    let floor = |mut offset: usize| {
        offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    };
    let start = floor(span.start);
    start..floor(span.end).max(start)
}

/// The part of a long line to show: from a little before its first label, `MAX_LINE_BYTES` long.
fn window(text: &str, content: &Range<usize>, label_starts: &[usize]) -> Range<usize> {
    let floor = |mut offset: usize| {
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    };
    let first_label = label_starts.iter().copied().min().unwrap_or(content.start);
    let start = floor(first_label.saturating_sub(WINDOW_BEFORE).max(content.start));
    let end = floor((start + MAX_LINE_BYTES).min(content.end));
    start..end
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        let mut column = inner.column();
        if context_lines_before == 0 {
            // The column of the span itself: count the bytes left out of a cut line.
            if let Some(ExcerptLine {
                source_start,
                window: Some(window),
                prefix,
                ..
            }) = self.lines.get(inner.line())
            {
                column = window.start - source_start + column.saturating_sub(*prefix);
            }
        }
        // miette joins two labels into one drawing when the first one's line plus its line count
        // reaches the second one's line. Its own line count runs from the start of the file, which
        // joins labels however far apart: kept for a dense excerpt (drawn as before), counted from
        // the excerpt otherwise, so that distant labels are drawn apart.
        let line_count = if self.dense {
            self.first_line + inner.line_count()
        } else {
            inner.line_count()
        };
        let contents = MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            self.first_line + inner.line(),
            column,
            line_count,
        )
        .with_language("toml");
        Ok(Box::new(contents))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_kept_whole_and_far_lines_left_empty() {
        let text = format!(
            "a = 1\nb = 2\n{}e = 5\nf = 6\n",
            "c = 3\n".repeat(MAX_EXCERPT_LINES)
        );
        let starts = LineStarts::new(&text);
        let f = text.find('f').unwrap();
        let excerpt = Excerpt::new("x", &text, &starts, &[0..1, f..f + 1]);
        let empty = "\n".repeat(MAX_EXCERPT_LINES);
        assert_eq!(excerpt.text, format!("a = 1\nb = 2\n{empty}e = 5\nf = 6\n"));
        let mapped = excerpt.map(&text, &starts, &(f..f + 1));
        assert_eq!(&excerpt.text[mapped], "f");
    }

    #[test]
    fn a_long_line_is_cut_around_its_label() {
        let text = format!("k = \"{}\", bad = 1\n", "x".repeat(70_000));
        let starts = LineStarts::new(&text);
        let label = text.find("bad").unwrap();
        let span = label..label + 3;
        let excerpt = Excerpt::new("x", &text, &starts, std::slice::from_ref(&span));
        assert!(excerpt.text.starts_with(ELLIPSIS), "{}", excerpt.text);
        assert!(excerpt.text.len() <= MAX_LINE_BYTES + 2 * ELLIPSIS.len() + 1);
        let mapped = excerpt.map(&text, &starts, &span);
        assert_eq!(&excerpt.text[mapped], "bad");
    }
}
