//! Lines → blocks (paragraphs and headings), and the heading markers of
//! GB/T 9704-2012 §7.3.3: `一、` → `（一）` → `1.` → `（1）`, with their
//! half-width and wrong-punctuation variants.
//!
//! A heading that a bad copy ran into the middle of a line (`…通才。二、紧紧…`)
//! is recognised only when its number is the next one expected at its level,
//! which keeps sentences like `。三、五年内` from being taken for headings.

use crate::diagnostic::TextRange;

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
    /// The marker's own bytes, e.g. `(三)`.
    pub range: TextRange,
    /// Written with ASCII brackets or dot, e.g. `(三)` instead of `（三）`.
    pub halfwidth: bool,
}

/// Parse a heading marker at the very start of `text` (no leading space).
/// `offset` is where `text` starts in the document.
pub fn parse_marker(text: &str, offset: usize) -> Option<Marker> {
    let mut chars = text.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    let (style, number, end, halfwidth) = if first == '（' || first == '(' {
        chars.next();
        let inner_start = first.len_utf8();
        let inner: String = text[inner_start..]
            .chars()
            .take_while(|c| *c != '）' && *c != ')')
            .collect();
        let close_at = inner_start + inner.len();
        let close = text[close_at..].chars().next()?;
        if inner.is_empty() || inner.chars().count() > 3 {
            return None;
        }
        let halfwidth = first == '(' || close == ')';
        let end = close_at + close.len_utf8();
        if let Some(n) = parse_han_number(&inner) {
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
        let rest = &text[digits..];
        let sep = rest.chars().next()?;
        let after = rest[sep.len_utf8()..].chars().next();
        // `1.5`, `2.3亿` are numbers, not markers.
        if after.is_some_and(|c| c.is_ascii_digit() || c.is_whitespace() && sep == '.') {
            return None;
        }
        match sep {
            '.' => (MarkerStyle::ArabicDot, number, digits + 1, true),
            '．' => (
                MarkerStyle::ArabicDot,
                number,
                digits + sep.len_utf8(),
                false,
            ),
            '、' => (
                MarkerStyle::ArabicComma,
                number,
                digits + sep.len_utf8(),
                false,
            ),
            _ => return None,
        }
    } else {
        let numeral: String = text
            .chars()
            .take_while(|c| HAN_DIGITS.contains(*c))
            .collect();
        if numeral.is_empty() || numeral.chars().count() > 3 {
            return None;
        }
        let number = parse_han_number(&numeral)?;
        let rest = &text[numeral.len()..];
        if !rest.starts_with('、') {
            return None;
        }
        (
            MarkerStyle::HanComma,
            number,
            numeral.len() + '、'.len_utf8(),
            false,
        )
    };
    if number == 0 {
        return None;
    }
    // A marker is followed by the heading's words, not by more numbering
    // (`一、二、三等奖`) or nothing at all.
    let next = text[end..].chars().next()?;
    if HAN_DIGITS.contains(next) || next == '、' {
        return None;
    }
    Some(Marker {
        style,
        number,
        range: TextRange::new(offset, offset + end),
        halfwidth,
    })
}

const HAN_DIGITS: &str = "一二三四五六七八九十";

/// `一` → 1 … `九十九` → 99. Returns `None` for anything else.
pub fn parse_han_number(s: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let mut chars = s.chars();
    match (chars.next(), chars.next(), chars.next(), chars.next()) {
        (Some('十'), None, None, None) => Some(10),
        (Some(d), None, None, None) => digit(d),
        (Some('十'), Some(d), None, None) => Some(10 + digit(d)?),
        (Some(t), Some('十'), None, None) => Some(digit(t)? * 10),
        (Some(t), Some('十'), Some(d), None) => Some(digit(t)? * 10 + digit(d)?),
        _ => None,
    }
}

/// 1 → `一` … 99 → `九十九`.
pub fn han_numeral(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style_of(s: &str) -> Option<(MarkerStyle, u32, bool)> {
        parse_marker(s, 0).map(|m| (m.style, m.number, m.halfwidth))
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
    fn ignores_numbers_that_are_not_markers() {
        assert_eq!(style_of("2018年，在局领导"), None);
        assert_eq!(style_of("1.5亿元"), None);
        assert_eq!(style_of("一、二、三等奖"), None);
        assert_eq!(style_of("一是加强"), None);
        assert_eq!(style_of("（经联社）"), None);
        assert_eq!(style_of("24小时"), None);
    }

    #[test]
    fn han_numbers_round_trip() {
        for n in 1..100 {
            assert_eq!(parse_han_number(&han_numeral(n)), Some(n));
        }
    }
}
