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
use crate::document::drafts::{
    DraftOrigin, is_body, is_date_line, is_salutation, is_title_like, strip_decoration,
};
use crate::document::numbering::NumberingCounter;
use crate::document::paragraphs::{self, Paragraph};
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
    pub draft_starts: Vec<(usize, DraftOrigin)>,
    /// The first block after an outline that opens the file, where the
    /// first document's title is looked for.
    pub title_from: usize,
    /// The first block of a .docx's footnotes, headers and footers, which
    /// belong to no document draft.
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
        draft_starts: vec![(0, DraftOrigin::Main)],
        counter: NumberingCounter::new(),
        seen_body: false,
        seen_sentences: false,
        title_from: 0,
        outline: None,
        heading_seen: false,
        resume: None,
        body_end: None,
    };
    for paragraph in paragraphs::split_paragraphs(text, lines) {
        walk.paragraph(paragraph);
    }
    let end = walk.blocks.len();
    if let Some(last) = walk.scopes.last_mut() {
        last.blocks.end = end;
    }
    Outline {
        blocks: walk.blocks,
        scopes: walk.scopes,
        draft_starts: walk.draft_starts,
        title_from: walk.title_from,
        body_end: walk.body_end.unwrap_or(end),
    }
}

/// Headings at the top of a file, before any running text.
struct OutlineCandidate {
    /// The first heading's block, words after its marker, and style.
    first: usize,
    words: String,
    style: MarkerStyle,
    /// The title line that ended the run of headings, once seen.
    title: Option<usize>,
}

struct Walk<'a> {
    source: &'a SourceFile,
    text: &'a str,
    blocks: Vec<Block>,
    scopes: Vec<Scope>,
    draft_starts: Vec<(usize, DraftOrigin)>,
    counter: NumberingCounter,
    /// Running text seen in the current document (a title or salutation
    /// after it starts another document).
    seen_body: bool,
    /// A sentence seen in the current document's running text.
    seen_sentences: bool,
    title_from: usize,
    /// A run of headings opening the file that may be an outline of the
    /// body, until the body's first heading shows whether it repeats them.
    outline: Option<OutlineCandidate>,
    /// A heading has been seen in the file.
    heading_seen: bool,
    /// The numbering a 附件 or 注 block interrupted, and its scope's kind.
    resume: Option<(NumberingCounter, ScopeKind)>,
    body_end: Option<usize>,
}

