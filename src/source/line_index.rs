//! Byte offset → (line, character column). Columns count `char`s, not bytes
//! and not display cells: that is what JSON consumers and editors expect.
//!
//! Every line ending is a line ending: `\n`, `\r\n` and a lone `\r` (old Mac
//! files, some Office exports), mixed in one file too.
//!
//! Lookups cost a bounded amount of work whatever the length of a line: a
//! column near its line's start is counted from there (the usual case); one
//! far into a long line uses the number of characters before every
//! `CHECKPOINT`-byte block, built on the first such lookup, so it is one
//! subtraction plus a count over at most two blocks. A 16 MB draft on one
//! line with thousands of findings stays linear.

use std::sync::OnceLock;

use memchr::memchr2_iter;

/// Bytes per block of the character-count checkpoints.
const CHECKPOINT: usize = 1024;

#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset where each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
    /// `chars_before[k]`: characters in `text[..k * CHECKPOINT]`; built
    /// only when a file has a long line.
    chars_before: OnceLock<Vec<usize>>,
}

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Characters in a byte slice of UTF-8 text that may start or end inside a
/// character: count the bytes that begin one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(text.len() / 64 + 1);
        line_starts.push(0);
        for i in memchr2_iter(b'\n', b'\r', bytes) {
            // `\r\n` is one ending: the line starts after the `\n`.
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            line_starts.push(i + 1);
        }
        Self {
            line_starts,
            chars_before: OnceLock::new(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based index of the line holding `offset`. An offset inside a line
    /// ending belongs to the line the ending closes.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line]
    }

    /// Byte range of 0-based `line`, without its ending (`\n`, `\r\n` or `\r`).
    pub fn line_range(&self, line: usize, text: &str) -> (usize, usize) {
        let start = self.line_starts[line];
        let end = match self.line_starts.get(line + 1) {
            None => text.len(),
            Some(&next) if next >= 2 && text.as_bytes()[next - 2..next] == *b"\r\n" => next - 2,
            Some(&next) => next - 1,
        };
        (start, end.max(start))
    }

    /// Characters in `text[..offset]`, in time bounded by `CHECKPOINT`.
    fn chars_up_to(&self, offset: usize, text: &str) -> usize {
        let bytes = text.as_bytes();
        let chars_before = self.chars_before.get_or_init(|| {
            let mut counts = Vec::with_capacity(bytes.len() / CHECKPOINT + 2);
            let mut total = 0;
            for block in bytes.chunks(CHECKPOINT) {
                counts.push(total);
                total += count_chars(block);
            }
            counts.push(total);
            counts
        });
        let block = offset / CHECKPOINT;
        let base = chars_before.get(block).copied().unwrap_or(0);
        base + count_chars(&bytes[block * CHECKPOINT..offset])
    }

    pub fn line_col(&self, offset: usize, text: &str) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = match text.get(start..offset) {
            Some(before) if offset - start <= 2 * CHECKPOINT => before.chars().count(),
            _ => self.chars_up_to(offset, text) - self.chars_up_to(start, text),
        } + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "一二\n三X四\n";
        let index = LineIndex::new(text);
        let x = text.find('X').unwrap();
        assert_eq!(index.line_col(x, text), LineCol { line: 2, column: 2 });
        assert_eq!(index.line_col(0, text), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_range(1, text), (7, 14));
        assert_eq!(index.line_count(), 3);
    }

    #[test]
    fn every_line_ending_ends_a_line() {
        let text = "甲\n乙\r\n丙\r丁";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        let lines: Vec<&str> = (0..4)
            .map(|l| {
                let (s, e) = index.line_range(l, text);
                &text[s..e]
            })
            .collect();
        assert_eq!(lines, ["甲", "乙", "丙", "丁"]);
        let ding = text.find('丁').unwrap();
        assert_eq!(index.line_col(ding, text), LineCol { line: 4, column: 1 });
        // The `\n` of `\r\n` belongs to the line it closes.
        let crlf_lf = text.find("\r\n").unwrap() + 1;
        assert_eq!(index.line_of(crlf_lf), 1);
    }

    #[test]
    fn columns_far_into_a_long_line() {
        let text = format!("{}X", "中".repeat(10_000));
        let index = LineIndex::new(&text);
        let x = text.len() - 1;
        assert_eq!(
            index.line_col(x, &text),
            LineCol {
                line: 1,
                column: 10_001
            }
        );
        assert_eq!(index.line_col(text.len(), &text).column, 10_002);
    }
}
