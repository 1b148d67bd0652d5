//! The document model: the only text API rules see. It splits the prose into
//! lines and blocks (one block per paragraph; a heading run into the middle of
//! a line starts a block of its own), classifies headings, and segments words
//! with jieba only when a rule asks for them.

pub mod chars;
pub mod dates;
pub mod enumeration;
pub mod parts;
pub mod segment;
pub mod tokens;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{LazyLock, OnceLock};

use regex::Regex;

use crate::diagnostic::TextRange;
use crate::source::SourceFile;
pub use enumeration::{Family, Series, SeriesMarker};
pub use parts::{DocKind, Part};
pub use segment::{Marker, MarkerStyle};
pub use tokens::Token;

/// One line of text, without its terminator (`\n` or `\r\n`).
#[derive(Debug, Clone, Copy)]
pub struct Line {
    pub range: TextRange,
    /// 0-based line number.
    pub index: usize,
}

#[derive(Debug, Clone, Copy)]
pub struct Heading {
    pub marker: Marker,
    /// Found in the middle of a line, after the end of a sentence.
    pub run_in: bool,
}

impl Heading {
    pub fn level(&self) -> u8 {
        self.marker.style.level()
    }
}

#[derive(Debug, Clone, Copy)]
pub enum BlockKind {
    Heading(Heading),
    Paragraph,
}

/// A paragraph or heading. Its range excludes leading/trailing whitespace.
#[derive(Debug, Clone, Copy)]
pub struct Block {
    pub range: TextRange,
    /// 0-based line the block starts on.
    pub line: usize,
    pub kind: BlockKind,
}

impl Block {
    pub fn heading(&self) -> Option<&Heading> {
        match &self.kind {
            BlockKind::Heading(h) => Some(h),
            BlockKind::Paragraph => None,
        }
    }
}

pub struct Document<'s> {
    source: &'s SourceFile,
    lines: Vec<Line>,
    blocks: Vec<Block>,
    parts: Vec<Part>,
    series: OnceLock<Vec<Series>>,
    /// Whether some rule has asked jieba for words (tests, benchmarks).
    words_asked: AtomicBool,
    /// The year the user declared (`--year`), which wins over the guess.
    year_override: Option<u32>,
    year: OnceLock<Option<u32>>,
}

impl<'s> Document<'s> {
    pub fn new(source: &'s SourceFile) -> Self {
        Self::with_kind(source, None)
    }

    /// `kind`: the document kind the user declared (`--kind`), which wins
    /// over the guess from each part's title.
    pub fn with_kind(source: &'s SourceFile, kind: Option<DocKind>) -> Self {
        let text = source.prose();
        let lines = split_lines(text, &source.line_index);
        let blocks = split_blocks(text, &lines, &source.line_index);
        // A .docx's footnotes, headers and footers follow its body in the
        // text; titles, kinds and required sections are the body's alone.
        let body_end = blocks
            .iter()
            .position(|b| {
                source
                    .part_of_line(b.line)
                    .is_some_and(|p| p != crate::source::DocxPart::Body)
            })
            .unwrap_or(blocks.len());
        let mut parts = parts::split_parts(text, &blocks[..body_end]);
        if let Some(kind) = kind {
            parts.iter_mut().for_each(|p| p.kind = kind);
        }
        Self {
            source,
            lines,
            blocks,
            parts,
            series: OnceLock::new(),
            words_asked: AtomicBool::new(false),
            year_override: None,
            year: OnceLock::new(),
        }
    }

    /// The year the document is about, as declared by the user (`--year`);
    /// `None` keeps the guess from its title and date lines.
    pub fn with_year(mut self, year: Option<u32>) -> Self {
        self.year_override = year;
        self
    }

    /// The year the document is about: `--year`, else the latest year its
    /// first title names (`2023年工作总结和2024年工作安排` → 2024), else the
    /// year of its last date line (`2024年1月5日`, `二〇二四年一月五日`).
    /// Computed once.
    pub fn year(&self) -> Option<u32> {
        self.year_override.or_else(|| {
            *self
                .year
                .get_or_init(|| dates::document_year(self.text(), &self.blocks, &self.parts))
        })
    }

    /// The documents in this file: usually one; more when a template site
    /// appended another article.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The part holding block `index`.
    pub fn part_of(&self, index: usize) -> &Part {
        self.parts
            .iter()
            .find(|p| p.blocks.contains(&index))
            .unwrap_or(&self.parts[0])
    }

    /// Inline enumerations (`一是…二是…`), grouped into series; computed once.
    pub fn series(&self) -> &[Series] {
        self.series.get_or_init(|| {
            let markers = enumeration::find_markers(self.text(), &self.blocks);
            let part_starts: Vec<usize> = self.parts.iter().map(|p| p.blocks.start).collect();
            enumeration::build_series(&markers, |b| {
                self.blocks
                    .get(b)
                    .is_some_and(|blk| blk.heading().is_some())
                    || part_starts.contains(&b)
            })
        })
    }

