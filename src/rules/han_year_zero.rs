//! number/han-year-zero
//!
//! Flags a year written in Han numerals with an Arabic zero or a letter O
//! standing for 〇: `二0一三年`, `二O二四年`. The safe fix writes `〇`.
//!
//! A year in Han numerals writes zero as `〇` (GB/T 15835-2011 §4.1.3:
//! 二〇一二年); `0`, `０`, `O` and `Ｏ` are other characters that only look
//! alike, and mixing scripts inside one number is wrong in print. The circle
//! `○` (U+25CB) is left alone: it is how many published documents, and the
//! style notes this rule comes from, write the zero.

use crate::diagnostic::{Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct HanYearZero {
        id: "number/han-year-zero",
        severity: Warning,
        summary: "汉字年份中的零写成了 0 或 O（二0一三年）",
        explanation: "用汉字写年份时，零写作“〇”：“二〇一三年”。阿拉伯数字“0”、字母“O”只是形似，混在汉字数字里是错字。安全修复改为“〇”。",
        source: "GB/T 15835-2011（二〇一二年）；domain.md §1d num/chinese-zero（[S7] sodocs）；wordlists.tsv number 组“二0一三年”。",
        bad: ["二0一三年十二月\n", "二O二四年三月五日\n", "二０一三年十二月\n"],
        good: ["二〇一三年十二月\n", "2013年12月\n", "二○一三年十二月\n"],
        fix: Safe,
    }
}

fn is_latin_zero(c: char) -> bool {
    matches!(c, '0' | 'O' | 'Ｏ' | '０')
}

fn is_year_digit(c: char) -> bool {
    is_latin_zero(c) || "一二三四五六七八九〇○零".contains(c)
}

/// The four-character years before a `年` that hold a stand-in zero, as
/// ranges of their digits. Found from the zeros (a byte search), not by
/// decoding every character.
fn years(text: &str) -> Vec<TextRange> {
    let bytes = text.as_bytes();
    let mut zeros: Vec<usize> = memchr::memchr2_iter(b'0', b'O', bytes).collect();
    for wide in ["０", "Ｏ"] {
        zeros.extend(memchr::memmem::find_iter(bytes, wide.as_bytes()));
    }
    zeros.sort_unstable();
    let mut found: Vec<TextRange> = Vec::new();
    for z in zeros {
        // The 年 closing the year, at most three characters on.
        let Some((nian, _)) = text[z..]
            .char_indices()
            .take(5)
            .take_while(|(_, c)| *c == '年' || is_year_digit(*c))
            .find(|(_, c)| *c == '年')
        else {
            continue;
        };
        let nian = z + nian;
        let Some((start, _)) = text[..nian].char_indices().rev().nth(3) else {
            continue;
        };
        let digits = &text[start..nian];
        if start > z || found.last().is_some_and(|r| r.start == start) {
            continue;
        }
        if digits.chars().all(is_year_digit) {
            found.push(TextRange::new(start, nian));
        }
    }
    found
}

impl CodeRule for HanYearZero {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        for range in years(text) {
            let digits = &text[range.start..range.end];
            // Han numerals with a stand-in zero: not all stand-ins, not none.
            let han = digits.chars().filter(|c| !is_latin_zero(*c)).count();
            if han == 0 || han == 4 || crate::document::dates::han_year(digits).is_none() {
                continue;
            }
            if text[range.end..].starts_with(|c: char| c.is_ascii_alphanumeric())
                || text[..range.start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            let fixed: String = digits
                .chars()
                .map(|c| if is_latin_zero(c) { '〇' } else { c })
                .collect();
            let mut d = Self::META.diagnostic(range, format!("汉字年份“{digits}”中的零应写作“〇”"));
            d.help = Some(format!("改为“{fixed}”"));
            d.fix = Some(Fix::safe_replace(range, fixed));
            out.push(d);
        }
    }
}
