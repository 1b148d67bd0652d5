//! Rule packs: the TOML files under `rules/`, compiled into the binary.
//!
//! ```toml
//! [[rule]]
//! id = "placeholder/year-slot"   # group/name
//! engine = "existence"           # existence | substitution | required | slot | residue
//! severity = "error"             # error | warning | info
//! summary = "一行说明"
//! explanation = "为什么；来源"
//! message = "年份占位符“{match}”未替换"   # placeholders: see each engine
//! help = "填写实际年份"
//! patterns = ['20[Xx]{2}']       # existence: regexes; a leading ^ means
//!                                # "at the start of a line, after blanks"
//! bad = ["20XX年全市…"]          # must be flagged
//! good = ["2023年全市…"]         # must not be
//! ```
//! Unknown keys are errors, and so is a `{placeholder}` in `message` or
//! `help` that the rule's engine does not fill: a typo in a pack fails
//! `cargo test`, not a user's run.

use std::fmt;
use std::sync::Arc;

use serde::Deserialize;

use super::engine::{
    existence::Existence,
    required::Required,
    residue::{Lexicon, LexiconSpec, Residue},
    scan::{Scanner, ScannerBuilder},
    slot::{Slot, SlotSpec},
    substitution::{Substitution, register_words},
};
use super::{FixSafety, GROUPS, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::document::Genre;

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
    (
        "rules/organisation.toml",
        include_str!("../../rules/organisation.toml"),
    ),
];

/// Why a pack entry does not compile.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompileError {
    /// The TOML itself (serde's message names the line and key).
    #[error("{0}")]
    Syntax(String),
    #[error("id 须为“组/名称”，组为 {0}")]
    Id(String),
    #[error("无效的正则 {pattern:?}: {message}")]
    Regex { pattern: String, message: String },
    #[error("须有 {0}")]
    Missing(&'static str),
    #[error("{key}：{message}")]
    Value { key: &'static str, message: String },
    #[error("{field} 里的 {{{placeholder}}} 不是这条规则能填的占位符（可用：{allowed}）")]
    Placeholder {
        field: &'static str,
        placeholder: String,
        allowed: String,
    },
}

impl CompileError {
    /// A value the entry may not hold.
    pub fn value(key: &'static str, message: impl Into<String>) -> Self {
        CompileError::Value {
            key,
            message: message.into(),
        }
    }

    pub fn regex(pattern: &str, error: impl fmt::Display) -> Self {
        CompileError::Regex {
            pattern: pattern.to_owned(),
            message: error.to_string(),
        }
    }
}

/// A pack entry (or the whole pack, `rule: None`) that does not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    pub pack: String,
    pub rule: Option<String>,
    pub error: CompileError,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.rule {
            Some(rule) => write!(f, "{}: 规则 {rule}: {}", self.pack, self.error),
            None => write!(f, "{}: {}", self.pack, self.error),
        }
    }
}

impl std::error::Error for PackError {}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    #[serde(default)]
    rule: Vec<RuleSpec>,
    /// The evidence every `engine = "residue"` rule of the pack scores with
    /// (word classes, furniture patterns): one lexicon, several reports.
    #[serde(default)]
    residue: Option<LexiconSpec>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Engine {
    Existence,
    Substitution,
    Required,
    /// Template slots recognised by their neighbours (`engine/slot.rs`).
    Slot,
    /// Template-site residue scored on evidence (`engine/residue.rs`).
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
    /// Which engine (`src/rules/engine/`) runs the entry.
    pub engine: Engine,
    pub severity: Severity,
    pub summary: String,
    /// Why it matters, in plain Chinese.
    pub explanation: String,
    /// Where it comes from: a standard's clause, a research note.
    pub source: String,
    pub message: String,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub bad: Vec<String>,
    #[serde(default)]
    pub good: Vec<String>,

    /// The `gwlint.toml` list that fills this entry (`extend-placeholders`,
    /// `banned-phrases`): until a configuration gives words, the entry is
    /// no rule.
    #[serde(default)]
    pub filled_by: Option<String>,

    // existence
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Literal words, searched together, the longest where several start
    /// at one place.
    #[serde(default)]
    pub words: Vec<String>,
    /// Phrases that, when they contain the match, make it no finding (`X光`
    /// holds `X`, `发布署名` holds `布署`). Means the same in every engine
    /// and as a configuration's `allow`.
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
    /// `[wrong, right]` pairs. An empty right side means "no one right
    /// form": the match is flagged, with `help_no_replacement`, and no fix.
    #[serde(default)]
    pub swap: Vec<[String; 2]>,
    /// The help of a pair with no right form.
    #[serde(default)]
    pub help_no_replacement: Option<String>,
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
/// not stand there (a `not_before` word also counts when only blanks part it
/// from the match), `not_before_pattern` a regex the characters before must
/// not end with (`邮箱\s*[:：]?\s*`). Looked at on the match's own line only.
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
    #[serde(default)]
    pub not_before_pattern: Option<String>,
    /// Also require jieba word boundaries (substitution pairs only).
    #[serde(default)]
    pub words: bool,
}

