//! placeholder/custom, wording/banned-phrase, contamination/custom-brand
//!
//! ## What it does
//! Flags the words an organisation lists in its `gwlint.toml`: its own
//! template slot words (`extend-placeholders`), phrases its style guide
//! bans (`banned-phrases`, optionally with the phrase to use instead), and
//! brand names of template sites it has met (`brands`).
//!
//! ## Why is this bad?
//! Each office has its own templates and house style; the built-in lists
//! cannot know them. These rules exist only when a configuration gives
//! them words, so `Registry::builtin()` does not hold them.
//!
//! ## Example
//! ```toml
//! extend-placeholders = ["某某单位"]
//! banned-phrases = ["综上所述", { phrase = "抓手", replacement = "着力点" }]
//! brands = ["哒哒范文"]
//! ```

use aho_corasick::{AhoCorasick, MatchKind};

use crate::diagnostic::{Diagnostic, Fix, Severity, TextRange};
use crate::document::Document;
use crate::rules::{Rule, RuleMeta, delete_fix};

/// The ids of the rules built from configured words, known to the
/// configuration's validation whether or not a list is given.
pub const RULE_IDS: &[&str] = &[PLACEHOLDER_ID, BANNED_PHRASE_ID, BRAND_ID];
pub const PLACEHOLDER_ID: &str = "placeholder/custom";
pub const BANNED_PHRASE_ID: &str = "wording/banned-phrase";
pub const BRAND_ID: &str = "contamination/custom-brand";

/// The organisation's word lists, as read from the configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgWords {
    pub placeholders: Vec<String>,
    /// A banned phrase and, when the style guide names one, what to write instead.
    pub banned_phrases: Vec<(String, Option<String>)>,
    pub brands: Vec<String>,
}

impl OrgWords {
    /// One rule per non-empty list.
    pub fn rules(&self) -> Vec<Box<dyn Rule>> {
        let mut rules: Vec<Box<dyn Rule>> = Vec::new();
        let plain = |words: &[String]| words.iter().map(|w| (w.clone(), None)).collect::<Vec<_>>();
        for (list, kind) in [
            (plain(&self.placeholders), ListKind::Placeholder),
            (self.banned_phrases.clone(), ListKind::BannedPhrase),
            (plain(&self.brands), ListKind::Brand),
        ] {
            if let Some(rule) = WordList::new(kind, list) {
                rules.push(Box::new(rule));
            }
        }
        rules
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Placeholder,
    BannedPhrase,
    Brand,
}

impl ListKind {
    fn meta(self, example: &str) -> RuleMeta {
        let (id, default_severity, summary, explanation) = match self {
            ListKind::Placeholder => (
                PLACEHOLDER_ID,
                Severity::Error,
                "本单位配置的模板占位词未替换",
                "gwlint.toml 的 extend-placeholders 列出本单位模板里的占位词；稿件交出时不应还留着它们。\n来源：本单位配置（gwlint.toml）。",
            ),
            ListKind::BannedPhrase => (
                BANNED_PHRASE_ID,
                Severity::Warning,
                "本单位文风规定不用的说法",
                "gwlint.toml 的 banned-phrases 列出本单位文风规定不用的说法，可附建议的替换说法。\n来源：本单位配置（gwlint.toml）。",
            ),
            ListKind::Brand => (
                BRAND_ID,
                Severity::Error,
                "正文中出现本单位配置的模板网站品牌词",
                "gwlint.toml 的 brands 列出已知的模板网站品牌名；它们出现在正文中，说明稿件夹带了网站暗记。\n来源：本单位配置（gwlint.toml）。",
            ),
        };
        RuleMeta {
            id,
            default_severity,
            summary,
            explanation,
            bad: vec![super::pack::leak(format!("稿件中出现{example}。"))],
            good: vec!["全年起草综合性材料35篇。"],
            fixable: self != ListKind::Placeholder,
        }
    }

    fn message(self, word: &str) -> String {
        match self {
            ListKind::Placeholder => format!("占位词“{word}”未替换为实际内容"),
            ListKind::BannedPhrase => format!("本单位规定不用“{word}”"),
            ListKind::Brand => format!("正文中出现模板网站的品牌词“{word}”"),
        }
    }
}

pub struct WordList {
    kind: ListKind,
    meta: RuleMeta,
    automaton: AhoCorasick,
    words: Vec<(String, Option<String>)>,
}

impl WordList {
    fn new(kind: ListKind, mut words: Vec<(String, Option<String>)>) -> Option<Self> {
        words.retain(|(w, _)| !w.trim().is_empty());
        let first = words.first()?.0.clone();
        // Leftmost-longest: `某某单位` wins over `某某` at the same place.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(words.iter().map(|(w, _)| w.as_str()))
            .ok()?;
        Some(Self {
            kind,
            meta: kind.meta(&first),
            automaton,
            words,
        })
    }
}

impl Rule for WordList {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        for found in self.automaton.find_iter(doc.text()) {
            let range = TextRange::new(found.start(), found.end());
            let (word, replacement) = &self.words[found.pattern().as_usize()];
            let mut d = self.meta.diagnostic(range, self.kind.message(word));
            match (self.kind, replacement) {
                (ListKind::Placeholder, _) => {
                    d.help = Some("填入实际内容，或删去这一处".to_owned())
                }
                (ListKind::BannedPhrase, Some(better)) => {
                    d.help = Some(format!("改为“{better}”"));
                    d.fix = Some(Fix::safe_replace(range, better.clone()));
                }
                (ListKind::BannedPhrase, None) => d.help = Some("换一种说法，或删去".to_owned()),
                (ListKind::Brand, _) => {
                    d.help = Some(format!("删去“{word}”，并检查这句话是否通顺"));
                    d.fix = Some(delete_fix(doc, range));
                }
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceFile, SourceFormat};

    fn run(words: &OrgWords, text: &str) -> Vec<Diagnostic> {
        let file = SourceFile::new("t.txt", text.to_owned(), SourceFormat::PlainText);
        let doc = Document::new(&file);
        let mut out = Vec::new();
        for rule in words.rules() {
            rule.check(&doc, &mut out);
        }
        out
    }

    #[test]
    fn each_list_is_a_rule_and_empty_lists_are_none() {
        assert!(OrgWords::default().rules().is_empty());
        let words = OrgWords {
            placeholders: vec!["某某单位".into()],
            banned_phrases: vec![
                ("抓手".into(), Some("着力点".into())),
                ("综上所述".into(), None),
            ],
            brands: vec!["哒哒范文".into()],
        };
        let found = run(&words, "某某单位以此为抓手。综上所述，哒哒范文。");
        let rules: Vec<&str> = found.iter().map(|d| d.rule).collect();
        assert_eq!(
            rules,
            [PLACEHOLDER_ID, BANNED_PHRASE_ID, BANNED_PHRASE_ID, BRAND_ID]
        );
        assert_eq!(found[1].fix.as_ref().unwrap().replacement, "着力点");
        assert!(found[2].fix.is_none());
        // Each rule's own examples hold.
        for rule in words.rules() {
            assert!(
                !run_one(rule.as_ref(), rule.meta().bad[0]).is_empty(),
                "{}",
                rule.meta().id
            );
            assert!(
                run_one(rule.as_ref(), rule.meta().good[0]).is_empty(),
                "{}",
                rule.meta().id
            );
        }
    }

    fn run_one(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
        let file = SourceFile::new("t.txt", text.to_owned(), SourceFormat::PlainText);
        let doc = Document::new(&file);
        let mut out = Vec::new();
        rule.check(&doc, &mut out);
        out
    }
}
