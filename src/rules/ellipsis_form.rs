//! punctuation/ellipsis-form
//!
//! Flags an ellipsis not written `……`: a single `…`, three or more
//! half-width full stops `...` after Chinese text, or three or more `。`.
//! The safe fix writes `……`.
//!
//! GB/T 15834-2011 §4.11 writes the 省略号 as six dots in the middle of the
//! line, `……` (two U+2026). A `...` at the very end of a text is left
//! alone: it marks an excerpt cut off, not the author's punctuation.

use crate::diagnostic::{Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::document::chars::{char_before, is_chinese};
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct EllipsisForm {
        id: "punctuation/ellipsis-form",
        severity: Warning,
        summary: "省略号写法不对（…、...、。。。 应为……）",
        explanation: "省略号是居中的六个点“……”（两个“…”）。单个“…”、英文的三个句点“...”、连打的“。。。”都应改为“……”，修复是安全的。\n文末的“...”是摘录截断的标记，不报告。",
        source: "GB/T 15834-2011 §4.11；domain.md §1c punct/repeated、punct/dash-ellipsis-form（[S5] ruanyf/document-style-guide docs/marks.md）。",
        bad: [
            "加强学习、改进作风…推动发展。\n",
            "抓好安全生产、信访维稳......各项工作。\n",
            "认真落实。。。确保完成。\n",
        ],
        good: [
            "加强学习、改进作风……推动发展。\n",
            "版本号为1.2.3，详见附件。\n",
            "一是思想认识不到位...",
        ],
        fix: Safe,
    }
}

/// The ellipsis forms to look at, found with three `memmem` passes (a
/// single needle is searched at memory speed) and widened to their runs.
fn forms(text: &str) -> Vec<TextRange> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for (needle, unit) in [("…", "…"), ("...", "."), ("。。。", "。")] {
        let mut done = 0;
        for at in memchr::memmem::find_iter(bytes, needle.as_bytes()) {
            if at < done {
                continue;
            }
            let start = at - text[..at].len() + text[..at].trim_end_matches(unit).len();
            let end = text.len() - text[at..].trim_start_matches(unit).len();
            found.push(TextRange::new(start, end));
            done = end;
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

impl CodeRule for EllipsisForm {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        let content_end = text.trim_end().len();
        for range in forms(text) {
            let found = &text[range.start..range.end];
            let wrong = match found.chars().next() {
                Some('…') => found.chars().count() == 1,
                Some('.') => {
                    range.end < content_end
                        && char_before(text, range.start).is_some_and(is_chinese)
                }
                _ => true,
            };
            if !wrong {
                continue;
            }
            let mut d = Self::META.diagnostic(range, format!("省略号写成了“{found}”，应为“……”"));
            d.help = Some("改为“……”".to_owned());
            d.fix = Some(Fix::safe_replace(range, "……"));
            out.push(d);
        }
    }
}