/// A section that drafts of some genres must have (`engine = "required"`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// Genres by Chinese name (`工作总结`) or key (`summary`).
    pub genres: Vec<String>,
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

fn leak_all(strings: &[String]) -> &'static [&'static str] {
    Box::leak(strings.iter().cloned().map(leak).collect::<Box<[_]>>())
}

impl RuleSpec {
    /// Which fixes the entry's engine can offer: the one place this is
    /// decided, for compiled rules and for entries still waiting for words.
    pub fn fix_safety(&self) -> FixSafety {
        match self.engine {
            Engine::Existence => match self.fix {
                FixAction::None => FixSafety::None,
                FixAction::Delete => FixSafety::Safe,
            },
            Engine::Substitution => FixSafety::Safe,
            Engine::Required | Engine::Slot => FixSafety::None,
            Engine::Residue => super::engine::residue::fix_safety(self),
        }
    }

    /// The rule's metadata.
    pub fn meta(&self) -> RuleMeta {
        let fix = self.fix_safety();
        RuleMeta {
            id: leak(self.id.clone()),
            default_severity: self.severity,
            summary: leak(self.summary.clone()),
            explanation: leak(self.explanation.clone()),
            source: leak(self.source.clone()),
            bad: leak_all(&self.bad),
            good: leak_all(&self.good),
            fix,
        }
    }
}

/// A pack parsed but not compiled: its entries can still be filled with an
/// organisation's words ([`Pack::configure`]) before they become rules.
#[derive(Debug, Clone)]
pub struct Pack {
    name: String,
    rules: Vec<RuleSpec>,
    residue: Option<LexiconSpec>,
}

/// The words and sections an organisation adds in its `gwlint.toml`. They
/// fill the pack entries that name their list (`filled-by`), and the
/// residue lexicon's brand names: the same engines compile them as any
/// built-in word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgWords {
    /// `extend-placeholders`: the slot words of the organisation's templates.
    pub placeholders: Vec<String>,
    /// `banned-phrases`: a phrase the style guide bans and, when it names
    /// one, what to write instead.
    pub banned_phrases: Vec<(String, Option<String>)>,
    /// `brands`: names of template sites met before.
    pub brands: Vec<String>,
}

impl Pack {
    /// Parse one pack (`name` is how errors name it).
    pub fn parse(name: &str, text: &str) -> Result<Self, PackError> {
        let file: PackFile = toml::from_str(text).map_err(|e| PackError {
            pack: name.to_owned(),
            rule: None,
            error: CompileError::Syntax(e.to_string()),
        })?;
        Ok(Self {
            name: name.to_owned(),
            rules: file.rule,
            residue: file.residue,
        })
    }

    /// Every pack built into the binary, in `PACKS` order.
    pub fn builtin() -> Result<Vec<Self>, PackError> {
        use rayon::prelude::*;
        PACKS
            .par_iter()
            .map(|(name, text)| Self::parse(name, text))
            .collect()
    }

