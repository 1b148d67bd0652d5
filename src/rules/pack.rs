//! Rule packs: the TOML files under `rules/`, compiled into the binary.
//!
//! ```toml
//! [[rule]]
//! id = "placeholder/year-slot"   # group/name
//! kind = "existence"             # existence | substitution | required | slot | residue
//! severity = "error"             # error | warning | info
//! summary = "一行说明"
//! explanation = "为什么；来源"
//! message = "年份占位符“{match}”未替换"   # {match}, {replacement}
//! help = "填写实际年份"
//! patterns = ['20[Xx]{2}']       # existence: regexes; a leading ^ means
//!                                # "at the start of a line, after blanks"
//! bad = ["20XX年全市…"]          # must be flagged
//! good = ["2023年全市…"]         # must not be
//! ```
//! Unknown keys are errors, so a typo in a pack fails `cargo test`.

use std::fmt;

use serde::Deserialize;

use super::kind::{
    existence::Existence,
    required::Required,
    residue::{Lexicon, LexiconSpec, Residue},
    slot::{Slot, SlotSpec},
    substitution::Substitution,
};
use super::{GROUPS, Rule, RuleMeta};
use crate::diagnostic::Severity;

/// The packs built into the binary, in the order their rules are listed.
pub const PACKS: &[(&str, &str)] = &[
    (
        "rules/placeholder.toml",
        include_str!("../../rules/placeholder.toml"),
    ),
    (
        "rules/contamination.toml",
        include_str!("../../rules/contamination.toml"),
    ),
    (
        "rules/wording.toml",
        include_str!("../../rules/wording.toml"),
    ),
    (
        "rules/structure.toml",
        include_str!("../../rules/structure.toml"),
    ),
    ("rules/number.toml", include_str!("../../rules/number.toml")),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    pub pack: String,
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.rule {
            Some(rule) => write!(f, "{}: 规则 {rule}: {}", self.pack, self.message),
            None => write!(f, "{}: {}", self.pack, self.message),
        }
    }
}

impl std::error::Error for PackError {}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    #[serde(default)]
    rule: Vec<RuleSpec>,
    /// The evidence every `kind = "residue"` rule of the pack scores with
    /// (word classes, furniture patterns): one lexicon, several reports.
    #[serde(default)]
    residue: Option<LexiconSpec>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    Existence,
    Substitution,
    Required,
    /// Template slots recognised by their neighbours (`kind/slot.rs`).
    Slot,
    /// Template-site residue scored on evidence (`kind/residue.rs`).
    Residue,
}

/// Which characters may touch a match. `han`: no Latin letter, digit or `_`
/// on either side, and a non-ASCII character (or `%`) on at least one side —
/// a slot standing in Chinese text, not part of a word like `Xbox` or `X86`.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Boundary {
    #[default]
    None,
    Han,
}

/// What the fix of an existence rule does.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum FixAction {
    #[default]
    None,
    /// Delete the match (the whole line, terminator included, when the
    /// match is all the line holds).
    Delete,
}

/// One `[[rule]]` entry as written in a pack.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub kind: RuleKind,
    pub severity: Severity,
    pub summary: String,
    pub explanation: String,
    pub message: String,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub bad: Vec<String>,
    #[serde(default)]
    pub good: Vec<String>,

    // existence
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Phrases that, when they contain the match, make it no finding (`X光`).
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// A regex: a match whose own text matches it is no finding (`\.gov\.cn`).
    #[serde(default)]
    pub exclude: Option<String>,
    #[serde(default)]
    pub boundary: Boundary,
    #[serde(default)]
    pub fix: FixAction,

    /// What must (or must not) stand right before or after every match
    /// (`[rule.context]`).
    #[serde(default)]
    pub context: Option<Context>,

    // substitution
    /// `[wrong, right]` pairs.
    #[serde(default)]
    pub swap: Vec<[String; 2]>,
    /// Flag a match only when jieba cuts it as whole words (`以经` inside
    /// `以经济` is not `已经`). Costs the jieba dictionary, but only for
    /// texts that hold a candidate.
    #[serde(default)]
    pub token_boundary: bool,
    /// Per-pair guards, keyed by the wrong form (`[rule.pair."文搞"]`). A
    /// pair with a guard is judged by it instead of by `token_boundary`
    /// (unless the guard sets `words = true`): an empty guard marks a form
    /// that is wrong in every context.
    #[serde(default)]
    pub pair: std::collections::BTreeMap<String, Context>,

    // required
    /// The parts a document of a kind must have.
    #[serde(default)]
    pub section: Vec<SectionSpec>,

    // slot
    /// The marks and the words that show a run of them is a slot.
    #[serde(default)]
    pub slot: Option<SlotSpec>,

    // residue
    /// Which residue this rule reports: `advert`, `footer` or `furniture`.
    #[serde(default)]
    pub report: Option<String>,
}

