//! Per-rule fixtures, as ruff keeps them: `tests/fixtures/<group>/<name>/`
//! holds drafts written for that one rule.
//!
//! - `dirty*.txt` / `dirty*.md`: must draw at least one finding of the rule;
//!   what the rule says (position, severity, message, help, fix safety) and
//!   what `--fix --unsafe-fixes` would change are kept in `<stem>.snap`
//!   beside it (insta). Each branch of the rule's logic has a line here.
//! - `clean*.txt` / `clean*.md`: near misses the rule must leave alone.
//! - `gwlint.toml` (optional): the configuration the drafts are checked
//!   with, for rules that a configuration creates or feeds. Drafts whose
//!   name ends in `-configured` take `configured.toml` instead, so one
//!   rule can be shown with and without an organisation's words.
//!
//! Every rule has a directory and every directory names a rule. Only the
//! rule itself runs (`--select ID`), through the same session as `gwlint
//! check`. Bless new or changed snapshots with
//! `INSTA_UPDATE=always cargo test --test fixtures`, then read the diff.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use gwlint::config;
use gwlint::rules::Registry;
use gwlint::session::{CheckOptions, Session};

const FIXTURES: &str = "tests/fixtures";

/// Rules that exist only when a configuration gives them words.
const CONFIGURED_RULES: &[&str] = &["placeholder/custom", "wording/banned-phrase"];

fn rule_ids(registry: &Registry) -> Vec<String> {
    let mut ids: Vec<String> = registry.rules().map(|r| r.meta().id.to_owned()).collect();
    ids.extend(CONFIGURED_RULES.iter().map(|s| (*s).to_owned()));
    ids.sort();
    ids
}

/// The drafts of one fixture directory, by kind, in name order.
fn drafts(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(prefix) && (name.ends_with(".txt") || name.ends_with(".md"))
        })
        .collect();
    found.sort();
    found
}

/// One run of one rule over one draft: the findings as a readable report
/// and the diff of what the fixes would write.
fn run(registry: &Registry, rule: &str, draft: &Path) -> (usize, String) {
    let stem = draft.file_stem().unwrap().to_string_lossy();
    let config_file = draft.with_file_name(if stem.ends_with("-configured") {
        "configured.toml"
    } else {
        "gwlint.toml"
    });
    let options = CheckOptions {
        paths: vec![draft.display().to_string()],
        config: if config_file.exists() {
            config::Source::File(config_file)
        } else {
            config::Source::Defaults
        },
        select: vec![rule.to_owned()],
        diff: true,
        unsafe_fixes: true,
        ..CheckOptions::default()
    };
    let mut report = String::new();
    let mut count = 0;
    Session::new(registry, options)
        .unwrap_or_else(|e| panic!("{}: {e}", draft.display()))
        .run(|checked| {
            let (file, diagnostics) = checked
                .result
                .unwrap_or_else(|e| panic!("{}: {e}", draft.display()));
            count = diagnostics.len();
            for d in &diagnostics {
                let at = file.line_col(d.range.start);
                let _ = writeln!(
                    report,
                    "{}:{} {} “{}” {}",
                    at.line,
                    at.column,
                    d.severity,
                    &file.text[d.range.start..d.range.end].escape_debug(),
                    d.message
                );
                if let Some(help) = &d.help {
                    let _ = writeln!(report, "    help: {help}");
                }
                if let Some(fix) = &d.fix {
                    let _ = writeln!(
                        report,
                        "    fix ({:?}): “{}”",
                        fix.applicability,
                        fix.replacement.escape_debug()
                    );
                }
            }
            if let Some(e) = checked.fix_error {
                let _ = writeln!(report, "\nfix refused: {e}");
            }
            if let Some(diff) = checked.diff {
                report.push_str("\n--- --fix --unsafe-fixes ---\n");
                report.push_str(&diff);
            }
            Ok(())
        })
        .unwrap();
    (count, report)
}

#[test]
fn every_rule_has_fixtures_and_every_fixture_a_rule() {
    let registry = Registry::builtin().unwrap();
    let ids = rule_ids(&registry);
    let missing: Vec<&String> = ids
        .iter()
        .filter(|id| drafts(&Path::new(FIXTURES).join(id), "dirty").is_empty())
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a dirty fixture: {missing:?}"
    );
    for group in std::fs::read_dir(FIXTURES).unwrap() {
        let group = group.unwrap().path();
        for rule in std::fs::read_dir(&group).unwrap() {
            let rule = rule.unwrap().path();
            let id = format!(
                "{}/{}",
                group.file_name().unwrap().to_string_lossy(),
                rule.file_name().unwrap().to_string_lossy()
            );
            assert!(ids.contains(&id), "{} names no rule", rule.display());
        }
    }
}

#[test]
fn each_rule_finds_its_dirty_drafts_and_leaves_its_clean_ones() {
    let registry = Registry::builtin().unwrap();
    let mut failures = Vec::new();
    for id in rule_ids(&registry) {
        let dir = Path::new(FIXTURES).join(&id);
        if !dir.is_dir() {
            continue; // reported by the test above
        }
        for draft in drafts(&dir, "clean") {
            let (count, report) = run(&registry, &id, &draft);
            if count > 0 {
                failures.push(format!(
                    "{}: {id} must find nothing:\n{report}",
                    draft.display()
                ));
            }
        }
        for draft in drafts(&dir, "dirty") {
            let (count, report) = run(&registry, &id, &draft);
            if count == 0 {
                failures.push(format!("{}: {id} found nothing", draft.display()));
                continue;
            }
            let stem = draft.file_stem().unwrap().to_string_lossy().into_owned();
            let mut settings = insta::Settings::clone_current();
            settings.set_snapshot_path(Path::new("fixtures").join(&id));
            settings.set_prepend_module_to_snapshot(false);
            settings.set_input_file(&draft);
            settings.set_omit_expression(true);
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                settings.bind(|| insta::assert_snapshot!(stem.as_str(), report));
            }));
            if outcome.is_err() {
                failures.push(format!("{}: snapshot differs", draft.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
