//! numbering/series-duplicate
//!
//! Flags a marker used twice in a row in one series: `二是…二是`.
//!
//! A repeated number means one item was copied or the count was never
//! updated.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct SeriesDuplicate {
        id: "numbering/series-duplicate",
        severity: Warning,
        summary: "一是、二是等序号重复（二是…二是）",
        explanation: "同一组序号中同一个序号出现两次，说明复制后没有改号。",
        source: "domain.md §4 enum/gap-dup（[S8]：“同一层级内标题序号是否有重复”）。",
        bad: ["一是加强学习；二是深入调研；二是狠抓落实。"],
        good: ["一是加强学习；二是深入调研；三是狠抓落实。"],
        fix: None,
    }
}

impl CodeRule for SeriesDuplicate {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        for series in doc.series() {
            for pair in series.items.windows(2) {
                if pair[0].number == pair[1].number {
                    out.push(Self::META.diagnostic(
                        pair[1].range,
                        format!("序号“{}”重复", doc.slice(pair[1].range)),
                    ));
                }
            }
        }
    }
}