    pub fn specs(&self) -> &[RuleSpec] {
        &self.rules
    }

    /// Fill the entries an organisation's configuration feeds: its words
    /// into the rules that name their list, its brands into the residue
    /// lexicon, and, for each genre it names, its required
    /// sections in place of the built-in ones.
    pub fn configure(&mut self, words: &OrgWords, sections: &[(Genre, Vec<SectionSpec>)]) {
        for spec in &mut self.rules {
            match spec.filled_by.as_deref() {
                Some(EXTEND_PLACEHOLDERS) => spec.words.extend(words.placeholders.iter().cloned()),
                Some(BANNED_PHRASES) => spec.swap.extend(
                    words
                        .banned_phrases
                        .iter()
                        .map(|(w, r)| [w.clone(), r.clone().unwrap_or_default()]),
                ),
                _ => {}
            }
            if spec.engine == Engine::Required && !sections.is_empty() {
                for section in &mut spec.section {
                    section.genres.retain(|k| {
                        !Genre::parse(k).is_some_and(|k| sections.iter().any(|(o, _)| *o == k))
                    });
                }
                spec.section.retain(|s| !s.genres.is_empty());
                for (_, specs) in sections {
                    spec.section.extend(specs.iter().cloned());
                }
            }
        }
        if let Some(residue) = &mut self.residue {
            residue.brands.extend(words.brands.iter().cloned());
        }
    }

    /// The entries waiting for an organisation's words: they are rules
    /// only once a configuration fills them.
    fn unfilled_specs(&self) -> impl Iterator<Item = &RuleSpec> {
        self.rules
            .iter()
            .filter(|s| s.filled_by.is_some() && s.words.is_empty() && s.swap.is_empty())
    }

    /// Ids of the entries waiting for an organisation's words.
    pub fn unfilled(&self) -> impl Iterator<Item = &str> {
        self.unfilled_specs().map(|s| s.id.as_str())
    }

    /// What the waiting entries will be, and the `gwlint.toml` list that
    /// fills each: for `gwlint explain` and the rule reference.
    pub fn unfilled_metas(&self) -> Vec<(RuleMeta, String)> {
        self.unfilled_specs()
            .map(|s| (s.meta(), s.filled_by.clone().unwrap_or_default()))
            .collect()
    }

    /// The entries that become rules (those still waiting for words are
    /// left out).
    fn ready_specs(&self) -> Vec<&RuleSpec> {
        let waiting: Vec<&str> = self.unfilled().collect();
        self.rules
            .iter()
            .filter(|s| !waiting.contains(&s.id.as_str()))
            .collect()
    }

    fn error(&self, rule: Option<&str>, error: CompileError) -> PackError {
        PackError {
            pack: self.name.clone(),
            rule: rule.map(str::to_owned),
            error,
        }
    }

    /// Add the pack's word lists to the registry's shared scanner: its
    /// residue lexicon (compiled here) and its substitution forms. The
    /// scanner is built once every pack has added its words; then
    /// [`compile_with`](Self::compile_with).
    pub fn register(&self, scanner: &mut ScannerBuilder) -> Result<Registered, PackError> {
        let lexicon = self
            .residue
            .as_ref()
            .map(|spec| Lexicon::compile(spec, scanner))
            .transpose()
            .map_err(|e| self.error(None, e))?;
        let substitutions: Vec<&RuleSpec> = self
            .ready_specs()
            .into_iter()
            .filter(|s| s.engine == Engine::Substitution)
            .collect();
        let items = register_words(&substitutions, scanner);
        let words = substitutions
            .iter()
            .map(|s| s.id.clone())
            .zip(items)
            .collect();
        Ok(Registered { lexicon, words })
    }

    /// Compile the entries that do not read the shared scanner, on every
    /// core, while the scanner is being filled: `None` marks the others
    /// (substitution and residue), for [`compile_with`](Self::compile_with).
    pub fn compile_independent(&self) -> Vec<Option<Result<Box<dyn Rule>, PackError>>> {
        use rayon::prelude::*;
        self.ready_specs()
            .par_iter()
            .map(|spec| match spec.engine {
                Engine::Substitution | Engine::Residue => None,
                _ => {
                    Some(compile_rule(spec, None, None).map_err(|e| self.error(Some(&spec.id), e)))
                }
            })
            .collect()
    }

