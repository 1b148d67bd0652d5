//! numbering/announced-count
//!
//! Compares an announced count (`讲三点意见`, `主要体现在四个方面`,
//! `重点在六个方面`) with the series that follows it, and flags the
//! announcement when the numbers differ.
//!
//! "三点意见" followed by four points is the classic sign of a draft
//! edited after its outline was written. Only a series that starts right
//! after the announcement (same sentence run, or the next paragraph) is
//! compared; a list without markers is not counted, and a list the text
//! ends in (an excerpt cut off there) is judged only if it has too many
//! items.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, TextRange};
use crate::document::chars::FULL_SENTENCE_ENDS;
use crate::document::numerals::{is_count_digit, parse_count};
use crate::document::{BlockRole, Document};
use crate::rules::CodeRule;

/// The unit of an announcement; searched first because it is a literal,
/// then the numeral before it is read backwards.
static UNIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"点|个方面|个环节").expect("valid unit regex"));

/// What may follow the unit: `三点意见`, `四个方面的问题`.
static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^的?(?:意见|要求|体会|建议|看法|问题|经验|工作|内容|打算)")
        .expect("valid suffix regex")
});

crate::declare_rule! {
    pub struct AnnouncedCount {
        id: "numbering/announced-count",
        severity: Warning,
        summary: "预告的条数与后文实际条数不符（讲三点意见，实际列了四点）",
        explanation: "“下面我讲三点意见”“主要体现在四个方面”之后列出的条目数应与预告一致。只比较紧接预告之后（同一句群或下一段开头）的序号。",
        source: "domain.md §3 讲话稿结构（“下面我先讲几点意见” [S8]）。",
        bad: [
            "下面，我讲三点意见。\n一、提高认识\n二、突出重点\n三、强化落实\n四、加强领导\n",
            "一、下步打算\n明年重点抓好三个方面的工作：一是强化学习；二是改进作风。\n二、保障措施\n",
        ],
        good: [
            "下面，我讲两点意见。\n一、提高认识\n二、突出重点\n",
            "从加强学习、完善制度五个方面入手，全面启动。\n",
            // An excerpt that ends inside the list.
            "下面，我讲三点意见。\n一、提高认识\n要把思想统一到部署上来。\n",
        ],
        fix: None,
    }
}
impl AnnouncedCount {
    /// The list that starts right after `end` in block `block`, if one
    /// does: how many items it has, and whether the text may have been cut
    /// inside it.
    fn following_list(&self, doc: &Document<'_>, block: usize, end: usize) -> Option<List> {
        let blocks = doc.blocks();
        let next = blocks.get(block + 1);
        let close = |start: usize| {
            (start >= end
                && start < blocks[block].range.end
                && !doc.text()[end..start].contains(FULL_SENTENCE_ENDS))
                || next.is_some_and(|b| b.range.start == start)
        };
        // Paragraphs Word numbers itself right after the announcement are
        // its items, though their numbers are not in the text.
        let auto_numbered = blocks[block + 1..]
            .iter()
            .take_while(|b| doc.is_auto_numbered(b))
            .count();
        if auto_numbered > 0 && close(blocks[block + 1].range.start) {
            return Some(List {
                count: auto_numbered as u32,
                open_at_end: false,
            });
        }
        // Series are in text order: the first one after the announcement.
        let series = doc.series();
        let series = series
            .get(series.partition_point(|s| s.items[0].range.start < end))
            .filter(|s| {
                next.is_none_or(|n| n.heading().is_none() || s.items[0].range.start < n.range.start)
            });
        if let Some(s) = series {
            let first = s.items[0];
            return (close(first.range.start) && first.number == 1).then(|| List {
                count: s.items.iter().map(|m| m.number).max().unwrap_or(0),
                open_at_end: s.open_at_end,
            });
        }
        // Headings start blocks, so a list of headings opens the next one.
        let first = next?.heading()?;
        if first.marker.number != 1 {
            return None;
        }
        Some(heading_list(doc, block + 1, first.level()))
    }
}

/// Words of the time of day before a clock time (`下午三点`).
const TIME_OF_DAY: &[&str] = &[
    "上午", "下午", "中午", "晚上", "凌晨", "早上", "早晨", "傍晚", "夜里", "夜间", "今天", "明天",
    "昨天", "当天", "当日", "每天", "每日", "今晚", "明晚",
];

