//! punctuation/halfwidth
//!
//! Flags half-width `, ; : ? ! ( )` written in Chinese text: a mark after a
//! Han character (or a full-width closing mark, a digit, `%`) and before a
//! Han character, or ending the line after one. Parentheses count when the
//! pair encloses Han text. All the marks of a paragraph are one finding
//! whose safe fix makes them full-width, so a draft typed half-width
//! throughout gets one finding per paragraph, not thousands.
//!
//! GB/T 15834-2011 gives Chinese text full-width marks; half-width ones come
//! from an English input method or a converted file. Numbers (`3,000`,
//! `12:30`), URLs, English words, Markdown syntax and numbering markers
//! (`(一)`, left to numbering/halfwidth-marker) never have Han on both sides
//! and are left alone.

use crate::diagnostic::{Diagnostic, Fix, Severity, TextRange};
use crate::document::Document;
use crate::document::chars::{char_at, char_before, is_cjk_closing, is_cjk_opening, is_han};
use crate::rules::{CodeRule, batch_edits};

crate::declare_rule! {
    pub struct HalfwidthPunct {
        id: "punctuation/halfwidth",
        severity: Warning,
        summary: "汉字之间用了半角标点（, : ; ? ! ( )）",
        explanation: "中文行文用全角标点：“，”“：”“；”“？”“！”“（）”。半角标点夹在汉字之间，多由英文输入法或转换格式带入。\n数字（3,000、12:30）、网址、英文、Markdown 语法和序号（(一) 由 numbering/halfwidth-marker 报告）不算。\n一段中的所有半角标点合为一条，安全修复把它们全部改为全角，整篇用半角的稿子不会报出成千上万条。",
        source: "GB/T 15834-2011；domain.md §1c punct/halfwidth-in-cjk（[S3]，[S11] ZH001）。",
        bad: [
            "会议刚刚结束,我们就召开总结会议。\n",
            "同志们:\n下面,我讲三点意见。\n",
            "县政府办公室(局)负责落实。\n",
        ],
        good: [
            "会议刚刚结束，我们就召开总结会议。\n",
            "全年完成3,000万元，会议于12:30开始。\n",
            "(一)加强学习\n",
            "详见 https://www.gov.cn/a,b 页面。\n",
            "Hello, world: 2024!\n",
        ],
        fix: Safe,
    }
}

/// Where the half-width marks stand: two `memchr3` passes (SIMD byte
/// searches) merged into text order. The marks are ASCII, so a byte search
/// finds them without decoding the Chinese around them.
fn candidates(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let a: Vec<usize> = memchr::memchr3_iter(b',', b';', b':', bytes).collect();
    let b: Vec<usize> = memchr::memchr3_iter(b'?', b'!', b'(', bytes).collect();
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && a[i] < b[j]) {
            merged.push(a[i]);
            i += 1;
        } else {
            merged.push(b[j]);
            j += 1;
        }
    }
    merged
}

fn full_width(mark: u8) -> &'static str {
    match mark {
        b',' => "，",
        b';' => "；",
        b':' => "：",
        b'?' => "？",
        b'!' => "！",
        b'(' => "（",
        _ => "）",
    }
}

/// What may stand before a half-width mark in Chinese text.
fn chinese_before(c: Option<char>) -> bool {
    c.is_some_and(|c| is_han(c) || is_cjk_closing(c) || c.is_ascii_digit() || "%‰".contains(c))
}

/// The edits for one paragraph, given where its candidate marks stand:
/// each half-width mark in Chinese text, with the spaces typed after it,
/// becomes its full-width form.
fn paragraph_edits(
    text: &str,
    block: TextRange,
    candidates: &[usize],
) -> Vec<(TextRange, &'static str)> {
    let bytes = text.as_bytes();
    let mut edits = Vec::new();
    // Everything before `done` has been dealt with (a pair's `)`, spaces).
    let mut done = block.start;
    for &i in candidates {
        if i < done {
            continue;
        }
        let b = bytes[i];
        if b == b'(' {
            if let Some(close) = chinese_parenthesis(text, block, i) {
                edits.push((TextRange::new(i, i + 1), "（"));
                edits.push((TextRange::new(close, close + 1), "）"));
                done = close + 1;
            }
            continue;
        }
        // Spaces typed after the mark, English style, go with it.
        let mut after = i + 1;
        while after < block.end && bytes[after] == b' ' {
            after += 1;
        }
        let before = char_before(text, i);
        let next = (after < block.end).then(|| char_at(text, after)).flatten();
        let line_ends = after == i + 1
            && next.is_none_or(|c| c == '\n' || c == '\r')
            && before.is_some_and(is_han);
        let chinese_after = next.is_some_and(|c| is_han(c) || is_cjk_opening(c));
        let letter_before = b == b',' && before.is_some_and(|c| c.is_ascii_alphabetic());
        if (chinese_after && (chinese_before(before) || letter_before)) || line_ends {
            edits.push((TextRange::new(i, after), full_width(b)));
            done = after;
        }
    }
    edits
}

