//! numbering/heading-sequence
//!
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
//! Broken heading numbers are the first thing a reviewing leader sees.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, Sequence};
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct HeadingSequence {
        id: "numbering/heading-sequence",
        severity: Warning,
        summary: "标题序号跳号、重复，或下级序号时而重排时而续排",
        explanation: "各层标题（一、（一）1.（1））应连续编号。换了上级标题后，下级序号可以重新从一开始，也可以全文连续编排，但同一篇文稿只能用一种；附件、注释、名词解释和转发的文件各自编号。节选的文稿从中间开始时只提示一次。",
        source: "GB/T 9704-2012 §7.3.3；domain.md §4 enum/gap-dup。",
        bad: [
            "一、总体情况\n（一）成绩\n（二）做法\n（四）体会\n",
            "一、总体情况\n（一）成绩\n（二）做法\n二、存在问题\n（一）思想方面\n三、下步打算\n（二）加强学习\n",
        ],
        good: [
            "一、总体情况\n（一）成绩\n（二）做法\n二、存在问题\n（一）思想方面\n",
            "一、总体要求\n（一）指导思想\n二、重点任务\n（二）推进改革\n（三）扩大开放\n",
        ],
        fix: None,
    }
}

impl CodeRule for HeadingSequence {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
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
                    if doc.midway_start() != Some(marker.range) {
                        continue;
                    }
                    let mut d = Self::META.diagnostic(
                        marker.range,
                        format!("文稿从“{shown}”开始，前面的{}不在文中（节选？）", render(1)),
                    );
                    d.severity = Severity::Info;
                    out.push(d);
                    continue;
                }
            };
            out.push(Self::META.diagnostic(marker.range, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::HeadingSequence;
    use crate::diagnostic::Severity;
    use crate::rules::testing::findings;

    fn messages(text: &str) -> Vec<(String, Severity, String)> {
        findings(&HeadingSequence, "t.txt", text)
    }

    #[test]
    fn each_kind_of_break_is_worded() {
        let cases = [
            ("一、甲\n（一）乙\n（一）丙\n", "标题序号“（一）”重复"),
            (
                "一、甲\n（一）乙\n（二）丙\n（三）丁\n（二）戊\n",
                "标题序号“（二）”倒退或重新开始（此前已到（三））",
            ),
            (
                "一、甲\n（一）乙\n（三）丙\n",
                "标题序号不连续：（一）之后是“（三）”，缺少（二）",
            ),
            ("一、甲\n（二）乙\n", "标题序号“（二）”前面缺少（一）"),
            (
                "一、甲\n（一）乙\n二、丙\n（一）丁\n三、戊\n（二）己\n",
                "换了上级标题，“（二）”应重新从（一）编号",
            ),
            (
                "一、甲\n（一）乙\n二、丙\n（二）丁\n三、戊\n（一）己\n",
                "本文下级序号全文连续编排，“（一）”应接着（二）编为（三）",
            ),
        ];
        for (text, message) in cases {
            let got = messages(text);
            assert_eq!(got.len(), 1, "{text:?}: {got:?}");
            assert_eq!(got[0].1, Severity::Warning);
            assert_eq!(got[0].2, message);
        }
    }

    #[test]
    fn an_excerpt_gets_one_note_at_info() {
        let got = messages("（三）甲。\n（四）乙。\n二、丙\n（一）丁。\n附件\n（二）戊。\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, Severity::Info);
        assert_eq!(got[0].0, "（三）");
    }

    #[test]
    fn markers_are_quoted_without_markdown_emphasis() {
        let got = findings(&HeadingSequence, "t.md", "**一**、甲\n\n**三**、乙\n");
        assert_eq!(got[0].2, "标题序号不连续：一、之后是“三、”，缺少二、");
    }
}
