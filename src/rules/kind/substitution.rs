//! `kind = "substitution"`: a word that has one right form (Vale's
//! `substitution`). All pairs of a rule share one search, leftmost-longest;
//! the fix is safe because each wrong form has exactly one replacement.

use std::collections::HashMap;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::rules::kind::Guard;
use crate::rules::kind::existence::quote_excerpt;
use crate::rules::pack::RuleSpec;
use crate::rules::{Rule, RuleMeta};

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
    replacements: Vec<String>,
    exceptions: Vec<String>,
    token_boundary: bool,
    /// The rule's guard, for every match.
    context: Option<Guard>,
    /// Per pair (same order as `replacements`): its own guard, which
    /// replaces the word-boundary check.
    pair_guards: Vec<Option<Guard>>,
    message: String,
    help: Option<String>,
}

impl Substitution {
    pub fn compile(spec: &RuleSpec) -> Result<Self, String> {
        if spec.swap.is_empty() {
            return Err("substitution 规则须有 swap".to_owned());
        }
        let wrong: Vec<&str> = spec.swap.iter().map(|[w, _]| w.as_str()).collect();
        if wrong.iter().any(|w| w.is_empty()) {
            return Err("swap 的错误形式不能为空".to_owned());
        }
        let mut longest_first = wrong.clone();
        longest_first.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let alternation: Vec<String> = longest_first.iter().map(|w| regex::escape(w)).collect();
        let search = Regex::new(&alternation.join("|")).map_err(|e| e.to_string())?;
        let mut pair_of = HashMap::new();
        for (i, w) in wrong.iter().enumerate() {
            pair_of.entry((*w).to_owned()).or_insert(i);
        }
        if let Some(unknown) = spec.pair.keys().find(|k| !wrong.contains(&k.as_str())) {
            return Err(format!("pair.{unknown:?} 不是 swap 中的错误形式"));
        }
        let pair_guards = wrong
            .iter()
            .map(|w| spec.pair.get(*w).map(Guard::compile).transpose())
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            meta: spec.meta(),
            search,
            pair_of,
            replacements: spec.swap.iter().map(|[_, r]| r.clone()).collect(),
            exceptions: spec.exceptions.clone(),
            token_boundary: spec.token_boundary,
            context: spec.context.as_ref().map(Guard::compile).transpose()?,
            pair_guards,
            message: spec.message.clone(),
            help: spec.help.clone(),
        })
    }

    fn excepted(&self, text: &str, range: TextRange) -> bool {
        self.exceptions.iter().any(|phrase| {
            super::phrase_occurrences_around(text, range, phrase)
                .next()
                .is_some()
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
            if self.excepted(text, range) || inside_book_title(doc, range.start) {
                continue;
            }
            if self
                .context
                .as_ref()
                .is_some_and(|g| !g.allows(text, range))
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
            let replacement = &self.replacements[pair];
            let found = &text[range.start..range.end];
            let message = self
                .message
                .replace("{match}", &quote_excerpt(found))
                .replace("{replacement}", replacement);
            let mut diagnostic = self.meta.diagnostic(range, message);
            diagnostic.help = self
                .help
                .as_ref()
                .map(|h| h.replace("{replacement}", replacement));
            diagnostic.fix = Some(Fix::safe_replace(range, replacement.clone()));
            out.push(diagnostic);
        }
    }
}
