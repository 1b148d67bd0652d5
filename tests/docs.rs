//! docs/rules.md is generated from the rules (`gwlint rules --format
//! markdown`); this fails when the committed file is stale. Refresh with
//! `cargo run -- rules --format markdown > docs/rules.md`, or run this test
//! with GWLINT_BLESS=1.

use gwlint::rules::Registry;

#[test]
fn docs_rules_md_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let generated = gwlint::rules::docs::markdown(&Registry::builtin().unwrap());
    if std::env::var_os("GWLINT_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is stale: run `cargo run -- rules --format markdown > docs/rules.md` \
         (or this test with GWLINT_BLESS=1) and commit it"
    );
}

#[test]
fn every_rule_has_a_section_with_its_examples() {
    let registry = Registry::builtin().unwrap();
    let docs = gwlint::rules::docs::markdown(&registry);
    for rule in registry.rules() {
        let meta = rule.meta();
        let heading = format!("### `{}`", meta.id);
        let at = docs
            .find(&heading)
            .unwrap_or_else(|| panic!("no section for {}", meta.id));
        let section = &docs[at..];
        let section = &section[..section[heading.len()..]
            .find("\n### ")
            .map_or(section.len(), |i| i + heading.len())];
        assert!(
            section.contains("**为什么：**") && section.contains("**修复：**"),
            "{section}"
        );
        if let Some(bad) = meta.bad.first() {
            assert!(
                section.contains(bad.trim_end()),
                "{} lacks its bad example",
                meta.id
            );
        }
    }
}