/// The closing `)` of a half-width pair opened at `open` that encloses Han
/// text in Chinese surroundings, on the same line and not far away. A pair
/// holding only a numeral (`(一)`, `(3)`) is a numbering marker, not prose.
fn chinese_parenthesis(text: &str, block: TextRange, open: usize) -> Option<usize> {
    const MAX_BYTES: usize = 150;
    let limit = block.end.min(open + MAX_BYTES);
    let rest = &text.as_bytes()[open + 1..limit];
    let len = rest
        .iter()
        .position(|b| matches!(b, b')' | b'(' | b'\n' | b'\r'))?;
    let close = open + 1 + len;
    if text.as_bytes()[close] != b')' {
        return None;
    }
    let inside = &text[open + 1..close];
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十〇零".contains(c);
    if !inside.chars().any(is_han) || inside.chars().all(numeral) {
        return None;
    }
    let outside_before = char_before(text, open);
    let outside_after = char_at(text, close + 1);
    let chinese =
        |c: Option<char>| c.is_some_and(|c| is_han(c) || crate::document::chars::is_cjk_punct(c));
    (open == block.start || chinese(outside_before) || chinese(outside_after)).then_some(close)
}

/// Whether `slips` half-width marks are a real share of the draft's
/// punctuation: at least one in ten of its clause and sentence marks.
/// One pass over the lead bytes of full-width marks (U+3001–3002 start with
/// E3, U+FF01–FF1F with EF), stopping once the full-width marks are too
/// many for the slips to be a tenth.
fn written_half_width(text: &str, slips: usize) -> bool {
    let most = slips * 9;
    let bytes = text.as_bytes();
    let mut full_width = 0;
    for at in memchr::memchr2_iter(0xE3, 0xEF, bytes) {
        // 、。 and ，：；！？
        if matches!(
            bytes.get(at..at + 3),
            Some([0xE3, 0x80, 0x81 | 0x82] | [0xEF, 0xBC, 0x8C | 0x9A | 0x9B | 0x81 | 0x9F])
        ) {
            full_width += 1;
            if full_width > most {
                return false;
            }
        }
    }
    true
}

impl CodeRule for HalfwidthPunct {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        let first = out.len();
        let mut slips = 0;
        let mut found = candidates(text).into_iter().peekable();
        let mut candidates = Vec::new();
        for block in doc.blocks() {
            candidates.clear();
            while let Some(at) = found.next_if(|at| *at < block.range.end) {
                if at >= block.range.start {
                    candidates.push(at);
                }
            }
            if candidates.is_empty() {
                continue;
            }
            let edits = paragraph_edits(text, block.range, &candidates);
            if edits.is_empty() {
                continue;
            }
            let (span, replacement) = batch_edits(text, &edits);
            let message = if let [(range, with)] = edits.as_slice() {
                let shown = text[range.start..range.end].trim_end();
                format!("汉字之间的“{shown}”是半角标点，应为全角“{with}”")
            } else {
                let mut marks: Vec<&str> = edits
                    .iter()
                    .map(|(r, _)| text[r.start..r.start + 1].trim_end())
                    .collect();
                marks.sort_unstable();
                marks.dedup();
                let shown: Vec<String> = marks.iter().map(|m| format!("“{m}”")).collect();
                format!(
                    "本段有 {} 处半角标点（{}）用在汉字之间，应为全角",
                    edits.len(),
                    shown.join("")
                )
            };
            slips += edits.len();
            let mut d = Self::META.diagnostic(span, message);
            d.help = Some("改为全角标点".to_owned());
            d.fix = Some(Fix::safe_replace(span, replacement));
            out.push(d);
        }
        // A draft typed half-width is a defect a reader sees everywhere; a
        // few half-width marks among thousands of full-width ones (as in
        // published documents converted to Markdown) are slips worth a note,
        // not a failed check.
        if slips > 0 && !written_half_width(text, slips) {
            for d in &mut out[first..] {
                d.severity = Severity::Info;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::written_half_width;

    #[test]
    fn a_draft_is_written_half_width_from_one_slip_in_ten_marks() {
        // Nine full-width marks of every kind counted, and one slip: a tenth.
        let nine = "甲，乙。丙、丁；戊：己！庚？辛，壬。";
        assert!(written_half_width(nine, 1));
        // A tenth full-width mark makes the slip fewer than one in ten.
        assert!(!written_half_width(&format!("{nine}癸，"), 1));
        // Other characters with the same lead bytes are not marks.
        assert!(written_half_width("「」《》（）", 1));
    }
}
