//! The outline pass: one walk over the paragraphs that gives every block its
//! role, finds the numbering scopes and the documents in the file, and runs
//! the one heading-number counter ([`NumberingCounter`]).
//!
//! Doing it in one walk matters: whether `二、一张蓝图…` or a run-in
//! `…。二、紧紧围绕…` is a heading depends on the number expected there,
//! which depends on the scope (a 附件 or a forwarded document numbers from
//! one again) and on the document the block belongs to.
//!
//! Scopes of their own: each document in the file (a forwarded one after
//! its 印发/转发 notice, or one a template site appended), a 附件 / 附件说明
//! / 注 / 名词解释 block, and an outline that repeats the headings above the
//! title. Articles (`第三条`), chapters and decimal sections (`4.2.3`) are
//! numbers of another scheme: the heading levels under them may start again.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::TextRange;
use crate::document::numbering::NumberingCounter;
use crate::document::parts::{
    PartOrigin, is_body, is_date_line, is_salutation, is_title_like, strip_decoration,
};
use crate::document::segment::{self, MarkerStyle, Opening, Reading};
use crate::document::{Block, BlockRole, Heading, Line, has_at_most_chars, is_blank};
use crate::source::{DocxPart, SourceFile};

/// What a numbering scope is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// The body of a document.
    Body,
    /// Headings listed above the title, repeated in the body.
    Outline,
    /// `附件`, `附件说明`, `附录`, `附：`.
    Attachment,
    /// `注：`, `注释`, `备注`, `名词解释`.
    Notes,
}

/// A run of blocks whose headings are numbered on their own.
#[derive(Debug, Clone)]
pub struct Scope {
    pub blocks: std::ops::Range<usize>,
    pub kind: ScopeKind,
}

pub struct Outline {
    pub blocks: Vec<Block>,
    pub scopes: Vec<Scope>,
    /// Where each document in the file starts (block index), and how it
    /// came to be there.
    pub part_starts: Vec<(usize, PartOrigin)>,
    /// The first block after an outline that opens the file, where the
    /// first document's title is looked for.
    pub title_from: usize,
    /// The first block of a .docx's footnotes, headers and footers, which
    /// belong to no document part.
    pub body_end: usize,
}

pub fn build(source: &SourceFile, text: &str, lines: &[Line]) -> Outline {
    let mut walk = Walk {
        source,
        text,
        blocks: Vec::new(),
        scopes: vec![Scope {
            blocks: 0..0,
            kind: ScopeKind::Body,
        }],
        part_starts: vec![(0, PartOrigin::Main)],
        counter: NumberingCounter::new(),
        seen_body: false,
        title_from: 0,
        first_heading: None,
        body_end: None,
    };
    for paragraph in split_paragraphs(text, lines) {
        walk.paragraph(paragraph);
    }
    let end = walk.blocks.len();
    if let Some(last) = walk.scopes.last_mut() {
        last.blocks.end = end;
    }
    Outline {
        blocks: walk.blocks,
        scopes: walk.scopes,
        part_starts: walk.part_starts,
        title_from: walk.title_from,
        body_end: walk.body_end.unwrap_or(end),
    }
}

/// A paragraph: non-blank lines, hard-wrapped lines joined.
#[derive(Debug, Clone, Copy)]
struct Paragraph {
    start: usize,
    end: usize,
    /// 0-based line it starts on.
    line: usize,
}

struct Walk<'a> {
    source: &'a SourceFile,
    text: &'a str,
    blocks: Vec<Block>,
    scopes: Vec<Scope>,
    part_starts: Vec<(usize, PartOrigin)>,
    counter: NumberingCounter,
    /// Running text seen in the current document (a title or salutation
    /// after it starts another document).
    seen_body: bool,
    title_from: usize,
    /// The first heading of the file, while nothing but headings and
    /// title lines follow it: (block, its words after the marker, style).
    first_heading: Option<(usize, String, MarkerStyle)>,
    body_end: Option<usize>,
}

