//! Output. One emitter per format; an emitter turns findings into text and
//! knows nothing about how rules work. Line and column numbers are computed
//! here and only here.

pub mod human;
pub mod json;

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, SourceFormat};
use crate::walk::FileError;

/// 1-based start and end positions, columns counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    pub fn of(file: &SourceFile, d: &Diagnostic) -> Self {
        let start = file.line_col(d.range.start);
        let end = file.line_col(d.range.end);
        Self { line: start.line, column: start.column, end_line: end.line, end_column: end.column }
    }
}

/// How a line number is named for this file: `段落` in a .docx, where a
/// line is a Word paragraph, nothing in text files.
pub fn line_label(file: &SourceFile) -> &'static str {
    match file.format {
        SourceFormat::Docx => "段落",
        SourceFormat::PlainText | SourceFormat::Markdown => "",
    }
}

/// JSON's `unit`: what `line` counts.
pub fn line_unit(file: &SourceFile) -> &'static str {
    match file.format {
        SourceFormat::Docx => "paragraph",
        SourceFormat::PlainText | SourceFormat::Markdown => "line",
    }
}

/// The part of a .docx a finding is in (`页眉`, `脚注`…), when not the body.
pub fn part_label(file: &SourceFile, d: &Diagnostic) -> Option<&'static str> {
    let line = file.line_index.line_of(d.range.start);
    file.part_of_line(line).filter(|p| *p != crate::source::DocxPart::Body).map(|p| p.label())
}

/// `path:line:col` (or `path:段落N:col` for Word files).
pub fn position(file: &SourceFile, loc: &Location) -> String {
    format!("{}:{}{}:{}", file.path, line_label(file), loc.line, loc.column)
}

pub trait Emitter {
    /// The findings of one file, in position order. Called in path order.
    fn file(&mut self, out: &mut dyn Write, file: &SourceFile, diagnostics: &[Diagnostic]) -> io::Result<()>;
    /// A file that could not be checked. The one-line error on stderr is
    /// printed by the caller whatever the format; formats that can carry
    /// errors (SARIF, JUnit) record them here too.
    fn file_error(&mut self, _out: &mut dyn Write, _error: &FileError) -> io::Result<()> {
        Ok(())
    }
    /// Called once after the last file.
    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// Counts for the summary line and the exit code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub file_errors: usize,
}

impl Summary {
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// `3 errors, 1 warning in 2 files`
    pub fn line(&self) -> String {
        let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
        let mut s = format!("{}, {}", plural(self.errors, "error"), plural(self.warnings, "warning"));
        if self.infos > 0 {
            s.push_str(&format!(", {}", plural(self.infos, "info")));
        }
        s.push_str(&format!(" in {}", plural(self.files, "file")));
        if self.file_errors > 0 {
            s.push_str(&format!("; {} could not be checked", plural(self.file_errors, "file")));
        }
        s
    }
}
