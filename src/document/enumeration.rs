//! Inline enumerations: `一是…二是…`, `一要…二要…`, `第一，…第二，…`,
//! `其一…其二`, `首先…其次…再次`, `一方面…另一方面`. Finds the markers and
//! groups them into series; the numbering rules judge the series.
//!
//! Scope: a series lives in one paragraph, or runs on into the paragraphs
//! after it (`…工作：一是…` then paragraphs opening `二是…`, `三是…`). A
//! heading, an article, a scope label or the start of another document ends
//! every series. A series nested inside an item of another
//! (`第一，…一是…二是…第二，`, `一是…一方面…另一方面…二是`) is a series of its
//! own: open series are kept as a stack, and a marker joins the innermost
//! one it continues. A marker of another family joins the running series
//! only when its number continues it (`一要…二要…三是`: a family switch);
//! numbered 1, it opens a nested series.
//!
//! Read as a reader does: a marker inside quotation marks is part of a
//! quotation (`“一要吃饭、二要建设”`); `第一、二轮` is an ordinal, not a
//! marker; `一是` straight after a word (`办公室工作一是重要，二是事多`)
//! counts only when the series goes on from it.

use std::sync::LazyLock;

use memchr::memmem;
use regex::Regex;

use crate::diagnostic::TextRange;
use crate::document::numerals::{han_digit_run, han_numeral, is_han_digit, parse_han_number};
use crate::document::{Block, Token};

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
    /// It stands straight after a word (`工作一是`), not after punctuation:
    /// a marker only if the series goes on from it.
    pub weak: bool,
}

/// How a marker of `family` numbered `number` is written.
pub fn render(family: Family, number: u32) -> String {
    let n = han_numeral(number);
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
    /// Nothing after the series shows that it was over: no heading, no
    /// other document, no later series, no closing date. An excerpt may
    /// have been cut inside it, so what is missing at its end is unknown.
    pub open_at_end: bool,
}

