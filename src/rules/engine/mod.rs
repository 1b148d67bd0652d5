//! The engines behind data rules: one file per `engine = "…"` of a pack
//! entry, and what they share (line patterns, exceptions, context guards,
//! message templates).

pub mod existence;
pub mod required;
pub mod residue;
pub mod scan;
pub mod slot;
pub mod substitution;

use regex::Regex;

use crate::diagnostic::TextRange;
use crate::document::is_blank;
use crate::rules::pack::CompileError;

/// A pattern as packs write it: a leading `^` means "at the start of a
/// line, after blanks", checked in code with [`starts_line`] because a
/// `(?m)^` regex has no literal to search for and runs ~30x slower on
/// Chinese text. Returns whether it is anchored, and the regex.
pub fn line_pattern(pattern: &str) -> Result<(bool, Regex), CompileError> {
    let (at_line_start, body) = match pattern.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, pattern),
    };
    let regex = Regex::new(body).map_err(|e| CompileError::regex(pattern, e))?;
    Ok((at_line_start, regex))
}

/// Literal words as one regex alternation, longest first, so that the
/// leftmost match is also the longest (`某某单位` over `某某`). A regex of
/// literals is one SIMD (Teddy) pass over Chinese text.
pub fn words_regex(words: &[String]) -> Result<Regex, CompileError> {
    let mut longest_first: Vec<&String> = words.iter().collect();
    longest_first.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let alternation: Vec<String> = longest_first.iter().map(|w| regex::escape(w)).collect();
    let joined = alternation.join("|");
    Regex::new(&joined).map_err(|e| CompileError::regex(&joined, e))
}

/// Phrases that excuse a match they contain: `X光` holds the `X` of a slot
/// rule, `发布署名` the `布署` of a typo rule. The one meaning of an
/// exception in every engine, and of a configuration's `allow`.
#[derive(Debug, Clone, Default)]
pub struct Exceptions(Vec<String>);

impl Exceptions {
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> Self {
        Self(
            phrases
                .iter()
                .map(|p| p.as_ref())
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
        )
    }

    /// Whether an occurrence of one of the phrases contains `range`.
    pub fn cover(&self, text: &str, range: TextRange) -> bool {
        self.0.iter().any(|phrase| {
            phrase_occurrences_around(text, range, phrase).any(|found| found.contains_range(range))
        })
    }
}

/// Whether a match at `range` stands: no exception covers it and the
/// entry's context guard, if any, lets it count. The two tests every word
/// engine applies first.
pub fn stands(
    text: &str,
    range: TextRange,
    exceptions: &Exceptions,
    context: Option<&Guard>,
) -> bool {
    !exceptions.cover(text, range) && context.is_none_or(|g| g.allows(text, range))
}

/// A pack entry's `message` or `help`: text with `{name}` placeholders its
/// engine fills. Checked when the pack loads, so a `{mtach}` fails the
/// build's tests instead of reaching a user.
#[derive(Debug, Clone)]
pub struct Template(String);

