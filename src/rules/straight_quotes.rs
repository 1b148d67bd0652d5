//! punctuation/straight-quotes
//!
//! Flags straight quotation marks `"…"` and `'…'` around Chinese text on one
//! line; the safe fix writes “…” and ‘…’. The pairs of a paragraph are one
//! finding.
//!
//! Chinese text uses curly quotation marks (GB/T 15834-2011 §4.1); straight
//! ones come from an English keyboard or a converted file. A lone `"` or
//! `'` is left alone (nothing to pair it with), and so are quotes around
//! text without Han characters (English, code) and marks touching a Latin
//! letter or digit on the quotation's side (`Xi'an`, `15.6"`, `27"`), which
//! are apostrophes and inch marks; an opening mark right after one
//! (`27"显示器`) is not a quotation's either.

use crate::diagnostic::{Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::document::chars::{char_before, is_han};
use crate::rules::{CodeRule, batch_edits};

crate::declare_rule! {
    pub struct StraightQuotes {
        id: "punctuation/straight-quotes",
        severity: Warning,
        summary: "中文用了直引号（\"…\" 应为“…”）",
        explanation: "中文的引号是弯引号“…”和‘…’。直引号\"…\"、'…'来自英文键盘或转换格式。\n只报告同一行内成对、且引着汉字的直引号，安全修复改为弯引号；落单的直引号和引着英文的不报告，紧挨字母、数字的（Xi'an 的撇号，15.6\" 的英寸号）不当作引号。",
        source: "GB/T 15834-2011 §4.1；domain.md §1c punct/straight-quotes（[S11] proofread_agent FMT-QUOTE）。",
        bad: ["要答好\"强县之问\"，奋力开创新局面。\n"],
        good: [
            "要答好“强县之问”，奋力开创新局面。\n",
            "输入 \"hello\" 后回车。\n",
            "采购15.6\"笔记本电脑20台、27\"显示器10台。\n",
        ],
        fix: Safe,
    }
}

/// A Latin letter or digit: a straight mark touching one where a quote
/// touches its quotation is an apostrophe (`Xi'an`), an inch or minute mark
/// (`15.6"`, `27"`), not a Chinese quotation mark. An opening mark is also
/// judged by what stands before it: a quotation does not open right after
/// `27`.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Longest quotation taken as one pair, in bytes.
const MAX_QUOTED_BYTES: usize = 240;

/// The straight quotes of one paragraph (at `positions`, in order) that
/// pair up around Han text on one line, as edits to curly quotes.
pub fn quote_edits(text: &str, positions: &[usize]) -> Vec<(TextRange, &'static str)> {
    let mut edits = Vec::new();
    for quote in [b'"', b'\''] {
        let positions: Vec<usize> = positions
            .iter()
            .copied()
            .filter(|&at| text.as_bytes()[at] == quote)
            .collect();
        let mut k = 0;
        while k + 1 < positions.len() {
            let (open, close) = (positions[k], positions[k + 1]);
            let inside = &text[open + 1..close];
            let pairs = close - open <= MAX_QUOTED_BYTES
                && !inside.contains(['\n', '\r', '“', '”', '‘', '’'])
                && inside.chars().any(is_han)
                && !char_before(text, open).is_some_and(is_latin)
                && !inside.starts_with(is_latin)
                && !inside.ends_with(is_latin);
            if !pairs {
                k += 1;
                continue;
            }
            let (left, right) = if quote == b'"' {
                ("“", "”")
            } else {
                ("‘", "’")
            };
            edits.push((TextRange::new(open, open + 1), left));
            edits.push((TextRange::new(close, close + 1), right));
            k += 2;
        }
    }
    edits.sort_by_key(|(r, _)| r.start);
    edits
}

impl CodeRule for StraightQuotes {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        // The quotes are ASCII: one byte search, each hit placed in its
        // paragraph.
        let mut found = memchr::memchr2_iter(b'"', b'\'', text.as_bytes()).peekable();
        let mut positions = Vec::new();
        for block in doc.blocks() {
            positions.clear();
            while let Some(at) = found.next_if(|at| *at < block.range.end) {
                if at >= block.range.start {
                    positions.push(at);
                }
            }
            if positions.len() < 2 {
                continue;
            }
            let edits = quote_edits(text, &positions);
            if edits.is_empty() {
                continue;
            }
            let (span, replacement) = batch_edits(text, &edits);
            let message = if edits.len() == 2 {
                format!(
                    "“{}”用了直引号，中文应用弯引号",
                    crate::rules::engine::existence::quote_excerpt(
                        &text[span.start + 1..span.end - 1]
                    )
                )
            } else {
                format!("本段有 {} 对直引号引着中文，应用弯引号", edits.len() / 2)
            };
            let mut d = Self::META.diagnostic(span, message);
            d.help = Some("改为“”或‘’".to_owned());
            d.fix = Some(Fix::safe_replace(span, replacement));
            out.push(d);
        }
    }
}
