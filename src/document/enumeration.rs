//! Inline enumerations: `一是…二是…`, `一要…二要…`, `第一，…第二，…`,
//! `其一…其二`, `首先…其次…再次`, `一方面…另一方面`. Finds the markers and
//! groups them into series; the numbering rules judge the series.
//!
//! Scope: a series lives in one paragraph, or runs across consecutive
//! paragraphs that each open with its next marker. A heading or the start of
//! a concatenated second document ends every series. A series nested inside
//! an item of another (`第一，…一是…二是…第二，`) is a series of its own: a
//! marker of another family joins the running series only when its number
//! continues it (`一要…二要…三是`: a family switch); numbered 1, it opens a
//! new series.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::TextRange;
use crate::document::Block;
use crate::document::segment::parse_han_number;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// 一是、二是
    Shi,
    /// 一要、二要
    Yao,
    /// 第一，第二，
    Di,
    /// 其一，其二
    Qi,
    /// 首先、其次、再次
    Shouxian,
    /// 一方面、另一方面
    Fangmian,
}

impl Family {
    /// Whether a series of this family must not stop at its first item.
    pub fn needs_a_second_item(self) -> bool {
        matches!(
            self,
            Family::Shi | Family::Yao | Family::Di | Family::Qi | Family::Fangmian
        )
    }

