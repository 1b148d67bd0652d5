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
        let index = &file.line_index;
        let first = index.line_of(d.range.start);
        let last = index.line_of(d.range.end.saturating_sub(1).max(d.range.start));
        let snippet_start = index.line_start(first);
        let (_, mut snippet_end) = index.line_range(last, &file.text);
        if file.text[..snippet_end].ends_with('\r') {
            snippet_end -= 1;
        }
        let source = &file.text[snippet_start..snippet_end];
        let span = (d.range.start - snippet_start)
            ..(d.range.end.min(snippet_end).max(d.range.start) - snippet_start);
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
        let mut report = vec![
            level.primary_title(d.message.as_str()).id(d.rule).element(
                Snippet::source(source)
                    .line_start(first + 1)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(span)),
            ),
        ];
        // The `-->` line can only say `path:N:col`; for a .docx also say
        // `path:段落N:col` in words, as every other format does.
        if !line_label(file).is_empty() {
            let at = position(file, &Location::of(file, d));
            let note = match part_label(file, d) {
                Some(part) => format!("位置：{at}（{part}）"),
                None => format!("位置：{at}"),
            };
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
