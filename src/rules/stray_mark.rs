//! layout/stray-mark
//!
//! Flags a lone `'` or `.` standing between two Han characters
//! (`总结的'主要部分`, `请示的.写作原则`). The marks of a paragraph are one
//! finding; the fix deletes them.
//!
//! Template sites insert such marks inside words to defeat copying; they
//! survive a paste unnoticed. A `'` that pairs with another one nearby is a
//! quotation (punctuation/straight-quotes), and one followed by a curly
//! quote is a broken quotation mark, not a stray. A `.` in a paragraph
//! typed with half-width commas may be its full stop: reported without a
//! fix. Deleting a `'` is safe;
//! a `.` may be a half-width full stop typed between two sentences, so its
//! deletion is an unsafe fix.

use crate::diagnostic::{Applicability, Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::document::chars::{char_at, char_before, is_han};
use crate::rules::{CodeRule, batch_edits};

crate::declare_rule! {
    pub struct StrayMark {
        id: "layout/stray-mark",
        severity: Warning,
        summary: "汉字中间夹着多余的 ' 或 .（防复制干扰符）",
        explanation: "模板网站在词语中间插入“'”“.”防止复制，如“总结的'主要部分”“请示的.写作原则”，粘贴后不易察觉。\n与附近另一个“'”成对的是引号（见 punctuation/straight-quotes），后面跟着弯引号的是写坏的引号，都不算；用半角逗号打字的段落里的“.”也可能是句号，只报告、不给修复。\n删除“'”是安全修复；“.”也可能是打成半角的句号，删除它需 --unsafe-fixes。",
        source: "domain.md §5 contam/stray-mark（ruiwen.com、beiweimall.com 复制稿）。",
        bad: ["正文是总结的'主要部分。\n", "要把握请示的.写作原则。\n"],
        good: [
            "正文是总结的主要部分。\n",
            "要答好'强县之问'这道题。\n",
            "增长3.5个百分点。\n",
        ],
        fix: Mixed,
    }
}

/// How near (in bytes) another quotation mark makes a `'` a quotation.
const PAIR_REACH_BYTES: usize = 90;

/// Whether the `'` at `at` belongs to a quotation: another `'`, or a curly
/// quotation mark, stands near it on its line.
fn quotes_something(text: &str, at: usize) -> bool {
    // The reach first, then the line within it: linear on a long line.
    let mut from = at.saturating_sub(PAIR_REACH_BYTES);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (at + 1 + PAIR_REACH_BYTES).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let before = &text[from..at];
    let before = &before[before.rfind(['\n', '\r']).map_or(0, |i| i + 1)..];
    let after = &text[at + 1..to];
    let after = &after[..after.find(['\n', '\r']).unwrap_or(after.len())];
    before.contains('\'') || after.contains(['\'', '“', '”', '‘', '’', '"'])
}

/// Whether a paragraph uses half-width commas between Chinese characters
/// (`工作,下一步`): its `.` are then full stops typed half-width.
fn typed_half_width(text: &str, block: TextRange) -> bool {
    let body = &text[block.start..block.end];
    memchr::memchr_iter(b',', body.as_bytes()).any(|i| {
        char_before(body, i).is_some_and(is_han) && char_at(body, i + 1).is_some_and(is_han)
    })
}

impl CodeRule for StrayMark {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        // The marks are ASCII: one byte search over the whole text, each
        // hit then placed in its paragraph.
        let mut found = memchr::memchr2_iter(b'\'', b'.', text.as_bytes()).peekable();
        for block in doc.blocks() {
            let mut edits = Vec::new();
            let mut applicability = Applicability::Safe;
            let mut full_stop = false;
            while let Some(at) = found.next_if(|at| *at < block.range.end) {
                if at < block.range.start
                    || !char_before(text, at).is_some_and(is_han)
                    || !char_at(text, at + 1).is_some_and(is_han)
                {
                    continue;
                }
                let mark = &text[at..at + 1];
                if mark == "'" && quotes_something(text, at) {
                    continue;
                }
                if mark == "." {
                    applicability = Applicability::Unsafe;
                    // In a paragraph typed half-width, a `.` may be its
                    // full stop: reported, but no fix deletes it.
                    full_stop |= typed_half_width(text, block.range);
                }
                edits.push((TextRange::new(at, at + 1), String::new()));
            }
            if edits.is_empty() {
                continue;
            }
            let (span, replacement) = batch_edits(text, &edits);
            let message = if edits.len() == 1 {
                format!("汉字之间夹着多余的“{}”", &text[span.start..span.end])
            } else {
                format!("本段有 {} 处多余的“'”“.”夹在汉字之间", edits.len())
            };
            let mut d = Self::META.diagnostic(span, message);
            d.help = Some("删去这些符号".to_owned());
            if full_stop {
                d.help = Some("删去多余的符号；若是打成半角的句号，改为“。”".to_owned());
            } else {
                d.fix = Some(Fix {
                    range: span,
                    replacement,
                    applicability,
                });
            }
            out.push(d);
        }
    }
}
