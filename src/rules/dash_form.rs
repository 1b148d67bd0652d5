//! punctuation/dash-form
//!
//! Flags a single `—` written where only a 破折号 `——` (two em dashes)
//! can stand: right after a Han character and before a quotation, or
//! right after a 点号 or before one. Info only, with an unsafe fix.
//!
//! GB/T 15834-2011 §4.9 writes the 破折号 as `——`, two characters long. But
//! a single `—` is also the 一字线 form of the 连接号 (§4.13: `北京—上海`,
//! `2023—2027年`, `桐城—枞阳支线`), which joins two words directly: a dash
//! between two Han characters or digits is never flagged (in the published
//! documents of ../shared/cleandocs all 122 such dashes are 连接号).

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::document::chars::{char_at, char_before, is_cjk_stop, is_han};
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct DashForm {
        id: "punctuation/dash-form",
        severity: Info,
        summary: "破折号只写了一个“—”（应为“——”）",
        explanation: "破折号占两个字的位置，写作“——”。连接号的一字线（北京—上海、2023—2027年）也写作“—”，它直接连着前后两个词，所以两个汉字或数字之间的“—”不报告；只报告前后是引号、点号的单个“—”，这里只能是少打了一半的破折号。只作提示，修复需 --unsafe-fixes。",
        source: "GB/T 15834-2011 §4.9、§4.13；domain.md §1c punct/dash-ellipsis-form。",
        bad: ["他说—“我们一定完成任务。”\n", "坚持一个原则—，实事求是。\n"],
        good: [
            "坚持一个原则——实事求是。\n",
            "《规划纲要（2023—2027年）》\n",
            "推进南宁—河内经济走廊建设。\n",
        ],
        fix: Unsafe,
    }
}

static DASHES: LazyLock<Regex> = LazyLock::new(|| Regex::new("—+").expect("valid regex"));

impl CodeRule for DashForm {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        for m in DASHES.find_iter(text) {
            if m.as_str().chars().count() != 1 {
                continue;
            }
            let before = char_before(text, m.start());
            let after = char_at(text, m.end());
            let dash_only = (before.is_some_and(is_han)
                && after.is_some_and(|c| c == '“' || c == '‘'))
                || before.is_some_and(is_cjk_stop)
                || after.is_some_and(is_cjk_stop);
            if !dash_only {
                continue;
            }
            let range = TextRange::new(m.start(), m.end());
            let mut d = Self::META.diagnostic(range, "破折号只写了一个“—”，应为“——”".to_owned());
            d.help = Some("改为“——”".to_owned());
            d.fix = Some(Fix::unsafe_replace(range, "——"));
            out.push(d);
        }
    }
}
