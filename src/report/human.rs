//! `--format human`: each finding drawn under its source line with
//! annotate-snippets, which measures Han characters as two cells wide, so
//! carets line up in a terminal. Long lines are cut around the finding to
//! the terminal width.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Emitter, Location, line_label, part_label, position};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

pub struct Human {
    renderer: Renderer,
}

impl Human {
    /// `color`: use ANSI colours (a terminal that wants them).
    /// `width`: terminal width in cells.
    pub fn new(color: bool, width: usize) -> Self {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        Self {
            renderer: renderer.term_width(width),
        }
    }

    pub fn render(&self, file: &SourceFile, d: &Diagnostic) -> String {
        let shown = Window::around(file, d);
        let source = shown.source.as_str();
        let span = shown.span.clone();
        let first = shown.first_line;
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        // In a .docx a "line" is a Word paragraph; say so in the path.
        // Footnotes, headers and footers follow the body: name the part.
        let path = match (line_label(file), part_label(file, d)) {
            ("", _) => file.path.clone(),
            (label, None) => format!("{}（{label}）", file.path),
            (label, Some(part)) => format!("{}（{label}，{part}）", file.path),
        };
        let snippet = Snippet::source(source)
            .line_start(first + 1)
            .annotation(AnnotationKind::Primary.span(span));
        // A window cut out of a long line would make annotate-snippets count
        // the column from the cut, so a cut window has no `-->` line; the
        // true position goes in a note. The `-->` line can only say
        // `path:N:col`: a .docx also gets the note, to say `段落N`.
        let snippet = if shown.cut {
            snippet
        } else {
            snippet.path(path)
        };
        let mut report = vec![
            level
                .primary_title(d.message.as_str())
                .id(d.rule)
                .element(snippet),
        ];
        if shown.cut || !line_label(file).is_empty() {
            let mut note = format!("位置：{}", position(file, &Location::of(file, d)));
            if let Some(part) = part_label(file, d) {
                note.push_str(&format!("（{part}）"));
            }
            if shown.cut {
                note.push_str("（长行，只显示问题前后）");
            }
            report.push(Group::with_title(Level::NOTE.secondary_title(note)));
        }
        if let Some(help) = &d.help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        self.renderer.render(&report)
    }
}

impl Emitter for Human {
    fn file(
        &mut self,
        out: &mut dyn Write,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            writeln!(out, "{}\n", self.render(file, d))?;
        }
        Ok(())
    }
}

/// The text drawn for one finding: its line(s), cut to a window around the
/// finding when long, so that drawing a finding costs the same on a 16 MB
/// line as on a short one (annotate-snippets measures the whole source it
/// is given).
struct Window {
    source: String,
    /// The finding's bytes in `source`.
    span: std::ops::Range<usize>,
    /// 0-based line of the first line shown.
    first_line: usize,
    /// Part of the lines was left out.
    cut: bool,
}

impl Window {
    /// Lines up to this many bytes are shown whole, as annotate-snippets
    /// would (it still cuts them to the terminal's width).
    const WHOLE_BYTES: usize = 2048;
    /// Characters of context kept on each side of a finding in a long line.
    const CONTEXT_CHARS: usize = 40;
    /// Characters of a long finding drawn before it is cut.
    const MAX_SPAN_CHARS: usize = 120;

    fn around(file: &SourceFile, d: &Diagnostic) -> Self {
        let text = file.text.as_str();
        let index = &file.line_index;
        let first = index.line_of(d.range.start);
        let (line_start, _) = index.line_range(first, text);
        let last = index.line_of(d.range.end.saturating_sub(1).max(d.range.start));
        let (_, last_end) = index.line_range(last, text);
        let start = d.range.start.clamp(line_start, last_end);
        if last_end - line_start <= Self::WHOLE_BYTES {
            let end = d.range.end.clamp(start, last_end);
            return Self::of(text, line_start..last_end, start..end, first);
        }
        // The finding itself, cut after MAX_SPAN_CHARS characters, with
        // context on each side, within the lines shown.
        let end = advance_chars(text, start, Self::MAX_SPAN_CHARS)
            .min(d.range.end.max(start))
            .min(last_end);
        let from = back_chars(text, start, Self::CONTEXT_CHARS).max(line_start);
        let to = advance_chars(text, end, Self::CONTEXT_CHARS).min(last_end);
        let mut shown = Self::of(text, from..to, start..end, first);
        if from > line_start {
            shown.source.insert(0, '…');
            let shift = '…'.len_utf8();
            shown.span = shown.span.start + shift..shown.span.end + shift;
        }
        if to < last_end {
            shown.source.push('…');
        }
        shown.cut = from > line_start || to < last_end;
        shown
    }

    /// `text[shown]` with the finding at `finding`.
    fn of(
        text: &str,
        shown: std::ops::Range<usize>,
        finding: std::ops::Range<usize>,
        first_line: usize,
    ) -> Self {
        // Shown lines end in `\n` only: annotate-snippets draws a `\r` as text.
        let source = text[shown.clone()]
            .replace("\r\n", "\n")
            .replace('\r', "\n");
        let in_source =
            |at: usize| at - shown.start - text[shown.start..at].matches("\r\n").count();
        Self {
            span: in_source(finding.start)..in_source(finding.end),
            source,
            first_line,
            cut: false,
        }
    }
}

/// The byte offset `n` characters after `at` (or the end of `text`).
fn advance_chars(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

/// The byte offset `n` characters before `at` (or 0).
fn back_chars(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}
