//! The year a document is about, for date-aware rules (an outdated
//! formulation is outdated only after a given year).

use std::sync::LazyLock;

use regex::Regex;

use crate::document::drafts::{Draft, is_date_line};
use crate::document::{Block, has_at_most_chars};

static ARABIC_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})年").expect("valid year regex"));

/// A date line on its own: `2024年1月5日`, `（2024年1月5日）`,
/// `二〇二四年一月五日`.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[（(]?(?:(?:19|20)\d{2}|[一二〇○零OＯ]{1}[〇○零OＯ一二三四五六七八九]{3})年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日[）)]?$",
    )
    .expect("valid date-line regex")
});

/// The value of a year written in Han numerals (`二〇二四` → 2024).
pub fn han_year(digits: &str) -> Option<u32> {
    let mut year = 0;
    let mut count = 0;
    for c in digits.chars() {
        let d = match c {
            '〇' | '○' | '零' | 'O' | 'Ｏ' | '0' | '０' => 0,
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        };
        year = year * 10 + d;
        count += 1;
    }
    (count == 4).then_some(year)
}

/// The year a date line opens on, in Arabic or Han digits
/// (`2024年1月5日`, `（2024年1月5日）`, `二〇二三年十二月二十八日`), with the
/// byte range of its digits in `text`. Looks only at the (at most four)
/// characters before the first `年`.
pub fn date_line_year_at(text: &str) -> Option<(u32, std::ops::Range<usize>)> {
    let end = text.find('年')?;
    let start = text[..end]
        .char_indices()
        .rev()
        .take(4)
        .last()
        .map_or(end, |(i, _)| i);
    let digits = &text[start..end];
    let year = if digits.chars().all(|c| c.is_ascii_digit()) {
        digits.parse().ok().filter(|_| digits.len() == 4)
    } else {
        han_year(digits)
    }?;
    Some((year, start..end))
}

fn date_line_year(text: &str) -> Option<u32> {
    let t = text.trim();
    if !has_at_most_chars(t, 20) || !DATE_LINE.is_match(t) {
        return None;
    }
    let digits: String = t
        .trim_start_matches(['（', '('])
        .chars()
        .take_while(|c| *c != '年')
        .collect();
    digits.parse().ok().or_else(|| han_year(&digits))
}

/// The latest year the first document's title names, else the year of the
/// last date line in the text.
pub fn document_year(text: &str, blocks: &[Block], drafts: &[Draft]) -> Option<u32> {
    let slice = |b: &Block| &text[b.range.start..b.range.end];
    let from_title = drafts.first().and_then(|draft| {
        blocks[draft.title.clone()]
            .iter()
            .map(slice)
            .filter(|t| !is_date_line(t))
            .flat_map(|t| ARABIC_YEAR.captures_iter(t))
            .filter_map(|c| c[1].parse::<u32>().ok())
            .max()
    });
    from_title.or_else(|| blocks.iter().rev().find_map(|b| date_line_year(slice(b))))
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::source::{SourceFile, SourceFormat};

    fn year(text: &str) -> Option<u32> {
        let file = SourceFile::new("t.txt", text.to_owned(), SourceFormat::PlainText);
        Document::new(&file).year()
    }

    #[test]
    fn year_of_a_date_line() {
        use super::date_line_year_at;
        assert_eq!(date_line_year_at("2023年12月28日"), Some((2023, 0..4)));
        assert_eq!(date_line_year_at("（2024年1月5日）"), Some((2024, 3..7)));
        assert_eq!(
            date_line_year_at("二〇二三年十二月二十八日"),
            Some((2023, 0..12))
        );
        assert_eq!(date_line_year_at("（24年1月5日）"), None);
        assert_eq!(date_line_year_at("201*年7月30日"), None);
    }

    #[test]
    fn from_title_then_date_line() {
        assert_eq!(
            year("办公室2023年工作总结和2024年工作安排\n正文。\n"),
            Some(2024)
        );
        assert_eq!(
            year("关于加强作风建设的通知\n正文。\n某某局\n2023年5月8日\n"),
            Some(2023)
        );
        assert_eq!(
            year("在全县大会上的讲话\n（二〇二四年三月五日）\n同志们：\n"),
            Some(2024)
        );
        assert_eq!(year("关于加强作风建设的通知\n正文。\n"), None);
        let file = SourceFile::new(
            "t.txt",
            "通知\n正文。\n".to_owned(),
            SourceFormat::PlainText,
        );
        assert_eq!(
            Document::new(&file).with_year(Some(2025)).year(),
            Some(2025)
        );
    }
}