    /// Whether a series of this family must start at its first item.
    /// `其次` or `另一方面` alone often refers back to earlier prose.
    pub fn must_start_at_one(self) -> bool {
        matches!(self, Family::Shi | Family::Yao | Family::Di | Family::Qi)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesMarker {
    pub family: Family,
    pub number: u32,
    pub range: TextRange,
    /// Index of the block holding the marker.
    pub block: usize,
    /// The marker is the first thing in its paragraph.
    pub opens_block: bool,
}

/// How a marker of `family` numbered `number` is written.
pub fn render(family: Family, number: u32) -> String {
    let n = crate::document::segment::han_numeral(number);
    match family {
        Family::Shi => format!("{n}是"),
        Family::Yao => format!("{n}要"),
        Family::Di => format!("第{n}"),
        Family::Qi => format!("其{n}"),
        Family::Shouxian => ["首先", "其次", "再次"]
            .get(number as usize - 1)
            .map_or(n, |s| (*s).to_owned()),
        Family::Fangmian => {
            if number == 1 {
                "一方面".to_owned()
            } else {
                "另一方面".to_owned()
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// In text order. `items[0].family` is the family the series started in.
    pub items: Vec<SeriesMarker>,
}

impl Series {
    pub fn family(&self) -> Family {
        self.items[0].family
    }
}

fn is_han_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Characters after which a clause, and so a marker, may start.
fn clause_boundary(c: char) -> bool {
    matches!(
        c,
        '。' | '；'
            | '：'
            | '，'
            | '！'
            | '？'
            | '、'
            | ';'
            | ':'
            | ','
            | '!'
            | '?'
            | '”'
            | '）'
            | ')'
    ) || c.is_whitespace()
}

fn sentence_boundary(c: char) -> bool {
    matches!(c, '。' | '；' | '：' | '！' | '？' | ';' | ':' | '!' | '?') || c.is_whitespace()
}

/// Parse a marker at the start of `s`: (family, number, byte length).
fn parse_at(s: &str) -> Option<(Family, u32, usize)> {
    for (word, family, number) in [
        ("另一方面", Family::Fangmian, 2),
        ("一方面", Family::Fangmian, 1),
        ("首先", Family::Shouxian, 1),
        ("其次", Family::Shouxian, 2),
        ("再次", Family::Shouxian, 3),
    ] {
        if let Some(rest) = s.strip_prefix(word) {
            let after = rest.chars().next();
            // 首先、其次、再次 are markers only when a comma follows.
            if family == Family::Shouxian && !after.is_some_and(|c| matches!(c, '，' | ',')) {
                return None;
            }
            return Some((family, number, word.len()));
        }
    }
    let (prefix, family) = if let Some(rest) = s.strip_prefix('第') {
        (rest, Family::Di)
    } else if let Some(rest) = s.strip_prefix('其') {
        (rest, Family::Qi)
    } else {
        (s, Family::Shi)
    };
    // At most three Han numerals (九十九), 3 bytes each in UTF-8.
    let numeral_len: usize = prefix
        .chars()
        .take_while(|c| is_han_digit(*c))
        .take(3)
        .map(char::len_utf8)
        .sum();
    let numeral = &prefix[..numeral_len];
    let number = parse_han_number(numeral)?;
    let rest = &prefix[numeral.len()..];
    let next = rest.chars().next()?;
    let head_len = s.len() - prefix.len() + numeral.len();
    match family {
        Family::Di | Family::Qi => matches!(next, '，' | ',' | '、' | '：' | ':' | '是')
            .then_some((family, number, head_len)),
        _ => match next {
            '是' => Some((Family::Shi, number, head_len + next.len_utf8())),
            '要' => Some((Family::Yao, number, head_len + next.len_utf8())),
            _ => None,
        },
    }
}

/// Whether `line` starts with a series marker (used to tell a new item
/// from a hard-wrapped continuation).
pub fn opens_with_marker(line: &str) -> bool {
    parse_at(line).is_some()
}

/// Every series marker in the blocks, in text order.
pub fn find_markers(text: &str, blocks: &[Block]) -> Vec<SeriesMarker> {
    let mut markers = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let body = &text[block.range.start..block.range.end];
        for candidate in MARKER_CANDIDATE.find_iter(body) {
            let i = candidate.start();
            let Some((family, number, len)) = parse_at(&body[i..]) else {
                continue;
            };
            let prev = body[..i].chars().next_back();
            let at_start = i == 0
                || block
                    .heading()
                    .is_some_and(|h| h.marker.range.end == block.range.start + i);
            let boundary_ok = match family {
                Family::Di | Family::Qi | Family::Shouxian => prev.is_none_or(sentence_boundary),
                _ => prev.is_none_or(clause_boundary),
            };
            if at_start || boundary_ok {
                let start = block.range.start + i;
                markers.push(SeriesMarker {
                    family,
                    number,
                    range: TextRange::new(start, start + len),
                    block: index,
                    opens_block: i == 0,
                });
            }
        }
    }
    markers
}

/// Where a marker may start. A regex scan over bytes is several times
/// faster than visiting every char, and this runs over all text; `parse_at`
/// and the boundary checks decide.
static MARKER_CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"另一方面|一方面|首先|其次|再次|第[一二三四五六七八九十]{1,3}|其[一二三四五六七八九十]|[一二三四五六七八九十]{1,3}[是要]")
        .expect("valid marker regex")
});

/// A series being built.
struct Open {
    items: Vec<SeriesMarker>,
}

impl Open {
    fn last(&self) -> &SeriesMarker {
        self.items.last().expect("a series has an item")
    }

