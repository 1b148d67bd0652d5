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

/// A compiled `Context`: what the text around a match must look like.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    before: Option<regex::Regex>,
    after: Option<regex::Regex>,
    not_before: Vec<String>,
    not_after: Vec<String>,
    /// Also require jieba word boundaries.
    pub words: bool,
}

impl Guard {
    /// How far a guard looks on each side of a match, in characters.
    const REACH_CHARS: usize = 16;

    pub fn compile(context: &crate::rules::pack::Context) -> Result<Self, String> {
        let anchored = |pattern: &Option<String>, shape: fn(&str) -> String| {
            pattern
                .as_deref()
                .map(|p| regex::Regex::new(&shape(p)).map_err(|e| format!("无效的正则 {p:?}: {e}")))
                .transpose()
        };
        Ok(Self {
            before: anchored(&context.before, |p| format!("(?:{p})$"))?,
            after: anchored(&context.after, |p| format!("^(?:{p})"))?,
            not_before: context.not_before.clone(),
            not_after: context.not_after.clone(),
            words: context.words,
        })
    }

    /// Whether the text around `range` (on its line, a few characters each
    /// side) lets the match count.
    pub fn allows(&self, text: &str, range: TextRange) -> bool {
        let line_break = |c: char| c == '\n' || c == '\r';
        // The reach first, then the line within it: a long line with many
        // matches stays linear.
        let before = &text[..range.start];
        let before = &before[before
            .char_indices()
            .rev()
            .nth(Self::REACH_CHARS - 1)
            .map_or(0, |(i, _)| i)..];
        let before = &before[before.rfind(line_break).map_or(0, |i| i + 1)..];
        let after = &text[range.end..];
        let after = &after[..after
            .char_indices()
            .nth(Self::REACH_CHARS)
            .map_or(after.len(), |(i, _)| i)];
        let after = &after[..after.find(line_break).unwrap_or(after.len())];
        self.before.as_ref().is_none_or(|re| re.is_match(before))
            && self.after.as_ref().is_none_or(|re| re.is_match(after))
            && !self.not_before.iter().any(|w| before.ends_with(w.as_str()))
            && !self.not_after.iter().any(|w| after.starts_with(w.as_str()))
    }
}
