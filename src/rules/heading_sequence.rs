//! numbering/heading-sequence
//!
//! ## What it does
//! Checks the numbers of headings level by level (GB/T 9704-2012 §7.3.3:
//! `一、` → `（一）` → `1.` → `（1）`): a gap (`（一）（二）（四）`), a
//! repeat, a first heading that is not one, and a document that mixes the
//! two ways of numbering a level under a new parent — restarting
//! (`二、（一）`) or running on through the document (`二、（三）`), both
//! correct alone.
//!
//! The document model numbers each scope apart (a 附件, a 注 or 名词解释
//! block, a forwarded document, an outline above the title) and lets the
//! levels restart under an article (`第三条`) or a decimal section; this
//! rule only words its verdicts. An excerpt that starts mid-way gets one
//! note, at info.
//!
//! ## Why is this bad?
//! Broken heading numbers are the first thing a reviewing leader sees.
//! Source: GB/T 9704-2012 §7.3.3; domain.md §4 enum/gap-dup (restart of
//! `（一）` under each `一、`).

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, Sequence};
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
                summary: "标题序号跳号、重复，或下级序号时而重排时而续排",
                explanation: "各层标题（一、（一）1.（1））应连续编号。换了上级标题后，下级序号可以重新从一开始，也可以全文连续编排，但同一篇文稿只能用一种；附件、注释、名词解释和转发的文件各自编号。节选的文稿从中间开始时只提示一次。\n来源：GB/T 9704-2012 §7.3.3；domain.md §4 enum/gap-dup。",
                bad: vec![
                    "一、总体情况\n（一）成绩\n（二）做法\n（四）体会\n",
                    "一、总体情况\n（一）成绩\n（二）做法\n二、存在问题\n（一）思想方面\n三、下步打算\n（二）加强学习\n",
                ],
                good: vec![
                    "一、总体情况\n（一）成绩\n（二）做法\n二、存在问题\n（一）思想方面\n",
                    "一、总体要求\n（一）指导思想\n二、重点任务\n（二）推进改革\n（三）扩大开放\n",
                ],
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
        let mut noted_midway = false;
        for (_, heading) in doc.headings() {
            let marker = heading.marker;
            let shown = doc.marker_text(&marker);
            let render = |n: u32| marker.style.render(n);
            let message = match heading.sequence {
                Sequence::InOrder => continue,
                Sequence::Repeated => format!("标题序号“{shown}”重复"),
                Sequence::Backwards { last } => {
                    format!(
                        "标题序号“{shown}”倒退或重新开始（此前已到{}）",
                        render(last)
                    )
                }
                Sequence::Gap { last } => format!(
                    "标题序号不连续：{}之后是“{shown}”，缺少{}",
                    render(last),
                    render(last + 1)
                ),
                Sequence::MissingFirst => format!("标题序号“{shown}”前面缺少{}", render(1)),
                Sequence::NotRestarted { .. } => {
                    format!("换了上级标题，“{shown}”应重新从{}编号", render(1))
                }
                Sequence::NotRunOn { before } => format!(
                    "本文下级序号全文连续编排，“{shown}”应接着{}编为{}",
                    render(before),
                    render(before + 1)
                ),
                Sequence::StartsMidway => {
                    // An excerpt cut from a longer document: say so once, softly.
                    if std::mem::replace(&mut noted_midway, true) {
                        continue;
                    }
                    let mut d = self.meta.diagnostic(
                        marker.range,
                        format!("文稿从“{shown}”开始，前面的{}不在文中（节选？）", render(1)),
                    );
                    d.severity = Severity::Info;
                    out.push(d);
                    continue;
                }
            };
            out.push(self.meta.diagnostic(marker.range, message));
        }
    }
}
