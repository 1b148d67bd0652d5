//! numbering/heading-sequence
//!
//! ## What it does
//! Checks the numbers of headings level by level (GB/T 9704-2012 §7.3.3:
//! `一、` → `（一）` → `1.` → `（1）`): a gap (`（一）（二）（四）`), a
//! repeat, a first heading that is not one, and a level that fails to
//! restart under a new parent (`二、` followed by `（三）`).
//!
//! ## Why is this bad?
//! Broken heading numbers are the first thing a reviewing leader sees.
//! Source: GB/T 9704-2012 §7.3.3; domain.md §4 enum/gap-dup (restart of
//! `（一）` under each `一、`).

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::rules::{Rule, RuleMeta};

pub struct HeadingSequence {
    meta: RuleMeta,
}

impl HeadingSequence {
    pub fn new() -> Self {
        Self {
            meta: RuleMeta {
                id: "numbering/heading-sequence",
                default_severity: Severity::Warning,
                summary: "标题序号跳号、重复或未在新的上级标题下重新编号",
                explanation: "各层标题（一、（一）1.（1））在同一上级标题下应从一开始连续编号；换了上级标题，下级序号应重新从一开始。\n来源：GB/T 9704-2012 §7.3.3；domain.md §4 enum/gap-dup。",
                bad: vec!["一、总体情况\n（一）成绩\n（二）做法\n（四）体会\n"],
                good: vec!["一、总体情况\n（一）成绩\n（二）做法\n二、存在问题\n（一）思想方面\n"],
                needs_tokens: false,
                fixable: false,
            },
        }
    }
}

impl Rule for HeadingSequence {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        for part in doc.parts() {
            // Last number seen at each level (index = level - 1) under the
            // current parent, and the last number before the parent changed.
            let mut last = [0u32; 4];
            let mut before_restart = [0u32; 4];
            // After a paragraph Word numbers itself, the next number at any
            // level may be one we cannot see: that heading is not judged.
            let mut unseen_numbers = false;
            for block in &doc.blocks()[part.blocks.clone()] {
                if doc.is_auto_numbered(block) {
                    unseen_numbers = true;
                    continue;
                }
                let Some(heading) = block.heading() else {
                    continue;
                };
                let level = usize::from(heading.level()) - 1;
                let marker = heading.marker;
                let shown = doc.slice(marker.range);
                let expected = last[level] + 1;
                let message = if std::mem::take(&mut unseen_numbers) || marker.number == expected {
                    None
                } else if marker.number == last[level] {
                    Some(format!("标题序号“{shown}”重复"))
                } else if marker.number < last[level] {
                    Some(format!(
                        "标题序号“{shown}”倒退或重新开始（此前已到{}）",
                        marker.style.render(last[level])
                    ))
                } else if last[level] == 0
                    && before_restart[level] > 0
                    && marker.number == before_restart[level] + 1
                {
                    Some(format!(
                        "换了上级标题，“{shown}”应重新从{}编号",
                        marker.style.render(1)
                    ))
                } else if last[level] == 0 {
                    Some(format!(
                        "标题序号“{shown}”前面缺少{}",
                        marker.style.render(1)
                    ))
                } else {
                    Some(format!(
                        "标题序号不连续：{}之后是“{shown}”，缺少{}",
                        marker.style.render(last[level]),
                        marker.style.render(expected)
                    ))
                };
                if let Some(message) = message {
                    out.push(self.meta.diagnostic(marker.range, message));
                }
                last[level] = marker.number;
                for deeper in level + 1..4 {
                    if last[deeper] > 0 {
                        before_restart[deeper] = last[deeper];
                    }
                    last[deeper] = 0;
                }
            }
        }
    }
}