impl Walk<'_> {
    fn paragraph(&mut self, p: Paragraph) {
        let content = &self.text[p.start..p.end];
        if self.body_end.is_none()
            && self
                .source
                .part_of_line(p.line)
                .is_some_and(|part| part != DocxPart::Body)
        {
            // Footnotes, headers and footers: numbered apart from the body.
            self.body_end = Some(self.blocks.len());
            self.open_scope(ScopeKind::Notes);
        }
        if self.source.is_auto_numbered(p.line) {
            self.counter.skip_unseen_number();
        }
        let lead = segment::decoration_len(content);
        let first = self.first_block(content, p.start, lead);
        let mut starts: Vec<(usize, BlockRole)> = vec![(p.start, first)];
        self.run_in_headings(content, p.start, &mut starts);
        for (k, &(block_start, role)) in starts.iter().enumerate() {
            let block_end = starts.get(k + 1).map_or(p.end, |next| next.0);
            let line = p.line + self.text[p.start..block_start].matches('\n').count();
            self.blocks.push(Block {
                range: TextRange::new(block_start, block_end),
                line,
                role,
            });
            self.after_block();
        }
    }

    /// The role of a paragraph's first block, from what opens it.
    fn first_block(&mut self, content: &str, start: usize, lead: usize) -> BlockRole {
        let words = &content[lead..];
        if let Some((kind, label_len)) = scope_label(words) {
            self.open_scope(kind);
            // `注：1.本表…`: the label may carry the scope's first item.
            let rest = &words[label_len..];
            let item_lead = segment::decoration_len(rest);
            if let Some((marker, _)) =
                segment::parse_marker(&rest[item_lead..], start + lead + label_len + item_lead)
            {
                self.counter.record(&marker);
            }
            return BlockRole::ScopeLabel(kind);
        }
        match segment::parse_opening(words, start + lead) {
            Some(Opening::OtherScheme(_)) => {
                self.counter.enter_other_scheme();
                BlockRole::OtherScheme
            }
            Some(Opening::Heading(marker, reading)) => {
                let taken = match reading {
                    Reading::Certain => true,
                    Reading::IfNextInSequence => self.counter.expects(&marker),
                    Reading::IfContinuingSequence => self.counter.continues(&marker),
                };
                if !taken {
                    return BlockRole::Paragraph;
                }
                self.outline_check(&marker, words);
                let sequence = self.counter.record(&marker);
                BlockRole::Heading(Heading {
                    marker,
                    run_in: false,
                    sequence,
                })
            }
            None => BlockRole::Paragraph,
        }
    }

    /// Headings a bad copy ran into the middle of the paragraph, after the
    /// end of a sentence: taken only when their number is the next one
    /// expected, so `。三、五年内` stays prose.
    fn run_in_headings(
        &mut self,
        content: &str,
        start: usize,
        starts: &mut Vec<(usize, BlockRole)>,
    ) {
        // Candidates are found with a regex, not a walk over every char:
        // this runs on all text and the regex scans bytes.
        for candidate in RUN_IN_CANDIDATE.find_iter(content) {
            let sentence_end = content[candidate.start()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            let i = candidate.start() + sentence_end;
            let Some((marker, Reading::Certain)) = segment::parse_marker(&content[i..], start + i)
            else {
                continue;
            };
            // Only the styles that make headings proper are taken run-in.
            let eligible = matches!(
                marker.style,
                MarkerStyle::HanComma | MarkerStyle::HanParen | MarkerStyle::ArabicParen
            );
            if eligible && self.counter.follows_directly(&marker) {
                let sequence = self.counter.record(&marker);
                starts.push((
                    start + i,
                    BlockRole::Heading(Heading {
                        marker,
                        run_in: true,
                        sequence,
                    }),
                ));
            }
        }
    }

    fn open_scope(&mut self, kind: ScopeKind) {
        let at = self.blocks.len();
        self.counter.reset();
        let last = self.scopes.last_mut().expect("a scope is always open");
        if last.blocks.start == at {
            last.kind = kind;
            return;
        }
        last.blocks.end = at;
        self.scopes.push(Scope {
            blocks: at..at,
            kind,
        });
    }

    /// An outline above the title repeats the headings of the body: when
    /// the first heading comes again, numbered one, with the same words,
    /// and nothing but headings and title lines stood between, what came
    /// before was the outline.
    fn outline_check(&mut self, marker: &segment::Marker, words: &str) {
        let heading_words = || {
            let after = &words[marker.range.end - marker.range.start..];
            strip_decoration(after).to_owned()
        };
        let Some((first, first_words, style)) = &self.first_heading else {
            if self.part_starts.len() == 1 && !self.seen_body {
                self.first_heading = Some((self.blocks.len(), heading_words(), marker.style));
            }
            return;
        };
        if marker.number != 1 || marker.style != *style || heading_words() != *first_words {
            return;
        }
        let first = *first;
        // Where the title starts: the first title line after the outline.
        let title = (first..self.blocks.len())
            .find(|&b| self.blocks[b].heading().is_none())
            .unwrap_or(self.blocks.len());
        let scope = self.scopes.last_mut().expect("a scope is always open");
        if scope.blocks.start == first {
            scope.kind = ScopeKind::Outline;
        }
        scope.blocks.end = title;
        self.scopes.push(Scope {
            blocks: title..title,
            kind: ScopeKind::Body,
        });
        self.title_from = title;
        self.first_heading = None;
        self.counter.reset();
    }

    /// Track the documents in the file as each block is added.
    fn after_block(&mut self) {
        let i = self.blocks.len() - 1;
        let block = self.blocks[i];
        let t = self.block_text(i);
        if self.body_end.is_some() {
            return;
        }
        if is_body(t) && !is_salutation(t) {
            self.seen_body = true;
            self.first_heading = None;
            return;
        }
        if block.heading().is_some() || !self.seen_body {
            // A salutation right under a title that opened a document:
            // that document was appended, not enclosed.
            if is_salutation(t)
                && let Some((start, origin)) = self.part_starts.last_mut()
                && *origin == PartOrigin::Titled
                && i <= *start + 4
            {
                *origin = PartOrigin::Appended;
            }
            return;
        }
        let last_start = self.part_starts.last().map_or(0, |s| s.0);
        if is_salutation(t) || is_date_line(t) {
            // Walk back over the title lines that head the new document.
            let mut first = i;
            while first > 0
                && i - first < 4
                && is_title_like(&self.blocks[first - 1], self.block_text(first - 1))
            {
                first -= 1;
            }
            let has_title = (first..i).any(|k| !is_date_line(self.block_text(k)));
            if has_title && first > last_start {
                // A title and a date line is how official documents are
                // issued too; a salutation after them is a speech pasted on.
                let origin = if self.is_enclosed(first) {
                    PartOrigin::Enclosed
                } else if is_salutation(t) {
                    PartOrigin::Appended
                } else {
                    PartOrigin::Titled
                };
                self.start_part(first, origin);
            }
        } else if self.is_document_title(i) && i > last_start {
            let origin = if self.is_enclosed(i) {
                PartOrigin::Enclosed
            } else {
                PartOrigin::Titled
            };
            self.start_part(i, origin);
        } else if is_title_like(&block, t) {
            // An unnumbered section title between running text
            // (`2021年主要工作`, `**“十四五”时期目标任务**`): the numbered
            // levels under it may start again.
            self.blocks[i].role = BlockRole::SectionTitle;
            self.counter.enter_other_scheme();
        }
    }

    fn start_part(&mut self, first: usize, origin: PartOrigin) {
        self.part_starts.push((first, origin));
        self.seen_body = false;
        // The title lines hold no heading: the new scope can start at them.
        self.counter.reset();
        let scope = self.scopes.last_mut().expect("a scope is always open");
        if scope.blocks.start >= first {
            scope.kind = ScopeKind::Body;
            return;
        }
        scope.blocks.end = first;
        self.scopes.push(Scope {
            blocks: first..first,
            kind: ScopeKind::Body,
        });
    }

    /// Whether the document starting at block `first` is one the text
    /// before it forwards or issues (`现将《…》印发给你们`, `…全文如下`).
    fn is_enclosed(&self, first: usize) -> bool {
        let part_start = self.part_starts.last().map_or(0, |s| s.0);
        let from = part_start.max(first.saturating_sub(8));
        (part_start..first.min(part_start + 3))
            .chain(from..first)
            .any(|b| FORWARDING.is_match(self.block_text(b)))
    }

    /// A document's own title in the middle of the file: a Markdown heading
    /// or a bold line with no number that names a kind of document
    /// (`## 关于…的意见`, `**…实施方案**`), or a plain `关于…的通知` line.
    fn is_document_title(&self, i: usize) -> bool {
        let block = &self.blocks[i];
        let t = self.block_text(i);
        if block.role != BlockRole::Paragraph || !is_title_like(block, t) {
            return false;
        }
        let core = t
            .strip_suffix(['）', ')'])
            .and_then(|s| s.rfind(['（', '(']).map(|k| &s[..k]))
            .filter(|s| !s.is_empty())
            .unwrap_or(t);
        let names_a_kind = DOCUMENT_KINDS.iter().any(|k| core.ends_with(k));
        let raw = &self.text[block.range.start..block.range.end];
        let line_start = self.text[..block.range.start]
            .rfind('\n')
            .map_or(0, |k| k + 1);
        let atx = self.source.text[line_start..block.range.start].contains('#');
        let bold = raw.starts_with("**") && raw.ends_with("**");
        names_a_kind && (atx || bold || core.starts_with("关于"))
    }

    /// A block's words without Markdown decoration.
    fn block_text(&self, i: usize) -> &str {
        let b = &self.blocks[i];
        strip_decoration(&self.text[b.range.start..b.range.end])
    }
}

