//! Han numerals, in one place: heading markers (`三、`), inline series
//! (`三是`) and announced counts (`三点意见`) all read them the same way.

/// One of the ten characters Han numbers up to 九十九 are written with.
pub fn is_han_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// A character of a count as a speaker announces it: a Han digit or `两`.
pub fn is_count_digit(c: char) -> bool {
    is_han_digit(c) || c == '两'
}

/// The byte length of the run of Han digits (at most `max` of them) at the
/// start of `s`.
pub fn han_digit_run(s: &str, max: usize) -> usize {
    s.chars()
        .take_while(|c| is_han_digit(*c))
        .take(max)
        .map(char::len_utf8)
        .sum()
}

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

/// A count as a speaker announces it: a Han number, or `两`.
pub fn parse_count(s: &str) -> Option<u32> {
    if s == "两" {
        Some(2)
    } else {
        parse_han_number(s)
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

    #[test]
    fn han_numbers_round_trip() {
        for n in 1..100 {
            assert_eq!(parse_han_number(&han_numeral(n)), Some(n));
        }
        assert_eq!(parse_han_number("零"), None);
        assert_eq!(parse_count("两"), Some(2));
    }

    #[test]
    fn digit_runs_stop_at_the_limit() {
        assert_eq!(han_digit_run("二十三是", 3), 9);
        assert_eq!(han_digit_run("一二三四", 3), 9);
        assert_eq!(han_digit_run("是", 3), 0);
    }
}
