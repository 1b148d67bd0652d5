//! jieba word segmentation, built once per process and only on demand,
//! from a trimmed dictionary: building even that costs ~8 ms, about what
//! linting a whole draft costs.
//!
//! Rules never segment the whole text. A rule that has found a candidate
//! (a word pair, a doubled character) asks for the words of a short window
//! around it: the run of Han characters the candidate stands in, at most
//! `WINDOW_CHARS` on each side. So the dictionary is built only when some
//! rule has a candidate that its own cheap guards could not settle, and the
//! cost after that is proportional to the candidates, not to the text.

use std::sync::LazyLock;

use jieba_rs::Jieba;

use crate::diagnostic::TextRange;

/// The 50,000 most frequent entries of jieba's dictionary (see
/// `data/README.md`): built in ~8 ms where the full 349,045 entries take
/// ~75 ms, and enough to tell whether a candidate straddles a common word.
const DICTIONARY: &str = include_str!("../../data/jieba-dict-50k.txt");

static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    Jieba::with_dict(&mut DICTIONARY.as_bytes()).expect("the bundled dictionary parses")
});

/// How far a window reaches on each side of a candidate, in characters.
const WINDOW_CHARS: usize = 12;

/// A word as jieba cut it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub range: TextRange,
}

/// The range of the window around `range`: Han characters (and the
/// characters of `range` itself), at most `WINDOW_CHARS` on each side.
/// Punctuation, digits, Latin letters and line breaks end a window: jieba
/// would cut there anyway, so the words inside come out as in the whole
/// text.
pub fn window(text: &str, range: TextRange) -> TextRange {
    let start = text[..range.start]
        .char_indices()
        .rev()
        .take(WINDOW_CHARS)
        .take_while(|(_, c)| is_han(*c))
        .last()
        .map_or(range.start, |(i, _)| i);
    let after = &text[range.end..];
    let end = range.end
        + after
            .char_indices()
            .take(WINDOW_CHARS)
            .take_while(|(_, c)| is_han(*c))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
    TextRange::new(start, end)
}

/// The words of `text[window]`, with ranges in `text`'s coordinates. jieba
/// runs without its HMM: only dictionary words are joined, so a typo is
/// never glued to its neighbours into an invented word.
pub fn tokenize_window(text: &str, window: TextRange) -> Vec<Token> {
    JIEBA
        .cut(&text[window.start..window.end], false)
        .into_iter()
        .map(|token| Token {
            range: TextRange::new(
                window.start + token.byte_start,
                window.start + token.byte_end,
            ),
        })
        .collect()
}

/// Whether `range` starts and ends where jieba cuts words in the window
/// around it: `以经` in `以经济` straddles `经济`, `以经` in `以经完成` does not.
pub fn on_word_boundaries(text: &str, range: TextRange) -> bool {
    let tokens = tokenize_window(text, window(text, range));
    let inside_a_word = |offset: usize| {
        tokens
            .iter()
            .any(|t| t.range.start < offset && offset < t.range.end)
    };
    !inside_a_word(range.start) && !inside_a_word(range.end)
}

/// Whether jieba sees a word across `cut` (a line break, say): the Han
/// characters just before it joined to those just after it hold a word
/// that starts before the cut and ends after it (`作风建` + `设年` → 作风建设).
pub fn word_across(text: &str, cut: TextRange) -> bool {
    let before: String = text[..cut.start]
        .chars()
        .rev()
        .take(WINDOW_CHARS)
        .take_while(|c| is_han(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[cut.end..]
        .chars()
        .take(WINDOW_CHARS)
        .take_while(|c| is_han(*c))
        .collect();
    if before.is_empty() || after.is_empty() {
        return false;
    }
    let joined = format!("{before}{after}");
    let junction = before.len();
    JIEBA
        .cut(&joined, false)
        .iter()
        .any(|t| t.byte_start < junction && junction < t.byte_end)
}

/// CJK Unified Ideographs (the basic block and extension A).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_stop_at_punctuation_and_stay_short() {
        let text = "坚持以经济建设为中心，以经完成。";
        let second = text.rfind("以经").unwrap();
        let w = window(text, TextRange::new(second, second + "以经".len()));
        assert_eq!(&text[w.start..w.end], "以经完成");
        let long = "甲".repeat(40);
        let w = window(&long, TextRange::new(60, 63));
        assert_eq!((w.end - w.start) / 3, 2 * WINDOW_CHARS + 1);
    }

    #[test]
    fn words_across_a_line_break() {
        let text = "启动了作风建\n设年活动";
        let cut = TextRange::new(text.find('\n').unwrap(), text.find('\n').unwrap() + 1);
        assert!(word_across(text, cut));
        let text = "取得明显成效\n同时加强";
        let cut = TextRange::new(text.find('\n').unwrap(), text.find('\n').unwrap() + 1);
        assert!(!word_across(text, cut));
    }

    #[test]
    fn boundaries() {
        let text = "坚持以经济建设为中心，以经完成。";
        let first = text.find("以经").unwrap();
        let second = text.rfind("以经").unwrap();
        assert!(!on_word_boundaries(text, TextRange::new(first, first + 6)));
        assert!(on_word_boundaries(text, TextRange::new(second, second + 6)));
    }
}