impl Series {
    pub fn family(&self) -> Family {
        self.items[0].family
    }
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
    // At most three Han numerals (九十九).
    let numeral = &prefix[..han_digit_run(prefix, 3)];
    let number = parse_han_number(numeral)?;
    let rest = &prefix[numeral.len()..];
    let next = rest.chars().next()?;
    let head_len = s.len() - prefix.len() + numeral.len();
    match family {
        // `第一、二轮`, `第一、第二批`: ordinals of a noun, not markers.
        Family::Di | Family::Qi
            if next == '、'
                && rest['、'.len_utf8()..].starts_with(|c: char| is_han_digit(c) || c == '第') =>
        {
            None
        }
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

/// Characters that make a noun with 要 (`三要素`, `二要件`, `四要点`,
/// `三要义`): after `N要` they are looked at with the words around them.
const NOUN_WITH_YAO: &[char] = &['素', '件', '点', '义', '旨', '诀', '害', '领', '务'];

/// Whether the `要` ending the marker at `yao_end` (a byte offset in
/// `text`, just past `要`) belongs to a noun `要X` (`三要素一致的`), so that
/// `N要` is a count before a noun, not a marker before a verb. Only the
/// characters of `NOUN_WITH_YAO` are asked about: `words` (jieba, around a
/// range) then says whether `要X` is a word (`要素`), or `X` opens a word of
/// its own (`一要素质过硬`, `一要务实`, `一要领会`). A noun jieba does not
/// know (`要件`) is one when `X` stands alone; `X` doubled (`一要件件落实`)
/// is an adverb.
fn yao_forms_noun(text: &str, yao_end: usize, words: &impl Fn(TextRange) -> Vec<Token>) -> bool {
    let mut after = text[yao_end..].chars();
    let Some(x) = after.next().filter(|c| NOUN_WITH_YAO.contains(c)) else {
        return false;
    };
    if after.next() == Some(x) {
        return false;
    }
    let yao = yao_end - '要'.len_utf8();
    let x_end = yao_end + x.len_utf8();
    let tokens = words(TextRange::new(yao, x_end));
    let word_from = |start: usize| {
        tokens
            .iter()
            .find(|t| t.range.start == start)
            .is_some_and(|t| {
                t.range.end > start + text[start..].chars().next().map_or(0, char::len_utf8)
            })
    };
    if word_from(yao) {
        return true;
    }
    !word_from(yao_end)
}

/// Every series marker in the blocks, in text order. `words`: the jieba
/// words around a range, asked only for `N要` before a character that may
/// make a noun with `要`.
pub fn find_markers(
    text: &str,
    blocks: &[Block],
    words: impl Fn(TextRange) -> Vec<Token>,
) -> Vec<SeriesMarker> {
    let mut markers = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let body = &text[block.range.start..block.range.end];
        // Quotations are looked for only in a block that has a candidate.
        let mut quotes: Option<Vec<std::ops::Range<usize>>> = None;
        let mut next_quote = 0;
        for candidate in MARKER_CANDIDATE.find_iter(body) {
            let i = candidate.start();
            let quotes = quotes.get_or_insert_with(|| quotations(body));
            while quotes.get(next_quote).is_some_and(|q| q.end <= i) {
                next_quote += 1;
            }
            if quotes.get(next_quote).is_some_and(|q| q.start < i) {
                continue;
            }
            let Some((family, number, len)) = parse_at(&body[i..]) else {
                continue;
            };
            if family == Family::Yao && yao_forms_noun(text, block.range.start + i + len, &words) {
                continue;
            }
            // Markdown emphasis is not text: `**（四）保障措施。**一是`.
            let before = body[..i].trim_end_matches(['*', '_']);
            let prev = before.chars().next_back();
            let at_start = before.is_empty()
                || block
                    .heading()
                    .is_some_and(|h| h.marker.range.end >= block.range.start + before.len());
            let boundary_ok = match family {
                Family::Di | Family::Qi | Family::Shouxian => prev.is_none_or(sentence_boundary),
                _ => prev.is_none_or(clause_boundary),
            };
            let weak = !at_start && !boundary_ok;
            // `我们一方面…一方面…` opens on a word as readily as `一是`; after a
            // determiner (`这一方面`, `某一方面`) it is a noun phrase.
            let fangmian_after_word = family == Family::Fangmian
                && !prev.is_some_and(|c| {
                    matches!(
                        c,
                        '这' | '那'
                            | '哪'
                            | '某'
                            | '每'
                            | '单'
                            | '同'
                            | '何'
                            | '任'
                            | '唯'
                            | '统'
                            | '其'
                    )
                });
            if weak && !matches!(family, Family::Shi | Family::Yao) && !fangmian_after_word {
                continue;
            }
            let start = block.range.start + i;
            markers.push(SeriesMarker {
                family,
                number,
                range: TextRange::new(start, start + len),
                block: index,
                opens_block: before.is_empty(),
                weak,
            });
        }
    }
    markers
}

/// The spans inside “…” in `body` (quotes that never close are not
/// quotations but a typing slip, and hide nothing).
fn quotations(body: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let bytes = body.as_bytes();
    let mut from = 0;
    // A substring search for each mark skips the text between (a char
    // search would stop at every Han character sharing the mark's last
    // byte).
    while let Some(open) = memmem::find(&bytes[from..], "“".as_bytes()).map(|k| from + k) {
        let after = open + '“'.len_utf8();
        let Some(close) = memmem::find(&bytes[after..], "”".as_bytes()).map(|k| after + k) else {
            break;
        };
        spans.push(open..close);
        from = close + '”'.len_utf8();
    }
    spans
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

    fn has_family(&self, family: Family) -> bool {
        self.items[0].family == family || self.last().family == family
    }

    /// `m` is the next number of this series, in its family.
    fn continued_by(&self, m: &SeriesMarker) -> bool {
        self.has_family(m.family) && m.number == self.last().number + 1
    }

    /// `一方面…一方面`: the second 一方面 answers the first.
    fn answered_by(&self, m: &SeriesMarker) -> bool {
        m.family == Family::Fangmian
            && m.number == 1
            && self.items.len() == 1
            && self.items[0].family == Family::Fangmian
            && self.items[0].number == 1
    }

    /// Whether `m` is near enough to belong to this series though its number
    /// does not continue it: in the same paragraph, or opening a paragraph
    /// of a series whose items open paragraphs (or the next paragraph).
    fn near(&self, m: &SeriesMarker) -> bool {
        let last = self.last();
        m.block == last.block
            || (m.opens_block
                && (last.block + 1 == m.block || self.items.iter().all(|i| i.opens_block)))
    }

    /// `m` repeats, skips or goes back in this series' family, nearby.
    fn broken_by(&self, m: &SeriesMarker) -> bool {
        self.has_family(m.family) && m.number != 1 && self.near(m)
    }

    /// `m` continues the count in another family (`一要、二要、三是`).
    fn switched_by(&self, m: &SeriesMarker) -> bool {
        let last = self.last();
        m.family != last.family
            && m.family != Family::Fangmian
            && last.family != Family::Fangmian
            && m.number == last.number + 1
            && self.near(m)
    }
}

/// How deep series may nest before the outermost is closed: a marker looks
/// at no more open series than this, so grouping stays linear.
const MAX_OPEN: usize = 4;

/// Open series, innermost last, and the finished ones.
struct Builder {
    open: Vec<Open>,
    done: Vec<Series>,
}

impl Builder {
    /// Close the open series from `depth` up (0 = all).
    fn close_from(&mut self, depth: usize, open_at_end: bool) {
        for o in self.open.drain(depth..) {
            self.done.push(Series {
                items: o.items,
                open_at_end,
            });
        }
    }