/// Whether `N点` / `N个方面` (after the text `before`) counts what follows,
/// rather than naming one of them (`第三点`), a clock time (`下午三点`), or
/// "a bit" (`做得更细一点，`: `一点` counts only with its noun, `一点意见`).
/// The numeral's own clause (`三点钟`, `三点半`) is ruled out by what may
/// follow an announcement.
fn is_count(before: &str, unit: &str, announced: u32, suffix_len: usize) -> bool {
    if before.ends_with('第') {
        return false;
    }
    if unit == "点" {
        if TIME_OF_DAY.iter().any(|w| before.ends_with(w)) {
            return false;
        }
        if announced == 1 && suffix_len == 0 {
            return false;
        }
    }
    true
}

/// What follows an announcement.
struct List {
    count: u32,
    /// The text ends inside the list (an excerpt cut off there): fewer
    /// items than announced proves nothing.
    open_at_end: bool,
}

/// The headings of `level` from block `start` on, until a heading above
/// them, a restart at one, or the end of the scope.
fn heading_list(doc: &Document<'_>, start: usize, level: u8) -> List {
    let blocks = doc.blocks();
    let scope_end = doc.scope_of(start).blocks.end;
    let mut count = 0;
    let mut closed = scope_end < blocks.len();
    for b in &blocks[start..scope_end] {
        if b.role == BlockRole::DateLine {
            closed = true;
        }
        let Some(h) = b.heading() else { continue };
        // A restart ends the list too, so each block is counted for one
        // list at most.
        if h.level() < level || (h.level() == level && count > 0 && h.marker.number <= count) {
            closed = true;
            break;
        }
        if h.level() == level {
            count = h.marker.number;
        }
    }
    List {
        count,
        open_at_end: !closed,
    }
}

impl CodeRule for AnnouncedCount {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        for (index, block) in doc.blocks().iter().enumerate() {
            let body = doc.slice(block.range);
            for unit in UNIT.find_iter(body) {
                let numeral_len: usize = body[..unit.start()]
                    .chars()
                    .rev()
                    .take_while(|c| is_count_digit(*c))
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
                let Some(announced) = parse_count(numeral) else {
                    continue;
                };
                if !is_count(
                    &body[..unit.start() - numeral_len],
                    unit.as_str(),
                    announced,
                    suffix_len,
                ) {
                    continue;
                }
                let end = block.range.start + whole.end;
                let Some(list) = self.following_list(doc, index, end) else {
                    continue;
                };
                let found = list.count;
                if found > announced || (found < announced && !list.open_at_end) {
                    let range = whole.shifted(block.range.start);
                    out.push(Self::META.diagnostic(
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

#[cfg(test)]
mod tests {
    use super::AnnouncedCount;
    use crate::rules::testing::findings;

    fn count(text: &str) -> usize {
        findings(&AnnouncedCount, "t.txt", text).len()
    }

    #[test]
    fn lists_that_match_or_prove_nothing_are_silent() {
        // Items that are the next headings, up to the heading above them.
        assert_eq!(
            count(
                "一、回顾\n主要做了两个方面的工作：\n（一）甲\n（二）乙\n二、安排\n（一）丙\n（二）丁\n（三）戊\n"
            ),
            0
        );
        // A list without markers is not counted.
        assert_eq!(
            count(
                "重点抓好三个方面的工作。\n抓好交通安全。\n抓好消防安全。\n抓好食品安全，一是查源头；二是查流通。\n二、下步打算\n"
            ),
            0
        );
        // A series the text ends in.
        assert_eq!(count("我讲四点意见。\n一是讲政治。\n二是讲大局。\n"), 0);
        // 点 that counts nothing: a clock time, "a bit", an ordinal.
        assert_eq!(
            count("今天下午三点，全局召开会议，一是传达精神，二是部署工作。\n"),
            0
        );
        assert_eq!(
            count("今后要把工作做得更细一点，一是加强学习，二是改进作风。\n"),
            0
        );
        assert_eq!(count("第三点，要加强督查，一是查进度，二是查质量。\n"), 0);
    }

    #[test]
    fn more_items_than_announced_or_fewer_in_a_closed_list() {
        assert_eq!(
            count("我讲两点意见：一是讲政治；二是讲大局；三是讲纪律。\n"),
            1
        );
        assert_eq!(
            count("我讲三点意见。\n一、讲政治\n二、讲大局\n（2024年5月6日）\n"),
            1
        );
    }
}
