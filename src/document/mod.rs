//! The document model: the only text API rules see. It splits the prose into
//! lines and blocks (one block per paragraph; a heading run into the middle of
//! a line starts a block of its own), gives each block its role (title, date
//! line, salutation, heading, section title, article, scope label), finds the
//! numbering scopes and the documents in the file, judges every heading's
//! number once (`outline.rs`, `numbering.rs`), groups inline series, and
//! segments words with jieba only when a rule asks for them.

pub mod chars;
pub mod dates;
pub mod drafts;
pub mod enumeration;
pub mod numbering;
pub mod numerals;
pub mod outline;
pub mod paragraphs;
pub mod segment;
pub mod tokens;

use std::any::Any;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use crate::diagnostic::TextRange;
use crate::source::SourceFile;
pub use drafts::{Draft, DraftOrigin, Genre};
pub use enumeration::{Family, Series, SeriesMarker};
pub use numbering::Sequence;
pub use outline::{Scope, ScopeKind};
pub use segment::{Marker, MarkerStyle};
pub use tokens::Token;

/// One line of text, without its terminator (`\n` or `\r\n`).
#[derive(Debug, Clone, Copy)]
pub struct Line {
    pub range: TextRange,
    /// 0-based line number.
    pub index: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heading {
    pub marker: Marker,
    /// Found in the middle of a line, after the end of a sentence.
    pub run_in: bool,
    /// How its number fits the numbering in force where it stands.
    pub sequence: Sequence,
}

impl Heading {
    pub fn level(&self) -> u8 {
        self.marker.style.level()
    }
}

/// What a block is to a reader of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockRole {
    /// A line of a document's title or subtitle.
    Title,
    /// `（2024年3月12日）` under a title, or the date under a signature.
    DateLine,
    /// `同志们：`, `各位领导、同志们：`.
    Salutation,
    /// A numbered heading (`一、` `（一）` `1.` `（1）`).
    Heading(Heading),
    /// Opened by a number of another scheme: an article (`第三条`), a
    /// chapter or part (`第二章`, `第一部分`), a decimal section (`4.2.3`).
    OtherScheme,
    /// `附件：`, `注：`, `名词解释`…: opens a numbering scope of its own.
    ScopeLabel(ScopeKind),
    /// An unnumbered section title between running text (`2021年主要工作`,
    /// a bold or `##` line): the numbered levels under it may start again.
    SectionTitle,
    Paragraph,
}

/// A paragraph or heading. Its range excludes leading/trailing whitespace.
#[derive(Debug, Clone, Copy)]
pub struct Block {
    pub range: TextRange,
    /// 0-based line the block starts on.
    pub line: usize,
    pub role: BlockRole,
}

impl Block {
    pub fn heading(&self) -> Option<&Heading> {
        match &self.role {
            BlockRole::Heading(h) => Some(h),
            _ => None,
        }
    }

    /// Whether the block opens a unit that ends every inline series
    /// running before it: a heading, an article, a scope label.
    pub fn opens_unit(&self) -> bool {
        matches!(
            self.role,
            BlockRole::Heading(_)
                | BlockRole::OtherScheme
                | BlockRole::ScopeLabel(_)
                | BlockRole::SectionTitle
        )
    }
}

pub struct Document<'s> {
    source: &'s SourceFile,
    lines: Vec<Line>,
    blocks: Vec<Block>,
    scopes: Vec<Scope>,
    drafts: Vec<Draft>,
    series: OnceLock<Vec<Series>>,
    midway_start: OnceLock<Option<TextRange>>,
    /// Analyses several rules share, computed once per document (the
    /// residue analysis three contamination rules report from).
    shared: Mutex<Vec<(usize, Arc<dyn Any + Send + Sync>)>>,
    /// Whether some rule has asked jieba for words (tests, benchmarks).
    words_asked: AtomicBool,
    /// The year the user declared (`--year`), which wins over the guess.
    year_override: Option<u32>,
    year: OnceLock<Option<u32>>,
}

impl<'s> Document<'s> {
    pub fn new(source: &'s SourceFile) -> Self {
        Self::with_genre(source, None)
    }

