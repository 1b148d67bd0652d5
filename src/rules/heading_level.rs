//! numbering/heading-level
//!
//! Notes a heading placed under the wrong parent: a level skipped
//! (`一、` followed directly by `1.` or `（1）`) in a document that uses the
//! skipped level elsewhere.
//!
//! GB/T 9704 orders the levels `一、` → `（一）` → `1.` → `（1）`; "一、1 越级"
//! is irregular, except that a document with only two levels may use
//! `一、` and `1.`. Info only: the hierarchy may be intended.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct HeadingLevel {
        id: "numbering/heading-level",
        severity: Info,
        summary: "标题越级（一、之下直接用 1.，而文中别处用了（一））",
        explanation: "层次序数依次为“一、”“（一）”“1.”“（1）”。只有两个层次时可用“一、”“1.”；但文中已经用了“（一）”，某处“一、”下又直接接“1.”，就是越级。只作提示。",
        source: "GB/T 9704-2012 §7.3.3；domain.md §1a fmt/heading-level-skip（[S7]）。",
        bad: ["一、总体情况\n（一）成绩\n二、存在问题\n1.思想方面\n"],
        good: ["一、总体情况\n1.成绩\n二、存在问题\n1.思想方面\n"],
        fix: None,
    }
}

impl CodeRule for HeadingLevel {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        // Each numbering scope (a document, its 附件 and 注 blocks) has its
        // own hierarchy.
        for scope in doc.scopes() {
            let headings: Vec<_> = doc.blocks()[scope.blocks.clone()]
                .iter()
                .filter_map(|b| b.heading())
                .collect();
            let mut used = [false; 5];
            for h in &headings {
                used[usize::from(h.level())] = true;
            }
            let mut parent_level = 0u8;
            for h in &headings {
                let level = h.level();
                let skipped = (parent_level + 1..level).find(|l| used[usize::from(*l)]);
                if level > parent_level + 1
                    && parent_level > 0
                    && let Some(skipped) = skipped
                {
                    out.push(Self::META.diagnostic(
                        h.marker.range,
                        format!(
                            "标题“{}”越级：上一级标题之下缺少第{}层标题",
                            doc.marker_text(&h.marker),
                            skipped
                        ),
                    ));
                }
                parent_level = level;
            }
        }
    }
}
