//! number/han-year-zero
//!
//! ## What it does
//! Flags a year written in Han numerals with an Arabic zero or a letter O
//! standing for 〇: `二0一三年`, `二O二四年`. The safe fix writes `〇`.
//!
//! ## Why is this bad?
//! A year in Han numerals writes zero as `〇` (GB/T 15835-2011 §4.1.3:
//! 二〇一二年); `0`, `O` and `Ｏ` are other characters that only look alike,
//! and mixing scripts inside one number is wrong in print.
//! Source: GB/T 15835-2011; domain.md §1d num/chinese-zero ([S7] sodocs);
//! wordlists.tsv number row “二0一三年”.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Fix, Severity, TextRange};
use crate::document::Document;
use crate::rules::{Rule, RuleMeta};

pub struct HanYearZero {
    meta: RuleMeta,
}

impl HanYearZero {
    pub fn new() -> Self {
        Self {
            meta: RuleMeta {
                id: "number/han-year-zero",
                default_severity: Severity::Warning,
                summary: "汉字年份中的零写成了 0 或 O（二0一三年）",
                explanation: "用汉字写年份时，零写作“〇”：“二〇一三年”。阿拉伯数字“0”、字母“O”只是形似，混在汉字数字里是错字。安全修复改为“〇”。\n来源：GB/T 15835-2011（二〇一二年）；domain.md §1d num/chinese-zero（[S7] sodocs）；wordlists.tsv number 组“二0一三年”。",
                bad: vec!["二0一三年十二月\n", "二O二四年三月五日\n"],
                good: vec!["二〇一三年十二月\n", "2013年12月\n"],
                needs_tokens: false,
                fixable: true,
            },
        }
    }
}

static YEARS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("[一二三四五六七八九〇○零0OＯ０]{4}年").expect("valid year regex"));

fn is_latin_zero(c: char) -> bool {
    matches!(c, '0' | 'O' | 'Ｏ' | '０')
}

impl Rule for HanYearZero {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        for m in YEARS.find_iter(text) {
            let digits = m.as_str().trim_end_matches('年');
            // Han numerals with a stand-in zero: not all stand-ins, not none.
            let han = digits.chars().filter(|c| !is_latin_zero(*c)).count();
            if han == 0 || han == 4 || crate::document::dates::han_year(digits).is_none() {
                continue;
            }
            if text[m.end()..].starts_with(|c: char| c.is_ascii_alphanumeric())
                || text[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            let range = TextRange::new(m.start(), m.start() + digits.len());
            let fixed: String = digits
                .chars()
                .map(|c| if is_latin_zero(c) { '〇' } else { c })
                .collect();
            let mut d = self
                .meta
                .diagnostic(range, format!("汉字年份“{digits}”中的零应写作“〇”"));
            d.help = Some(format!("改为“{fixed}”"));
            d.fix = Some(Fix::safe_replace(range, fixed));
            out.push(d);
        }
    }
}