    pub fn source(&self) -> &'s SourceFile {
        self.source
    }

    /// The whole text rules lint.
    pub fn text(&self) -> &'s str {
        self.source.prose()
    }

    pub fn slice(&self, range: TextRange) -> &'s str {
        &self.text()[range.start..range.end]
    }

    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    pub fn headings(&self) -> impl Iterator<Item = (&Block, &Heading)> {
        self.blocks
            .iter()
            .filter_map(|b| b.heading().map(|h| (b, h)))
    }

    /// Whether Word numbers this paragraph itself (`w:numPr` in a .docx):
    /// its number is not in the text, so numbering rules count it as an
    /// item whose number they cannot see.
    pub fn is_auto_numbered(&self, block: &Block) -> bool {
        self.source.is_auto_numbered(block.line)
    }

    /// The line holding byte `offset`.
    pub fn line_at(&self, offset: usize) -> &Line {
        &self.lines[self.source.line_index.line_of(offset)]
    }

    /// The range of a whole line including its terminator: what a fix
    /// deletes when it removes the line.
    pub fn line_with_terminator(&self, line: &Line) -> TextRange {
        let text = self.text();
        let mut end = line.range.end;
        if text[end..].starts_with("\r\n") {
            end += 2;
        } else if text[end..].starts_with('\n') {
            end += 1;
        }
        TextRange::new(line.range.start, end)
    }

    /// The jieba words of the short window around `range` (see
    /// `tokens.rs`). Only rules with `needs_tokens` call this, and only for
    /// a candidate their own guards could not settle, so a text without
    /// one never builds the dictionary.
    pub fn words_around(&self, range: TextRange) -> Vec<Token> {
        self.words_asked.store(true, Ordering::Relaxed);
        tokens::tokenize_window(self.text(), tokens::window(self.text(), range))
    }

    /// Whether `range` starts and ends between words, as jieba cuts the
    /// window around it (`以经` in `以经济` does not).
    pub fn on_word_boundaries(&self, range: TextRange) -> bool {
        self.words_asked.store(true, Ordering::Relaxed);
        tokens::on_word_boundaries(self.text(), range)
    }

    /// Whether jieba sees a word across `cut` (a line break): the text on
    /// both sides joined holds a word that straddles it.
    pub fn word_across(&self, cut: TextRange) -> bool {
        self.words_asked.store(true, Ordering::Relaxed);
        tokens::word_across(self.text(), cut)
    }

    /// Whether some rule has asked for words (for tests and benchmarks).
    pub fn tokens_computed(&self) -> bool {
        self.words_asked.load(Ordering::Relaxed)
    }
}

/// Whether `s` has at most `n` characters, without counting a long text
/// to its end (a UTF-8 character is at most four bytes).
pub fn has_at_most_chars(s: &str, n: usize) -> bool {
    s.len() <= n || (s.len() <= 4 * n && s.chars().nth(n).is_none())
}

/// The lines of the file, as the source's line index knows them (every
/// line ending counts: `\n`, `\r\n`, a lone `\r`).
fn split_lines(text: &str, index: &crate::source::LineIndex) -> Vec<Line> {
    (0..index.line_count())
        .map(|i| {
            let (start, end) = index.line_range(i, text);
            Line {
                range: TextRange::new(start, end),
                index: i,
            }
        })
        .collect()
}

/// Blank in a draft: whitespace (the ideographic space U+3000 included)
/// and a stray BOM.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Tracks the last number seen per marker style, so a run-in heading is
/// accepted only as the next in its series.
#[derive(Default)]
struct MarkerCounters {
    last: [u32; 5],
}

impl MarkerCounters {
    fn slot(style: MarkerStyle) -> usize {
        match style {
            MarkerStyle::HanComma => 0,
            MarkerStyle::HanParen => 1,
            MarkerStyle::ArabicDot => 2,
            MarkerStyle::ArabicComma => 3,
            MarkerStyle::ArabicParen => 4,
        }
    }

    fn record(&mut self, marker: &Marker) {
        let level = marker.style.level();
        self.last[Self::slot(marker.style)] = marker.number;
        // A new parent restarts the numbering of every level below it.
        for style in [
            MarkerStyle::HanParen,
            MarkerStyle::ArabicDot,
            MarkerStyle::ArabicComma,
            MarkerStyle::ArabicParen,
        ] {
            if style.level() > level {
                self.last[Self::slot(style)] = 0;
            }
        }
    }

    fn is_next(&self, marker: &Marker) -> bool {
        let last = self.last[Self::slot(marker.style)];
        last > 0 && marker.number == last + 1
    }
}

/// Whether `line` was cut by a hard wrap in a bad copy: a long line that
/// stops without closing punctuation, so the next line continues the
/// paragraph (`…启动了作风建` / `设年活动…`). Short unpunctuated lines are
/// titles and headings, never joined.
fn continues_on_next_line(line: &str, next: &str) -> bool {
    const MIN_WRAPPED_CHARS: usize = 40;
    let Some(last) = line.chars().next_back() else {
        return false;
    };
    let closing = "。！？；：…”’）)」』】》!?;:";
    !closing.contains(last)
        && !has_at_most_chars(line, MIN_WRAPPED_CHARS - 1)
        && segment::parse_marker(next, 0).is_none()
        && !enumeration::opens_with_marker(next)
}