    fn place(&mut self, mut m: SeriesMarker) {
        // The innermost series `m` continues, answers or (nearby) breaks.
        let joins = |o: &Open| o.continued_by(&m) || o.answered_by(&m);
        let found = (0..self.open.len())
            .rev()
            .find(|&d| joins(&self.open[d]))
            .or_else(|| {
                (0..self.open.len())
                    .rev()
                    .find(|&d| self.open[d].broken_by(&m))
            })
            .or_else(|| {
                let top = self.open.len().checked_sub(1)?;
                self.open[top].switched_by(&m).then_some(top)
            });
        if let Some(depth) = found {
            self.close_from(depth + 1, false);
            let series = &mut self.open[depth];
            if series.answered_by(&m) {
                m.number = 2;
            }
            series.items.push(m);
            return;
        }
        // A new series. One of the same family starting again at one ends
        // the earlier one (a series never nests in its own family); series
        // opened since stay open, as the new one may be nested in them.
        if m.number == 1
            && let Some(depth) = self.open.iter().rposition(|o| o.has_family(m.family))
        {
            let earlier = self.open.remove(depth);
            self.done.push(Series {
                items: earlier.items,
                open_at_end: false,
            });
        }
        if self.open.len() == MAX_OPEN {
            let outermost = self.open.remove(0);
            self.done.push(Series {
                items: outermost.items,
                open_at_end: false,
            });
        }
        self.open.push(Open { items: vec![m] });
    }

    /// Whether a weak marker (`工作一是`, `我们一方面`) is taken: numbered
    /// one, when the next marker is its two (for `一方面`, the `一方面` or
    /// `另一方面` answering it), nearby; otherwise when it continues an open
    /// series.
    fn confirms(&self, m: &SeriesMarker, next: Option<&SeriesMarker>) -> bool {
        if m.number == 1 {
            next.is_some_and(|n| {
                n.family == m.family
                    && (n.number == 2 || m.family == Family::Fangmian)
                    && n.block <= m.block + 1
            })
        } else {
            self.open.iter().any(|o| o.continued_by(m))
        }
    }
}

/// Group markers into series. `is_break(b)`: block `b` ends every series
/// (headings, articles, scope labels, other documents). `last_closure`: the
/// last block that shows the text went on past what came before it (a
/// break, or a closing date line); a series still open after it is open at
/// the end.
pub fn build_series(
    markers: &[SeriesMarker],
    is_break: impl Fn(usize) -> bool,
    last_closure: Option<usize>,
) -> Vec<Series> {
    let mut builder = Builder {
        open: Vec::new(),
        done: Vec::new(),
    };
    let mut current_block: Option<usize> = None;
    for (k, m) in markers.iter().enumerate() {
        if current_block != Some(m.block) {
            // Any break between the previous marker's block and this one ends everything.
            let from = current_block.map_or(0, |b| b + 1);
            if (from..=m.block).any(&is_break) {
                builder.close_from(0, false);
            }
            current_block = Some(m.block);
        }
        if m.weak && !builder.confirms(m, markers.get(k + 1)) {
            continue;
        }
        builder.place(*m);
    }
    let open = std::mem::take(&mut builder.open);
    for o in open {
        let open_at_end = last_closure.is_none_or(|c| c <= o.last().block);
        builder.done.push(Series {
            items: o.items,
            open_at_end,
        });
    }
    let mut done = builder.done;
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
        // `N要` before a noun of 要: a count, not a marker.
        assert!(series("办理业务时，三要素一致的予以通过。\n").is_empty());
        assert!(series("审查时，二要件齐全的当场受理。\n").is_empty());
        assert_eq!(
            series("一要素质过硬，二要务实担当，三要领会精神，四要件件落实。\n"),
            vec![vec!["一要", "二要", "三要", "四要"]]
        );
        assert!(series("首先要明确目标。\n").is_empty());
    }

