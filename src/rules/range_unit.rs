//! number/range-unit
//!
//! Flags a range whose first number lacks the unit that changes its
//! meaning: `10～20%`, `5-10万人`, `3至5亿元`. The safe fix repeats the unit
//! after the first number: `10%～20%`, `5万-10万人`.
//!
//! GB/T 15835-2011 writes both ends of a range in full (`63%～68%`):
//! `10～20%` reads as 10 to 20 per cent only by guesswork, and `5-10万`
//! could be 5 people. Only units that scale the number (%, ‰, 万, 亿) are
//! flagged; `1-5月`, `2023-2025年`, `10～20元` are unambiguous.
//!
//! Only a first number smaller than the second can lack the unit: in
//! `8000-1万元` it is written in full and nothing is flagged. When the first
//! is far smaller (`1-5000万`) the finding has no fix: its unit is a guess.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::document::chars::char_before;
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct RangeUnit {
        id: "number/range-unit",
        severity: Warning,
        summary: "数值范围前一个数缺单位（10～20% 应为 10%～20%）",
        explanation: "表示数值范围时，两端的“%”“‰”“万”“亿”都要写出：“10%～20%”“5万～10万人”。只写在后一个数上，前一个数的大小就要靠猜。\n安全修复在前一个数后补上同样的单位；前一个数比后一个数小得多（“1-5000万”）时单位要人核对，不自动补。“1-5月”“2023-2025年”“10～20元”之类不会误解，前一个数不比后一个数小（“8000-1万元”）时它已写全，都不报告。",
        source: "GB/T 15835-2011（示例“63%～68%”）；domain.md §1d num/range-unit（[S5]，[S6] 老秘“数值范围”）；wordlists.tsv number 组“67～89%”“4-6%”“5-10万人”。",
        bad: ["预计增长10～20%。\n", "带动就业5-10万人。\n"],
        good: [
            "预计增长10%～20%。\n",
            "1-5月完成投资3亿元。\n",
            "2023-2025年分三步实施。\n",
            "月收入8000-1万元。\n",
        ],
        fix: Safe,
    }
}

static RANGES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]+(?:\.[0-9]+)?)([～~\-－—–至到])([0-9]+(?:\.[0-9]+)?)(万亿|%|‰|万|亿)")
        .expect("valid range regex")
});

/// How the two ends of a range compare, read as plain numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ends {
    /// The first is smaller and of the same order, or zero (`5-10万`,
    /// `0～5%`): the unit of the second belongs to it too.
    Comparable,
    /// The first is far smaller (`1-5000万`): which unit it has is a guess.
    FarApart,
}

impl Ends {
    /// How many times larger the second end may be for the unit to be
    /// repeated without a second look.
    const SAME_ORDER: f64 = 100.0;

    /// `None` when the first end is not smaller than the second: it is
    /// written in full already (`8000-1万元` is 8000 to 10000 yuan), and
    /// repeating the unit would change its size.
    fn of(first: &str, second: &str) -> Option<Self> {
        let (first, second) = (first.parse::<f64>().ok()?, second.parse::<f64>().ok()?);
        if first >= second {
            None
        } else if first == 0.0 || first * Self::SAME_ORDER >= second {
            Some(Ends::Comparable)
        } else {
            Some(Ends::FarApart)
        }
    }
}

impl CodeRule for RangeUnit {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        for caps in RANGES.captures_iter(text) {
            let (Some(whole), Some(first), Some(second), Some(unit)) =
                (caps.get(0), caps.get(1), caps.get(3), caps.get(4))
            else {
                continue;
            };
            let Some(ends) = Ends::of(first.as_str(), second.as_str()) else {
                continue;
            };
            // The first number must be whole: not the tail of `1.5`, `A10`.
            if char_before(text, whole.start())
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
            {
                continue;
            }
            let range = TextRange::new(whole.start(), whole.end());
            let fixed = format!(
                "{}{}{}",
                first.as_str(),
                unit.as_str(),
                &text[first.end()..whole.end()]
            );
            let mut d = Self::META.diagnostic(
                range,
                format!(
                    "数值范围“{}”前一个数缺单位“{}”",
                    whole.as_str(),
                    unit.as_str()
                ),
            );
            if ends == Ends::Comparable {
                d.help = Some(format!("改为“{fixed}”"));
                d.fix = Some(Fix::safe_replace(range, fixed));
            } else {
                d.help = Some(format!(
                    "前一个数比后一个数小得多，核对它的单位后写全（如“{fixed}”）"
                ));
            }
            out.push(d);
        }
    }
}
