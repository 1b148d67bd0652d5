//! Every rule, data or code, proves itself on its own examples: each `bad`
//! example draws at least one finding from the rule, each `good` example
//! none. A rule without both kinds of example fails here.

use gwlint::document::Document;
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
            meta.explanation.contains("来源"),
            "{} explanation cites no source (来源：…)",
            meta.id
        );
    }
}

#[test]
fn bad_examples_are_flagged() {
    let registry = Registry::builtin().unwrap();
    for rule in registry.rules() {
        for example in &rule.meta().bad {
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
        for example in &rule.meta().good {
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

#[test]
fn a_broken_pack_is_an_error_not_a_panic() {
    let unknown_key = "[[rule]]\nid = \"placeholder/x\"\nkind = \"existence\"\nseverity = \"error\"\nsummary = \"s\"\nexplanation = \"e\"\nmessage = \"m\"\npatterns = ['X']\ncolour = 1\n";
    assert!(gwlint::rules::pack::load("t.toml", unknown_key).is_err());
    let bad_regex = unknown_key
        .replace("colour = 1\n", "")
        .replace("['X']", "['(']");
    assert!(gwlint::rules::pack::load("t.toml", &bad_regex).is_err());
    let bad_group = unknown_key
        .replace("colour = 1\n", "")
        .replace("placeholder/x", "misc/x");
    assert!(gwlint::rules::pack::load("t.toml", &bad_group).is_err());
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