impl Template {
    /// `allowed`: the placeholders this engine fills (`match`, `replacement`…).
    pub fn compile(
        field: &'static str,
        text: &str,
        allowed: &[&str],
    ) -> Result<Self, CompileError> {
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let name = after.find('}').map_or(after, |close| &after[..close]);
            if !allowed.contains(&name) {
                return Err(CompileError::Placeholder {
                    field,
                    placeholder: name.to_owned(),
                    allowed: allowed
                        .iter()
                        .map(|a| format!("{{{a}}}"))
                        .collect::<Vec<_>>()
                        .join(" "),
                });
            }
            rest = &after[name.len()..];
        }
        Ok(Self(text.to_owned()))
    }

    /// An optional field (`help`).
    pub fn compile_optional(
        field: &'static str,
        text: Option<&String>,
        allowed: &[&str],
    ) -> Result<Option<Self>, CompileError> {
        text.map(|t| Self::compile(field, t, allowed)).transpose()
    }

    /// The text with each `(placeholder, value)` filled in; placeholders
    /// are written with their braces (`"{match}"`).
    /// One pass over the template: a value is never searched for
    /// placeholders of its own (a quoted `{match}` stays as written).
    pub fn render(&self, values: &[(&str, &str)]) -> String {
        let mut out = String::with_capacity(
            self.0.len() + values.iter().map(|(_, v)| v.len()).sum::<usize>(),
        );
        let mut rest = self.0.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let tail = &rest[open..];
            match values
                .iter()
                .find(|(placeholder, _)| tail.starts_with(placeholder))
            {
                Some((placeholder, value)) => {
                    out.push_str(value);
                    rest = &tail[placeholder.len()..];
                }
                None => {
                    out.push('{');
                    rest = &tail[1..];
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// At most `chars` characters before `at`, on its line. The reach is cut
/// first, then the line within it: a long line with many matches stays
/// linear. What every "what stands before the match" test reads.
pub fn before_on_line(text: &str, at: usize, chars: usize) -> &str {
    let before = &text[..at];
    let before = &before[before
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)..];
    &before[before.rfind(['\n', '\r']).map_or(0, |i| i + 1)..]
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
fn phrase_occurrences_around<'a>(
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
    not_before_pattern: Option<regex::Regex>,
    /// Also require jieba word boundaries.
    pub words: bool,
}

impl Guard {
    /// How far a guard looks on each side of a match, in characters.
    const REACH_CHARS: usize = 16;

    pub fn compile(context: &crate::rules::pack::Context) -> Result<Self, CompileError> {
        let anchored = |pattern: &Option<String>, shape: fn(&str) -> String| {
            pattern
                .as_deref()
                .map(|p| regex::Regex::new(&shape(p)).map_err(|e| CompileError::regex(p, e)))
                .transpose()
        };
        Ok(Self {
            before: anchored(&context.before, |p| format!("(?:{p})$"))?,
            after: anchored(&context.after, |p| format!("^(?:{p})"))?,
            not_before: context.not_before.clone(),
            not_after: context.not_after.clone(),
            not_before_pattern: anchored(&context.not_before_pattern, |p| format!("(?:{p})$"))?,
            words: context.words,
        })
    }

    /// Whether the text around `range` (on its line, a few characters each
    /// side) lets the match count.
    pub fn allows(&self, text: &str, range: TextRange) -> bool {
        let line_break = |c: char| c == '\n' || c == '\r';
        let before = before_on_line(text, range.start, Self::REACH_CHARS);
        // A word kept apart from the match by blanks still stands before
        // it (`习近平 新时代…`).
        let before_word = before.trim_end_matches(is_blank);
        let after = &text[range.end..];
        let after = &after[..after
            .char_indices()
            .nth(Self::REACH_CHARS)
            .map_or(after.len(), |(i, _)| i)];
        let after = &after[..after.find(line_break).unwrap_or(after.len())];
        self.before.as_ref().is_none_or(|re| re.is_match(before))
            && self.after.as_ref().is_none_or(|re| re.is_match(after))
            && !self
                .not_before
                .iter()
                .any(|w| before.ends_with(w.as_str()) || before_word.ends_with(w.as_str()))
            && !self.not_after.iter().any(|w| after.starts_with(w.as_str()))
            && !self
                .not_before_pattern
                .as_ref()
                .is_some_and(|re| re.is_match(before))
    }
}

#[cfg(test)]
mod tests {
    use super::Template;

    #[test]
    fn a_template_fills_its_placeholders_once() {
        let t = Template::compile(
            "message",
            "“{match}”应为“{replacement}”",
            &["match", "replacement"],
        )
        .unwrap();
        assert_eq!(
            t.render(&[("{match}", "布署"), ("{replacement}", "部署")]),
            "“布署”应为“部署”"
        );
        // A value is not searched for placeholders; a value left out keeps
        // its placeholder as written.
        assert_eq!(
            t.render(&[("{match}", "{replacement}")]),
            "“{replacement}”应为“{replacement}”"
        );
        assert!(Template::compile("message", "“{mtach}”", &["match"]).is_err());
    }
}
