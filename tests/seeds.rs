//! What a reader finds in the five real documents in ../shared/seeds.
//! The expected slot positions come from an independent character scan
//! written here, not from gwlint's own patterns.

mod common;

use std::path::PathBuf;

use gwlint::diagnostic::Diagnostic;
use gwlint::rules::Registry;
use gwlint::source::SourceFile;

fn seed_path(prefix: &str) -> PathBuf {
    let dir = common::shared("seeds");
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"))
}

/// A seed read and linted the way `gwlint check --no-config` does it.
fn lint_seed(prefix: &str) -> (SourceFile, Vec<Diagnostic>) {
    let path = seed_path(prefix);
    let registry = Registry::builtin().unwrap();
    let checked = gwlint::session::check_paths(&registry, &[&path]).unwrap();
    checked
        .into_iter()
        .next()
        .unwrap()
        .result
        .unwrap_or_else(|e| panic!("{e}"))
}

/// (line, column) of each finding of rules in `group`.
fn positions(file: &SourceFile, found: &[Diagnostic], group: &str) -> Vec<(usize, usize, String)> {
    found
        .iter()
        .filter(|d| d.rule.starts_with(group))
        .map(|d| {
            let lc = file.line_col(d.range.start);
            (
                lc.line,
                lc.column,
                file.text[d.range.start..d.range.end].to_owned(),
            )
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
        assert_eq!(
            positions(&file, &found, "contamination/"),
            vec![],
            "seed {prefix}"
        );
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
    assert!(
        got.contains(&(10, 44, "##paidbegin##".to_owned())),
        "{got:?}"
    );
    assert!(got.contains(&(33, 1, "##paidend##".to_owned())));
    // The brand injected into a sentence of line 22.
    let brand = found
        .iter()
        .find(|d| d.rule == "contamination/injected-brand")
        .expect("brand finding");
    assert_eq!(&file.text[brand.range.start..brand.range.end], "哒哒君");
    assert_eq!(file.line_col(brand.range.start).line, 22);
    // Each advert line is one finding spanning the line.
    for line in [24, 27, 28, 29, 30] {
        let d = found
            .iter()
            .find(|d| {
                d.rule.starts_with("contamination/ad") && file.line_col(d.range.start).line == line
            })
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
    let mut fixes: Vec<_> = found
        .iter()
        .filter(|d| d.rule.starts_with("contamination/"))
        .filter_map(|d| d.fix.clone())
        .collect();
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

/// (line, text) of each finding of `rule`.
fn hits(file: &SourceFile, found: &[Diagnostic], rule: &str) -> Vec<(usize, String)> {
    found
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| {
            (
                file.line_col(d.range.start).line,
                file.text[d.range.start..d.range.end].to_owned(),
            )
        })
        .collect()
}

#[test]
fn well_formed_seeds_have_no_numbering_finding() {
    for prefix in ["000", "001", "002", "003"] {
        let (file, found) = lint_seed(prefix);
        assert_eq!(
            positions(&file, &found, "numbering/"),
            vec![],
            "seed {prefix}"
        );
        assert_eq!(positions(&file, &found, "layout/"), vec![], "seed {prefix}");
    }
}

#[test]
fn seed_004_broken_series_and_run_in_headings() {
    let (file, found) = lint_seed("004");
    // 三是 with no 一是/二是 before it in its (hard-wrapped) paragraph.
    assert_eq!(
        hits(&file, &found, "numbering/series-start"),
        vec![(50, "三是".to_owned())]
    );
    // 一是…二要 under （三）, and 一要…二要…三是 under 第二.
    assert_eq!(
        hits(&file, &found, "numbering/mixed-family"),
        vec![(19, "二要".to_owned()), (22, "三是".to_owned())]
    );
    let line19 = file.text.split('\n').nth(18).unwrap();
    assert!(line19.starts_with("(三)大力加强督促检查"));
    let line22 = file.text.split('\n').nth(21).unwrap();
    assert!(line22.starts_with("第二,进一步转变作风"));
    // 二、 and 三、 run into the middle of lines, after 是通才。 and 多协商办事。
    let run_in = hits(&file, &found, "layout/run-in-heading");
    for (marker, after) in [("二、", "在综合能力方面是通才。"), ("三、", "多协商办事。")]
    {
        let d = found
            .iter()
            .find(|d| {
                d.rule == "layout/run-in-heading" && file.text[..d.range.start].ends_with(after)
            })
            .unwrap_or_else(|| panic!("{marker} after {after} not found: {run_in:?}"));
        assert_eq!(&file.text[d.range.start..d.range.end], marker);
    }
    // Half-width (一) headings: one finding per heading, each with its fix.
    let halfwidth: Vec<_> = found
        .iter()
        .filter(|d| d.rule == "numbering/halfwidth-marker")
        .collect();
    assert!(halfwidth.len() >= 10);
    for d in halfwidth {
        let shown = &file.text[d.range.start..d.range.end];
        let fix = d.fix.as_ref().unwrap();
        assert_eq!(fix.replacement, shown.replace('(', "（").replace(')', "）"));
    }
}

#[test]
fn seed_004_is_two_speeches() {
    let (file, found) = lint_seed("004");
    // The second speech starts after the 扩展阅读 line, at its title.
    assert_eq!(
        hits(&file, &found, "structure/concatenated-document"),
        vec![(26, "忠诚服务创先争优推动办公室工作再上新台阶".to_owned())]
    );
    // Its title ends in 讲话: a speech, though 工作总结 is in the title.
    assert_eq!(hits(&file, &found, "structure/missing-section"), vec![]);
}

#[test]
fn missing_sections_by_document_kind() {
    // 003 is a 工作总结 with no 存在问题/不足 part at all.
    let (file, found) = lint_seed("003");
    let missing: Vec<_> = found
        .iter()
        .filter(|d| d.rule == "structure/missing-section")
        .collect();
    assert_eq!(missing.len(), 1);
    assert!(missing[0].message.contains("存在问题"));
    assert_eq!(file.line_col(missing[0].range.start).line, 1);
    // 000 has 四、工作中存在的不足和问题; 001 a paragraph opening 总结2018年的工作
    // that goes on to 存在一些不足; 002 is a 交流材料.
    for prefix in ["000", "001", "002"] {
        let (file, found) = lint_seed(prefix);
        assert_eq!(
            hits(&file, &found, "structure/missing-section"),
            vec![],
            "seed {prefix}"
        );
    }
}
