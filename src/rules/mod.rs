//! Rules: what a rule is, and the registry of every built-in rule.
//!
//! Two ways to add one:
//! - **data rule**: an entry in a pack under `rules/*.toml` (see
//!   `pack.rs` for the schema). Word lists and patterns go there.
//! - **code rule**: a file in `src/rules/` implementing [`Rule`], plus one
//!   line in [`code_rules`]. Rules that need state (sequences, sections) go
//!   there.
//!
//! Either way a rule never parses the text itself: it asks the
//! [`Document`] for lines, blocks, headings or tokens.

pub mod announced_count;
pub mod broken_line;
pub mod concatenated_document;
pub mod dash_form;
pub mod docs;
pub mod doubled_char;
pub mod dunhao_conjunction;
pub mod ellipsis_form;
pub mod fenbie_single;
pub mod fullwidth_digits;
pub mod halfwidth_marker;
pub mod halfwidth_punct;
pub mod han_year_zero;
pub mod heading_level;
pub mod heading_sequence;
pub mod invisible_char;
pub mod jammer;
pub mod kind;
pub mod lone_item;
pub mod mixed_family;
pub mod mojibake;
pub mod org_words;
pub mod pack;
pub mod political_order;
pub mod political_outdated;
pub mod range_unit;
pub mod repeated_mark;
pub mod run_in_heading;
pub mod series_duplicate;
pub mod series_gap;
pub mod series_start;
pub mod straight_quotes;
pub mod stray_mark;
pub mod unbalanced_pair;
pub mod year_mismatch;

use crate::diagnostic::{Diagnostic, Fix, Severity, TextRange};
use crate::document::{DocKind, Document};

/// The groups rule ids start with.
pub const GROUPS: &[&str] = &[
    "placeholder",
    "contamination",
    "numbering",
    "structure",
    "wording",
    "punctuation",
    "number",
    "layout",
];

/// What every rule, data or code, tells about itself.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    /// `group/name`: stable, never reused; names the defect, not the fix.
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line, shown by `gwlint rules`.
    pub summary: &'static str,
    /// Why it matters and where the rule comes from (a standard's clause,
    /// a research note). Shown by `gwlint explain`.
    pub explanation: &'static str,
    /// Text the rule must flag, and text it must leave alone. Both are
    /// checked by `cargo test` and shown by `gwlint explain`.
    pub bad: Vec<&'static str>,
    pub good: Vec<&'static str>,
    /// The rule can offer a fix.
    pub fixable: bool,
}

impl RuleMeta {
    pub fn group(&self) -> &'static str {
        self.id.split('/').next().unwrap_or(self.id)
    }

    /// A finding of this rule at its default severity.
    pub fn diagnostic(&self, range: TextRange, message: String) -> Diagnostic {
        Diagnostic {
            rule: self.id,
            severity: self.default_severity,
            range,
            message,
            help: None,
            fix: None,
        }
    }
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;
    /// Append this rule's findings for `doc`. Cannot fail.
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>);
}

/// Rules that need code. One line each.
fn code_rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(series_gap::SeriesGap::new()),
        Box::new(series_duplicate::SeriesDuplicate::new()),
        Box::new(series_start::SeriesStart::new()),
        Box::new(lone_item::LoneItem::new()),
        Box::new(mixed_family::MixedFamily::new()),
        Box::new(announced_count::AnnouncedCount::new()),
        Box::new(heading_sequence::HeadingSequence::new()),
        Box::new(heading_level::HeadingLevel::new()),
        Box::new(halfwidth_marker::HalfwidthMarker::new()),
        Box::new(run_in_heading::RunInHeading::new()),
        Box::new(concatenated_document::ConcatenatedDocument::new()),
        Box::new(year_mismatch::YearMismatch::new()),
        Box::new(halfwidth_punct::HalfwidthPunct::new()),
        Box::new(straight_quotes::StraightQuotes::new()),
        Box::new(unbalanced_pair::UnbalancedPair::new()),
        Box::new(repeated_mark::RepeatedMark::new()),
        Box::new(ellipsis_form::EllipsisForm::new()),
        Box::new(dash_form::DashForm::new()),
        Box::new(dunhao_conjunction::DunhaoConjunction::new()),
        Box::new(stray_mark::StrayMark::new()),
        Box::new(range_unit::RangeUnit::new()),
        Box::new(han_year_zero::HanYearZero::new()),
        Box::new(fullwidth_digits::FullwidthDigits::new()),
        Box::new(fenbie_single::FenbieSingle::new()),
        Box::new(broken_line::BrokenLine::new()),
        Box::new(mojibake::Mojibake::new()),
        Box::new(invisible_char::InvisibleChar::new()),
        Box::new(jammer::Jammer::new()),
        Box::new(doubled_char::DoubledChar::new()),
        Box::new(political_order::PoliticalOrder::new()),
        Box::new(political_outdated::PoliticalOutdated::new()),
    ]
}

/// Every built-in rule, in a stable order: packs in `PACKS` order, then code rules.
pub struct Registry {
    rules: Vec<Box<dyn Rule>>,
}

