//! numbering/mixed-family
//!
//! Flags a series that switches family midway: `一要…二要…三是`,
//! `一是…二要`, `首先…其次…第三`.
//!
//! 第X, 其X, 首先/其次/再次, 一是, 一要 are separate sets and must not be
//! mixed within one series.

use crate::diagnostic::Diagnostic;
use crate::document::numerals::han_numeral;
use crate::document::{Document, Family, enumeration::render};
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct MixedFamily {
        id: "numbering/mixed-family",
        severity: Warning,
        summary: "一组序号混用不同写法（一要、二要、三是）",
        explanation: "“一是”“一要”“第一”“其一”“首先”是不同的序号系列，同一组内不能混用，如“一要……二要……三是”。",
        source: "domain.md §4 enum/mixed-family（杜永道 [S7]；材料写作惯例 [S8]）。",
        bad: ["一要强化服务意识；二要强化效能意识；三是强化自律意识。"],
        good: ["一要强化服务意识；二要强化效能意识；三要强化自律意识。"],
        fix: None,
    }
}

impl CodeRule for MixedFamily {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        for series in doc.series() {
            let family = series.family();
            let first = doc.slice(series.items[0].range);
            for item in series.items.iter().filter(|m| m.family != family) {
                let help = if family == Family::Shouxian && item.number > 3 {
                    // 首先、其次、再次 has no fourth word.
                    format!(
                        "“首先、其次、再次”没有第{n}项的写法：最后一项可写作“最后”，或整组改用“第一”至“第{n}”",
                        n = han_numeral(item.number)
                    )
                } else {
                    format!("统一写作“{}”", render(family, item.number))
                };
                let mut d = Self::META.diagnostic(
                    item.range,
                    format!(
                        "“{}”与本组开头的“{first}”不是同一套序号",
                        doc.slice(item.range)
                    ),
                );
                d.help = Some(help);
                out.push(d);
            }
        }
    }
}
