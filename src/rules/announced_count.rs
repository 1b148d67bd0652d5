//! numbering/announced-count
//!
//! ## What it does
//! Compares an announced count (`讲三点意见`, `主要体现在四个方面`,
//! `重点在六个方面`) with the series that follows it, and flags the
//! announcement when the numbers differ.
//!
//! ## Why is this bad?
//! "三点意见" followed by four points is the classic sign of a draft
//! edited after its outline was written. Only a series that starts right
//! after the announcement (same sentence run, or the next paragraph) is
//! compared. Source: domain.md §3 讲话稿 (下面我先讲几点意见, [S8]).

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::document::{Document, segment::parse_han_number};
use crate::rules::{Rule, RuleMeta};

/// The unit of an announcement; searched first because it is a literal,
/// then the numeral before it is read backwards.
static UNIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"点|个方面|个环节").expect("valid unit regex"));

/// What may follow the unit: `三点意见`, `四个方面的问题`.
static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^的?(?:意见|要求|体会|建议|看法|问题|经验|工作|内容|打算)")
        .expect("valid suffix regex")
});

fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '两'
    )
}

pub struct AnnouncedCount {
    meta: RuleMeta,
}

impl AnnouncedCount {
    pub fn new() -> Self {
        Self {
            meta: RuleMeta {
                id: "numbering/announced-count",
                default_severity: Severity::Warning,
                summary: "预告的条数与后文实际条数不符（讲三点意见，实际列了四点）",
                explanation: "“下面我讲三点意见”“主要体现在四个方面”之后列出的条目数应与预告一致。只比较紧接预告之后（同一句群或下一段开头）的序号。\n来源：domain.md §3 讲话稿结构（“下面我先讲几点意见” [S8]）。",
                bad: vec!["下面，我讲三点意见。\n一、提高认识\n二、突出重点\n"],
                good: vec![
                    "下面，我讲两点意见。\n一、提高认识\n二、突出重点\n",
                    "从加强学习、完善制度五个方面入手，全面启动。\n",
                ],
                needs_tokens: false,
                fixable: false,
            },
        }
    }

    /// The count of the series that starts right after `end` in block
    /// `block`, if one does.
    fn following_count(&self, doc: &Document<'_>, block: usize, end: usize) -> Option<u32> {
        let blocks = doc.blocks();
        let next_block_start = blocks.get(block + 1).map(|b| b.range.start);
        let close = |start: usize| {
            (start >= end
                && start < blocks[block].range.end
                && !doc.text()[end..start].contains(['。', '！', '？']))
                || Some(start) == next_block_start
        };
        // Paragraphs Word numbers itself right after the announcement are
        // its items, though their numbers are not in the text.
        let auto_numbered = blocks[block + 1..]
            .iter()
            .take_while(|b| doc.is_auto_numbered(b))
            .count();
        if auto_numbered > 0 && close(blocks[block + 1].range.start) {
            return Some(auto_numbered as u32);
        }
        let series = doc.series().iter().find(|s| s.items[0].range.start >= end);
        let heading_index = (block + 1..blocks.len()).find(|&i| blocks[i].heading().is_some());
        let heading_start = heading_index.map(|i| blocks[i].range.start);
        match (series, heading_start) {
            (Some(s), h) if h.is_none_or(|h| s.items[0].range.start < h) => {
                let first = s.items[0];
                (close(first.range.start) && first.number == 1)
                    .then(|| s.items.iter().map(|m| m.number).max().unwrap_or(0))
            }
            (_, Some(h)) if close(h) => {
                let i = heading_index?;
                let first = blocks[i].heading()?;
                if first.marker.number != 1 {
                    return None;
                }
                let part_end = doc.part_of(i).blocks.end;
                let mut count = 0;
                for b in &blocks[i..part_end] {
                    let Some(h) = b.heading() else { continue };
                    if h.level() < first.level() {
                        break;
                    }
                    if h.level() == first.level() {
                        count = count.max(h.marker.number);
                    }
                }
                Some(count)
            }
            _ => None,
        }
    }
}

impl Rule for AnnouncedCount {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        for (index, block) in doc.blocks().iter().enumerate() {
            let body = doc.slice(block.range);
            for unit in UNIT.find_iter(body) {
                let numeral_len: usize = body[..unit.start()]
                    .chars()
                    .rev()
                    .take_while(|c| is_numeral(*c))
                    .take(2)
                    .map(char::len_utf8)
                    .sum();
                if numeral_len == 0 {
                    continue;
                }
                let numeral = &body[unit.start() - numeral_len..unit.start()];
                let suffix_len = SUFFIX.find(&body[unit.end()..]).map_or(0, |m| m.end());
                let whole = TextRange::new(unit.start() - numeral_len, unit.end() + suffix_len);
                let whole_text = &body[whole.start..whole.end];
                // An announcement closes its clause: `五个方面入手` is not one.
                let after = body[whole.end..].chars().next();
                if !after.is_none_or(|c| matches!(c, '：' | ':' | '。' | '，' | ',' | '；')) {
                    continue;
                }
                let Some(announced) = (if numeral == "两" {
                    Some(2)
                } else {
                    parse_han_number(numeral)
                }) else {
                    continue;
                };
                let end = block.range.start + whole.end;
                let Some(found) = self.following_count(doc, index, end) else {
                    continue;
                };
                if found != announced {
                    let range = whole.shifted(block.range.start);
                    out.push(self.meta.diagnostic(
                        range,
                        format!(
                            "前文预告“{}”（{announced}条），后文实际列了{found}条",
                            whole_text
                        ),
                    ));
                }
            }
        }
    }
}