/// The end of a sentence followed by what could open a heading marker.
static RUN_IN_CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[。！？；!?;][一二三四五六七八九十（(0-9]").expect("valid run-in regex")
});

fn split_blocks(text: &str, lines: &[Line], index: &crate::source::LineIndex) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut counters = MarkerCounters::default();
    // (start, end, first line) of each paragraph: non-blank lines, with
    // hard-wrapped lines joined.
    let mut paragraphs: Vec<(usize, usize, usize)> = Vec::new();
    let mut previous_content: Option<&str> = None;
    for line in lines {
        let raw = &text[line.range.start..line.range.end];
        let content = raw.trim_matches(is_blank);
        if content.is_empty() {
            previous_content = None;
            continue;
        }
        let start = line.range.start + (raw.len() - raw.trim_start_matches(is_blank).len());
        let end = start + content.len();
        match (previous_content, paragraphs.last_mut()) {
            (Some(prev), Some(last)) if continues_on_next_line(prev, content) => last.1 = end,
            _ => paragraphs.push((start, end, line.index)),
        }
        previous_content = Some(content);
    }

    for (start, end, line) in paragraphs {
        let content = &text[start..end];
        // Where blocks begin in this paragraph: its start, plus every run-in heading.
        let mut starts: Vec<(usize, Option<Heading>)> = Vec::new();
        let first = segment::parse_marker(content, start);
        if let Some(marker) = &first {
            counters.record(marker);
        }
        starts.push((
            start,
            first.map(|marker| Heading {
                marker,
                run_in: false,
            }),
        ));
        // Candidates are found with a regex, not a walk over every char:
        // this runs on all text and the regex scans bytes.
        for candidate in RUN_IN_CANDIDATE.find_iter(content) {
            let sentence_end = content[candidate.start()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            let i = candidate.start() + sentence_end;
            let Some(marker) = segment::parse_marker(&content[i..], start + i) else {
                continue;
            };
            // Only the styles that make headings proper are taken run-in.
            let eligible = matches!(
                marker.style,
                MarkerStyle::HanComma | MarkerStyle::HanParen | MarkerStyle::ArabicParen
            );
            if eligible && counters.is_next(&marker) {
                counters.record(&marker);
                starts.push((
                    start + i,
                    Some(Heading {
                        marker,
                        run_in: true,
                    }),
                ));
            }
        }
        for (k, (block_start, heading)) in starts.iter().enumerate() {
            let block_end = starts.get(k + 1).map_or(end, |next| next.0);
            let kind = heading.map_or(BlockKind::Paragraph, BlockKind::Heading);
            // Looked up, not counted from the paragraph's start: a long
            // paragraph with many run-in headings stays linear.
            let block_line = if k == 0 {
                line
            } else {
                index.line_of(*block_start)
            };
            blocks.push(Block {
                range: TextRange::new(*block_start, block_end),
                line: block_line,
                kind,
            });
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFormat;

    /// (level, number, run in) of a heading.
    type HeadingShape = (u8, u32, bool);

    fn doc_blocks(text: &str) -> Vec<(String, Option<HeadingShape>)> {
        let source = SourceFile::new("t.txt", text.to_owned(), SourceFormat::PlainText);
        let doc = Document::new(&source);
        doc.blocks()
            .iter()
            .map(|b| {
                (
                    doc.slice(b.range).to_owned(),
                    b.heading().map(|h| (h.level(), h.marker.number, h.run_in)),
                )
            })
            .collect()
    }

    #[test]
    fn run_in_heading_starts_its_own_block() {
        let blocks = doc_blocks("一、总体情况\n做好工作。\n成绩显著，是通才。二、紧紧围绕中心\n");
        assert_eq!(blocks.len(), 4);
        assert_eq!(blocks[2].0, "成绩显著，是通才。");
        assert_eq!(
            blocks[3],
            ("二、紧紧围绕中心".to_owned(), Some((1, 2, true)))
        );
    }

    #[test]
    fn run_in_marker_out_of_sequence_is_prose() {
        let blocks = doc_blocks("一、总体情况\n今年完成。三、五年内不变。\n");
        assert_eq!(blocks.len(), 2);
        assert!(blocks[1].1.is_none());
    }

    #[test]
    fn lines_keep_crlf_out_of_content() {
        let source = SourceFile::new("t.txt", "甲\r\n乙".to_owned(), SourceFormat::PlainText);
        let doc = Document::new(&source);
        assert_eq!(doc.slice(doc.lines()[0].range), "甲");
        assert_eq!(
            doc.line_with_terminator(&doc.lines()[0]),
            TextRange::new(0, 5)
        );
    }
}
