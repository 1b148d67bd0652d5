//! structure/year-mismatch
//!
//! Compares the year a document names in its title (`2024年工作总结`) with
//! the year its first paragraph opens on (`2023年，在局党组的领导下…`) and,
//! for a 工作总结, with its own date line (a summary of 2024 dated 2023, in
//! Arabic or Han digits). A plan or a speech may open on the year before
//! its title's (`2025年工作要点` → `2024年，……`): only a 工作总结 or a
//! 述职报告 must open on the title's own year.
//!
//! A draft reused from last year keeps last year's figures under a new
//! title. Kept modest on purpose: only a title naming exactly one year is
//! compared, and only against the opening year and the date lines.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, TextRange};
use crate::document::{BlockRole, Document, Genre, dates};
use crate::rules::CodeRule;

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})年").expect("valid year regex"));

crate::declare_rule! {
    pub struct YearMismatch {
        id: "structure/year-mismatch",
        severity: Warning,
        summary: "标题年份与正文开头或成文日期的年份不一致",
        explanation: "标题写“2024年工作总结”，正文开头却是“2023年，……”，或总结的成文日期早于所总结的年份，多是套用上一年稿子没改干净。工作计划、要点和讲话常以回顾上一年开头，只在开头年份既不是标题年份也不是上一年时提示。只比较标题中只出现一个年份的文稿。",
        source: "GB/T 9704-2012 §7.3.5.5（成文日期标全年份）；domain.md §1a fmt/date-written。",
        bad: ["2024年办公室工作总结\n2023年，办公室认真履行职责。\n"],
        good: [
            "2024年办公室工作总结\n2024年，办公室认真履行职责。\n",
            "办公室2023年工作总结和2024年工作安排\n一年来，办公室认真履行职责。\n",
            "2025年办公室工作要点\n2024年，办公室认真履行职责。\n",
        ],
        fix: None,
    }
}

/// The one year a title names, if it names exactly one.
fn title_year(titles: &[&str]) -> Option<u32> {
    let mut years: Vec<u32> = titles
        .iter()
        .flat_map(|t| YEAR.captures_iter(t))
        .filter_map(|c| c[1].parse().ok())
        .collect();
    years.dedup();
    match years.as_slice() {
        [year] => Some(*year),
        _ => None,
    }
}

impl CodeRule for YearMismatch {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let blocks = doc.blocks();
        for draft in doc.drafts() {
            let titles: Vec<&str> = blocks[draft.title.clone()]
                .iter()
                .filter(|b| b.role == BlockRole::Title)
                .map(|b| doc.slice(b.range))
                .collect();
            let Some(year) = title_year(&titles) else {
                continue;
            };
            let body = blocks[draft.title.end..draft.blocks.end]
                .iter()
                .find(|b| !matches!(b.role, BlockRole::Salutation | BlockRole::DateLine));
            if let Some(first) = body {
                let text = doc.slice(first.range);
                if let Some(caps) = YEAR
                    .captures(text)
                    .filter(|c| c.get(0).is_some_and(|m| m.start() == 0))
                {
                    let opening: u32 = caps[1].parse().unwrap_or(year);
                    let after = &text[caps[0].len()..];
                    // A summary or debrief is about its title's year: any
                    // other opening year is last year's draft. A plan or a
                    // speech opens by looking back at last year (`2025年
                    // 工作要点` → `2024年，……`), so there only a year that
                    // is neither the title's nor the one before, opening a
                    // sentence about that year (not `2022年以来`), is.
                    let mismatch = if matches!(draft.genre, Genre::Summary | Genre::Debrief) {
                        opening != year && after.starts_with(['，', ',', '以', '是'])
                    } else {
                        opening != year
                            && opening + 1 != year
                            && after.starts_with(['，', ',', '是'])
                    };
                    if mismatch {
                        let m = caps.get(1).expect("group");
                        let range = TextRange::new(
                            first.range.start + m.start(),
                            first.range.start + m.end(),
                        );
                        out.push(Self::META.diagnostic(
                            range,
                            format!("标题写的是{year}年，正文开头却是{opening}年"),
                        ));
                    }
                }
            }
            if draft.genre != Genre::Summary {
                continue;
            }
            for block in &blocks[draft.blocks.clone()] {
                if block.role != BlockRole::DateLine {
                    continue;
                }
                let text = doc.slice(block.range);
                // Arabic (`2023年12月28日`) or Han (`二〇二三年十二月二十八日`).
                let Some((dated, digits)) = dates::date_line_year_at(text) else {
                    continue;
                };
                if dated < year {
                    let range = TextRange::new(
                        block.range.start + digits.start,
                        block.range.start + digits.end,
                    );
                    out.push(
                        Self::META
                            .diagnostic(range, format!("成文日期是{dated}年，早于总结的{year}年")),
                    );
                }
            }
        }
    }
}
