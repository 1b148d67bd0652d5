//! `kind = "existence"`: flag every match of any of the rule's patterns
//! (Vale's `existence`). Template slots and contamination live here.

use regex::{Regex, RegexSet};

use crate::diagnostic::{Diagnostic, TextRange};
use crate::document::Document;
use crate::rules::pack::{Boundary, FixAction, RuleSpec, Span};
use crate::rules::{Rule, RuleMeta, delete_fix};

pub struct Existence {
    meta: RuleMeta,
    /// All patterns as one alternation: one pass over the text per rule.
    regex: Regex,
    /// The patterns one by one, to count distinct ones on a line.
    set: Option<RegexSet>,
    min_distinct: usize,
    exceptions: Vec<String>,
    exclude: Option<Regex>,
    boundary: Boundary,
    span: Span,
    fix: FixAction,
    message: String,
    help: Option<String>,
}

impl Existence {
    pub fn compile(spec: &RuleSpec) -> Result<Self, String> {
        if spec.patterns.is_empty() {
            return Err("existence 规则须有 patterns".to_owned());
        }
        for p in &spec.patterns {
            Regex::new(p).map_err(|e| format!("无效的正则 {p:?}: {e}"))?;
        }
        let joined = spec
            .patterns
            .iter()
            .map(|p| format!("(?:{p})"))
            .collect::<Vec<_>>()
            .join("|");
        let regex = Regex::new(&joined).map_err(|e| e.to_string())?;
        let min_distinct = spec.min_distinct.unwrap_or(1);
        if min_distinct > 1 && spec.span != Span::Line {
            return Err("min_distinct 只用于 span = \"line\"".to_owned());
        }
        let set = (min_distinct > 1)
            .then(|| RegexSet::new(&spec.patterns))
            .transpose()
            .map_err(|e| e.to_string())?;
        let exclude = spec
            .exclude
            .as_deref()
            .map(Regex::new)
            .transpose()
            .map_err(|e| e.to_string())?;
        Ok(Self {
            meta: spec.meta(),
            regex,
            set,
            min_distinct,
            exceptions: spec.exceptions.clone(),
            exclude,
            boundary: spec.boundary,
            span: spec.span,
            fix: spec.fix,
            message: spec.message.clone(),
            help: spec.help.clone(),
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

    /// Whether one of the exception phrases covers `range` (`X光` covers `X`).
    fn excepted(&self, text: &str, range: TextRange) -> bool {
        self.exceptions.iter().any(|phrase| {
            let from = text.floor_char_boundary(range.start.saturating_sub(phrase.len()));
            let to = text.ceil_char_boundary((range.end + phrase.len()).min(text.len()));
            text[from..to].match_indices(phrase.as_str()).any(|(i, _)| {
                let found = TextRange::new(from + i, from + i + phrase.len());
                found.contains_range(range)
            })
        })
    }

    fn render_message(&self, found: &str) -> String {
        self.message.replace("{match}", &quote_excerpt(found))
    }
}

/// The found text as quoted in a message: whitespace squeezed, long text cut.
pub fn quote_excerpt(found: &str) -> String {
    const MAX_CHARS: usize = 24;
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
        let mut last_line: Option<usize> = None;
        for m in self.regex.find_iter(text) {
            let range = TextRange::new(m.start(), m.end());
            if range.is_empty() || !self.boundary_ok(text, range) || self.excepted(text, range) {
                continue;
            }
            if self
                .exclude
                .as_ref()
                .is_some_and(|re| re.is_match(m.as_str()))
            {
                continue;
            }
            let span = match self.span {
                Span::Match => range,
                Span::Line => {
                    let line = doc.line_at(range.start);
                    // One finding per line, however many signals it holds.
                    if last_line == Some(line.index) {
                        continue;
                    }
                    if let Some(set) = &self.set
                        && set.matches(doc.slice(line.range)).iter().count() < self.min_distinct
                    {
                        continue;
                    }
                    last_line = Some(line.index);
                    line.range
                }
            };
            let mut diagnostic = self.meta.diagnostic(span, self.render_message(m.as_str()));
            diagnostic.help = self.help.clone();
            if self.fix == FixAction::Delete {
                diagnostic.fix = Some(delete_fix(doc, span));
            }
            out.push(diagnostic);
        }
    }
}
