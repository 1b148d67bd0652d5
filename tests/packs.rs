//! The data packs checked as data, the way typos checks its dictionary:
//! every pattern compiles, word lists hold no duplicate, substitution pairs
//! are sorted, never map a form to itself, and never chain (a right form
//! that is another pair's wrong form would make `--fix` rewrite its own
//! fix). A right form that merely holds another wrong form is the business
//! of that pair's guard (`新时代…思想` is wrong only without `习近平`).

use std::collections::{BTreeMap, BTreeSet};

use gwlint::rules::pack::PACKS;
use toml::Value;

/// Keys whose strings are regexes, wherever they stand in a pack.
const REGEX_KEYS: &[&str] = &[
    "patterns",
    "exclude",
    "before",
    "after",
    "unless",
    "brand_source",
];

/// Keys whose arrays are word lists.
const WORD_KEYS: &[&str] = &[
    "words",
    "exceptions",
    "not_before",
    "not_after",
    "toolbar",
    "genres",
    "keywords",
    "units",
    "suffixes",
    "labels",
];

fn packs() -> Vec<(&'static str, Value)> {
    PACKS
        .iter()
        .map(|(name, text)| (*name, toml::from_str(text).expect("pack parses")))
        .collect()
}

/// Every `(path, key, value)` in a TOML tree, depth first.
fn walk<'v>(path: &str, value: &'v Value, out: &mut Vec<(String, String, &'v Value)>) {
    match value {
        Value::Table(table) => {
            for (key, v) in table {
                out.push((path.to_owned(), key.clone(), v));
                walk(&format!("{path}.{key}"), v, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(&format!("{path}[{i}]"), v, out);
            }
        }
        _ => {}
    }
}

fn strings(value: &Value) -> Vec<&str> {
    match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn every_pattern_compiles() {
    let mut checked = 0;
    for (name, pack) in packs() {
        let mut entries = Vec::new();
        walk(name, &pack, &mut entries);
        for (path, key, value) in entries {
            if !REGEX_KEYS.contains(&key.as_str()) {
                continue;
            }
            for pattern in strings(value) {
                // A leading `^` is read by the engines, not by the regex.
                let body = pattern.strip_prefix('^').unwrap_or(pattern);
                regex::Regex::new(body)
                    .unwrap_or_else(|e| panic!("{path}.{key}: {pattern:?}: {e}"));
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} patterns found: walk broken?");
}

#[test]
fn word_lists_hold_no_duplicate_or_empty_word() {
    let mut lists = 0;
    for (name, pack) in packs() {
        let mut entries = Vec::new();
        walk(name, &pack, &mut entries);
        for (path, key, value) in entries {
            if !WORD_KEYS.contains(&key.as_str()) || !value.is_array() {
                continue;
            }
            lists += 1;
            let words = strings(value);
            let mut seen = BTreeSet::new();
            for w in &words {
                assert!(!w.trim().is_empty(), "{path}.{key}: empty word");
                assert!(seen.insert(*w), "{path}.{key}: {w:?} twice");
            }
        }
    }
    assert!(lists > 20, "only {lists} word lists found: walk broken?");
}

/// `(rule id, wrong, right)` of every substitution pair of every pack.
fn swaps() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (_, pack) in packs() {
        for rule in pack
            .get("rule")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let id = rule["id"].as_str().unwrap().to_owned();
            for pair in rule
                .get("swap")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let pair = strings(pair);
                assert_eq!(pair.len(), 2, "{id}: a swap pair is [wrong, right]");
                out.push((id.clone(), pair[0].to_owned(), pair[1].to_owned()));
            }
        }
    }
    out
}

#[test]
fn substitution_pairs_are_sorted_unique_and_never_chain() {
    let swaps = swaps();
    assert!(swaps.len() > 50, "only {} pairs: walk broken?", swaps.len());
    let mut by_rule: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut wrong_forms: BTreeMap<&str, &str> = BTreeMap::new();
    for (id, wrong, right) in &swaps {
        assert_ne!(wrong, right, "{id}: {wrong:?} maps to itself");
        assert!(
            !right.is_empty(),
            "{id}: {wrong:?} has no right form (only a configuration's banned phrase may)"
        );
        by_rule.entry(id).or_default().push(wrong);
        if let Some(other) = wrong_forms.insert(wrong, id) {
            panic!("{wrong:?} is a wrong form in both {other} and {id}");
        }
    }
    for (id, wrong) in &by_rule {
        let mut sorted = wrong.clone();
        sorted.sort();
        assert_eq!(
            wrong, &sorted,
            "{id}: swap pairs must be sorted by the wrong form"
        );
    }
    for (id, wrong, right) in &swaps {
        // A right form that is itself flagged would be rewritten again.
        if let Some(other) = wrong_forms.get(right.as_str()) {
            panic!("{id}: {wrong:?} → {right:?}, which {other} flags as wrong");
        }
    }
}