/// Words that end the title of a document, naming its kind.
const DOCUMENT_KINDS: &[&str] = &[
    "意见", "通知", "通报", "决定", "决议", "办法", "规定", "方案", "条例", "细则", "规则", "规划",
    "纲要", "要点", "计划", "报告", "讲话", "总结", "公告", "公报", "批复", "指引", "指南", "清单",
    "章程", "准则", "制度", "解释", "答复", "纪要", "请示",
];

/// What a notice that forwards or issues another document says.
static FORWARDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:印发|转发|颁布|发布)[^。]{0,40}《|》[^。]{0,30}(?:印发|转发)|全文如下|现将[^。]{0,80}(?:印发|转发|发给)")
        .expect("valid forwarding regex")
});

/// `附件：`, `附件2`, `附件说明`, `附：`, `附录`, `注：`, `注释`, `注解`,
/// `备注`, `名词解释`, `目录` opening a paragraph: the scope it opens and the
/// label's length (with its colon).
fn scope_label(words: &str) -> Option<(ScopeKind, usize)> {
    const LABELS: &[(&str, ScopeKind)] = &[
        ("附件说明", ScopeKind::Attachment),
        ("附件", ScopeKind::Attachment),
        ("附录", ScopeKind::Attachment),
        ("附", ScopeKind::Attachment),
        ("名词解释", ScopeKind::Notes),
        ("名词注解", ScopeKind::Notes),
        ("注解", ScopeKind::Notes),
        ("注释", ScopeKind::Notes),
        ("备注", ScopeKind::Notes),
        ("注", ScopeKind::Notes),
        ("目录", ScopeKind::Outline),
    ];
    let &(label, kind) = LABELS.iter().find(|(l, _)| words.starts_with(l))?;
    let mut len = label.len();
    // `附件2`, `附件二`: the attachment's number.
    if kind == ScopeKind::Attachment && label.starts_with("附件") {
        len += words[len..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || crate::document::numerals::is_han_digit(*c))
            .take(3)
            .map(char::len_utf8)
            .sum::<usize>();
    }
    let rest = &words[len..];
    let emphasis = rest.len() - rest.trim_start_matches(['*', '_']).len();
    match rest[emphasis..].chars().next() {
        Some(colon @ ('：' | ':')) => Some((kind, len + emphasis + colon.len_utf8())),
        // A label alone on its line (`名词解释`, `附件1`), or followed by a
        // space; but not `附`/`注` as the first character of a word.
        None => Some((kind, len)),
        Some(c) if is_blank(c) && label.chars().count() > 1 => Some((kind, len)),
        _ => None,
    }
}

