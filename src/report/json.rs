//! `--format json`: one JSON array of findings. The schema is documented in
//! README.md ("JSON output"); CI scripts parse it, so fields are only added,
//! never renamed.

use std::io::{self, Write};

use serde::Serialize;

use super::{Emitter, Location, line_unit};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub replacement: &'a str,
    /// What the replacement replaces (may differ from the finding's range:
    /// deleting a line takes its line break too).
    pub byte_start: usize,
    pub byte_end: usize,
    /// `safe`: applied by `--fix`; `unsafe`: only with `--unsafe-fixes`.
    pub applicability: crate::diagnostic::Applicability,
}

#[derive(Serialize)]
pub struct JsonFinding<'a> {
    pub path: &'a str,
    pub rule: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    pub help: Option<&'a str>,
    /// What `line` counts: `line`, or `paragraph` in a .docx.
    pub unit: &'static str,
    /// .docx only: `body`, `footnote`, `endnote`, `header` or `footer`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<&'static str>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub text: &'a str,
    pub fix: Option<JsonFix<'a>>,
}

impl<'a> JsonFinding<'a> {
    pub fn new(file: &'a SourceFile, d: &'a Diagnostic) -> Self {
        let loc = Location::of(file, d);
        Self {
            path: &file.path,
            rule: d.rule,
            severity: d.severity.as_str(),
            message: &d.message,
            help: d.help.as_deref(),
            unit: line_unit(file),
            part: file
                .part_of_line(file.line_index.line_of(d.range.start))
                .map(|p| p.as_str()),
            line: loc.line,
            column: loc.column,
            end_line: loc.end_line,
            end_column: loc.end_column,
            byte_start: d.range.start,
            byte_end: d.range.end,
            text: &file.text[d.range.start..d.range.end],
            fix: d.fix.as_ref().map(|f| JsonFix {
                replacement: &f.replacement,
                byte_start: f.range.start,
                byte_end: f.range.end,
                applicability: f.applicability,
            }),
        }
    }
}

/// Writes `[`, then each finding as it comes, then `]`: memory stays flat
/// however many files are checked.
#[derive(Default)]
pub struct Json {
    written: usize,
    /// One finding, serialised here first: serde writes a finding in
    /// dozens of small pieces, which `out` (a trait object) would take one
    /// call at a time.
    buffer: Vec<u8>,
}

impl Emitter for Json {
    fn file(
        &mut self,
        out: &mut dyn Write,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            self.buffer.clear();
            self.buffer.extend_from_slice(if self.written == 0 {
                b"[\n  "
            } else {
                b",\n  "
            });
            serde_json::to_writer(&mut self.buffer, &JsonFinding::new(file, d))?;
            out.write_all(&self.buffer)?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })
    }
}