/// What the text around a match must look like for it to count. `before`
/// and `after` are regexes the few characters before (after) the match
/// must end (start) with; `not_before` and `not_after` are words that must
/// not stand there. Looked at on the match's own line only.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    #[serde(default)]
    pub before: Option<String>,
    #[serde(default)]
    pub after: Option<String>,
    #[serde(default)]
    pub not_before: Vec<String>,
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Also require jieba word boundaries (substitution pairs only).
    #[serde(default)]
    pub words: bool,
}

/// A part that documents of some kinds must have (`kind = "required"`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// Document kinds by Chinese name (`工作总结`) or key (`summary`).
    pub kinds: Vec<String>,
    /// What the section is called in messages.
    pub name: String,
    /// Words whose presence in a heading or a paragraph's first sentence
    /// shows the section is there.
    pub keywords: Vec<String>,
}

/// Strings in rule metadata live as long as the process: the registry is
/// built once, so leaking them is the simplest way to hand out `&'static str`.
pub(crate) fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

impl RuleSpec {
    pub fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: leak(self.id.clone()),
            default_severity: self.severity,
            summary: leak(self.summary.clone()),
            explanation: leak(self.explanation.clone()),
            bad: self.bad.iter().cloned().map(leak).collect(),
            good: self.good.iter().cloned().map(leak).collect(),
            fixable: matches!(self.kind, RuleKind::Substitution | RuleKind::Residue)
                || self.fix != FixAction::None,
        }
    }
}

/// The `[[rule]]` entries of a pack, parsed but not compiled.
pub fn specs(name: &str, text: &str) -> Result<Vec<RuleSpec>, PackError> {
    let file: PackFile = toml::from_str(text).map_err(|e| PackError {
        pack: name.to_owned(),
        rule: None,
        message: e.to_string(),
    })?;
    Ok(file.rule)
}

/// Parse and compile one pack.
pub fn load(name: &str, text: &str) -> Result<Vec<Box<dyn Rule>>, PackError> {
    let error = |rule: Option<&str>, message: String| PackError {
        pack: name.to_owned(),
        rule: rule.map(str::to_owned),
        message,
    };
    let file: PackFile = toml::from_str(text).map_err(|e| error(None, e.to_string()))?;
    // Compiled once however many rules report from it.
    let lexicon = file
        .residue
        .as_ref()
        .map(|spec| Lexicon::compile(spec).map(std::sync::Arc::new))
        .transpose()
        .map_err(|m| error(None, m))?;
    let mut rules: Vec<Box<dyn Rule>> = Vec::with_capacity(file.rule.len());
    for spec in file.rule {
        let id = spec.id.as_str();
        let group = id.split_once('/').map(|(g, _)| g);
        if !group.is_some_and(|g| GROUPS.contains(&g)) {
            return Err(error(
                Some(id),
                format!("id 须为“组/名称”，组为 {}", GROUPS.join("、")),
            ));
        }
        let rule: Box<dyn Rule> = match spec.kind {
            RuleKind::Existence => {
                Box::new(Existence::compile(&spec).map_err(|m| error(Some(id), m))?)
            }
            RuleKind::Substitution => {
                Box::new(Substitution::compile(&spec).map_err(|m| error(Some(id), m))?)
            }
            RuleKind::Required => {
                Box::new(Required::compile(&spec).map_err(|m| error(Some(id), m))?)
            }
            RuleKind::Slot => Box::new(Slot::compile(&spec).map_err(|m| error(Some(id), m))?),
            RuleKind::Residue => {
                let lexicon = lexicon.clone().ok_or_else(|| {
                    error(Some(id), "residue 规则所在的包须有 [residue] 表".to_owned())
                })?;
                Box::new(Residue::compile(&spec, lexicon).map_err(|m| error(Some(id), m))?)
            }
        };
        rules.push(rule);
    }
    Ok(rules)
}
