//! punctuation/unbalanced-pair
//!
//! Flags a paired mark — “” ‘’ 《》 （） 【】 〔〕 — opened and not closed in
//! its paragraph, or closed without being opened. One finding per paragraph
//! and kind of mark, at the first mark without its partner.
//!
//! A lost quotation mark or bracket leaves the reader unsure where a
//! quotation, title or note ends. GB/T 15834-2011 lets a quotation run over
//! several paragraphs: each paragraph opens with “ and only the last one
//! closes, so a paragraph left open with “ or ‘ is fine when the next one
//! opens with the same mark (brackets and title marks do not run on). A list marker `1）` and an apostrophe (`China’s`) are not
//! pairs. No fix: where the partner belongs needs a reader.

use crate::diagnostic::{Diagnostic, TextRange};
use crate::document::chars::char_before;
use crate::document::{Block, Document, is_blank};
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct UnbalancedPair {
        id: "punctuation/unbalanced-pair",
        severity: Warning,
        summary: "引号、书名号、括号在段内不成对",
        explanation: "“”‘’《》（）【】〔〕须成对使用。段内只有前一半或只有后一半，多是复制时丢了一个，或把前引号打成了后引号。\n引文跨段时每段开头用前引号、只在最后一段末尾用后引号，这样的段落不报告；段首的“1）”式序号和英文撇号不算。\n不给修复：缺的那一半应补在哪里要由人判断。",
        source: "GB/T 15834-2011 §4.1.3.5（引号跨段）；domain.md §1c punct/pairing（[S3]）。",
        bad: [
            "会议强调“要把作风建设抓实抓细。\n",
            "认真学习《条例》和《准则，抓好落实。\n",
            "各单位（含下属单位要按时报送。\n",
            "各单位（含下属单位要按时报送材料。\n（二）加强督查。\n",
        ],
        good: [
            "会议强调“要把作风建设抓实抓细”。\n",
            "他说：“第一段。\n“第二段，到这里结束。”\n",
            "1）加强学习。\n2）改进作风。\n",
        ],
        fix: None,
    }
}
const PAIRS: [(char, char); 6] = [
    ('“', '”'),
    ('‘', '’'),
    ('《', '》'),
    ('（', '）'),
    ('【', '】'),
    ('〔', '〕'),
];

/// The names of the two halves of a pair, as the messages give them: a
/// mark quoted in “” would be lost among the quotation marks.
fn names(open: char) -> (&'static str, &'static str) {
    match open {
        '“' => ("前引号", "后引号"),
        '‘' => ("前单引号", "后单引号"),
        '《' => ("前书名号", "后书名号"),
        '（' => ("前括号", "后括号"),
        '【' => ("前方头括号", "后方头括号"),
        _ => ("前六角括号", "后六角括号"),
    }
}

/// Where a paragraph's own text starts: after blanks and Markdown quote,
/// list and emphasis marks.
fn opening_char(text: &str) -> Option<char> {
    text.trim_start_matches(|c: char| crate::document::is_blank(c) || ">*-_#".contains(c))
        .chars()
        .next()
}

/// A closing bracket that only ends a list marker at the start of the
/// paragraph: `1）`, `a）`, `一）`.
fn is_list_marker(text: &str, block_start: usize, at: usize) -> bool {
    at - block_start <= 6
        && text[block_start..at]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || crate::document::numerals::is_han_digit(c))
}

/// Where each mark of `PAIRS` stands in the text (opening and closing mark
/// of pair `k` at `2k` and `2k + 1`), in one pass: every mark is three
/// bytes starting E2 (quotes), E3 (《》【】〔〕) or EF (（）), so one
/// `memchr3` search for those bytes, each hit read as a character, replaces
/// twelve `memmem` passes over the text.
fn positions(text: &str) -> [Vec<usize>; 12] {
    let mut found: [Vec<usize>; 12] = Default::default();
    let bytes = text.as_bytes();
    for at in memchr::memchr3_iter(0xE2, 0xE3, 0xEF, bytes) {
        // A lead byte starts a character.
        let Some(c) = text[at..].chars().next() else {
            continue;
        };
        if let Some(k) = PAIRS.iter().position(|&(o, c2)| o == c || c2 == c) {
            found[2 * k + usize::from(PAIRS[k].1 == c)].push(at);
        }
    }
    found
}

/// The opening marks still open in a paragraph, and the first closing mark
/// found there without a partner.
#[derive(Default)]
struct PairState {
    open: Vec<usize>,
    stray_close: Option<usize>,
}