    /// `genre`: the genre the user declared (`--kind`), which wins
    /// over the guess from each draft's title.
    pub fn with_genre(source: &'s SourceFile, genre: Option<Genre>) -> Self {
        let text = source.prose();
        let lines = split_lines(text, &source.line_index);
        let outline = outline::build(source, text, &lines);
        let mut blocks = outline.blocks;
        let mut drafts = drafts::split_drafts(
            text,
            &blocks,
            &outline.draft_starts,
            outline.title_from,
            outline.body_end,
        );
        if let Some(genre) = genre {
            drafts.iter_mut().for_each(|p| p.genre = genre);
        }
        assign_line_roles(text, &mut blocks, &drafts);
        Self {
            source,
            lines,
            blocks,
            scopes: outline.scopes,
            drafts,
            series: OnceLock::new(),
            midway_start: OnceLock::new(),
            shared: Mutex::new(Vec::new()),
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
                .get_or_init(|| dates::document_year(self.text(), &self.blocks, &self.drafts))
        })
    }

    /// The documents in this file: usually one; more when a template site
    /// appended another article.
    pub fn drafts(&self) -> &[Draft] {
        &self.drafts
    }

    /// The draft holding block `index`.
    pub fn draft_of(&self, index: usize) -> &Draft {
        self.drafts
            .iter()
            .find(|p| p.blocks.contains(&index))
            .unwrap_or(&self.drafts[0])
    }

    /// The numbering scopes, in order: each document's body, and inside it
    /// its 附件, 注 and 名词解释 blocks, or an outline above its title.
    pub fn scopes(&self) -> &[Scope] {
        &self.scopes
    }

    /// The scope holding block `index`.
    pub fn scope_of(&self, index: usize) -> &Scope {
        let k = self
            .scopes
            .partition_point(|s| s.blocks.end <= index)
            .min(self.scopes.len() - 1);
        &self.scopes[k]
    }

    /// Inline enumerations (`一是…二是…`), grouped into series; computed once.
    pub fn series(&self) -> &[Series] {
        self.series.get_or_init(|| {
            let markers =
                enumeration::find_markers(self.text(), &self.blocks, |r| self.words_around(r));
            let mut starts: Vec<usize> = self.drafts.iter().map(|p| p.blocks.start).collect();
            starts.extend(self.scopes.iter().map(|s| s.blocks.start));
            starts.sort_unstable();
            let is_break = |b: usize| {
                self.blocks.get(b).is_some_and(Block::opens_unit)
                    || starts.binary_search(&b).is_ok()
            };
            let last_closure = (0..self.blocks.len())
                .rev()
                .find(|&b| is_break(b) || self.blocks[b].role == BlockRole::DateLine);
            enumeration::build_series(&markers, is_break, last_closure)
        })
    }

    /// Where an excerpt that starts mid-way shows it, if this text is one:
    /// the first heading of a scope numbered past one (`（三）` with
    /// nothing above it), or a document's first numbered thing being a
    /// series past its one that opens a paragraph (`三是…` before any
    /// heading or other series).
    /// One place per text, so an excerpt gets one note, however many
    /// numbers the cut left without a beginning.
    pub fn midway_start(&self) -> Option<TextRange> {
        *self.midway_start.get_or_init(|| {
            let heading = self
                .headings()
                .find(|(_, h)| h.sequence == Sequence::StartsMidway)
                .map(|(_, h)| h.marker.range);
            let series = self.series();
            let opening_series = self.drafts.iter().find_map(|draft| {
                let start = self.blocks.get(draft.blocks.start)?.range.start;
                let s = series.get(series.partition_point(|s| s.items[0].range.start < start))?;
                let first = s.items[0];
                let heading_before = self.blocks[draft.blocks.start..first.block]
                    .iter()
                    .any(|b| b.heading().is_some());
                (first.block < draft.blocks.end
                    && first.opens_block
                    && !heading_before
                    && first.number > 1
                    && first.family.must_start_at_one())
                .then_some(first.range)
            });
            match (heading, opening_series) {
                (Some(h), Some(s)) => Some(if h.start < s.start { h } else { s }),
                (h, s) => h.or(s),
            }
        })
    }

    /// How a heading marker reads, without the Markdown emphasis inside it
    /// (`四**、` → `四、`).
    pub fn marker_text(&self, marker: &Marker) -> String {
        self.slice(marker.range).replace(['*', '_'], "")
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
    /// `tokens.rs`). Only rules that need words call this, and only for
    /// a candidate their own guards could not settle, so a text without
    /// one never builds the dictionary.
    pub fn words_around(&self, range: TextRange) -> Vec<Token> {
        self.words_asked.store(true, Ordering::Relaxed);
        tokens::tokenize_window(self.text(), tokens::window(self.text(), range))
    }

    /// What `compute` returns for this document, computed once for each
    /// `key` (the address of the thing that computes it, e.g. a compiled
    /// lexicon shared by several rules) and kept while the document lives.
    pub fn shared<T: Any + Send + Sync>(&self, key: usize, compute: impl FnOnce() -> T) -> Arc<T> {
        let cached = |slots: &[(usize, Arc<dyn Any + Send + Sync>)]| {
            slots
                .iter()
                .find(|(k, _)| *k == key)
                .and_then(|(_, v)| Arc::clone(v).downcast::<T>().ok())
        };
        if let Some(found) = cached(&self.shared.lock().unwrap_or_else(|e| e.into_inner())) {
            return found;
        }
        // Computed without the lock held: `compute` may ask for another
        // shared analysis.
        let value = Arc::new(compute());
        let mut slots = self.shared.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = cached(&slots) {
            return found;
        }
        slots.push((key, value.clone()));
        value
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

/// Title lines, date lines and salutations, once the drafts are known. A
/// date line under a title is a date line.
fn assign_line_roles(text: &str, blocks: &mut [Block], drafts: &[Draft]) {
    for draft in drafts {
        for block in &mut blocks[draft.title.clone()] {
            if matches!(block.role, BlockRole::Paragraph | BlockRole::SectionTitle) {
                block.role = BlockRole::Title;
            }
        }
    }
    for block in blocks.iter_mut() {
        if !matches!(block.role, BlockRole::Paragraph | BlockRole::Title) {
            continue;
        }
        let t = drafts::strip_decoration(&text[block.range.start..block.range.end]);
        // A date line, or the date under a signature (`2024年3月12日`).
        if drafts::is_date_line(t) || outline::is_signature_date(t) {
            block.role = BlockRole::DateLine;
        } else if block.role == BlockRole::Paragraph && drafts::is_salutation(t) {
            block.role = BlockRole::Salutation;
        }
    }
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
