//! The engines behind data rules: one file per kind of pack entry.

pub mod existence;
pub mod required;
pub mod residue;
pub mod scan;
pub mod slot;
pub mod substitution;

use regex::Regex;

use crate::diagnostic::TextRange;
use crate::document::is_blank;

/// A pattern as packs write it: a leading `^` means "at the start of a
/// line, after blanks", checked in code with [`starts_line`] because a
/// `(?m)^` regex has no literal to search for and runs ~30x slower on
/// Chinese text. Returns whether it is anchored, and the regex.
pub fn line_pattern(pattern: &str) -> Result<(bool, Regex), String> {
    let (at_line_start, body) = match pattern.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, pattern),
    };
    let regex = Regex::new(body).map_err(|e| format!("无效的正则 {pattern:?}: {e}"))?;
    Ok((at_line_start, regex))
}

/// Whether only blanks stand between the start of its line and `offset`.
/// Walks back over blanks only, so a match late in a long line costs
/// nothing.
pub fn starts_line(text: &str, offset: usize) -> bool {
    for c in text[..offset].chars().rev() {
        if c == '\n' {
            return true;
        }
        if !is_blank(c) {
            return false;
        }
    }
    true
}

/// Every occurrence of `phrase` in `text` that overlaps `range`. Checks
/// the few offsets where such an occurrence can start instead of building
/// a substring searcher: this runs once per match and exception phrase.
pub fn phrase_occurrences_around<'a>(
    text: &'a str,
    range: TextRange,
    phrase: &'a str,
) -> impl Iterator<Item = TextRange> + 'a {
    let first = range.start.saturating_sub(phrase.len().saturating_sub(1));
    (first..range.end.max(first + 1))
        .filter(move |&at| text.is_char_boundary(at) && text[at..].starts_with(phrase))
        .map(move |at| TextRange::new(at, at + phrase.len()))
        .filter(move |found| found.overlaps(range) || range.is_empty())
}
