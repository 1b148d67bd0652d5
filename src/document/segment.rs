//! What opens a paragraph: the heading markers of GB/T 9704-2012 §7.3.3
//! (`一、` → `（一）` → `1.` → `（1）`, with their half-width and
//! wrong-punctuation variants), and the numbers of other schemes that
//! structure a document without being headings of that scheme: articles
//! (`第三条`), chapters and parts (`第二章`, `第一部分`) and decimal
//! sections (`4.2.3`).
//!
//! Markdown decoration is read through, as a reader of the rendered page
//! would: `### 一、`, `**二、…**`, `**四**、`, `- （三）`, `> （一）`.
//!
//! A marker whose heading text starts with a number (`二、一张蓝图`,
//! `20.2026年10件民生实事`, `22.4个国铁`) reads two ways; it is returned as
//! [`Reading::IfNextInSequence`] and the document model takes it as a
//! heading only when its number is the one expected there.

use crate::diagnostic::TextRange;
use crate::document::numerals::{han_digit_run, is_han_digit, parse_han_number};

use crate::document::numerals::han_numeral;

/// Which of the numbering styles a heading marker uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerStyle {
    /// `一、` — level 1.
    HanComma,
    /// `（一）` — level 2.
    HanParen,
    /// `1.` or `1．` — level 3.
    ArabicDot,
    /// `1、` — a common wrong form of level 3.
    ArabicComma,
    /// `（1）` — level 4.
    ArabicParen,
}

/// How many heading levels GB/T 9704 has.
pub const LEVELS: usize = 4;

impl MarkerStyle {
    /// The GB/T 9704 level this style stands for (1 = highest).
    pub const fn level(self) -> u8 {
        match self {
            MarkerStyle::HanComma => 1,
            MarkerStyle::HanParen => 2,
            MarkerStyle::ArabicDot | MarkerStyle::ArabicComma => 3,
            MarkerStyle::ArabicParen => 4,
        }
    }

    /// How the marker for `number` is written in this style, full-width form.
    pub fn render(self, number: u32) -> String {
        match self {
            MarkerStyle::HanComma => format!("{}、", han_numeral(number)),
            MarkerStyle::HanParen => format!("（{}）", han_numeral(number)),
            MarkerStyle::ArabicDot => format!("{number}."),
            MarkerStyle::ArabicComma => format!("{number}、"),
            MarkerStyle::ArabicParen => format!("（{number}）"),
        }
    }
}

/// A parsed heading marker such as `（三）`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub style: MarkerStyle,
    pub number: u32,
    /// The marker's own bytes, e.g. `(三)`; for `**四**、` the bytes from
    /// the numeral to the `、`.
    pub range: TextRange,
    /// Written with ASCII brackets or dot, e.g. `(三)` instead of `（三）`.
    pub halfwidth: bool,
}

/// Whether a marker is a heading marker on its own evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// `三、加强…`: nothing else it could be.
    Certain,
    /// `二、一张蓝图…`, `（二）三次产业…`: a heading only if its number is
    /// the next one expected at its level.
    IfNextInSequence,
    /// `22.4个国铁…`, `20.2026年…`: reads as a decimal (`1.5亿元`) unless it
    /// continues numbers already seen at its level.
    IfContinuingSequence,
}

/// What opens a paragraph, besides plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    Heading(Marker, Reading),
    /// `第三条`, `第二章`, `第一节`, `第一部分`, `4.2.3`: a number of a
    /// scheme of its own, under which the heading levels start again.
    OtherScheme(TextRange),
}

