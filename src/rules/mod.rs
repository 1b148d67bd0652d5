//! Rules: what a rule is, and the registry of every built-in rule.
//!
//! Two ways to add one:
//! - **data rule**: an entry in a pack under `rules/*.toml` (see
//!   `pack.rs` for the schema). Word lists and patterns go there.
//! - **code rule**: a file in `src/rules/` that declares the rule with
//!   [`declare_rule!`](crate::declare_rule) and implements [`CodeRule`],
//!   plus one line in [`code_rules`]. Rules that need state (sequences,
//!   sections) go there.
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
pub mod engine;
pub mod fenbie_single;
pub mod fullwidth_digits;
pub mod halfwidth_marker;
pub mod halfwidth_punct;
pub mod han_year_zero;
pub mod heading_level;
pub mod heading_sequence;
pub mod invisible_char;
pub mod jammer;
pub mod lone_item;
pub mod mixed_family;
pub mod mojibake;
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
use crate::document::{Document, Genre};

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

/// How sure a rule's fixes are, as `gwlint rules`, `explain` and
/// `docs/rules.md` tell it. Each fix still carries its own
/// [`Applicability`](crate::diagnostic::Applicability); this says which
/// ones the rule can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixSafety {
    /// No fix: a person must judge.
    None,
    /// Every fix is safe: `--fix` applies it.
    Safe,
    /// The rule judges each finding: most fixes are safe, the doubtful
    /// ones wait for `--unsafe-fixes`.
    Mixed,
    /// Fixes only with `--unsafe-fixes`: they need a reader's eye.
    Unsafe,
}

impl FixSafety {
    /// The mark `gwlint rules` prints after a rule's summary.
    pub fn mark(self) -> &'static str {
        match self {
            FixSafety::None => "",
            FixSafety::Safe | FixSafety::Mixed => "（可修复）",
            FixSafety::Unsafe => "（可修复，需 --unsafe-fixes）",
        }
    }

    /// One sentence for the rule reference.
    pub fn describe(self) -> &'static str {
        match self {
            FixSafety::None => "无自动修复：需要人来判断。",
            FixSafety::Safe => "有安全修复：`gwlint check --fix` 会改，只改问题所在的文字。",
            FixSafety::Mixed => {
                "有修复：把握大的由 `gwlint check --fix` 改，只改问题所在的文字；拿不准的（例如会连带删去作者的话）只在加 `--unsafe-fixes` 时改。"
            }
            FixSafety::Unsafe => {
                "有修复，但需要人看一眼：只在 `gwlint check --fix --unsafe-fixes` 时改。"
            }
        }
    }
}

/// What every rule, data or code, tells about itself. Code rules declare
/// it with [`declare_rule!`](crate::declare_rule); data rules in their
/// pack entry.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    /// `group/name`: stable, never reused; names the defect, not the fix.
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line, shown by `gwlint rules`.
    pub summary: &'static str,
    /// Why it matters, in plain Chinese. Shown by `gwlint explain`.
    pub explanation: &'static str,
    /// Where the rule comes from: a standard's clause, a research note.
    pub source: &'static str,
    /// Text the rule must flag, and text it must leave alone. Both are
    /// checked by `cargo test` and shown by `gwlint explain`.
    pub bad: &'static [&'static str],
    pub good: &'static [&'static str],
    pub fix: FixSafety,
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

    /// The explanation and its source as `gwlint explain` prints them.
    pub fn explanation_with_source(&self) -> String {
        let reason = self.explanation.trim();
        match self.source.trim() {
            "" => reason.to_owned(),
            source => format!("{reason}\n来源：{source}"),
        }
    }
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;
    /// Append this rule's findings for `doc`. Cannot fail.
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>);
}

/// The logic of a rule declared with [`declare_rule!`](crate::declare_rule):
/// the macro supplies [`Rule::meta`], the rule's file supplies this.
pub trait CodeRule {
    /// Append this rule's findings for `doc`. Cannot fail.
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>);
}

/// Declare a code rule once: its id, default severity, what it flags, why,
/// where that comes from, examples and fix safety. Makes the unit struct,
/// its `META` and its [`Rule`](crate::rules::Rule) impl; the rule's file
/// then writes `impl CodeRule for Name { fn check(..) }` and adds one line
/// to `code_rules()` in `src/rules/mod.rs`.
///
/// ```ignore
/// crate::declare_rule! {
///     pub struct SeriesGap {
///         id: "numbering/series-gap",
///         severity: Warning,
///         summary: "一是、二是等序号跳号或倒退（一是…三是）",
///         explanation: "同一组“一是、二是……”应连续编号。",
///         source: "domain.md §4 enum/gap-dup",
///         bad: ["抓好三项工作：一是加强学习；三是狠抓落实。"],
///         good: ["抓好两项工作：一是加强学习；二是狠抓落实。"],
///         fix: None, // None | Safe | Mixed | Unsafe
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            id: $id:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            explanation: $explanation:literal,
            source: $source:literal,
            bad: [$($bad:literal),* $(,)?],
            good: [$($good:literal),* $(,)?],
            fix: $fix:ident $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                default_severity: $crate::diagnostic::Severity::$severity,
                summary: $summary,
                explanation: $explanation,
                source: $source,
                bad: &[$($bad),*],
                good: &[$($good),*],
                fix: $crate::rules::FixSafety::$fix,
            };
        }

        impl $crate::rules::Rule for $name {
            fn meta(&self) -> &$crate::rules::RuleMeta {
                &Self::META
            }

            fn check(
                &self,
                doc: &$crate::document::Document<'_>,
                out: &mut Vec<$crate::diagnostic::Diagnostic>,
            ) {
                <Self as $crate::rules::CodeRule>::check(self, doc, out)
            }
        }
    };
}