impl<'a> Walk<'a> {
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
            self.resume = None;
        }
        if self.source.is_auto_numbered(p.line) {
            self.counter.skip_unseen_number();
        }
        let lead = segment::decoration_len(content);
        let first = self.first_block(content, p.start, lead);
        let mut starts: Vec<(usize, BlockRole)> = vec![(p.start, first)];
        self.run_in_headings(content, p.start, &mut starts);
        // Lines are counted from one block start to the next, not from the
        // paragraph's start each time: one pass over the paragraph.
        let (mut line, mut counted_to) = (p.line, p.start);
        for (k, &(block_start, role)) in starts.iter().enumerate() {
            let block_end = starts.get(k + 1).map_or(p.end, |next| next.0);
            line += self.text[counted_to..block_start].matches('\n').count();
            counted_to = block_start;
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
                self.resume_for(&marker);
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
        // A list a colon opens in the paragraph (`检查内容包括：一、…。二、…`)
        // is an inline enumeration: the markers of its style that follow are
        // its items, not headings. Where each style's first such list
        // opens is all that matters: a handful of entries however long the
        // paragraph.
        let mut inline_lists: Vec<(usize, MarkerStyle)> = Vec::new();
        for colon in INLINE_LIST.find_iter(content) {
            let i = colon.end();
            if !content[i..].starts_with(opens_marker) {
                continue;
            }
            if let Some((marker, _)) = segment::parse_marker(&content[i..], start + i)
                && !inline_lists.iter().any(|&(_, style)| style == marker.style)
            {
                inline_lists.push((i, marker.style));
            }
        }
        // Candidates are the sentence ends, found with a regex (a literal
        // search over bytes, not a walk over every char), followed by what
        // can open a marker.
        for candidate in RUN_IN_CANDIDATE.find_iter(content) {
            let i = candidate.end();
            if !content[i..].starts_with(opens_marker) {
                continue;
            }
            let Some((marker, Reading::Certain)) = segment::parse_marker(&content[i..], start + i)
            else {
                continue;
            };
            // Only the styles that make headings proper are taken run-in.
            let eligible = matches!(
                marker.style,
                MarkerStyle::HanComma | MarkerStyle::HanParen | MarkerStyle::ArabicParen
            );
            let in_inline_list = inline_lists
                .iter()
                .any(|&(at, style)| at < i && style == marker.style);
            if eligible && !in_inline_list && self.counter.follows_directly(&marker) {
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

    /// Open a scope whose headings number from one. The numbering it
    /// interrupts is kept aside — a body's for a 附件 or 注 block inside it,
    /// any scope's for a 注 — and a heading that numbering expects and the
    /// new scope does not (`（三）` after a note under `（二）`) ends the
    /// scope: the interrupted numbering goes on.
    fn open_scope(&mut self, kind: ScopeKind) {
        let current = self.scopes.last().map_or(ScopeKind::Body, |s| s.kind);
        let interrupted = std::mem::take(&mut self.counter);
        self.resume = (current == ScopeKind::Body || kind == ScopeKind::Notes)
            .then_some((interrupted, current));
        self.push_scope(kind);
    }

    /// Back to the numbering the current scope interrupted, if `marker` is
    /// its next number and not the scope's own.
    fn resume_for(&mut self, marker: &segment::Marker) {
        let resumes = self
            .resume
            .as_ref()
            .is_some_and(|(counter, _)| counter.expects(marker) && !self.counter.expects(marker));
        if resumes && let Some((counter, kind)) = self.resume.take() {
            self.counter = counter;
            self.push_scope(kind);
        }
    }

    fn push_scope(&mut self, kind: ScopeKind) {
        let at = self.blocks.len();
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

    /// An outline above the title repeats the headings of the body: a run
    /// of headings opens the file, a title line ends it, and the body's
    /// first heading is the outline's first again, numbered one, with the
    /// same words. Then the outline is a scope of its own and the title is
    /// where the document starts.
    fn outline_check(&mut self, marker: &segment::Marker, words: &str) {
        let heading_words = || {
            let after = &words[marker.range.end - marker.range.start..];
            strip_decoration(after).to_owned()
        };
        let Some(candidate) = &self.outline else {
            // Only the file's first heading, before any running text.
            if !std::mem::replace(&mut self.heading_seen, true)
                && self.draft_starts.len() == 1
                && !self.seen_body
            {
                self.outline = Some(OutlineCandidate {
                    first: self.blocks.len(),
                    words: heading_words(),
                    style: marker.style,
                    title: None,
                });
            }
            return;
        };
        let Some(title) = candidate.title else {
            // Still in the run of headings.
            return;
        };
        let repeats = marker.number == 1
            && marker.style == candidate.style
            && heading_words() == candidate.words;
        let first = candidate.first;
        self.outline = None;
        if !repeats {
            return;
        }
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
        self.counter.reset();
    }

    /// Follow a possible outline past a block that is not a heading.
    fn outline_after(&mut self, i: usize) {
        let t = self.block_text(i);
        let title_like = is_title_like(&self.blocks[i], t) && !is_date_line(t);
        let Some(candidate) = &mut self.outline else {
            return;
        };
        if candidate.title.is_none() {
            if title_like {
                candidate.title = Some(i);
            } else {
                self.outline = None;
            }
        }
    }

    /// Track the documents and sections in the file as each block is added.
    fn after_block(&mut self) {
        let i = self.blocks.len() - 1;
        let block = self.blocks[i];
        if self.body_end.is_some() || block.heading().is_some() {
            return;
        }
        self.outline_after(i);
        let t = self.block_text(i);
        if is_body(t) && !is_salutation(t) {
            self.seen_body = true;
            // Only sentences show a document's body was there: a site's
            // long header or metadata line has none.
            self.seen_sentences |= t.contains(crate::document::chars::SENTENCE_ENDS);
            return;
        }
        let last_start = self.draft_starts.last().map_or(0, |s| s.0);
        let document_before = self.seen_body && self.seen_sentences;
        if !document_before {
            // A salutation right under a title that opened a document:
            // that document was appended, not enclosed.
            if is_salutation(t)
                && let Some((start, origin)) = self.draft_starts.last_mut()
                && *origin == DraftOrigin::Titled
                && i <= *start + 4
            {
                *origin = DraftOrigin::Appended;
            }
        } else if is_salutation(t) || is_date_line(t) {
            self.title_lines_before(i);
            return;
        } else if self.is_document_title(i) && i > last_start {
            let origin = if self.is_enclosed(i) {
                DraftOrigin::Enclosed
            } else {
                DraftOrigin::Titled
            };
            self.start_part(i, origin);
            return;
        }
        let sectioned = self.seen_body || self.heading_seen;
        if sectioned
            && !is_salutation(t)
            && !is_date_line(t)
            && !is_signature_date(t)
            && (is_title_like(&block, t) || self.is_section_label(i))
        {
            // An unnumbered section title between running text or headings
            // (`2021年主要工作`, `**“十四五”时期目标任务**`, `存在问题：`):
            // the numbered levels under it may start again.
            self.blocks[i].role = BlockRole::SectionTitle;
            self.counter.enter_other_scheme();
        }
    }

    /// A salutation or date line (block `i`) after a document's body: if
    /// title lines stand above it, another document starts at them.
    fn title_lines_before(&mut self, i: usize) {
        let t = self.block_text(i);
        let last_start = self.draft_starts.last().map_or(0, |s| s.0);
        // Walk back over the title lines that head the new document.
        // A signature's date ends the document before: not a title line.
        let mut first = i;
        while first > 0
            && i - first < 4
            && is_title_like(&self.blocks[first - 1], self.block_text(first - 1))
            && !is_signature_date(self.block_text(first - 1))
        {
            first -= 1;
        }
        let title = (first..i).find(|&k| !is_date_line(self.block_text(k)));
        // A template site repeats the title (or a summary holding it)
        // above the text: the same document, not a second one.
        let repeated = title.is_some_and(|k| {
            let head = title_head(self.block_text(k));
            head.chars().count() >= 4
                && (last_start..first.min(last_start + 3))
                    .any(|b| self.block_text(b).contains(head))
        });
        if title.is_some() && !repeated && first > last_start {
            // A title and a date line is how official documents are issued
            // too; a salutation after them is a speech pasted on.
            let origin = if self.is_enclosed(first) {
                DraftOrigin::Enclosed
            } else if is_salutation(t) {
                DraftOrigin::Appended
            } else {
                DraftOrigin::Titled
            };
            self.start_part(first, origin);
        }
    }

    fn start_part(&mut self, first: usize, origin: DraftOrigin) {
        self.draft_starts.push((first, origin));
        self.seen_body = false;
        self.seen_sentences = false;
        self.resume = None;
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
    /// before it forwards or issues (`现将《…》印发给你们`, `…全文如下`), or
    /// follows one that is.
    fn is_enclosed(&self, first: usize) -> bool {
        // A notice may issue several documents, one after another.
        if self
            .draft_starts
            .last()
            .is_some_and(|s| s.1 == DraftOrigin::Enclosed)
        {
            return true;
        }
        // A notice says so in its title or the lines before the document,
        // at their start: only those blocks, and only their first words, are
        // read, so the cost of a title does not grow with the text before it.
        const READ: usize = 240;
        let part_start = self.draft_starts.last().map_or(0, |s| s.0);
        let from = part_start.max(first.saturating_sub(3));
        (part_start..first.min(part_start + 2))
            .chain(from.max(part_start + 2)..first)
            .any(|b| {
                let t = self.block_text(b);
                let end = (0..=READ.min(t.len()))
                    .rev()
                    .find(|&k| t.is_char_boundary(k))
                    .unwrap_or(0);
                FORWARDING.is_match(&t[..end])
            })
    }

    /// A document's own title in the middle of the file: a line that names a
    /// kind of document and stands out as a title — a Markdown heading or
    /// bold line with no number (`## 关于…的意见`, `**…实施方案**`), a
    /// `关于…的通知` line, a line right after a signature's date, or one a
    /// forwarding notice announced.
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
        let after_signature = i > 0 && is_signature_date(self.block_text(i - 1));
        names_a_kind
            && (self.is_marked_up_heading(i)
                || core.starts_with("关于")
                || after_signature
                || self.is_enclosed(i))
    }

    /// A short label that heads what follows rather than saying anything:
    /// a bold or `#` line with no number, or a few words ending in a colon
    /// (`存在问题：`, `**2025年工作安排：**`). A sentence that leads into a
    /// list (`…主要有三个方面的经验：`) is not one.
    fn is_section_label(&self, i: usize) -> bool {
        let block = &self.blocks[i];
        if block.role != BlockRole::Paragraph {
            return false;
        }
        let t = self.block_text(i);
        let decorated = self.is_marked_up_heading(i);
        let words = t.trim_end_matches(['：', ':']);
        let short_label = words.len() < t.len()
            && has_at_most_chars(words, 20)
            && !words.contains(['。', '，', '；', '！', '？', ',', ';', '!', '?', '：', ':']);
        (decorated && has_at_most_chars(t, 60) && !t.contains('。')) || short_label
    }

    /// Whether block `i` is set as a heading in Markdown: a `#` line, or
    /// bold from end to end.
    fn is_marked_up_heading(&self, i: usize) -> bool {
        let block = &self.blocks[i];
        let raw = &self.text[block.range.start..block.range.end];
        // Looked up, not searched backwards: linear on a long line.
        let index = &self.source.line_index;
        let line_start = index.line_start(index.line_of(block.range.start));
        (raw.starts_with("**") && raw.ends_with("**"))
            || self.source.text[line_start..block.range.start].contains('#')
    }

    /// A block's words without Markdown decoration.
    fn block_text(&self, i: usize) -> &'a str {
        let b = &self.blocks[i];
        let text: &'a str = self.text;
        strip_decoration(&text[b.range.start..b.range.end])
    }
}

/// The words a title opens with, up to its first mark (quotes are typed
/// either way, so a repeat is compared on what comes before them).
fn title_head(title: &str) -> &str {
    let end = title
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(title.len());
    &title[..end]
}

/// The date under a signature: `2024年3月12日` alone on its line.
pub fn is_signature_date(t: &str) -> bool {
    has_at_most_chars(t, 16) && t.ends_with('日') && t.contains('年') && t.contains('月')
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

/// The end of a sentence, where a run-in heading may follow. Only the mark:
/// with the characters that may follow it, the regex had two-character
/// literals whose prefilter fired on every full-width lead byte.
static RUN_IN_CANDIDATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[。！？；!?;]").expect("valid run-in regex"));

/// A colon, where an inline list may open (`包括：一、…`).
static INLINE_LIST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[：:]").expect("valid inline-list regex"));

/// What a heading marker can start with: a Han numeral, a parenthesis, a digit.
fn opens_marker(c: char) -> bool {
    crate::document::numerals::is_han_digit(c) || matches!(c, '（' | '(' | '0'..='9')
}

#[cfg(test)]
mod tests {
    use crate::document::{BlockRole, Document, DraftOrigin, ScopeKind, Sequence};
    use crate::source::{SourceFile, SourceFormat};

    fn file(text: &str) -> SourceFile {
        SourceFile::new("t.txt", text.to_owned(), SourceFormat::PlainText)
    }

    fn markdown(text: &str) -> SourceFile {
        SourceFile::new("t.md", text.to_owned(), SourceFormat::Markdown)
    }

    /// (marker as read, verdict) of every heading.
    fn headings(source: &SourceFile) -> Vec<(String, Sequence)> {
        let doc = Document::new(source);
        doc.headings()
            .map(|(_, h)| (doc.marker_text(&h.marker), h.sequence))
            .collect()
    }

    fn markers(source: &SourceFile) -> Vec<String> {
        headings(source).into_iter().map(|(m, _)| m).collect()
    }

    fn origins(source: &SourceFile) -> Vec<DraftOrigin> {
        Document::new(source)
            .drafts()
            .iter()
            .map(|p| p.origin)
            .collect()
    }

    fn all_in_order(source: &SourceFile) -> bool {
        headings(source)
            .iter()
            .all(|(_, s)| *s == Sequence::InOrder)
    }

    #[test]
    fn markdown_headings_are_headings() {
        let md = markdown(
            "### 一、总体要求\n\n**二、重点任务**\n\n**三**、保障措施\n\n**（一）强化领导。**一是建立专班，二是定期调度。\n",
        );
        assert_eq!(markers(&md), ["一、", "二、", "三、", "（一）"]);
        assert!(all_in_order(&md));
        let doc = Document::new(&md);
        let items: Vec<Vec<&str>> = doc
            .series()
            .iter()
            .map(|s| s.items.iter().map(|m| doc.slice(m.range)).collect())
            .collect();
        assert_eq!(items, [["一是", "二是"]]);
    }

    #[test]
    fn heading_words_that_start_with_a_number() {
        let text = file(
            "一、总体情况\n二、一批项目开工建设\n（一）三类园区提质\n（二）两个平台挂牌\n1.产业基金设立\n2.2025年新增投资\n3.4个重点片区\n4. 配套政策出台\n",
        );
        assert_eq!(
            markers(&text),
            ["一、", "二、", "（一）", "（二）", "1.", "2.", "3.", "4."]
        );
        assert!(all_in_order(&text));
        // A decimal opening a paragraph is a number, not a heading.
        assert!(markers(&file("1.5亿元专项资金已全部到位。\n")).is_empty());
    }

    #[test]
    fn second_level_numbers_may_run_on() {
        let md = markdown(
            "### 一、总体要求\n\n坚持稳中求进。\n\n### 二、重点任务\n\n（一）推进改革。\n\n（二）扩大开放。\n\n### 三、保障措施\n\n（三）加强领导。\n",
        );
        assert!(all_in_order(&md));
    }

    #[test]
    fn articles_decimal_sections_and_scope_labels_number_apart() {
        let rules = file(
            "第一条 为规范管理，制定本办法。\n第二条 有下列情形之一的，予以通报：\n（一）迟报的；\n（二）漏报的。\n第三条 有下列情形之一的，从严处理：\n（一）瞒报的；\n（二）谎报的。\n",
        );
        assert!(all_in_order(&rules));
        let doc = Document::new(&rules);
        assert_eq!(doc.blocks()[0].role, BlockRole::OtherScheme);

        let annex = file(
            "一、工作目标\n二、工作要求\n附件：\n一、检查内容\n二、检查方式\n注：1.本表按季度填报。\n2.数据截至季度末。\n名词解释\n1.一网通办：线上办理政务服务事项。\n",
        );
        assert!(all_in_order(&annex));
        let doc = Document::new(&annex);
        let kinds: Vec<ScopeKind> = doc.scopes().iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                ScopeKind::Body,
                ScopeKind::Attachment,
                ScopeKind::Notes,
                ScopeKind::Notes
            ]
        );

        let standard =
            file("4.1 日常检查\n1.检查轮胎。\n2.检查灯光。\n4.2 定期保养\n1.更换机油。\n");
        assert!(all_in_order(&standard));
    }

    #[test]
    fn a_note_inside_the_body_does_not_break_its_numbering() {
        let text = file(
            "一、主要指标
（一）地区生产总值增长百分之六。
（二）一般公共预算收入增长百分之五。
注：1.增速按可比价格计算。
2.收入为快报数。
（三）居民人均可支配收入增长百分之六。
二、主要工作
",
        );
        assert!(all_in_order(&text));
        let doc = Document::new(&text);
        let kinds: Vec<ScopeKind> = doc.scopes().iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [ScopeKind::Body, ScopeKind::Notes, ScopeKind::Body]);
    }

    #[test]
    fn a_forwarded_document_is_enclosed_not_appended() {
        let text = file(
            "关于印发《工作要点》的通知\n各科室：\n现将《工作要点》印发给你们，请认真贯彻落实。\n一、各科室要制定具体措施。\n二、办公室负责督促检查。\n局办公室\n2025年2月18日\n2025年工作要点\n一、总体目标\n二、主要任务\n",
        );
        assert_eq!(origins(&text), [DraftOrigin::Main, DraftOrigin::Enclosed]);
        assert!(all_in_order(&text));

        let appended = file(
            "在全县工作会议上的讲话\n同志们：\n今天召开会议，主要任务是部署全年工作，大家要认真抓好落实，确保各项任务按期完成。\n在年终总结会上的讲话\n（2024年12月30日）\n同志们：\n今天我们总结全年工作。\n",
        );
        assert_eq!(
            origins(&appended),
            [DraftOrigin::Main, DraftOrigin::Appended]
        );
    }

    #[test]
    fn a_title_the_site_repeats_is_the_same_document() {
        // The title again under a site's intro, and a header line with no
        // sentence in it: one document each time.
        let repeated = file(
            "在全县工作会议上的讲话\n导语：本文由网友上传，仅供参考。\n在全县工作会议上的讲话\n同志们：\n今天召开会议。\n",
        );
        assert_eq!(origins(&repeated), [DraftOrigin::Main]);
        let header = file(
            "索引号：001 | 主题词：政务公开 | 发布机构：县人民政府办公室 | 发布日期：2024年2月1日 | 有效性：有效\n在全县工作会议上的讲话\n同志们：\n今天召开会议。\n",
        );
        assert_eq!(origins(&header), [DraftOrigin::Main]);
    }

    #[test]
    fn an_outline_above_the_title_is_a_scope_of_its_own() {
        let text = file(
            "一、提高认识\n二、突出重点\n在全镇工作会议上的讲话\n同志们：\n今天召开会议，部署下一阶段工作。下面，我讲两点意见。\n一、提高认识\n要把思想统一到部署上来。\n二、突出重点\n要抓好重点项目建设。\n",
        );
        assert!(all_in_order(&text));
        let doc = Document::new(&text);
        assert_eq!(doc.scopes()[0].kind, ScopeKind::Outline);
        let draft = &doc.drafts()[0];
        assert_eq!(
            doc.slice(doc.blocks()[draft.title.start].range),
            "在全镇工作会议上的讲话"
        );
    }

    #[test]
    fn an_unnumbered_section_title_lets_levels_start_again() {
        let text = file(
            "各位代表：\n现在，我代表市人民政府向大会报告工作。\n2024年工作回顾\n一、经济运行稳中有进\n二、民生保障持续加强\n2025年工作安排\n一、着力扩大有效需求\n二、着力推进改革创新\n",
        );
        assert!(all_in_order(&text));
    }

    #[test]
    fn a_short_label_heads_a_list_of_its_own() {
        let text = file(
            "一、主要成绩\n1.完成投资五亿元。\n2.新增就业一千人。\n存在问题：\n1.项目储备不足。\n2.融资渠道单一。\n",
        );
        assert!(all_in_order(&text));
        let md = markdown(
            "**一、回顾**\n\n（一）甲。\n\n（二）乙。\n\n**2025年工作安排：**\n\n（一）丙。\n",
        );
        assert!(all_in_order(&md));
        // A sentence that leads into a list is no label: the list under the
        // same heading numbers on.
        let lead_in = file(
            "一、主要成绩\n1.完成投资五亿元。\n2.新增就业一千人。\n我们的体会是，抓发展必须抓项目，主要有两条：\n1.项目储备不足。\n",
        );
        assert_eq!(headings(&lead_in)[3].1, Sequence::Backwards { last: 2 });
    }

    #[test]
    fn an_excerpt_that_starts_mid_way_is_noted_once() {
        let text = file(
            "（三）加强队伍建设。\n（四）改进作风。\n二、存在问题\n三、下步打算\n（一）加强学习。\n",
        );
        let verdicts: Vec<Sequence> = headings(&text).into_iter().map(|(_, s)| s).collect();
        assert_eq!(verdicts[0], Sequence::StartsMidway);
        assert!(verdicts[1..].iter().all(|s| *s == Sequence::InOrder));
    }

    #[test]
    fn a_run_in_heading_needs_the_next_number() {
        let text = file(
            "一、总体情况\n做好工作。\n成绩显著，是通才。二、紧紧围绕中心\n今年完成。四、五年内不变。\n",
        );
        let doc = Document::new(&text);
        let run_in: Vec<String> = doc
            .headings()
            .filter(|(_, h)| h.run_in)
            .map(|(_, h)| doc.marker_text(&h.marker))
            .collect();
        assert_eq!(run_in, ["二、"]);
    }

    #[test]
    fn a_list_a_colon_opens_is_no_run_in_heading() {
        let text = file(
            "一、总体情况
检查内容包括：一、证照是否齐全。二、台账是否规范。三、通道是否畅通。
二、存在问题
",
        );
        let doc = Document::new(&text);
        assert!(doc.headings().all(|(_, h)| !h.run_in));
        assert_eq!(doc.headings().count(), 2);
    }
}
