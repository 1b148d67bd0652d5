//! Every rule, data or code, proves itself on its own examples: each `bad`
//! example draws at least one finding from the rule, each `good` example
//! none. A rule without both kinds of example fails here.

use gwlint::document::Document;
use gwlint::rules::pack::CompileError;
use gwlint::rules::{Registry, Rule};
use gwlint::source::{SourceFile, SourceFormat};

fn run(rule: &dyn Rule, text: &str) -> Vec<gwlint::diagnostic::Diagnostic> {
    let file = SourceFile::new("example.txt", text.to_owned(), SourceFormat::PlainText);
    let doc = Document::new(&file);
    let mut out = Vec::new();
    rule.check(&doc, &mut out);
    out
}

#[test]
fn every_rule_has_bad_and_good_examples() {
    let registry = Registry::builtin().expect("built-in packs load");
    for rule in registry.rules() {
        let meta = rule.meta();
        assert!(!meta.bad.is_empty(), "{} has no bad example", meta.id);
        assert!(!meta.good.is_empty(), "{} has no good example", meta.id);
        assert!(
            !meta.explanation.trim().is_empty(),
            "{} has no explanation",
            meta.id
        );
        assert!(
            !meta.source.trim().is_empty()
                && !meta
                    .explanation
                    .lines()
                    .any(|l| l.trim_start().starts_with("来源：")),
            "{} must cite its source in `source`, not in the explanation",
            meta.id
        );
    }
}

#[test]
fn bad_examples_are_flagged() {
    let registry = Registry::builtin().unwrap();
    for rule in registry.rules() {
        for example in rule.meta().bad {
            let found = run(rule, example);
            assert!(
                !found.is_empty(),
                "{} finds nothing in its bad example {example:?}",
                rule.meta().id
            );
            for d in &found {
                assert_eq!(d.rule, rule.meta().id);
                assert!(d.range.end <= example.len() && d.range.start < d.range.end);
                assert!(!d.message.is_empty());
            }
        }
    }
}

#[test]
fn good_examples_are_silent() {
    let registry = Registry::builtin().unwrap();
    for rule in registry.rules() {
        for example in rule.meta().good {
            let found = run(rule, example);
            assert!(
                found.is_empty(),
                "{} flags its good example {example:?}: {found:?}",
                rule.meta().id
            );
        }
    }
}

#[test]
fn rule_ids_are_unique_and_grouped() {
    let registry = Registry::builtin().unwrap();
    let mut ids: Vec<&str> = registry.rules().map(|r| r.meta().id).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate rule ids");
    for id in ids {
        let (group, name) = id.split_once('/').expect("group/name");
        assert!(
            gwlint::rules::GROUPS.contains(&group),
            "{id}: unknown group"
        );
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{id}: name must be kebab-case"
        );
    }
}

/// The error a pack text draws, or `None` when it compiles.
fn pack_error(text: &str) -> Option<CompileError> {
    gwlint::rules::pack::load("t.toml", text)
        .err()
        .map(|e| e.error)
}

#[test]
fn a_broken_pack_is_an_error_not_a_panic() {
    let good = "[[rule]]\nid = \"placeholder/x\"\nengine = \"existence\"\nseverity = \"error\"\nsummary = \"s\"\nexplanation = \"e\"\nsource = \"s\"\nmessage = \"“{match}”\"\npatterns = ['X']\n";
    assert_eq!(pack_error(good), None);
    assert!(matches!(
        pack_error(&format!("{good}colour = 1\n")),
        Some(CompileError::Syntax(_))
    ));
    assert!(matches!(
        pack_error(&good.replace("['X']", "['(']")),
        Some(CompileError::Regex { .. })
    ));
    assert!(matches!(
        pack_error(&good.replace("placeholder/x", "misc/x")),
        Some(CompileError::Id(_))
    ));
}

#[test]
fn a_misspelt_message_placeholder_fails_when_the_pack_loads() {
    let good = "[[rule]]\nid = \"wording/x\"\nengine = \"substitution\"\nseverity = \"error\"\nsummary = \"s\"\nexplanation = \"e\"\nsource = \"s\"\nmessage = \"“{match}”应为“{replacement}”\"\nhelp = \"改为“{replacement}”\"\nswap = [[\"甲\", \"乙\"]]\n";
    assert_eq!(pack_error(good), None);
    let typo = pack_error(&good.replace("{match}", "{mtach}"));
    assert!(
        matches!(&typo, Some(CompileError::Placeholder { field: "message", placeholder, .. }) if placeholder == "mtach"),
        "{typo:?}"
    );
    // The help of a substitution fills only {replacement}.
    let help = pack_error(&good.replace("改为“{replacement}”", "“{match}”"));
    assert!(
        matches!(&help, Some(CompileError::Placeholder { field: "help", .. })),
        "{help:?}"
    );
    // An unclosed brace is no placeholder either.
    assert!(pack_error(&good.replace("{match}”应为", "{match”应为")).is_some());
}

#[test]
fn word_rules_do_not_build_the_dictionary_without_a_candidate() {
    // jieba costs ~75 ms to start: a text with no candidate for any
    // token-using rule must not pay it.
    let registry = Registry::builtin().unwrap();
    let file = SourceFile::new(
        "t.txt",
        "认真贯彻上级部署，全年完成35项任务。".to_owned(),
        SourceFormat::PlainText,
    );
    let doc = Document::new(&file);
    let mut out = Vec::new();
    for rule in registry.rules() {
        rule.check(&doc, &mut out);
    }
    assert!(out.is_empty());
    assert!(!doc.tokens_computed());
    // With a candidate, the tokens are computed and used.
    let file = SourceFile::new(
        "t.txt",
        "坚持以经济建设为中心，以经完成。".to_owned(),
        SourceFormat::PlainText,
    );
    let doc = Document::new(&file);
    let typo = registry.get("wording/typo").unwrap();
    let mut out = Vec::new();
    typo.check(&doc, &mut out);
    assert!(doc.tokens_computed());
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(doc.slice(out[0].range), "以经");
}
