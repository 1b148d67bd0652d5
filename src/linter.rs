//! Runs the enabled rules over one document and tidies what they found:
//! severities from the settings, findings swallowed by a larger one of the
//! same group dropped, the rest sorted by position.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, Genre};
use crate::rules::engine::Exceptions;
use crate::rules::{Registry, Rule};
use crate::source::SourceFile;

/// Which rules run and at what severity. Entries are rule ids
/// (`numbering/announced-count`) or groups (`placeholder`).
#[derive(Debug, Clone, Default)]
pub struct RuleSettings {
    /// When non-empty, only these rules or groups run.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: HashMap<String, Severity>,
    /// The genre (文种) the user declared (`--kind`); otherwise guessed
    /// from each document's title.
    pub genre: Option<Genre>,
    /// Phrases never flagged: a finding that lies inside an occurrence of
    /// one of them is dropped, whatever rule made it.
    pub allow: Vec<String>,
    /// The year documents are about (`--year`); otherwise guessed from each
    /// document's title and date lines. Date-aware rules read it.
    pub year: Option<u32>,
}

fn matches_rule(selector: &str, id: &str) -> bool {
    selector == id
        || id
            .split_once('/')
            .is_some_and(|(group, _)| group == selector)
}

impl RuleSettings {
    pub fn enabled(&self, id: &str) -> bool {
        (self.select.is_empty() || self.select.iter().any(|s| matches_rule(s, id)))
            && !self.ignore.iter().any(|s| matches_rule(s, id))
    }

    /// The severity for `id`: an override for the rule beats one for its group.
    pub fn severity_for(&self, id: &str, default: Severity) -> Severity {
        if let Some(s) = self.severity.get(id) {
            return *s;
        }
        id.split_once('/')
            .and_then(|(group, _)| self.severity.get(group))
            .copied()
            .unwrap_or(default)
    }
}

pub struct Linter<'r> {
    rules: Vec<&'r dyn Rule>,
    settings: RuleSettings,
    allow: Exceptions,
}

impl<'r> Linter<'r> {
    pub fn new(registry: &'r Registry, settings: RuleSettings) -> Self {
        let rules = registry
            .rules()
            .filter(|r| settings.enabled(r.meta().id))
            .collect();
        let allow = Exceptions::new(&settings.allow);
        Self {
            rules,
            settings,
            allow,
        }
    }

    pub fn rules(&self) -> &[&'r dyn Rule] {
        &self.rules
    }

    pub fn check(&self, source: &SourceFile) -> Vec<Diagnostic> {
        let doc = Document::with_genre(source, self.settings.genre).with_year(self.settings.year);
        let mut found = Vec::new();
        for rule in &self.rules {
            rule.check(&doc, &mut found);
        }
        for d in &mut found {
            d.severity = self.settings.severity_for(d.rule, d.severity);
        }
        // `allow` is an exception of every rule: the same test as a pack
        // entry's `exceptions`.
        let text = source.prose();
        found.retain(|d| !self.allow.cover(text, d.range));
        tidy(found)
    }
}

/// Groups whose findings are about the wording of the text: moot inside
/// text that another finding deletes (a half-width comma in an advert line).
const LANGUAGE_GROUPS: &[&str] = &["wording", "punctuation", "number", "layout"];

/// Drop a finding whose text another finding of the same group deletes
/// (a URL or brand inside an advert line is one problem: the advert), a
/// language finding inside text any finding deletes, and exact duplicates;
/// then sort by position. Other findings of different groups, or that do
/// not delete, all stay: one marker can be both half-width and out of
/// sequence.
fn tidy(mut found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Longest first among equal starts, so a container precedes what it holds.
    found.sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.end.cmp(&a.range.end))
    });
    // Per group, how far the deletions seen so far reach; and for any group.
    let mut deleted_up_to: HashMap<&str, usize> = HashMap::new();
    let mut any_deleted_up_to = 0;
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(found.len());
    for d in found {
        let group = d.rule.split('/').next().unwrap_or(d.rule);
        // Every earlier finding starts at or before this one, so reaching
        // its end means containing it.
        if deleted_up_to
            .get(group)
            .is_some_and(|&end| end >= d.range.end)
            || (LANGUAGE_GROUPS.contains(&group) && any_deleted_up_to >= d.range.end)
        {
            continue;
        }
        if kept
            .iter()
            .rev()
            .take_while(|k| k.range.start == d.range.start)
            .any(|k| k.rule == d.rule && k.range == d.range && k.message == d.message)
        {
            continue;
        }
        if let Some(fix) = d
            .fix
            .as_ref()
            .filter(|f| f.replacement.is_empty() && f.range.contains_range(d.range))
        {
            let end = deleted_up_to.entry(group).or_insert(0);
            *end = (*end).max(fix.range.end);
            any_deleted_up_to = any_deleted_up_to.max(fix.range.end);
        }
        kept.push(d);
    }
    kept.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(a.rule.cmp(b.rule)));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFormat;

    #[test]
    fn allowed_phrases_are_never_flagged() {
        let registry = Registry::builtin().unwrap();
        let text = "材料XX篇。XX光机两台。\n";
        let source = SourceFile::new("t.txt", text.to_owned(), SourceFormat::PlainText);
        let before = Linter::new(&registry, RuleSettings::default()).check(&source);
        let settings = RuleSettings {
            allow: vec!["材料XX篇".to_owned()],
            ..Default::default()
        };
        let after = Linter::new(&registry, settings).check(&source);
        assert_eq!(after.len() + 1, before.len(), "{before:?}");
        assert!(after.iter().all(|d| d.range.start >= "材料XX篇".len()));
    }
}