    /// Every entry as a rule: those compiled already (`independent`, from
    /// [`compile_independent`](Self::compile_independent)) and those that
    /// read the shared scanner their words went into.
    pub fn compile_with(
        &self,
        independent: Vec<Option<Result<Box<dyn Rule>, PackError>>>,
        registered: Registered,
        scanner: &Arc<Scanner>,
    ) -> Result<Vec<Box<dyn Rule>>, PackError> {
        let lexicon = registered.lexicon.map(|mut lexicon| {
            lexicon.attach(scanner.clone());
            Arc::new(lexicon)
        });
        let words = |spec: &RuleSpec| {
            registered
                .words
                .iter()
                .find(|(id, _)| *id == spec.id)
                .map(|(_, items)| (scanner.clone(), items.clone()))
        };
        self.ready_specs()
            .into_iter()
            .zip(independent)
            .map(|(spec, done)| match done {
                Some(rule) => rule,
                None => compile_rule(spec, lexicon.as_ref(), words(spec))
                    .map_err(|e| self.error(Some(&spec.id), e)),
            })
            .collect()
    }

    /// Compile the pack on its own, with a scanner of its own (tests, tools).
    pub fn compile(&self) -> Result<Vec<Box<dyn Rule>>, PackError> {
        let mut builder = Scanner::builder();
        let registered = self.register(&mut builder)?;
        let scanner = Arc::new(builder.build().map_err(|e| self.error(None, e))?);
        self.compile_with(self.compile_independent(), registered, &scanner)
    }
}

/// What a pack added to the shared scanner, until the scanner is built:
/// its lexicon (to attach the scanner to) and, by rule id, the items of
/// each substitution rule's wrong forms.
pub struct Registered {
    lexicon: Option<Lexicon>,
    words: Vec<(String, std::ops::Range<usize>)>,
}

/// Parse and compile one pack as it stands (for tests and tools).
pub fn load(name: &str, text: &str) -> Result<Vec<Box<dyn Rule>>, PackError> {
    Pack::parse(name, text)?.compile()
}

/// The list names of `gwlint.toml` a pack entry can be filled by.
pub const EXTEND_PLACEHOLDERS: &str = "extend-placeholders";
pub const BANNED_PHRASES: &str = "banned-phrases";

/// One entry into a rule. `lexicon`: the pack's residue lexicon; `words`:
/// the pack's shared search over substitution forms and this entry's items.
fn compile_rule(
    spec: &RuleSpec,
    lexicon: Option<&Arc<Lexicon>>,
    words: Option<(Arc<Scanner>, std::ops::Range<usize>)>,
) -> Result<Box<dyn Rule>, CompileError> {
    let group = spec.id.split_once('/').map(|(g, _)| g);
    if !group.is_some_and(|g| GROUPS.contains(&g)) {
        return Err(CompileError::Id(GROUPS.join("、")));
    }
    if let Some(list) = &spec.filled_by
        && ![EXTEND_PLACEHOLDERS, BANNED_PHRASES].contains(&list.as_str())
    {
        return Err(CompileError::value(
            "filled_by",
            format!("未知的配置词表“{list}”"),
        ));
    }
    Ok(match spec.engine {
        Engine::Existence => Box::new(Existence::compile(spec)?),
        Engine::Substitution => {
            let (words, items) = words.ok_or(CompileError::Missing("swap"))?;
            Box::new(Substitution::compile(spec, words, items)?)
        }
        Engine::Required => Box::new(Required::compile(spec)?),
        Engine::Slot => Box::new(Slot::compile(spec)?),
        Engine::Residue => {
            let lexicon = lexicon.cloned().ok_or(CompileError::Missing("[residue]"))?;
            Box::new(Residue::compile(spec, lexicon)?)
        }
    })
}
