//! `engine = "substitution"`: a word that has one right form (Vale's
//! `substitution`). All pairs of a rule share one search, leftmost-longest;
//! the fix is safe because each wrong form has exactly one replacement. A
//! pair with an empty right side (an organisation's banned phrase with no
//! suggestion) is flagged without a fix. Placeholders: `{match}` and
//! `{replacement}` in the message, `{replacement}` in the help.

use std::collections::HashMap;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::rules::engine::existence::quote_excerpt;
use crate::rules::engine::{Exceptions, Guard, Template, stands, words_regex};
use crate::rules::pack::{CompileError, RuleSpec};
use crate::rules::{FixSafety, Rule, RuleMeta};

pub struct Substitution {
    meta: RuleMeta,
    /// The wrong forms as one alternation, longest first, so that
    /// leftmost-first is leftmost-longest. A regex of literals searches
    /// Chinese text several times faster than an Aho-Corasick automaton,
    /// whose prefilters are weak when every pattern starts with the same
    /// UTF-8 lead bytes.
    search: Regex,
    /// Wrong form → its pair.
    pair_of: HashMap<String, usize>,
    /// Per pair: its right form, `None` where there is no one right form.
    replacements: Vec<Option<String>>,
    exceptions: Exceptions,
    token_boundary: bool,
    /// The rule's guard, for every match.
    context: Option<Guard>,
    /// Per pair (same order as `replacements`): its own guard, which
    /// replaces the word-boundary check.
    pair_guards: Vec<Option<Guard>>,
    message: Template,
    help: Option<Template>,
    help_no_replacement: Option<Template>,
}

impl Substitution {
    pub fn compile(spec: &RuleSpec) -> Result<Self, CompileError> {
        if spec.swap.is_empty() {
            return Err(CompileError::Missing("swap"));
        }
        let wrong: Vec<&str> = spec.swap.iter().map(|[w, _]| w.as_str()).collect();
        if wrong.iter().any(|w| w.is_empty()) {
            return Err(CompileError::Value {
                key: "swap",
                message: "错误形式不能为空".to_owned(),
            });
        }
        let search = words_regex(&spec.swap.iter().map(|[w, _]| w.clone()).collect::<Vec<_>>())?;
        let mut pair_of = HashMap::new();
        for (i, w) in wrong.iter().enumerate() {
            pair_of.entry((*w).to_owned()).or_insert(i);
        }
        if let Some(unknown) = spec.pair.keys().find(|k| !wrong.contains(&k.as_str())) {
            return Err(CompileError::Value {
                key: "pair",
                message: format!("{unknown:?} 不是 swap 中的错误形式"),
            });
        }
        let pair_guards = wrong
            .iter()
            .map(|w| spec.pair.get(*w).map(Guard::compile).transpose())
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            meta: spec.meta(FixSafety::Safe),
            search,
            pair_of,
            replacements: spec
                .swap
                .iter()
                .map(|[_, r]| Some(r.clone()).filter(|r| !r.is_empty()))
                .collect(),
            exceptions: Exceptions::new(&spec.exceptions),
            token_boundary: spec.token_boundary,
            context: spec.context.as_ref().map(Guard::compile).transpose()?,
            pair_guards,
            message: Template::compile("message", &spec.message, &["match", "replacement"])?,
            help: Template::compile_optional("help", spec.help.as_ref(), &["replacement"])?,
            help_no_replacement: Template::compile_optional(
                "help_no_replacement",
                spec.help_no_replacement.as_ref(),
                &[],
            )?,
        })
    }
}

/// Whether `offset` lies inside a `《…》` on its line: a quoted title is
/// someone else's wording and is left as it is.
fn inside_book_title(doc: &Document<'_>, offset: usize) -> bool {
    // Titles are short: look back a bounded stretch of the line, so a long
    // line with many matches stays linear.
    const LOOK_BACK_BYTES: usize = 300;
    let line = doc.line_at(offset);
    let text = doc.text();
    let mut from = line.range.start.max(offset.saturating_sub(LOOK_BACK_BYTES));
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..offset];
    match (before.rfind('《'), before.rfind('》')) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    }
}

impl Rule for Substitution {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        for m in self.search.find_iter(text) {
            let range = TextRange::new(m.start(), m.end());
            if !stands(text, range, &self.exceptions, self.context.as_ref())
                || inside_book_title(doc, range.start)
            {
                continue;
            }
            let Some(&pair) = self.pair_of.get(m.as_str()) else {
                continue;
            };
            let needs_words = match &self.pair_guards[pair] {
                Some(guard) if !guard.allows(text, range) => continue,
                Some(guard) => guard.words,
                None => self.token_boundary,
            };
            if needs_words && !doc.on_word_boundaries(range) {
                continue;
            }
            let found = &text[range.start..range.end];
            let Some(replacement) = &self.replacements[pair] else {
                let message = self.message.render(&[("{match}", &quote_excerpt(found))]);
                let mut diagnostic = self.meta.diagnostic(range, message);
                diagnostic.help = self.help_no_replacement.as_ref().map(|h| h.render(&[]));
                out.push(diagnostic);
                continue;
            };
            let message = self.message.render(&[
                ("{match}", &quote_excerpt(found)),
                ("{replacement}", replacement),
            ]);
            let mut diagnostic = self.meta.diagnostic(range, message);
            diagnostic.help = self
                .help
                .as_ref()
                .map(|h| h.render(&[("{replacement}", replacement)]));
            diagnostic.fix = Some(Fix::safe_replace(range, replacement.clone()));
            out.push(diagnostic);
        }
    }
}
