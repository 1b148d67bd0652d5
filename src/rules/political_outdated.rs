//! wording/political-outdated
//!
//! Date-aware. Flags, in a document about 2023 or later, a call to study
//! and carry out 党的十九大精神 as today's task (党的二十大 opened on
//! 2022-10-16); and, in one about 2021 or later, 全面建成小康社会 in the
//! 四个全面 list (since 2020 全面建设社会主义现代化国家). The year comes from
//! `--year`, the title or the date line; without one nothing is said.
//!
//! A draft reused from an earlier year keeps the congress it was written
//! under. History stays fine: `党的十九大以来`, `党的十九大报告指出`, a
//! sentence that also names 二十大 (`党的十九大、十九届历次全会和党的二十大精神`),
//! and 小康 in a sentence that looks back (`回顾党的十八大以来的历程`) are not
//! flagged. No fix: the current formulation is the author's call.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, TextRange};
use crate::document::Document;
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct PoliticalOutdated {
        id: "wording/political-outdated",
        severity: Warning,
        summary: "过时的提法（2023年后仍以贯彻党的十九大精神为当前任务）",
        explanation: "党的二十大于2022年10月16日召开。2023年及以后的文稿仍把“贯彻党的十九大精神”当作当前任务，多是套用旧稿；2021年起“四个全面”的第一项是“全面建设社会主义现代化国家”，不再是“全面建成小康社会”。\n年份取自 --year、标题或成文日期，取不到就不判断。“党的十九大以来”“党的十九大报告指出”等回顾历史的说法，同一句中也提到二十大的，以及“回顾……历程”等回顾过去的句子里的“全面建成小康社会”，不报告。不给修复。",
        source: "domain.md §2 pol/outdated（二十大开幕日期：e-com-net.com、zgkjsz.com；四个全面：常识库 CHANGSHI）；wordlists.tsv political 组“四个全面 current list”。",
        bad: [
            "2024年工作总结\n一年来，我们深入学习贯彻党的十九大精神。\n",
            "2023年工作要点\n协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。\n",
        ],
        good: [
            "2018年工作总结\n一年来，我们深入学习贯彻党的十九大精神。\n",
            "2024年工作总结\n党的十九大以来，我们取得了长足进步。\n",
            "2023年工作总结\n全面贯彻党的十九大、十九届历次全会和党的二十大精神。\n",
            "关于加强学习的通知\n深入学习贯彻党的十九大精神。\n",
        ],
        fix: None,
    }
}

static NINETEENTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:学习|宣传|贯彻|落实|领会)[^，。；！？\n]{0,8}?(?:党的)?十九大(?:和十九届[^，。；！？\n]{0,12}?全会)?精神")
        .expect("valid regex")
});
static XIAOKANG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"全面建成小康社会(?:、|，|和|与)全面深化改革").expect("valid regex")
});

/// Words that put a sentence in the past: 全面建成小康社会 among the 四个全面
/// is right when the sentence looks back (`回顾党的十八大以来的历程`).
const LOOKING_BACK: &[&str] = &[
    "回顾",
    "历程",
    "十八大以来",
    "十九大以来",
    "十三五",
    "过去",
    "当时",
    "那时",
    "曾经",
    "历史",
];

/// The sentence around `range`, at most a few hundred bytes each side.
fn sentence(text: &str, range: TextRange) -> &str {
    const REACH: usize = 300;
    let mut from = range.start.saturating_sub(REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (range.end + REACH).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let ends = |c: char| crate::document::chars::CLAUSE_ENDS.contains(&c) || c == '\n';
    let start = text[from..range.start]
        .rfind(ends)
        .map_or(from, |i| from + i);
    let end = text[range.end..to].find(ends).map_or(to, |i| range.end + i);
    &text[start..end]
}

impl CodeRule for PoliticalOutdated {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let Some(year) = doc.year() else {
            return;
        };
        let text = doc.text();
        if year >= 2023 {
            for m in NINETEENTH.find_iter(text) {
                let range = TextRange::new(m.start(), m.end());
                if sentence(text, range).contains("二十大") {
                    continue;
                }
                let at = m
                    .as_str()
                    .find("党的十九大")
                    .or_else(|| m.as_str().find("十九大"))
                    .unwrap_or(0);
                let shown = TextRange::new(m.start() + at, m.end());
                let mut d = Self::META.diagnostic(
                    shown,
                    format!(
                        "{year}年的文稿仍以“{}”为当前任务（党的二十大已于2022年召开）",
                        &text[shown.start..shown.end]
                    ),
                );
                d.help = Some("改为当前的提法，如“党的二十大精神”".to_owned());
                out.push(d);
            }
        }
        if year >= 2021 {
            for m in XIAOKANG.find_iter(text) {
                let range = TextRange::new(m.start(), m.start() + "全面建成小康社会".len());
                let around = sentence(text, TextRange::new(m.start(), m.end()));
                if LOOKING_BACK.iter().any(|w| around.contains(w)) {
                    continue;
                }
                let mut d = Self::META.diagnostic(
                    range,
                    format!("{year}年的“四个全面”应为“全面建设社会主义现代化国家”"),
                );
                d.help = Some("改为“全面建设社会主义现代化国家”".to_owned());
                out.push(d);
            }
        }
    }
}
