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

impl JsonFinding<'_> {
    /// The finding as `serde_json::to_writer` writes it (the derived
    /// `Serialize` is the reference, and a test holds the two equal), but
    /// with strings escaped eight bytes at a time: serde_json's escaping,
    /// a byte at a time, was a tenth of a check with this format.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        use std::io::Write as _;
        out.extend_from_slice(b"{\"path\":");
        push_str(out, self.path);
        out.extend_from_slice(b",\"rule\":");
        push_str(out, self.rule);
        out.extend_from_slice(b",\"severity\":");
        push_str(out, self.severity);
        out.extend_from_slice(b",\"message\":");
        push_str(out, self.message);
        out.extend_from_slice(b",\"help\":");
        match self.help {
            Some(help) => push_str(out, help),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"unit\":");
        push_str(out, self.unit);
        if let Some(part) = self.part {
            out.extend_from_slice(b",\"part\":");
            push_str(out, part);
        }
        // Writing into a Vec cannot fail.
        let _ = write!(
            out,
            ",\"line\":{},\"column\":{},\"end_line\":{},\"end_column\":{},\"byte_start\":{},\"byte_end\":{},\"text\":",
            self.line, self.column, self.end_line, self.end_column, self.byte_start, self.byte_end
        );
        push_str(out, self.text);
        out.extend_from_slice(b",\"fix\":");
        match &self.fix {
            None => out.extend_from_slice(b"null"),
            Some(fix) => {
                out.extend_from_slice(b"{\"replacement\":");
                push_str(out, fix.replacement);
                let applicability = match fix.applicability {
                    crate::diagnostic::Applicability::Safe => "safe",
                    crate::diagnostic::Applicability::Unsafe => "unsafe",
                };
                let _ = write!(
                    out,
                    ",\"byte_start\":{},\"byte_end\":{},\"applicability\":\"{applicability}\"}}",
                    fix.byte_start, fix.byte_end
                );
            }
        }
        out.push(b'}');
    }
}

/// Whether any byte of `word` is below 0x20, or is `"` or `\\`
/// (bit-twiddling: exact for every byte value).
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    below_space
        | zero_byte(word ^ (ONES * u64::from(b'"')))
        | zero_byte(word ^ (ONES * u64::from(b'\\')))
        != 0
}

/// `s` as a JSON string, escaped exactly as serde_json escapes it.
pub fn push_str(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.push(b'"');
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight plain bytes at a time: the common case, Chinese text.
        if let Some(chunk) = bytes.get(i..i + 8)
            && !needs_escape(u64::from_le_bytes(chunk.try_into().unwrap_or_default()))
        {
            i += 8;
            continue;
        }
        let b = bytes[i];
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x09 => b"\\t",
            0x0A => b"\\n",
            0x0C => b"\\f",
            0x0D => b"\\r",
            0x00..0x20 => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xF)],
            ],
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(escape);
        i += 1;
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Writes `[`, then each finding as it comes, then `]`: memory stays flat
/// however many files are checked.
#[derive(Default)]
pub struct Json {
    written: usize,
    /// One finding, written here first and handed to `out` (a trait
    /// object) in one call.
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
            JsonFinding::new(file, d).write_json(&mut self.buffer);
            out.write_all(&self.buffer)?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::push_str;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        push_str(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in [
            "",
            "全年完成35篇",
            "引号\"和\\反斜杠",
            "\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f} \u{7f}",
            "恰好八个字节abcdefgh\"",
        ] {
            assert_eq!(escaped(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn findings_are_written_as_serde_json_writes_them() {
        let registry = crate::rules::Registry::builtin().unwrap();
        let file = crate::source::SourceFile::new(
            "稿\"件.txt",
            "2024年XX局工作总结\n全年完成XX篇, 布署\t到位。本文由网友上传，更多范文请关注公众号：某某范文。\n".to_owned(),
            crate::source::SourceFormat::PlainText,
        );
        let found = crate::linter::Linter::new(&registry, Default::default()).check(&file);
        assert!(
            found.iter().any(|d| d.fix.is_some())
                && found.iter().any(|d| d.help.is_none() || d.fix.is_none())
        );
        for d in &found {
            let finding = super::JsonFinding::new(&file, d);
            let mut ours = Vec::new();
            finding.write_json(&mut ours);
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(&finding).unwrap()
            );
        }
    }

    proptest! {
        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(s in "[\\x00-\\x7f一-龥“”，。]{0,40}") {
            prop_assert_eq!(escaped(&s), serde_json::to_string(&s).unwrap());
        }
    }
}
