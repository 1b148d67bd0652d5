//! `engine = "existence"`: flag every match of any of the rule's patterns
//! or words (Vale's `existence`). Message placeholder: `{match}`.

use regex::Regex;

use crate::diagnostic::{Diagnostic, TextRange};
use crate::document::Document;
use crate::rules::engine::{Exceptions, Guard, Template, stands, words_regex};
use crate::rules::pack::{Boundary, CompileError, FixAction, RuleSpec};
use crate::rules::{Rule, RuleMeta, delete_fix};

/// One pattern of a rule.
struct Pattern {
    regex: Regex,
    /// Written with a leading `^`: the match must start its line (after
    /// blanks). Checked in code, because a `(?m)^` regex has no literal to
    /// search for and runs ~30x slower on Chinese text.
    at_line_start: bool,
}

pub struct Existence {
    meta: RuleMeta,
    /// Each pattern is searched on its own: an alternation of all of them
    /// loses the literal prefilter as soon as one pattern lacks a literal.
    patterns: Vec<Pattern>,
    exceptions: Exceptions,
    exclude: Option<Regex>,
    context: Option<Guard>,
    boundary: Boundary,
    fix: FixAction,
    message: Template,
    help: Option<Template>,
}

impl Existence {
    pub fn compile(spec: &RuleSpec) -> Result<Self, CompileError> {
        if spec.patterns.is_empty() && spec.words.is_empty() {
            return Err(CompileError::Missing("patterns 或 words"));
        }
        // Plain words (`谨防假冒`, `代笔客服|各类代笔`) share one regex: an
        // alternation of literals is one SIMD (Teddy) pass. Real patterns
        // are searched one by one, so each keeps its own literal prefilter —
        // joined, one pattern without a literal slows them all.
        let (words, regexes): (Vec<&String>, Vec<&String>) =
            spec.patterns.iter().partition(|p| is_plain_words(p));
        let mut patterns = Vec::new();
        if !words.is_empty() {
            let joined = words
                .iter()
                .map(|w| w.as_str())
                .collect::<Vec<_>>()
                .join("|");
            patterns.push(Pattern {
                regex: Regex::new(&joined).map_err(|e| CompileError::regex(&joined, e))?,
                at_line_start: false,
            });
        }
        if !spec.words.is_empty() {
            patterns.push(Pattern {
                regex: words_regex(&spec.words)?,
                at_line_start: false,
            });
        }
        for p in regexes {
            let (at_line_start, regex) = super::line_pattern(p)?;
            patterns.push(Pattern {
                regex,
                at_line_start,
            });
        }
        let exclude = spec
            .exclude
            .as_deref()
            .map(|p| Regex::new(p).map_err(|e| CompileError::regex(p, e)))
            .transpose()?;
        Ok(Self {
            meta: spec.meta(),
            patterns,
            exceptions: Exceptions::new(&spec.exceptions),
            exclude,
            context: spec.context.as_ref().map(Guard::compile).transpose()?,
            boundary: spec.boundary,
            fix: spec.fix,
            message: Template::compile("message", &spec.message, &["match"])?,
            help: Template::compile_optional("help", spec.help.as_ref(), &[])?,
        })
    }

    fn boundary_ok(&self, text: &str, range: TextRange) -> bool {
        match self.boundary {
            Boundary::None => true,
            Boundary::Han => {
                let before = text[..range.start].chars().next_back();
                let after = text[range.end..].chars().next();
                let latin =
                    |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
                let chinese = |c: Option<char>| {
                    c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace() || c == '%')
                };
                !latin(before) && !latin(after) && (chinese(before) || chinese(after))
            }
        }
    }

    fn render_message(&self, found: &str) -> String {
        self.message.render(&[("{match}", &quote_excerpt(found))])
    }
}

/// A pattern that is only words separated by `|`: no regex syntax at all.
fn is_plain_words(pattern: &str) -> bool {
    !pattern.chars().any(|c| "\\.^$*+?()[]{}".contains(c))
}

/// The found text as quoted in a message: whitespace squeezed, long text cut.
pub fn quote_excerpt(found: &str) -> String {
    const MAX_CHARS: usize = 24;
    // The common case — a short slot like `XX` — costs one allocation.
    if found.len() <= MAX_CHARS && !found.contains(char::is_whitespace) {
        return found.to_owned();
    }
    let squeezed: String = found.split_whitespace().collect::<Vec<_>>().join(" ");
    if squeezed.chars().count() > MAX_CHARS {
        let cut: String = squeezed.chars().take(MAX_CHARS).collect();
        format!("{cut}…")
    } else {
        squeezed
    }
}

impl Rule for Existence {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        // Matches of every pattern, by position; where two overlap, the
        // earlier (then longer) one stands.
        let mut matches: Vec<TextRange> = Vec::new();
        for pattern in &self.patterns {
            for m in pattern.regex.find_iter(text) {
                let range = TextRange::new(m.start(), m.end());
                if pattern.at_line_start && !super::starts_line(text, range.start) {
                    continue;
                }
                matches.push(range);
            }
        }
        if self.patterns.len() > 1 {
            matches.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
            let mut reach = 0;
            matches.retain(|m| {
                let keep = m.start >= reach;
                reach = reach.max(m.end);
                keep
            });
        }
        for range in matches {
            let found = &text[range.start..range.end];
            if range.is_empty()
                || !self.boundary_ok(text, range)
                || !stands(text, range, &self.exceptions, self.context.as_ref())
            {
                continue;
            }
            if self.exclude.as_ref().is_some_and(|re| re.is_match(found)) {
                continue;
            }
            let span = range;
            let mut diagnostic = self.meta.diagnostic(span, self.render_message(found));
            diagnostic.help = self.help.as_ref().map(|h| h.render(&[]));
            if self.fix == FixAction::Delete {
                diagnostic.fix = Some(delete_fix(doc, span));
            }
            out.push(diagnostic);
        }
    }
}
