//! numbering/series-gap
//!
//! Flags an inline series that skips a number or goes backwards:
//! `一是…三是` with no `二是`.
//!
//! A skipped item is usually one deleted in editing without renumbering the
//! rest; readers notice at once.

use crate::diagnostic::Diagnostic;
use crate::document::{Document, enumeration::render};
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct SeriesGap {
        id: "numbering/series-gap",
        severity: Warning,
        summary: "一是、二是等序号跳号或倒退（一是…三是）",
        explanation: "同一组“一是、二是……”“第一、第二……”应连续编号。跳过一个序号，多半是删改后没有重排。",
        source: "domain.md §4 enum/gap-dup（材料写作惯例 [S8]：“删除第三部分后序号未改”）。",
        bad: [
            "抓好三项工作：一是加强学习；三是狠抓落实。",
            "抓好四项工作：一是加强学习；二是深入调研；三是狠抓落实；二是总结经验。",
        ],
        good: ["抓好三项工作：一是加强学习；二是深入调研；三是狠抓落实。"],
        fix: None,
    }
}

impl CodeRule for SeriesGap {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        for series in doc.series() {
            for pair in series.items.windows(2) {
                let (prev, next) = (pair[0], pair[1]);
                if next.number > prev.number + 1 {
                    let missing = render(series.family(), prev.number + 1);
                    out.push(Self::META.diagnostic(
                        next.range,
                        format!(
                            "序号不连续：“{}”之后是“{}”，缺少“{missing}”",
                            doc.slice(prev.range),
                            doc.slice(next.range)
                        ),
                    ));
                } else if next.number < prev.number {
                    out.push(Self::META.diagnostic(
                        next.range,
                        format!(
                            "序号倒退：“{}”出现在“{}”之后",
                            doc.slice(next.range),
                            doc.slice(prev.range)
                        ),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SeriesGap;
    use crate::rules::testing::findings;

    #[test]
    fn a_gap_and_a_step_back() {
        let got = findings(&SeriesGap, "t.txt", "一是学习；三是落实。\n");
        assert_eq!(got[0].2, "序号不连续：“一是”之后是“三是”，缺少“二是”");
        let got = findings(
            &SeriesGap,
            "t.txt",
            "一是学习；二是调研；三是落实；二是总结。\n",
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].2, "序号倒退：“二是”出现在“三是”之后");
    }
}