    #[test]
    fn a_heading_ends_the_series() {
        let got = series("一、总体\n一是学习。\n二、任务\n二是调研。\n");
        assert_eq!(got, vec![vec!["一是"], vec!["二是"]]);
    }

    /// Whether each series is open at the end of the text.
    fn open_at_end(text: &str) -> Vec<bool> {
        let file = SourceFile::new("t", text.to_owned(), SourceFormat::PlainText);
        let doc = Document::new(&file);
        doc.series().iter().map(|s| s.open_at_end).collect()
    }

    #[test]
    fn a_first_item_mid_paragraph_and_the_rest_opening_paragraphs() {
        assert_eq!(
            series(
                "抓好三件事。首先统一思想，一是学习文件。\n\n要逐条对照。\n\n二是调研。\n\n三是落实。\n"
            ),
            vec![vec!["一是", "二是", "三是"]]
        );
    }

    #[test]
    fn a_nested_fangmian_pair_does_not_break_the_series() {
        assert_eq!(
            series("工作：一是加强学习，一方面读原著，另一方面写体会；二是狠抓落实。\n"),
            vec![vec!["一是", "二是"], vec!["一方面", "另一方面"]]
        );
        // `一方面…一方面` is an accepted pair.
        assert_eq!(
            series("一方面要加强学习，一方面要联系实际。\n"),
            vec![vec!["一方面", "一方面"]]
        );
        // Its first may stand straight after a word; after a determiner it
        // is a noun phrase.
        assert_eq!(
            series("我们一方面组织集中学习，一方面鼓励个人自学。\n"),
            vec![vec!["一方面", "一方面"]]
        );
        assert_eq!(
            series("我们一方面组织学习，另一方面鼓励自学。\n"),
            vec![vec!["一方面", "另一方面"]]
        );
        assert_eq!(
            series("在这一方面，一方面要加强学习，另一方面要联系实际。\n"),
            vec![vec!["一方面", "另一方面"]]
        );
        assert!(series("这项工作我们一方面做得不够。\n").is_empty());
    }

    #[test]
    fn quotations_and_ordinals_are_not_markers() {
        assert!(series("坚持“一要吃饭、二要建设”的方针。\n").is_empty());
        assert!(series("第一、二轮督察发现的问题已整改。第一、第二批名单已公布。\n").is_empty());
        // A quotation mark that never closes hides nothing.
        assert_eq!(
            series("他说“要抓好：一是学习；二是落实。\n"),
            vec![vec!["一是", "二是"]]
        );
    }

    #[test]
    fn a_first_item_straight_after_a_word_counts_when_the_series_goes_on() {
        assert_eq!(
            series("办公室工作一是事多，二是面广，三是要求高。\n"),
            vec![vec!["一是", "二是", "三是"]]
        );
        assert!(series("坚持统一是前提，唯一是目标。\n").is_empty());
    }

    #[test]
    fn a_series_that_goes_backwards_stays_one_series() {
        assert_eq!(
            series("一是学习；二是调研；三是落实；二是总结。\n"),
            vec![vec!["一是", "二是", "三是", "二是"]]
        );
    }

    #[test]
    fn a_series_the_text_ends_in_is_open_at_the_end() {
        assert_eq!(open_at_end("原因有三：一是\n"), vec![true]);
        assert_eq!(
            open_at_end("原因有三：一是认识不足。\n二、下步打算\n"),
            vec![false]
        );
        assert_eq!(
            open_at_end("原因有三：一是认识不足。\n（2024年6月1日）\n"),
            vec![false]
        );
    }

    #[test]
    fn deep_nesting_closes_the_outermost() {
        // Six series nested in one another: the two outermost are closed
        // when the fifth and sixth open, so no marker looks at more than
        // four.
        let text = "第一，甲。一是乙，一方面丙。首先，丁。其一，戊。一要己。\n";
        assert_eq!(series(text).len(), 6);
        assert_eq!(open_at_end(text), [false, false, true, true, true, true]);
    }
}