/// The bytes of Markdown decoration at the start of `text` that a reader
/// does not see: blockquote marks, list bullets, emphasis openers, heading
/// marks and the spaces between them.
pub fn decoration_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        let rest = &text[i..];
        let blank = rest.len() - rest.trim_start_matches(crate::document::is_blank).len();
        if blank > 0 {
            i += blank;
            continue;
        }
        match bytes.get(i) {
            Some(b'>') => i += 1,
            // ATX heading marks, where the Markdown mask has not blanked them.
            Some(b'#') => {
                let run = bytes[i..].iter().take_while(|b| **b == b'#').count();
                if run > 6 || bytes.get(i + run) != Some(&b' ') {
                    return i;
                }
                i += run;
            }
            Some(b'-' | b'+') if bytes.get(i + 1) == Some(&b' ') => i += 2,
            Some(b'*' | b'_') => {
                // A bullet (`* `) or an emphasis opener (`**`, `*`).
                let run = bytes[i..].iter().take_while(|b| **b == bytes[i]).count();
                if run > 3 {
                    return i;
                }
                i += run;
            }
            _ => return i,
        }
    }
}

/// Emphasis marks a marker may be wrapped in (`**四**、`, `**（一）**`).
fn emphasis_len(text: &str) -> usize {
    text.bytes()
        .take_while(|b| *b == b'*' || *b == b'_')
        .count()
}

/// Read what opens `text` (already past any decoration). `offset` is where
/// `text` starts in the document.
pub fn parse_opening(text: &str, offset: usize) -> Option<Opening> {
    if let Some(len) = other_scheme_len(text) {
        return Some(Opening::OtherScheme(TextRange::new(offset, offset + len)));
    }
    let (marker, reading) = parse_marker(text, offset)?;
    Some(Opening::Heading(marker, reading))
}

/// `第三条`, `第十二章`, `第一节`, `第二部分`, `4.2`/`4.2.3` followed by
/// the section's words: the length of the number.
fn other_scheme_len(text: &str) -> Option<usize> {
    if let Some(rest) = text.strip_prefix('第') {
        let numeral = rest
            .chars()
            .take_while(|c| is_han_digit(*c) || matches!(c, '百' | '零' | '〇'))
            .take(6)
            .map(char::len_utf8)
            .sum::<usize>();
        if numeral == 0 {
            return None;
        }
        let after = &rest[numeral..];
        let unit = ["条", "章", "节", "部分", "编"]
            .into_iter()
            .find(|u| after.starts_with(u))?;
        // `第一条路`, `第二章程` are words; a scheme number is followed by
        // a space, punctuation or its emphasis close.
        let next = after[unit.len()..].chars().next();
        if next.is_some_and(|c| {
            !(crate::document::is_blank(c) || matches!(c, '*' | '：' | ':' | '　' | '，' | '、'))
        }) && unit != "条"
        {
            return None;
        }
        return Some('第'.len_utf8() + numeral + unit.len());
    }
    // Decimal sections: `4.2` or `4.2.3`, then a space or a Han character.
    let mut len = 0;
    let mut groups = 0;
    loop {
        let digits = text[len..].bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 3 {
            return None;
        }
        len += digits;
        groups += 1;
        if text[len..].starts_with('.') && text[len + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            len += 1;
        } else {
            break;
        }
    }
    let next = text[len..].chars().next()?;
    // `4.2.3 要求` or `4.2.3要求`; a single dot needs the space (`4.2亿元`
    // is a number).
    let spaced = next == ' ' || next == '\u{3000}';
    (groups >= 3 || (groups == 2 && spaced)).then_some(len)
}

