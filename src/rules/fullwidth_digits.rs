//! number/fullwidth-digits
//!
//! Flags digits typed full-width (`１０００`, `２０２４年`); the safe fix writes
//! them half-width, with a full-width decimal point or percent sign inside
//! the number made half-width too.
//!
//! Arabic numerals in Chinese text are half-width (GB/T 15835-2011 §4.1;
//! “数字用半角”). Full-width ones come from an input method left in
//! full-width mode; they look wider and break searching and sorting.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct FullwidthDigits {
        id: "number/fullwidth-digits",
        severity: Warning,
        summary: "阿拉伯数字用了全角（１０００）",
        explanation: "中文里的阿拉伯数字用半角：“1000”，不写“１０００”。全角数字来自全角状态的输入法，显得宽，也查找不到。安全修复改为半角（数中的全角小数点、百分号一并改）。",
        source: "GB/T 15835-2011；domain.md §1d num/fullwidth-digits（[S5] ruanyf/document-style-guide docs/number.md）；wordlists.tsv number 组“１０００”。",
        bad: ["全年完成投资１２.５亿元。\n", "增长８％。\n"],
        good: ["全年完成投资12.5亿元。\n", "第一，加强学习。\n"],
        fix: Safe,
    }
}

static NUMBERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("[０-９]+(?:[.．][０-９0-9]+)?[％]?").expect("valid regex"));

fn half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '％' => '%',
        c => c,
    }
}

impl CodeRule for FullwidthDigits {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        for m in NUMBERS.find_iter(text) {
            let range = TextRange::new(m.start(), m.end());
            let fixed: String = m.as_str().chars().map(half_width).collect();
            let mut d = Self::META.diagnostic(range, format!("“{}”用了全角数字", m.as_str()));
            d.help = Some(format!("改为“{fixed}”"));
            d.fix = Some(Fix::safe_replace(range, fixed));
            out.push(d);
        }
    }
}
