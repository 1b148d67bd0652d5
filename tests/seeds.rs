//! What a reader finds in the five real documents in ../shared/seeds.
//! The expected slot positions come from an independent character scan
//! written here, not from gwlint's own patterns.

use std::path::PathBuf;

use gwlint::diagnostic::Diagnostic;
use gwlint::linter::{Linter, RuleSettings};
use gwlint::rules::Registry;
use gwlint::source::{SourceFile, SourceFormat};

fn seed_path(prefix: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{} must exist beside the checkout: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"))
}

fn lint_seed(prefix: &str) -> (SourceFile, Vec<Diagnostic>) {
    let path = seed_path(prefix);
    let text = std::fs::read_to_string(&path).unwrap();
    let file = SourceFile::new(path.display().to_string(), text, SourceFormat::PlainText);
    let registry = Registry::builtin().unwrap();
    let found = Linter::new(&registry, RuleSettings::default()).check(&file);
    (file, found)
}

/// (line, column) of each finding of rules in `group`.
fn positions(file: &SourceFile, found: &[Diagnostic], group: &str) -> Vec<(usize, usize, String)> {
    found
        .iter()
        .filter(|d| d.rule.starts_with(group))
        .map(|d| {
            let lc = file.line_col(d.range.start);
            (lc.line, lc.column, file.text[d.range.start..d.range.end].to_owned())
        })
        .collect()
}

/// Independent oracle: runs of X/x (1–3) with no ASCII letter or digit on
/// either side, plus `201*` years. Returns (line, column, text).
fn expected_slots(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (li, line) in text.split('\n').enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == 'X' || c == 'x' {
                let mut j = i;
                while j < chars.len() && (chars[j] == 'X' || chars[j] == 'x') {
                    j += 1;
                }
                let before = if i > 0 { Some(chars[i - 1]) } else { None };
                let after = chars.get(j).copied();
                let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                if j - i <= 3 && !latin(before) && !latin(after) {
                    out.push((li + 1, i + 1, chars[i..j].iter().collect()));
                }
                i = j;
            } else if c == '2' && chars[i..].starts_with(&['2', '0', '1', '*']) {
                out.push((li + 1, i + 1, "201*".to_owned()));
                i += 4;
            } else {
                i += 1;
            }
        }
    }
    out
}

#[test]
fn every_slot_in_every_seed_is_one_finding_at_its_column() {
    let mut total = 0;
    for prefix in ["000", "001", "002", "003", "004"] {
        let (file, found) = lint_seed(prefix);
        let got = positions(&file, &found, "placeholder/");
        let want = expected_slots(&file.text);
        assert_eq!(got, want, "seed {prefix}");
        total += want.len();
    }
    // About 130 slots across the five seeds (119 X/x slots + 12 years).
    assert!((120..=140).contains(&total), "{total} slots");
}

#[test]
fn clean_seeds_have_no_contamination() {
    for prefix in ["000", "001", "002"] {
        let (file, found) = lint_seed(prefix);
        assert_eq!(positions(&file, &found, "contamination/"), vec![], "seed {prefix}");
    }
}

#[test]
fn seed_003_paid_markers_ads_and_injected_brand() {
    let (file, found) = lint_seed("003");
    let got = positions(&file, &found, "contamination/");
    let rules: Vec<(usize, &str)> = found
        .iter()
        .filter(|d| d.rule.starts_with("contamination/"))
        .map(|d| (file.line_col(d.range.start).line, d.rule))
        .collect();
    // The marker in the middle of a sentence spans only itself.
    assert!(got.contains(&(10, 44, "##paidbegin##".to_owned())), "{got:?}");
    assert!(got.contains(&(33, 1, "##paidend##".to_owned())));
    // The brand injected into a sentence of line 22.
    let brand = found.iter().find(|d| d.rule == "contamination/injected-brand").expect("brand finding");
    assert_eq!(&file.text[brand.range.start..brand.range.end], "哒哒君");
    assert_eq!(file.line_col(brand.range.start).line, 22);
    // Each advert line is one finding spanning the line.
    for line in [24, 27, 28, 29, 30] {
        let d = found
            .iter()
            .find(|d| d.rule.starts_with("contamination/ad") && file.line_col(d.range.start).line == line)
            .unwrap_or_else(|| panic!("ad line {line} not found: {rules:?}"));
        let (start, end) = file.line_index.line_range(line - 1, &file.text);
        assert_eq!((d.range.start, d.range.end), (start, end));
        assert_eq!(d.fix.as_ref().unwrap().replacement, "");
    }
    // Nothing else: the body's own words are not adverts.
    assert_eq!(rules.len(), 8, "{rules:?}");
}

#[test]
fn seed_004_footers_and_url() {
    let (file, found) = lint_seed("004");
    let lines: Vec<(usize, &str)> = found
        .iter()
        .filter(|d| d.rule.starts_with("contamination/"))
        .map(|d| (file.line_col(d.range.start).line, d.rule))
        .collect();
    assert_eq!(
        lines,
        vec![
            (25, "contamination/site-footer"),
            (68, "contamination/site-footer"),
            (69, "contamination/site-footer"),
            (71, "contamination/site-footer"),
            (72, "contamination/url"),
        ]
    );
}

#[test]
fn deleting_the_contamination_leaves_the_body_intact() {
    let (file, found) = lint_seed("003");
    let mut fixes: Vec<_> = found.iter().filter(|d| d.rule.starts_with("contamination/")).filter_map(|d| d.fix.clone()).collect();
    fixes.sort_by_key(|f| std::cmp::Reverse(f.range.start));
    let mut text = file.text.clone();
    for f in fixes {
        text.replace_range(f.range.start..f.range.end, &f.replacement);
    }
    assert!(!text.contains("哒哒"));
    assert!(!text.contains("##paid"));
    assert!(text.contains("着重加强拟办意见等重点环节的把关和审核"));
    assert!(text.contains("不断提升综合的政治性"));
}
