//! Output. One emitter per format; an emitter turns findings into text and
//! knows nothing about how rules work. Line and column numbers are computed
//! here and only here.

pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod short;

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::FileError;
use crate::source::{SourceFile, SourceFormat};

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
        Self {
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
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
    file.part_of_line(line)
        .filter(|p| *p != crate::source::DocxPart::Body)
        .map(|p| p.label())
}

/// A path as shown on one line of a line-based format or on stderr:
/// control characters (a newline in a file name) are escaped, so one
/// finding stays one line.
pub fn escaped_path(path: &str) -> std::borrow::Cow<'_, str> {
    if !path.contains(char::is_control) {
        return std::borrow::Cow::Borrowed(path);
    }
    let mut out = String::with_capacity(path.len() + 8);
    for c in path.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `path:line:col` (or `path:段落N:col` for Word files).
pub fn position(file: &SourceFile, loc: &Location) -> String {
    format!(
        "{}:{}{}:{}",
        escaped_path(&file.path),
        line_label(file),
        loc.line,
        loc.column
    )
}

pub trait Emitter {
    /// The findings of one file, in position order. Called in path order.
    fn file(
        &mut self,
        out: &mut dyn Write,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()>;
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
    /// Files whose fixes could not be written (`--fix`).
    pub unwritten: usize,
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
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let mut s = format!(
            "{}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning")
        );
        if self.infos > 0 {
            s.push_str(&format!(", {}", plural(self.infos, "info")));
        }
        s.push_str(&format!(" in {}", plural(self.files, "file")));
        if self.file_errors > 0 {
            s.push_str(&format!(
                "; {} could not be checked",
                plural(self.file_errors, "file")
            ));
        }
        if self.unwritten > 0 {
            s.push_str(&format!(
                "; the fixes of {} could not be written",
                plural(self.unwritten, "file")
            ));
        }
        s
    }
}

/// Characters of context kept on each side of a finding for fingerprints
/// and baseline entries.
pub const CONTEXT_CHARS: usize = 6;

/// The text around `range` on its own line: up to `CONTEXT_CHARS`
/// characters before and after, whitespace removed. Together with the path,
/// rule and flagged text it identifies a finding without its line number,
/// so it survives edits elsewhere in the file.
pub fn context(text: &str, range: crate::diagnostic::TextRange) -> (String, String) {
    // Looked for within a bounded stretch: a long run of blanks next to
    // many findings must not make a report quadratic.
    const LOOK_CHARS: usize = 8 * CONTEXT_CHARS;
    let is_break = |c: char| c == '\n' || c == '\r';
    let keep = |c: &char| !c.is_whitespace();
    let before: Vec<char> = text[..range.start]
        .chars()
        .rev()
        .take(LOOK_CHARS)
        .take_while(|c| !is_break(*c))
        .filter(keep)
        .take(CONTEXT_CHARS)
        .collect();
    let after: String = text[range.end..]
        .chars()
        .take(LOOK_CHARS)
        .take_while(|c| !is_break(*c))
        .filter(keep)
        .take(CONTEXT_CHARS)
        .collect();
    (before.into_iter().rev().collect(), after)
}

/// 64-bit FNV-1a: tiny, and stable across versions and platforms (unlike
/// `std`'s hasher), which is what fingerprints stored by CI services need.
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        // A separator byte that UTF-8 text never contains keeps ("ab","c")
        // and ("a","bc") apart.
        for byte in part.as_bytes().iter().chain(std::iter::once(&0xff)) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The fingerprint of a finding: path, rule, flagged text and its context.
/// Two identical findings in one file get the same value; callers that need
/// unique values add an occurrence count.
pub fn fingerprint(file: &SourceFile, d: &Diagnostic) -> u64 {
    let (before, after) = context(&file.text, d.range);
    stable_hash(&[
        &normalized_path(&file.path),
        d.rule,
        &file.text[d.range.start..d.range.end],
        &before,
        &after,
    ])
}

/// A path as stored in fingerprints and baselines: `/` separators, no
/// leading `./`, so `./a/b.txt`, `a/b.txt` and `a\b.txt` are one file.
pub fn normalized_path(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let mut rest = slashed.as_str();
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped;
    }
    rest.to_owned()
}