/// Whether `line` was cut by a hard wrap in a bad copy: a long line that
/// stops without closing punctuation, so the next line continues the
/// paragraph (`…启动了作风建` / `设年活动…`). Short unpunctuated lines are
/// titles and headings, never joined. "Long" is 40 characters, or, in a
/// copy wrapped at a fixed width, a line that reaches that width.
fn continues_on_next_line(line: &str, next: &str, wrap: Option<usize>) -> bool {
    const MIN_WRAPPED_CHARS: usize = 40;
    let Some(last) = line.chars().next_back() else {
        return false;
    };
    let long = !has_at_most_chars(line, MIN_WRAPPED_CHARS - 1)
        || wrap.is_some_and(|w| display_width(line) + WRAP_SLACK >= w);
    !CLOSING.contains(last)
        && long
        && !matches!(segment::parse_marker(next, 0), Some((_, Reading::Certain)))
        && !crate::document::enumeration::opens_with_marker(next)
}

const CLOSING: &str = "。！？；：…”’）)」』】》!?;:";

/// How much shorter than the wrap width a wrapped line may be (a line
/// break falls before a word that does not fit, or a half-width character
/// shifts it).
const WRAP_SLACK: usize = 4;

/// Width in columns: Han characters and full-width punctuation take two.
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The width a copy was hard-wrapped at, if it was: many lines that stop
/// mid-sentence at nearly the same width, and hardly any line wider. Text
/// pasted from a PDF is cut this way at 25–40 characters, shorter than a
/// normal long line.
fn wrap_width(text: &str, lines: &[Line]) -> Option<usize> {
    const MAX: usize = 160;
    // Lines that stop mid-sentence, by width; and all non-blank lines.
    let mut cut = [0usize; MAX + 2];
    let mut widths = [0usize; MAX + 2];
    let mut non_blank = 0;
    for line in lines {
        let content = text[line.range.start..line.range.end].trim_matches(is_blank);
        let Some(last) = content.chars().next_back() else {
            continue;
        };
        non_blank += 1;
        let width = if has_at_most_chars(content, MAX) {
            display_width(content).min(MAX + 1)
        } else {
            MAX + 1
        };
        widths[width] += 1;
        if !CLOSING.contains(last) {
            cut[width] += 1;
        }
    }
    let (best, count) = (20 + WRAP_SLACK..=MAX)
        .map(|w| (w, cut[w - WRAP_SLACK..=w].iter().sum::<usize>()))
        .max_by_key(|&(w, n)| (n, w))?;
    let wider: usize = widths[best + 1..].iter().sum();
    (count >= 8 && count * 10 >= non_blank * 3 && wider * 5 <= non_blank).then_some(best)
}

/// Non-blank lines, with hard-wrapped lines joined into one paragraph.
fn split_paragraphs(text: &str, lines: &[Line]) -> Vec<Paragraph> {
    let wrap = wrap_width(text, lines);
    let mut paragraphs: Vec<Paragraph> = Vec::new();
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
            (Some(prev), Some(last)) if continues_on_next_line(prev, content, wrap) => {
                last.end = end;
            }
            _ => paragraphs.push(Paragraph {
                start,
                end,
                line: line.index,
            }),
        }
        previous_content = Some(content);
    }
    paragraphs
}

/// The end of a sentence followed by what could open a heading marker.
static RUN_IN_CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[。！？；!?;][一二三四五六七八九十（(0-9]").expect("valid run-in regex")
});