impl Registry {
    /// Build the rules compiled into the binary.
    pub fn builtin() -> Result<Self, pack::PackError> {
        let mut rules: Vec<Box<dyn Rule>> = Vec::new();
        for (name, text) in pack::PACKS {
            rules.extend(pack::load(name, text)?);
        }
        rules.extend(code_rules());
        Ok(Self { rules })
    }

    /// The built-in rules plus one rule per non-empty list of the
    /// organisation's words (from `gwlint.toml`).
    pub fn with_org_words(words: &org_words::OrgWords) -> Result<Self, pack::PackError> {
        let mut registry = Self::builtin()?;
        registry.rules.extend(words.rules());
        Ok(registry)
    }

    /// The rules for one configuration: the built-in ones, the
    /// organisation's own words, and its required sections. A document kind
    /// named in `sections` gets exactly those sections; other kinds keep the
    /// built-in ones.
    pub fn for_config(
        words: &org_words::OrgWords,
        sections: &[(DocKind, Vec<pack::SectionSpec>)],
    ) -> Result<Self, pack::PackError> {
        let mut registry = Self::with_org_words(words)?;
        if sections.is_empty() {
            return Ok(registry);
        }
        let (name, text) = pack::PACKS
            .iter()
            .find(|(n, _)| n.ends_with("structure.toml"))
            .expect("structure pack is built in");
        for mut spec in pack::specs(name, text)?
            .into_iter()
            .filter(|s| s.kind == pack::RuleKind::Required)
        {
            for section in &mut spec.section {
                section.kinds.retain(|k| {
                    !DocKind::parse(k).is_some_and(|k| sections.iter().any(|(o, _)| *o == k))
                });
            }
            spec.section.retain(|s| !s.kinds.is_empty());
            for (_, specs) in sections {
                spec.section.extend(specs.iter().cloned());
            }
            let error = |message| pack::PackError {
                pack: "gwlint.toml".to_owned(),
                rule: Some(spec.id.clone()),
                message,
            };
            let rule = kind::required::Required::compile(&spec).map_err(error)?;
            if let Some(slot) = registry.rules.iter_mut().find(|r| r.meta().id == spec.id) {
                *slot = Box::new(rule);
            }
        }
        Ok(registry)
    }

    /// Whether `selector` names a group, a rule of this registry, or a rule
    /// a configuration can create (`placeholder/custom`…).
    pub fn knows(&self, selector: &str) -> bool {
        GROUPS.contains(&selector)
            || org_words::RULE_IDS.contains(&selector)
            || self.get(selector).is_some()
    }

    pub fn rules(&self) -> impl Iterator<Item = &dyn Rule> {
        self.rules.iter().map(|r| r.as_ref())
    }

    pub fn get(&self, id: &str) -> Option<&dyn Rule> {
        self.rules().find(|r| r.meta().id == id)
    }
}

/// Helper for rules whose fix removes a whole line or just the match.
pub fn delete_fix(doc: &Document<'_>, range: TextRange) -> Fix {
    let line = doc.line_at(range.start);
    let line_text = doc.slice(line.range);
    let trimmed = line_text.trim_matches(crate::document::is_blank);
    let offset_in_line = range.start - line.range.start;
    let lead = line_text.len()
        - line_text
            .trim_start_matches(crate::document::is_blank)
            .len();
    // When the finding is all the line holds, delete the line with its
    // terminator rather than leave an empty line behind.
    if offset_in_line == lead && range.len() == trimmed.len() || range.contains_range(line.range) {
        Fix::safe_delete(doc.line_with_terminator(line))
    } else {
        Fix::safe_delete(range)
    }
}

/// Several edits found in one paragraph, as one span and one replacement
/// that makes them all: a draft typed half-width throughout gets one finding
/// per paragraph, not one per comma, and its fix stays inside its finding.
/// `edits` are sorted, do not overlap, and are not empty.
pub fn batch_edits<S: AsRef<str>>(text: &str, edits: &[(TextRange, S)]) -> (TextRange, String) {
    let span = TextRange::new(edits[0].0.start, edits[edits.len() - 1].0.end);
    let mut replacement = String::with_capacity(span.len());
    let mut at = span.start;
    for (range, with) in edits {
        replacement.push_str(&text[at..range.start]);
        replacement.push_str(with.as_ref());
        at = range.end;
    }
    (span, replacement)
}

/// Running one rule on a text, for the rules' own tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::Rule;
    use crate::diagnostic::Severity;
    use crate::document::Document;
    use crate::source::SourceFile;

    /// (flagged text, severity, message) of each finding of `rule` in
    /// `text`, read as plain text or, if `path` ends in `.md`, Markdown.
    pub fn findings(rule: &dyn Rule, path: &str, text: &str) -> Vec<(String, Severity, String)> {
        let format = SourceFile::format_for_path(path);
        let source = SourceFile::decoded(path, text.to_owned(), format, encoding_rs::UTF_8, false);
        let doc = Document::new(&source);
        let mut out = Vec::new();
        rule.check(&doc, &mut out);
        out.into_iter()
            .map(|d| (doc.slice(d.range).to_owned(), d.severity, d.message))
            .collect()
    }
}
