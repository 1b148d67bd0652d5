//! A file as gwlint sees it: decoded text plus what is needed to write it back
//! byte for byte (encoding, BOM) and to point into it (line index).

pub mod decode;
pub mod docx;
pub mod line_index;
pub mod markdown;
pub mod read;
mod sniff;

pub use decode::{DecodeError, decode, decode_as};
pub use docx::{DocxPart, PartRange};
pub use line_index::{LineCol, LineIndex};
pub use read::{FileError, Input, ReadOptions, parse, read};

/// What kind of input the text came from; decides how locations are shown
/// and which parts of the text are prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    PlainText,
    Markdown,
    /// Word paragraphs joined by `\n`: line N is paragraph N.
    Docx,
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it (or `--stdin-filename`, or `-`).
    pub path: String,
    /// Decoded text, BOM removed.
    pub text: String,
    /// The text rules see: same bytes as `text` except that non-prose parts
    /// (Markdown code, link targets…) are blanked to ASCII spaces, so every
    /// byte offset is valid in both.
    pub lint_text: Option<String>,
    pub encoding: &'static encoding_rs::Encoding,
    pub bom: bool,
    pub format: SourceFormat,
    pub line_index: LineIndex,
    /// .docx only: which paragraphs (0-based lines) came from the body,
    /// footnotes, endnotes, headers and footers, in text order. Empty for
    /// other formats (all body).
    pub parts: Vec<PartRange>,
    /// .docx only: sorted 0-based paragraphs (lines) that Word numbers
    /// automatically (`w:numPr`). Their number is not in the text, so
    /// numbering rules must treat them as numbered items, not as missing a
    /// marker.
    pub auto_numbered: Vec<usize>,
}

impl SourceFile {
    /// A text file as decoded: it records its encoding and BOM so a fix can
    /// be written back the same way, and Markdown gets its prose mask.
    pub fn decoded(
        path: impl Into<String>,
        text: String,
        format: SourceFormat,
        encoding: &'static encoding_rs::Encoding,
        bom: bool,
    ) -> Self {
        let mut file = Self::new(path, text, format);
        file.encoding = encoding;
        file.bom = bom;
        if format == SourceFormat::Markdown {
            file.lint_text = Some(markdown::prose(file.prose()));
        }
        file
    }

    /// The same file with other text (after fixes): same path, format,
    /// encoding and BOM.
    pub fn with_text(&self, text: String) -> Self {
        Self::decoded(
            self.path.clone(),
            text,
            self.format,
            self.encoding,
            self.bom,
        )
    }

    pub fn new(path: impl Into<String>, text: String, format: SourceFormat) -> Self {
        let line_index = LineIndex::new(&text);
        let lint_text = lone_cr_as_lf(&text);
        Self {
            path: path.into(),
            text,
            lint_text,
            encoding: encoding_rs::UTF_8,
            bom: false,
            format,
            line_index,
            parts: Vec::new(),
            auto_numbered: Vec::new(),
        }
    }

    /// Which part of a .docx 0-based `line` came from; `None` outside .docx.
    pub fn part_of_line(&self, line: usize) -> Option<DocxPart> {
        self.parts
            .iter()
            .find(|p| p.paragraphs.contains(&line))
            .map(|p| p.part)
    }

    /// Whether 0-based `line` is a paragraph Word numbers automatically.
    pub fn is_auto_numbered(&self, line: usize) -> bool {
        self.auto_numbered.binary_search(&line).is_ok()
    }

    /// The text rules lint (see `lint_text`): every line ends in `\n` or
    /// `\r\n` there, so rules and the document model need to know only
    /// those two.
    pub fn prose(&self) -> &str {
        self.lint_text.as_deref().unwrap_or(&self.text)
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        self.line_index.line_col(offset, &self.text)
    }

    /// Guess the format from the file name.
    pub fn format_for_path(path: &str) -> SourceFormat {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            SourceFormat::Markdown
        } else if lower.ends_with(".docx") {
            SourceFormat::Docx
        } else {
            SourceFormat::PlainText
        }
    }
}

/// `text` with each lone `\r` (a line ending of old Mac files and some
/// Office exports) turned into `\n`: the same length, so every offset is
/// valid in both; `None` when there is none. The file itself keeps its
/// `\r`s: fixes are applied to `text`.
fn lone_cr_as_lf(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let is_lone = |i: usize| bytes.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', bytes).any(is_lone) {
        return None;
    }
    let mut out = bytes.to_vec();
    for i in memchr::memchr_iter(b'\r', bytes).filter(|&i| is_lone(i)) {
        out[i] = b'\n';
    }
    // Only an ASCII byte was swapped for another: still UTF-8.
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_cr_ends_a_line_for_the_rules() {
        let file = SourceFile::new("t.txt", "甲\r乙\r\n丙".to_owned(), SourceFormat::PlainText);
        assert_eq!(file.prose(), "甲\n乙\r\n丙");
        assert_eq!(file.text, "甲\r乙\r\n丙");
        let plain = SourceFile::new("t.txt", "甲\r\n乙".to_owned(), SourceFormat::PlainText);
        assert!(plain.lint_text.is_none());
    }
}
