//! numbering/series-start
//!
//! Flags a series that starts past one: `三是` with no `一是`/`二是` before
//! it in its paragraph.
//!
//! The first items were lost (cut, or left in another paragraph by a bad
//! copy), or the writer numbered from memory. A text that opens on such a
//! series is an excerpt that starts mid-way: noted at info only.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, enumeration::render};
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct SeriesStart {
        id: "numbering/series-start",
        severity: Warning,
        summary: "序号不从头开始（前面没有一是、二是，直接出现三是）",
        explanation: "一组序号应从“一是”“第一”开始。段落中直接出现“三是”，前面却没有“一是”“二是”，说明前面的序号丢了或写漏了。\n“其次”“另一方面”常承接前文，不在此列。",
        source: "domain.md §4 enum/gap-dup。",
        bad: ["从领导要求来看，标准越来越高。三是从自身建设来看，仍有薄弱环节。"],
        good: ["一是从形势来看，任务艰巨；二是从要求来看，标准更高；三是从自身来看，仍有差距。"],
        fix: None,
    }
}

impl CodeRule for SeriesStart {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        for series in doc.series() {
            let first = series.items[0];
            if first.number > 1 && first.family.must_start_at_one() {
                let missing: Vec<String> = (1..first.number)
                    .map(|n| format!("“{}”", render(first.family, n)))
                    .collect();
                let mut d = Self::META.diagnostic(
                    first.range,
                    format!("“{}”前面没有{}", doc.slice(first.range), missing.join("")),
                );
                // The text opens on it: an excerpt that starts mid-way.
                if doc.midway_start() == Some(first.range) {
                    d.severity = Severity::Info;
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SeriesStart;
    use crate::diagnostic::Severity;
    use crate::rules::testing::findings;

    #[test]
    fn a_text_that_opens_on_the_series_is_an_excerpt() {
        let rule = SeriesStart;
        let got = findings(
            &rule,
            "t.txt",
            "工作汇报\n\n三是加强督导。\n\n四是严格考核。\n",
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1, Severity::Info);
        // The excerpt's first lines are a fragment; its first numbered
        // paragraph opens past one.
        let got = findings(
            &rule,
            "t.txt",
            "工作汇报\n\n……等方面取得了新进展。\n\n三是加强督导。\n",
        );
        assert_eq!(got[0].1, Severity::Info);
        // Inside a paragraph, or under a heading: the earlier items are
        // missing from a text that has its beginning.
        let got = findings(
            &rule,
            "t.txt",
            "工作汇报\n\n今年工作有序推进。三是加强督导。\n",
        );
        assert_eq!(got[0].1, Severity::Warning);
        let got = findings(
            &rule,
            "t.txt",
            "工作汇报\n\n一、主要工作\n\n三是加强督导。\n\n四是严格考核。\n",
        );
        assert_eq!(got[0].1, Severity::Warning);
    }
}
