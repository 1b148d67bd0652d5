//! layout/broken-line
//!
//! Flags a line break inside a sentence — text pasted from a PDF or a web
//! page, where a line ends mid-sentence and the next line carries on:
//! `…启动了作风建` / `设年活动…`. The fix joins the lines.
//!
//! The break splits a sentence (often a word) in two; in Word it becomes
//! two paragraphs. Only plain text and Word paragraphs are checked —
//! Markdown wraps lines on purpose. A break counts only when the line is
//! prose (it holds punctuation, or is long), ends in a Han character, `，`
//! or `、`, and the next line starts with a Han character without an indent
//! and is not a heading, an enumeration, a salutation or a date; a line
//! that ends a run-in heading (`…。二、加强管理`) is a heading, not a break,
//! and two lines that both open with a field label (`参会人员：…` /
//! `列席人员：…`) are two fields of a record.
//! Joining is a safe fix when jieba sees a word across the break (`作风建` /
//! `设年` holds 作风建设); otherwise the author may have dropped a full
//! stop before a new paragraph, and the join is an unsafe fix. The breaks
//! of a run of broken lines (one pasted paragraph) are reported together.

use crate::diagnostic::{Applicability, Diagnostic, Fix, TextRange};
use crate::document::chars::is_han;
use crate::document::drafts::{is_date_line, is_salutation};
use crate::document::{Document, has_at_most_chars, is_blank};
use crate::rules::{CodeRule, batch_edits};
use crate::source::SourceFormat;

crate::declare_rule! {
    pub struct BrokenLine {
        id: "layout/broken-line",
        severity: Warning,
        summary: "句子中间断行（从 PDF、网页复制时留下的硬换行）",
        explanation: "从 PDF 或网页复制的文字常在句子中间硬换行，如“……启动了作风建”换行“设年活动……”，在 Word 里就成了两段。\n只查纯文本和 Word 段落（Markdown 本来就允许段内换行）：上一行是正文（有标点或较长），以汉字或“，”“、”结尾；下一行不缩进、以汉字开头，且不是标题、序号、称谓或日期。以标题结尾的行（……。二、加强管理）不算，上下两行都以“参会人员：”“记录人：”这样的栏目名开头的也不算。\n合并两行：断处前后能组成一个词（作风建｜设）时是安全修复；否则可能是作者漏了句号另起一段，合并需 --unsafe-fixes。连续断开的几行合为一条。",
        source: "issue 11 layout 组（句子中间的硬换行）；domain.md §5（模板网站、文库网站复制稿）。",
        bad: ["按照党工委的统一部署，从3月份开始启动了作风建\n设年活动，组织制定了详细的实施方案。\n"],
        good: [
            "按照统一部署，从3月份开始启动了作风建设年活动。\n组织制定了详细的实施方案。\n",
            "一、加强学习，提高政治素质和业务能力水平\n全年组织集中学习12次。\n",
            "按照统一部署，从3月份开始启动了作风建设年活动\n　　组织制定了详细的实施方案。\n",
        ],
        fix: Mixed,
    }
}

/// Whether `line` is prose that a break can cut: it holds sentence
/// punctuation, or is too long for a title.
fn is_prose(line: &str) -> bool {
    line.contains(['，', '。', '；', '：', '、', ',', ';', ':']) || !has_at_most_chars(line, 49)
}

/// Whether `line` ends a heading: its last sentence opens with a heading
/// marker (`一、…`, `（二）…`), as a run-in heading does. An inline
/// enumeration (`一是…`) opens a sentence, not a heading.
fn ends_in_heading(line: &str) -> bool {
    let last = line
        .rsplit(['。', '；', '！', '？', ';', '!', '?'])
        .next()
        .unwrap_or(line);
    let last = last.trim_start_matches(is_blank);
    crate::document::segment::parse_marker(last, 0).is_some()
}

/// Web-page furniture: breadcrumbs (`首页 > 文档`), toolbars (`【收藏】`),
/// bylines with wide gaps (`作者: 佚名  来源:`), table rows.
fn is_page_furniture(line: &str) -> bool {
    line.contains(['>', '|', '【', '】']) || line.contains("  ")
}

/// Whether `line` opens with a field label: two to eight Han characters and
/// a colon (`参会人员：`, `记录人：`), as the lines of a meeting record or a
/// form do.
fn opens_with_label(line: &str) -> bool {
    let mut count = 0;
    for c in line.chars() {
        match c {
            '：' | ':' => return count >= 2,
            c if is_han(c) && count < 8 => count += 1,
            _ => return false,
        }
    }
    false
}

/// Whether the break between `line` (trimmed) and `next` (as it stands)
/// is inside a sentence.
pub fn breaks_a_sentence(line: &str, next: &str) -> bool {
    let Some(last) = line.chars().next_back() else {
        return false;
    };
    let Some(first) = next.chars().next() else {
        return false;
    };
    (is_han(last) || last == '，' || last == '、')
        && is_han(first)
        && has_at_most_chars(line, 2000)
        && !has_at_most_chars(line, 19)
        && is_prose(line)
        && !ends_in_heading(line)
        && crate::document::segment::parse_marker(next, 0).is_none()
        && !crate::document::enumeration::opens_with_marker(next)
        && !is_salutation(next)
        && !is_date_line(next)
        // A short next line without punctuation is a title or a label.
        && (is_prose(next) || !has_at_most_chars(next, 30))
        && !is_page_furniture(line)
        && !is_page_furniture(next)
        // One field of a record after another (`参会人员：…` / `列席人员：…`).
        && !(opens_with_label(line) && opens_with_label(next))
}

impl CodeRule for BrokenLine {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        if doc.source().format == SourceFormat::Markdown {
            return;
        }
        let text = doc.text();
        let lines = doc.lines();
        // The breaks of a run of consecutive broken lines (a pasted
        // paragraph), reported together: (break, safe).
        let mut pending: Vec<(TextRange, bool)> = Vec::new();
        let mut last_line = usize::MAX;
        for pair in lines.windows(2) {
            let raw = doc.slice(pair[0].range);
            let line = raw.trim_matches(is_blank);
            let next = doc.slice(pair[1].range);
            if line.is_empty() || !breaks_a_sentence(line, next) {
                continue;
            }
            let content_end = pair[0].range.start + raw.trim_end_matches(is_blank).len();
            let cut = TextRange::new(content_end, pair[1].range.start);
            let safe = doc.word_across(cut);
            if pair[0].index != last_line.wrapping_add(1) {
                self.report(text, &pending, out);
                pending.clear();
            }
            last_line = pair[0].index;
            pending.push((cut, safe));
        }
        self.report(text, &pending, out);
    }
}

impl BrokenLine {
    /// One finding for the safe joins of a paragraph and one for the unsafe.
    fn report(&self, text: &str, breaks: &[(TextRange, bool)], out: &mut Vec<Diagnostic>) {
        for safe in [true, false] {
            let edits: Vec<(TextRange, String)> = breaks
                .iter()
                .filter(|(_, s)| *s == safe)
                .map(|(r, _)| (*r, String::new()))
                .collect();
            if edits.is_empty() {
                continue;
            }
            let (span, replacement) = batch_edits(text, &edits);
            let message = if edits.len() == 1 {
                "句子中间断行".to_owned()
            } else {
                format!("本段有 {} 处句子中间断行", edits.len())
            };
            let mut d = Self::META.diagnostic(span, message);
            d.help = Some("删去断行，把两行接起来".to_owned());
            d.fix = Some(Fix {
                range: span,
                replacement,
                applicability: if safe {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
            });
            out.push(d);
        }
    }
}