    /// Whether `m` belongs to this series: same family and not a restart,
    /// or another family continuing the count (a family switch).
    fn takes(&self, m: &SeriesMarker) -> bool {
        let last = self.last();
        if m.family == self.items[0].family || m.family == last.family {
            m.number != 1
        } else {
            m.number == last.number + 1
        }
    }
}

/// Group markers into series. `breaks` are block indexes where every
/// series ends (headings, second documents).
pub fn build_series(markers: &[SeriesMarker], is_break: impl Fn(usize) -> bool) -> Vec<Series> {
    let mut done = Vec::new();
    // Runs across paragraphs whose first word is its marker.
    let mut outer: Option<Open> = None;
    // Runs inside the current paragraph (and may be adopted by the next
    // paragraph if that one opens with the next marker).
    let mut inner: Option<Open> = None;
    let mut current_block: Option<usize> = None;
    let close = |open: &mut Option<Open>, done: &mut Vec<Series>| {
        if let Some(o) = open.take() {
            done.push(Series { items: o.items });
        }
    };
    for m in markers {
        if current_block != Some(m.block) {
            // Any break between the previous marker's block and this one ends everything.
            let from = current_block.map_or(0, |b| b + 1);
            if (from..=m.block).any(&is_break) {
                close(&mut inner, &mut done);
                close(&mut outer, &mut done);
            }
            current_block = Some(m.block);
        }
        if m.opens_block {
            if outer.as_ref().is_some_and(|o| o.takes(m)) {
                close(&mut inner, &mut done);
                outer.as_mut().unwrap().items.push(*m);
            } else if inner
                .as_ref()
                .is_some_and(|o| o.takes(m) && o.last().block + 1 >= m.block)
            {
                // `…工作：一是…` then a paragraph opening `二是…`.
                close(&mut outer, &mut done);
                outer = inner.take();
                outer.as_mut().unwrap().items.push(*m);
            } else {
                close(&mut inner, &mut done);
                close(&mut outer, &mut done);
                outer = Some(Open { items: vec![*m] });
            }
            continue;
        }
        // Inline marker.
        if let Some(o) = inner.as_mut()
            && o.last().block == m.block
            && o.takes(m)
        {
            o.items.push(*m);
            continue;
        }
        // `第一，…一是…二是…第二，…` in one paragraph: 第二 closes the
        // nested 一是 series and continues the outer one.
        let continues_outer = outer
            .as_ref()
            .is_some_and(|o| o.last().block == m.block && o.takes(m));
        if continues_outer {
            close(&mut inner, &mut done);
            outer.as_mut().unwrap().items.push(*m);
            continue;
        }
        close(&mut inner, &mut done);
        inner = Some(Open { items: vec![*m] });
    }
    close(&mut inner, &mut done);
    close(&mut outer, &mut done);
    done.sort_by_key(|s| s.items[0].range.start);
    done
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::source::{SourceFile, SourceFormat};

    fn series(text: &str) -> Vec<Vec<String>> {
        let file = SourceFile::new("t", text.to_owned(), SourceFormat::PlainText);
        let doc = Document::new(&file);
        doc.series()
            .iter()
            .map(|s| {
                s.items
                    .iter()
                    .map(|m| doc.slice(m.range).to_owned())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn inline_and_cross_paragraph_series() {
        assert_eq!(
            series("工作：一是学习；二是调研；三是落实。\n"),
            vec![vec!["一是", "二是", "三是"]]
        );
        assert_eq!(
            series("一是学习。\n\n二是调研。\n\n三是落实。\n"),
            vec![vec!["一是", "二是", "三是"]]
        );
        assert_eq!(
            series("做好三件事：一是学习。\n二是调研。\n"),
            vec![vec!["一是", "二是"]]
        );
    }

    #[test]
    fn nested_series_and_family_switch() {
        let got = series(
            "第一，加强学习。一是读原著；二是写体会。\n第二，转变作风。一要强化服务；二要强化效能；三是强化自律。\n",
        );
        assert_eq!(
            got,
            vec![
                vec!["第一", "第二"],
                vec!["一是", "二是"],
                vec!["一要", "二要", "三是"]
            ]
        );
        let got = series("第一，关系。一是调研；二是起草。第二，关系。\n第三，关系。\n");
        assert_eq!(
            got,
            vec![vec!["第一", "第二", "第三"], vec!["一是", "二是"]]
        );
    }

    #[test]
    fn words_that_only_look_like_markers() {
        assert!(series("坚持统一是前提，唯一是目标。第一书记到村任职。\n").is_empty());
        assert!(series("首先要明确目标。\n").is_empty());
    }

    #[test]
    fn a_heading_ends_the_series() {
        let got = series("一、总体\n一是学习。\n二、任务\n二是调研。\n");
        assert_eq!(got, vec![vec!["一是"], vec!["二是"]]);
    }
}