/// Parse a heading marker at the very start of `text` (no leading space).
/// `offset` is where `text` starts in the document.
pub fn parse_marker(text: &str, offset: usize) -> Option<(Marker, Reading)> {
    let first = text.chars().next()?;
    let (style, number, end, halfwidth) = if first == '（' || first == '(' {
        let inner_start = first.len_utf8() + emphasis_len(&text[first.len_utf8()..]);
        let inner_len = text[inner_start..]
            .char_indices()
            .find(|(_, c)| matches!(c, '）' | ')' | '*' | '_'))
            .map(|(i, _)| i)?;
        let inner = &text[inner_start..inner_start + inner_len];
        let close_at = inner_start + inner_len + emphasis_len(&text[inner_start + inner_len..]);
        let close = text[close_at..].chars().next()?;
        if inner.is_empty() || inner.chars().count() > 3 || !matches!(close, '）' | ')') {
            return None;
        }
        let halfwidth = first == '(' || close == ')';
        let end = close_at + close.len_utf8();
        if let Some(n) = parse_han_number(inner) {
            (MarkerStyle::HanParen, n, end, halfwidth)
        } else if inner.bytes().all(|b| b.is_ascii_digit()) && inner.len() <= 2 {
            (
                MarkerStyle::ArabicParen,
                inner.parse().ok()?,
                end,
                halfwidth,
            )
        } else {
            return None;
        }
    } else if first.is_ascii_digit() {
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 2 {
            return None;
        }
        let number: u32 = text[..digits].parse().ok()?;
        let sep_at = digits + emphasis_len(&text[digits..]);
        let sep = text[sep_at..].chars().next()?;
        let end = sep_at + sep.len_utf8();
        match sep {
            '.' => (MarkerStyle::ArabicDot, number, end, true),
            '．' => (MarkerStyle::ArabicDot, number, end, false),
            '、' => (MarkerStyle::ArabicComma, number, end, false),
            _ => return None,
        }
    } else {
        let numeral_len = han_digit_run(text, 3);
        if numeral_len == 0 {
            return None;
        }
        let number = parse_han_number(&text[..numeral_len])?;
        let sep_at = numeral_len + emphasis_len(&text[numeral_len..]);
        if !text[sep_at..].starts_with('、') {
            return None;
        }
        (
            MarkerStyle::HanComma,
            number,
            sep_at + '、'.len_utf8(),
            false,
        )
    };
    if number == 0 {
        return None;
    }
    let reading = reading_of(style, number, &text[end..])?;
    let marker = Marker {
        style,
        number,
        range: TextRange::new(offset, offset + end),
        halfwidth,
    };
    Some((marker, reading))
}

