//! `engine = "substitution"`: a word that has one right form (Vale's
//! `substitution`). The wrong forms of every substitution entry are found
//! in the registry's one scanner walk ([`register_words`]); each rule takes
//! its own, leftmost-longest;
//! the fix is safe because each wrong form has exactly one replacement. A
//! pair with an empty right side (an organisation's banned phrase with no
//! suggestion) is flagged without a fix. Placeholders: `{match}` and
//! `{replacement}` in the message, `{replacement}` in the help.

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::rules::engine::existence::quote_excerpt;
use crate::rules::engine::scan::{Scanner, ScannerBuilder};
use crate::rules::engine::{Exceptions, Guard, Template, stands};
use crate::rules::pack::{CompileError, RuleSpec};
use crate::rules::{Rule, RuleMeta};

pub struct Substitution {
    meta: RuleMeta,
    /// The registry's shared scanner, and the items of this rule's wrong
    /// forms in it (item `items.start + i` is pair `i`).
    scanner: Arc<Scanner>,
    items: Range<usize>,
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
    /// `scanner` and `items`: the registry's shared scanner and this
    /// entry's part of it ([`register_words`]).
    pub fn compile(
        spec: &RuleSpec,
        scanner: Arc<Scanner>,
        items: Range<usize>,
    ) -> Result<Self, CompileError> {
        if spec.swap.is_empty() {
            return Err(CompileError::Missing("swap"));
        }
        let wrong: Vec<&str> = spec.swap.iter().map(|[w, _]| w.as_str()).collect();
        if wrong.iter().any(|w| w.is_empty()) {
            return Err(CompileError::value("swap", "错误形式不能为空"));
        }
        if let Some(unknown) = spec.pair.keys().find(|k| !wrong.contains(&k.as_str())) {
            return Err(CompileError::value(
                "pair",
                format!("{unknown:?} 不是 swap 中的错误形式"),
            ));
        }
        let pair_guards = wrong
            .iter()
            .map(|w| spec.pair.get(*w).map(Guard::compile).transpose())
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            meta: spec.meta(),
            scanner,
            items,
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

/// Add the wrong forms of `specs` (the substitution entries of a pack) to
/// the registry's shared scanner, and return each spec's items, in `swap`
/// order. One regex per rule walked the text once per rule, and a regex of
/// dozens of Chinese literals has a weak prefilter (they all start with the
/// same few UTF-8 lead bytes); the scanner keys words by their first two
/// characters instead, in the walk the residue cues share (`scan.rs`).
pub fn register_words(specs: &[&RuleSpec], scanner: &mut ScannerBuilder) -> Vec<Range<usize>> {
    specs
        .iter()
        .map(|spec| {
            let start = scanner.len();
            for [wrong, _] in &spec.swap {
                scanner.word(wrong);
            }
            start..scanner.len()
        })
        .collect()
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
        let hits = Scanner::hits(&self.scanner, doc);
        // This rule's wrong forms, leftmost-longest: by start, the longest
        // first, each taking its text from the ones after it.
        let mut mine: Vec<(TextRange, usize)> = hits
            .iter()
            .filter(|(_, item)| self.items.contains(item))
            .map(|&(range, item)| (range, item - self.items.start))
            .collect();
        mine.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
        let mut reach = 0;
        for (range, pair) in mine {
            if range.start < reach {
                continue;
            }
            reach = range.end;
            if !stands(text, range, &self.exceptions, self.context.as_ref())
                || inside_book_title(doc, range.start)
            {
                continue;
            }
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