/// Rules that need code. One line each.
fn code_rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(series_gap::SeriesGap),
        Box::new(series_duplicate::SeriesDuplicate),
        Box::new(series_start::SeriesStart),
        Box::new(lone_item::LoneItem),
        Box::new(mixed_family::MixedFamily),
        Box::new(announced_count::AnnouncedCount),
        Box::new(heading_sequence::HeadingSequence),
        Box::new(heading_level::HeadingLevel),
        Box::new(halfwidth_marker::HalfwidthMarker),
        Box::new(run_in_heading::RunInHeading),
        Box::new(concatenated_document::ConcatenatedDocument),
        Box::new(year_mismatch::YearMismatch),
        Box::new(halfwidth_punct::HalfwidthPunct),
        Box::new(straight_quotes::StraightQuotes),
        Box::new(unbalanced_pair::UnbalancedPair),
        Box::new(repeated_mark::RepeatedMark),
        Box::new(ellipsis_form::EllipsisForm),
        Box::new(dash_form::DashForm),
        Box::new(dunhao_conjunction::DunhaoConjunction),
        Box::new(stray_mark::StrayMark),
        Box::new(range_unit::RangeUnit),
        Box::new(han_year_zero::HanYearZero),
        Box::new(fullwidth_digits::FullwidthDigits),
        Box::new(fenbie_single::FenbieSingle),
        Box::new(broken_line::BrokenLine),
        Box::new(mojibake::Mojibake),
        Box::new(invisible_char::InvisibleChar),
        Box::new(jammer::Jammer),
        Box::new(doubled_char::DoubledChar),
        Box::new(political_order::PoliticalOrder),
        Box::new(political_outdated::PoliticalOutdated),
    ]
}

/// Every rule of a run, in a stable order: packs in `PACKS` order, then
/// code rules.
pub struct Registry {
    rules: Vec<Box<dyn Rule>>,
    /// Pack entries waiting for an organisation's words (`placeholder/custom`,
    /// `wording/banned-phrase`): known to `--select` and configurations
    /// even where no list fills them.
    configurable: Vec<(RuleMeta, String)>,
}

impl Registry {
    /// The rules compiled into the binary.
    pub fn builtin() -> Result<Self, pack::PackError> {
        Self::compile(pack::Pack::builtin()?)
    }

    /// The rules for one configuration: the built-in packs filled with the
    /// organisation's words (`extend-placeholders`, `banned-phrases`,
    /// `brands`) and its required sections, compiled by the same engines.
    /// A genre named in `sections` gets exactly those sections; other
    /// genres keep the built-in ones.
    pub fn for_config(
        words: &pack::OrgWords,
        sections: &[(Genre, Vec<pack::SectionSpec>)],
    ) -> Result<Self, pack::PackError> {
        let mut packs = pack::Pack::builtin()?;
        for pack in &mut packs {
            pack.configure(words, sections);
        }
        Self::compile(packs)
    }

    fn compile(packs: Vec<pack::Pack>) -> Result<Self, pack::PackError> {
        use rayon::prelude::*;
        // One scanner for the word lists of every pack: a draft is walked
        // once for all of them (`engine::scan`). It is filled pack by pack
        // while the entries that do not read it compile on the other core.
        let (scanned, independent) = rayon::join(
            || {
                let mut builder = engine::scan::Scanner::builder();
                let registered = packs
                    .iter()
                    .map(|p| p.register(&mut builder))
                    .collect::<Result<Vec<_>, _>>()?;
                let scanner = builder.build().map_err(|error| pack::PackError {
                    pack: "rules/*.toml".to_owned(),
                    rule: None,
                    error,
                })?;
                Ok::<_, pack::PackError>((registered, std::sync::Arc::new(scanner)))
            },
            || {
                packs
                    .par_iter()
                    .map(pack::Pack::compile_independent)
                    .collect::<Vec<_>>()
            },
        );
        let (registered, scanner) = scanned?;
        let compiled: Vec<Vec<Box<dyn Rule>>> = packs
            .iter()
            .zip(independent)
            .zip(registered)
            .map(|((pack, independent), registered)| {
                pack.compile_with(independent, registered, &scanner)
            })
            .collect::<Result<_, _>>()?;
        let mut rules: Vec<Box<dyn Rule>> = compiled.into_iter().flatten().collect();
        let configurable = packs.iter().flat_map(|p| p.unfilled_metas()).collect();
        rules.extend(code_rules());
        Ok(Self {
            rules,
            configurable,
        })
    }

    /// Whether `selector` names a group, a rule of this registry, or a rule
    /// a configuration can fill (`placeholder/custom`…).
    pub fn knows(&self, selector: &str) -> bool {
        GROUPS.contains(&selector)
            || self.waiting(selector).is_some()
            || self.get(selector).is_some()
    }

    pub fn rules(&self) -> impl Iterator<Item = &dyn Rule> {
        self.rules.iter().map(|r| r.as_ref())
    }

    /// A rule that exists once a configuration gives it words, and the
    /// `gwlint.toml` list that does (`placeholder/custom` →
    /// `extend-placeholders`).
    pub fn waiting(&self, id: &str) -> Option<(&RuleMeta, &str)> {
        self.configurable
            .iter()
            .find(|(meta, _)| meta.id == id)
            .map(|(meta, list)| (meta, list.as_str()))
    }

    /// Every rule a configuration can fill, in pack order.
    pub fn all_waiting(&self) -> impl Iterator<Item = (&RuleMeta, &str)> {
        self.configurable
            .iter()
            .map(|(meta, list)| (meta, list.as_str()))
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
