//! numbering/lone-item
//!
//! Flags a series of one: `一是…` (or `第一，` `一要` `一方面`) that nothing
//! continues.
//!
//! "一是" promises a "二是". A lone first item is a leftover from editing or
//! a list that was never finished. Only a series that something after it
//! closes (a heading, a later series, a closing date) is judged: an excerpt
//! cut off after `一是` has lost its `二是`, not forgotten it.

use crate::diagnostic::Diagnostic;
use crate::document::{Document, enumeration::render};
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct LoneItem {
        id: "numbering/lone-item",
        severity: Warning,
        summary: "只有“一是”（或第一、一要、一方面），没有下文",
        explanation: "写了“一是”就应有“二是”，写了“一方面”就应有“另一方面”。只有第一项，多半是删改后的残留或没写完。",
        source: "domain.md §4 enum/lone-first。",
        bad: ["加强队伍建设，一是开展业务培训。\n\n二、下一步打算\n"],
        good: [
            "加强队伍建设，一是开展业务培训，二是选派干部挂职。",
            "办公室工作一是事务多，二是要求高。",
            "加强学习，一方面要读原著，一方面要联系实际。",
            "我们一方面组织集中学习，一方面鼓励个人自学。\n二、下步打算\n",
        ],
        fix: None,
    }
}

impl CodeRule for LoneItem {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        for series in doc.series() {
            let first = series.items[0];
            if series.items.len() == 1
                && first.number == 1
                && first.family.needs_a_second_item()
                && !series.open_at_end
            {
                out.push(Self::META.diagnostic(
                    first.range,
                    format!(
                        "只有“{}”，后面没有“{}”",
                        doc.slice(first.range),
                        render(first.family, 2)
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LoneItem;
    use crate::rules::testing::findings;

    #[test]
    fn only_a_series_something_closes_is_judged() {
        let rule = LoneItem;
        assert_eq!(
            findings(&rule, "t.txt", "加强建设，一是开展培训。\n二、下步打算\n").len(),
            1
        );
        // The excerpt ends right after 一是: its 二是 was cut, not forgotten.
        assert!(
            findings(
                &rule,
                "t.txt",
                "问题主要有：一是认识不到位。\n要引起重视。\n"
            )
            .is_empty()
        );
    }
}
