//! Byte offset → (line, character column). Columns count `char`s, not bytes
//! and not display cells: that is what JSON consumers and editors expect.

use memchr::memchr_iter;

#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset where each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
}

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 64 + 1);
        line_starts.push(0);
        line_starts.extend(memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { line_starts }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based index of the line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line]
    }

    /// Byte range of 0-based `line`, without its `\n` (a trailing `\r` is kept).
    pub fn line_range(&self, line: usize, text: &str) -> (usize, usize) {
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |next| next - 1);
        (start, end)
    }

    pub fn line_col(&self, offset: usize, text: &str) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
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
}