/// How sure the words after a marker make it: `None` when they show the
/// "marker" is a number in prose (`一、二、三等奖`, nothing after it).
fn reading_of(style: MarkerStyle, number: u32, after: &str) -> Option<Reading> {
    let skipped = emphasis_len(after);
    let words = after[skipped..].trim_start_matches([' ', '\u{3000}', '\t']);
    let spaced = words.len() < after.len() - skipped;
    let next = words.chars().next()?;
    if next == '、' {
        return None;
    }
    // `二、三季度`, `一、二年级`, `1、2月份` name two numbers in a row, where
    // a heading would be `二、一张蓝图`. Only the comma styles read so: a
    // bracket (`（二）三次产业`) or a dot is a marker's own.
    let comma_style = matches!(style, MarkerStyle::HanComma | MarkerStyle::ArabicComma);
    if is_han_digit(next) {
        // `一、二、三等奖` lists numbers; `二、一张蓝图` is a heading.
        let run = han_digit_run(words, 3);
        if words[run..].starts_with('、')
            || (comma_style && parse_han_number(&words[..run]) == Some(number + 1))
        {
            return None;
        }
        return Some(Reading::IfNextInSequence);
    }
    let arabic = matches!(style, MarkerStyle::ArabicDot | MarkerStyle::ArabicComma);
    if arabic && next.is_ascii_digit() {
        let digits = words.bytes().take_while(u8::is_ascii_digit).count();
        if comma_style && words[..digits].parse::<u32>().ok() == Some(number + 1) {
            return None;
        }
        // `1.5亿元` is a number unless the sequence says otherwise.
        return Some(Reading::IfContinuingSequence);
    }
    if arabic && spaced && !next.is_alphanumeric() && !is_cjk(next) {
        return None;
    }
    Some(Reading::Certain)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '“' | '‘' | '《' | '（' | '【')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style_of(s: &str) -> Option<(MarkerStyle, u32, bool)> {
        parse_marker(s, 0)
            .filter(|(_, r)| *r == Reading::Certain)
            .map(|(m, _)| (m.style, m.number, m.halfwidth))
    }

    fn reading(s: &str) -> Option<Reading> {
        parse_marker(s, 0).map(|(_, r)| r)
    }

    #[test]
    fn recognises_the_four_levels_and_variants() {
        assert_eq!(
            style_of("一、加强学习"),
            Some((MarkerStyle::HanComma, 1, false))
        );
        assert_eq!(
            style_of("（十二）强化"),
            Some((MarkerStyle::HanParen, 12, false))
        );
        assert_eq!(style_of("(三)大力"), Some((MarkerStyle::HanParen, 3, true)));
        assert_eq!(style_of("1.理论"), Some((MarkerStyle::ArabicDot, 1, true)));
        assert_eq!(
            style_of("2．主题"),
            Some((MarkerStyle::ArabicDot, 2, false))
        );
        assert_eq!(
            style_of("（1）完善"),
            Some((MarkerStyle::ArabicParen, 1, false))
        );
        assert_eq!(
            style_of("3、规范"),
            Some((MarkerStyle::ArabicComma, 3, false))
        );
        assert_eq!(
            style_of("二、2019年工作思路"),
            Some((MarkerStyle::HanComma, 2, false))
        );
    }

    #[test]
    fn a_space_after_the_dot_is_still_a_marker() {
        assert_eq!(
            style_of("6. 完善考核办法"),
            Some((MarkerStyle::ArabicDot, 6, true))
        );
    }

    #[test]
    fn markdown_emphasis_inside_the_marker() {
        let (m, r) = parse_marker("四**、加强", 0).unwrap();
        assert_eq!(
            (m.style, m.number, r),
            (MarkerStyle::HanComma, 4, Reading::Certain)
        );
        assert_eq!(m.range, TextRange::new(0, "四**、".len()));
        assert_eq!(
            style_of("（四）保障措施。**一是"),
            Some((MarkerStyle::HanParen, 4, false))
        );
        assert_eq!(decoration_len("**（四）保障"), 2);
        assert_eq!(decoration_len("> - **一、"), 6);
        assert_eq!(decoration_len("一、"), 0);
        assert_eq!(decoration_len("### 一、"), 4);
        assert_eq!(decoration_len("#1"), 0);
    }

    #[test]
    fn heading_text_that_starts_with_a_number_needs_the_sequence() {
        assert_eq!(
            reading("二、一张蓝图绘到底"),
            Some(Reading::IfNextInSequence)
        );
        assert_eq!(reading("（二）三次产业"), Some(Reading::IfNextInSequence));
        assert_eq!(
            reading("20.2026年民生实事"),
            Some(Reading::IfContinuingSequence)
        );
        assert_eq!(reading("22.4个国铁"), Some(Reading::IfContinuingSequence));
        assert_eq!(reading("1.5亿元"), Some(Reading::IfContinuingSequence));
        assert_eq!(reading("5.四个综合管廊"), Some(Reading::IfNextInSequence));
    }

    #[test]
    fn ignores_numbers_that_are_not_markers() {
        assert_eq!(reading("2018年，在局领导"), None);
        assert_eq!(reading("一、二、三等奖"), None);
        assert_eq!(reading("一是加强"), None);
        assert_eq!(reading("（经联社）"), None);
        assert_eq!(reading("24小时"), None);
        assert_eq!(reading("一、"), None);
        assert_eq!(reading("二、三季度经济运行平稳"), None);
        assert_eq!(reading("1、2月份完成投资"), None);
        assert_eq!(reading("（二）三次产业"), Some(Reading::IfNextInSequence));
    }

    #[test]
    fn other_schemes() {
        let len = |s: &str| match parse_opening(s, 0) {
            Some(Opening::OtherScheme(r)) => Some(r.end),
            _ => None,
        };
        assert_eq!(len("第三条　本办法"), Some("第三条".len()));
        assert_eq!(len("第十二章 附则"), Some("第十二章".len()));
        assert_eq!(len("第一部分 总体要求"), Some("第一部分".len()));
        assert_eq!(len("4.2.3 安全要求"), Some(5));
        assert_eq!(len("4.2 安全要求"), Some(3));
        assert_eq!(len("4.2亿元"), None);
        assert_eq!(len("第一，加强"), None);
        assert_eq!(len("第二章程"), None);
    }
}