impl CodeRule for UnbalancedPair {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        let blocks = doc.blocks();
        // A paragraph runs on over lines broken inside a sentence (a
        // quotation opened on one line of a pasted paragraph and closed on
        // the next): the first block of each block's paragraph.
        let mut first_block = Vec::with_capacity(blocks.len());
        for k in 0..blocks.len() {
            let continues = k > 0 && continues_paragraph(text, &blocks[k - 1], &blocks[k]);
            first_block.push(if continues { first_block[k - 1] } else { k });
        }
        let mut marks = positions(text);
        for (k, (open, close)) in PAIRS.into_iter().enumerate() {
            let opens = std::mem::take(&mut marks[2 * k]);
            let closes = std::mem::take(&mut marks[2 * k + 1]);
            if opens.is_empty() && closes.is_empty() {
                continue;
            }
            // Both lists are sorted: merge them into text order.
            let (mut o, mut c) = (0, 0);
            let mut block = 0;
            let mut paragraph: Option<usize> = None;
            let mut state = PairState::default();
            loop {
                let (at, is_open) = match (opens.get(o), closes.get(c)) {
                    (Some(&x), Some(&y)) if x < y => (x, true),
                    (Some(&x), None) => (x, true),
                    (_, Some(&y)) => (y, false),
                    (None, None) => break,
                };
                if is_open {
                    o += 1;
                } else {
                    c += 1;
                }
                while block < blocks.len() && blocks[block].range.end <= at {
                    block += 1;
                }
                if block == blocks.len() || at < blocks[block].range.start {
                    continue; // not prose (masked Markdown)
                }
                let this = first_block[block];
                if paragraph != Some(this) {
                    if let Some(p) = paragraph {
                        self.report(text, blocks, &first_block, p, (open, close), &state, out);
                    }
                    paragraph = Some(this);
                    state = PairState::default();
                }
                if is_open {
                    state.open.push(at);
                } else if state.open.pop().is_none() && state.stray_close.is_none() {
                    let apostrophe = close == '’'
                        && char_before(text, at).is_some_and(|p| p.is_ascii_alphabetic());
                    let start = blocks[this].range.start;
                    let list_marker = close == '）' && is_list_marker(text, start, at);
                    if !apostrophe && !list_marker {
                        state.stray_close = Some(at);
                    }
                }
            }
            if let Some(p) = paragraph {
                self.report(text, blocks, &first_block, p, (open, close), &state, out);
            }
        }
    }
}

impl UnbalancedPair {
    /// The finding for one paragraph (starting at block `first`) and one
    /// kind of pair, if its marks do not balance.
    #[allow(clippy::too_many_arguments)]
    fn report(
        &self,
        text: &str,
        blocks: &[Block],
        first_block: &[usize],
        first: usize,
        (open, close): (char, char),
        state: &PairState,
        out: &mut Vec<Diagnostic>,
    ) {
        let last = (first..blocks.len())
            .take_while(|&k| first_block[k] == first)
            .last()
            .unwrap_or(first);
        let next = blocks.get(last + 1);
        let next_opens = next.and_then(|b| opening_char(&text[b.range.start..b.range.end]));
        // A text that stops mid-sentence was cut off: what it opened may
        // close past the cut.
        let cut_off = next.is_none()
            && !text[blocks[last].range.start..blocks[last].range.end].ends_with([
                '。', '！', '？', '…', '”', '’', '）', '》', '」', '』', '.', '!', '?', ')',
            ]);
        // Only a quotation runs over paragraphs (GB/T 15834-2011
        // §4.1.3.5): a bracket or title mark left open before the next
        // paragraph (`（含下属单位…` then `（二）加强督查。`) is unclosed.
        let runs_on = matches!(open, '“' | '‘') && next_opens == Some(open);
        let (open_name, close_name) = names(open);
        let (at, message) = match (state.stray_close, state.open.first()) {
            (Some(at), _) => (
                at,
                format!("{close_name}「{close}」前面没有对应的{open_name}「{open}」"),
            ),
            (None, Some(&at)) if !runs_on && !cut_off => (
                at,
                format!("{open_name}「{open}」在本段没有对应的{close_name}「{close}」"),
            ),
            _ => return,
        };
        let len = text[at..].chars().next().map_or(1, char::len_utf8);
        let mut d = Self::META.diagnostic(TextRange::new(at, at + len), message);
        d.help = Some(format!("补全「{open}{close}」，或删去多余的一半"));
        out.push(d);
    }
}

/// Whether `next` carries on the paragraph of `block` across a line broken
/// inside a sentence (see layout/broken-line).
fn continues_paragraph(text: &str, block: &Block, next: &Block) -> bool {
    // Most blocks end a sentence: settle those on their last character.
    let body = &text[block.range.start..block.range.end];
    if body
        .chars()
        .next_back()
        .is_none_or(|c| !crate::document::chars::is_han(c) && c != '，' && c != '、')
    {
        return false;
    }
    let between = &text[block.range.end..next.range.start];
    if between.matches('\n').count() + between.matches('\r').count()
        - between.matches("\r\n").count()
        != 1
    {
        return false;
    }
    let last_line = body
        .rsplit(['\n', '\r'])
        .next()
        .unwrap_or(body)
        .trim_matches(is_blank);
    let following = &text[next.range.start..next.range.end];
    let first_line = following.split(['\n', '\r']).next().unwrap_or(following);
    between.trim_matches(['\n', '\r']).is_empty()
        && crate::rules::broken_line::breaks_a_sentence(last_line, first_line)
}
