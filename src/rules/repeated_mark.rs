//! punctuation/repeated-mark
//!
//! Flags two or more 点号 in a row: `，，` `。。` `、、` `，。` `；。`. A run of
//! one mark repeated has a safe fix (keep one); a run of different marks
//! needs a reader (which one was meant), so its fix — keep the strongest —
//! is unsafe.
//!
//! GB/T 15834-2011 lets a sentence end with one mark; a doubled comma or
//! full stop is a typing slip. `？！` and `！？` (both moods strong) and runs of
//! ？ or ！ are allowed by the standard and left alone; three or more `。`
//! stand for an ellipsis (punctuation/ellipsis-form).

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct RepeatedMark {
        id: "punctuation/repeated-mark",
        severity: Warning,
        summary: "点号连用（，， 。。 ，。）",
        explanation: "一处停顿只用一个点号。“，，”“。。”“、、”是误敲，修复保留一个（安全）；“，。”“；。”等不同点号连用要由人判断原意，修复保留语气最强的一个（问号、叹号先于句号，同样强的留前一个），需 --unsafe-fixes。\n“？！”“！？”和连用的问号、叹号是标准允许的，不报告；三个以上“。”当作省略号，由 punctuation/ellipsis-form 报告。",
        source: "GB/T 15834-2011 §4.2–4.7；domain.md §1c punct/repeated（[S3]，[S11]）。",
        bad: ["全面完成各项任务，，取得明显成效。\n", "取得明显成效，。\n"],
        good: ["全面完成各项任务，取得明显成效。\n",
                    "这难道不值得我们深思吗？！\n"],
        fix: Mixed,
    }
}

static RUNS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("[，。、；：！？]{2,}").expect("valid regex"));

/// How strong a mark is: the one kept when different marks are run together.
/// `？` and `！` carry the sentence's mood, which `。` would lose (`是否已经
/// 完成？。` ends a question).
fn strength(c: char) -> u8 {
    match c {
        '？' | '！' => 5,
        '。' => 4,
        '；' => 3,
        '：' => 2,
        '，' => 1,
        _ => 0,
    }
}

impl CodeRule for RepeatedMark {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        for m in RUNS.find_iter(text) {
            let run = m.as_str();
            let first = run.chars().next().unwrap_or_default();
            let all_same = run.chars().all(|c| c == first);
            if run.chars().all(|c| c == '？' || c == '！')
                || (all_same && first == '。' && run.chars().count() >= 3)
            {
                continue;
            }
            let range = TextRange::new(m.start(), m.end());
            let mut d = Self::META.diagnostic(range, format!("点号“{run}”连用"));
            d.fix = Some(if all_same {
                d.help = Some(format!("只留一个“{first}”"));
                Fix::safe_replace(range, first.to_string())
            } else {
                // The first of the strongest: `max_by_key` would take the last.
                let keep = run.chars().fold(first, |keep, c| {
                    if strength(c) > strength(keep) {
                        c
                    } else {
                        keep
                    }
                });
                d.help = Some(format!("只留一个点号，如“{keep}”"));
                Fix::unsafe_replace(range, keep.to_string())
            });
            out.push(d);
        }
    }
}
