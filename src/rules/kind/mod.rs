//! The engines behind data rules: one file per kind of pack entry.

pub mod existence;
pub mod required;
pub mod substitution;

use crate::diagnostic::TextRange;

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
