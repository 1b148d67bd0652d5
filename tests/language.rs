//! The language groups (wording, punctuation, number, layout) on real text:
//! every finding they make in the five seeds, every warning they make in the
//! dev set, and every warning they make in the published documents of
//! ../shared/cleandocs are listed in `tests/expected/language-*.txt`, each
//! read and judged by a person. A change in what these rules find shows up
//! as a diff of those files; `UPDATE_EXPECT=1 cargo test --test language`
//! rewrites them for review.
//!
//! Also here: the defects issue 11 names in the seeds, fixes that converge
//! and remove what they fix, and the `--diff`, `--unsafe-fixes` and `--year`
//! flags.

mod common;
use common::*;

use std::path::{Path, PathBuf};

use gwlint::diagnostic::{Applicability, Diagnostic, Severity};
use gwlint::linter::{Linter, RuleSettings};
use gwlint::rules::Registry;
use gwlint::source::SourceFile;

const LANGUAGE_GROUPS: &[&str] = &["wording", "punctuation", "number", "layout"];

fn is_language(d: &Diagnostic) -> bool {
    LANGUAGE_GROUPS.contains(&d.rule.split('/').next().unwrap_or_default())
}

/// Lint a file the way `gwlint check` reads it (Markdown masked, format by
/// extension).
fn lint(registry: &Registry, path: &Path) -> (SourceFile, Vec<Diagnostic>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.display().to_string();
    gwlint::check_bytes(registry, &name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == ext)
                && path.file_name().is_some_and(|n| n != "README.md")
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// One line per finding: `FILE LINE:COL RULE «TEXT»` (text cut short).
fn describe(name: &str, file: &SourceFile, d: &Diagnostic) -> String {
    let lc = file.line_col(d.range.start);
    let text: String = file.text[d.range.start..d.range.end]
        .chars()
        .take(16)
        .collect::<String>()
        .replace(['\n', '\r'], "⏎");
    format!("{name} {}:{} {} «{text}»", lc.line, lc.column, d.rule)
}

/// Compare `got` with the expected file (comments `#` and blank lines
/// ignored), or rewrite it under `UPDATE_EXPECT=1`, keeping its header.
fn check_expected(file: &str, got: &[String]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expected")
        .join(file);
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let header: String = old
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        let body: String = got.iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(&path, header + &body).unwrap();
        return;
    }
    let want: Vec<&str> = old
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect();
    let got: Vec<&str> = got.iter().map(String::as_str).collect();
    let missing: Vec<&&str> = want.iter().filter(|l| !got.contains(l)).collect();
    let extra: Vec<&&str> = got.iter().filter(|l| !want.contains(l)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{file}: findings changed (UPDATE_EXPECT=1 rewrites the file for review)\nmissing: {missing:#?}\nnew: {extra:#?}"
    );
    assert_eq!(want, got, "{file}: same findings, different order");
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// The language findings at or above `min` of every `ext` file under `dir`,
/// described one per line, and the number of characters read. `short`
/// names a file by its first three characters (the seeds' numbers).
fn language_findings(dir: &Path, ext: &str, min: Severity, short: bool) -> (Vec<String>, usize) {
    let registry = Registry::builtin().unwrap();
    let mut got = Vec::new();
    let mut chars = 0;
    for path in files(dir, ext) {
        let (file, found) = lint(&registry, &path);
        chars += file.text.chars().count();
        let name = file_name(&path);
        let name: String = if short {
            name.chars().take(3).collect()
        } else {
            name
        };
        got.extend(
            found
                .iter()
                .filter(|d| is_language(d) && d.severity >= min)
                .map(|d| describe(&name, &file, d)),
        );
    }
    (got, chars)
}

#[test]
fn seeds_every_language_finding() {
    let (got, _) = language_findings(&shared("seeds"), "txt", Severity::Info, true);
    check_expected("language-seeds.txt", &got);
}

#[test]
fn devset_language_warnings() {
    let (got, _) = language_findings(&shared("devset/docs"), "txt", Severity::Warning, false);
    check_expected("language-devset.txt", &got);
}

#[test]
fn cleandocs_language_warnings_are_few_and_true() {
    let (got, chars) = language_findings(&shared("cleandocs"), "md", Severity::Warning, false);
    assert!(chars > 1_000_000, "{chars} characters");
    check_expected("language-cleandocs.txt", &got);
    // Every one of them is a real defect of the published text (see the
    // file's header); this keeps the count itself in check too.
    let per_100k = got.len() as f64 * 100_000.0 / chars as f64;
    assert!(per_100k <= 3.0, "{per_100k:.2} per 100,000 characters");
}

#[test]
fn the_seed_defects_issue_11_names_are_found() {
    let registry = Registry::builtin().unwrap();
    let seed = |prefix: &str| {
        let path = files(&shared("seeds"), "txt")
            .into_iter()
            .find(|p| file_name(p).starts_with(prefix))
            .unwrap();
        lint(&registry, &path)
    };
    let has = |(file, found): &(SourceFile, Vec<Diagnostic>), rule: &str, text: &str| {
        found
            .iter()
            .any(|d| d.rule == rule && file.text[d.range.start..d.range.end].contains(text))
    };
    assert!(has(&seed("003"), "wording/typo", "攥写"));
    assert!(has(&seed("001"), "wording/typo", "文搞"));
    assert!(has(
        &seed("000"),
        "wording/political-name",
        "习近平中国特色社会主义思想"
    ));
    let s004 = seed("004");
    assert!(has(&s004, "punctuation/halfwidth", ","));
    assert!(has(&s004, "punctuation/halfwidth", ":"));
    assert!(has(&s004, "number/approx-redundant", "近200多"));
    // The line broken inside 作风建设.
    let (file, found) = &s004;
    let broken = found
        .iter()
        .find(|d| d.rule == "layout/broken-line" && file.text[..d.range.start].ends_with("作风建"))
        .expect("the break inside 作风建设");
    assert!(file.text[broken.range.end..].starts_with("设年活动"));
    assert_eq!(
        broken.fix.as_ref().unwrap().applicability,
        Applicability::Safe
    );
    // Written half-width throughout, yet one finding per paragraph at most.
    let halfwidth = found
        .iter()
        .filter(|d| d.rule == "punctuation/halfwidth")
        .count();
    assert!(halfwidth <= file.text.lines().count(), "{halfwidth}");
}

/// Fix `file` with the fixes `allowed` permits, then lint the result: the
/// fix loop must have stopped on its own (nothing it may still fix), every
/// guard must hold, and what was fixed must be gone.
fn assert_fixes_converge(
    registry: &Registry,
    name: &str,
    file: &SourceFile,
    allowed: Applicability,
) {
    let linter = Linter::new(registry, RuleSettings::default());
    let found = linter.check(file);
    let (fixed, _, composition, applied, verdict) =
        gwlint::fix::fix_text(&linter, file, &found, allowed);
    // A draft that is mostly residue is refused by the last guard (more
    // than half would go): nothing is written, which is what must happen.
    if let Err(gwlint::fix::FixError::TooMuchDeleted { .. }) = verdict {
        return;
    }
    assert_eq!(verdict, Ok(()), "{name}");
    let again = linter.check(&fixed);
    let left: Vec<String> = again
        .iter()
        .filter(|d| {
            d.fix.as_ref().is_some_and(|f| {
                f.applicability <= allowed
                    && gwlint::fix::fix_scope(&fixed.text, d.range).contains_range(f.range)
            })
        })
        .map(|d| describe(name, &fixed, d))
        .collect();
    assert!(
        left.is_empty(),
        "{name}: still fixable after fixing ({applied} applied): {left:#?}"
    );
    // What a fix was for is not found again, word for word, where it was.
    for d in found
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability <= allowed))
    {
        let text = &file.text[d.range.start..d.range.end];
        let same = again.iter().any(|a| {
            a.rule == d.rule
                && composition.to_original(a.range.start) == d.range.start
                && &fixed.text[a.range.start..a.range.end] == text
        });
        assert!(!same, "{name}: {} “{text}” survives its fix", d.rule);
    }
}

#[test]
fn fixes_converge_and_remove_what_they_fix() {
    let registry = Registry::builtin().unwrap();
    let mut paths = files(&shared("seeds"), "txt");
    paths.extend(files(&shared("devset/docs"), "txt"));
    paths.extend(files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/dirty"),
        "txt",
    ));
    for path in paths {
        let (file, _) = lint(&registry, &path);
        let name = file_name(&path);
        assert_fixes_converge(&registry, &name, &file, Applicability::Safe);
        assert_fixes_converge(&registry, &name, &file, Applicability::Unsafe);
    }
}

#[test]
fn a_half_width_draft_is_fixed_in_one_go() {
    let registry = Registry::builtin().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/dirty/302-jianghua-banjiao.txt");
    let (file, found) = lint(&registry, &path);
    let linter = Linter::new(&registry, RuleSettings::default());
    let (fixed, left, _, _, verdict) =
        gwlint::fix::fix_text(&linter, &file, &found, Applicability::Safe);
    assert_eq!(verdict, Ok(()));
    assert!(
        left.iter().all(|d| d.rule != "punctuation/halfwidth"),
        "{left:?}"
    );
    assert!(
        !fixed.text.contains([',', ':', ';', '!', '(', ')']),
        "{}",
        fixed.text
    );
    // Only marks changed: the same characters, punctuation aside.
    let letters = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric() || gwlint::document::chars::is_han(*c))
            .collect()
    };
    assert_eq!(letters(&file.text), letters(&fixed.text));
}

#[test]
fn diff_shows_what_fix_would_write_and_writes_nothing() {
    let dir = temp_dir("language-diff");
    let draft = "2024年工作总结\n全年攥写文稿86篇,修订制度12项。\n";
    write(&dir, "a.txt", draft);
    let out = gwlint_in(&dir, &["check", "--diff", "a.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n 2024年工作总结\n-全年攥写文稿86篇,修订制度12项。\n+全年撰写文稿86篇，修订制度12项。\n"
    );
    assert_eq!(std::fs::read_to_string(dir.join("a.txt")).unwrap(), draft);
    // Nothing to fix: no diff, exit 0.
    write(&dir, "b.txt", "全年撰写文稿86篇。\n");
    let out = gwlint_in(&dir, &["check", "--diff", "b.txt"]);
    assert_eq!((out.status.code(), stdout(&out).as_str()), (Some(0), ""));
}

#[test]
fn unsafe_fixes_only_on_request() {
    let dir = temp_dir("language-unsafe");
    let draft = "牢固树立大局意识、政治意识、核心意识、看齐意识。\n";
    write(&dir, "a.txt", draft);
    let out = gwlint_in(&dir, &["check", "--fix", "--fail-on", "never", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(dir.join("a.txt")).unwrap(), draft);
    let out = gwlint_in(
        &dir,
        &[
            "check",
            "--fix",
            "--unsafe-fixes",
            "--fail-on",
            "never",
            "a.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("a.txt")).unwrap(),
        "牢固树立政治意识、大局意识、核心意识、看齐意识。\n"
    );
}

#[test]
fn year_flag_makes_an_undated_document_date_aware() {
    let dir = temp_dir("language-year");
    write(
        &dir,
        "a.txt",
        "关于加强学习的通知\n各单位要深入学习贯彻党的十九大精神。\n",
    );
    let rules = |args: &[&str]| short_rules(&gwlint_in(&dir, args));
    let base = ["check", "--format", "short", "--fail-on", "never", "a.txt"];
    assert!(!rules(&base).contains(&"wording/political-outdated".to_owned()));
    let mut with_year = base.to_vec();
    with_year.extend(["--year", "2024"]);
    assert!(rules(&with_year).contains(&"wording/political-outdated".to_owned()));
}

#[test]
fn explain_shows_source_examples_and_fix_safety() {
    let out = gwlint(&["explain", "wording/political-order"]);
    let text = stdout(&out);
    assert!(text.contains("来源："), "{text}");
    assert!(
        text.contains("应当报告：") && text.contains("不报告："),
        "{text}"
    );
    assert!(text.contains("需 --unsafe-fixes"), "{text}");
}

#[test]
fn fixing_copies_of_the_seeds_removes_what_was_fixed_and_nothing_else() {
    let dir = temp_dir("language-seed-fix");
    for path in files(&shared("seeds"), "txt") {
        let name = file_name(&path);
        let original = std::fs::read_to_string(&path).unwrap();
        write(&dir, &name, &original);
        let before = json(&gwlint_in(
            &dir,
            &["check", "--format", "json", "--fail-on", "never", &name],
        ));
        let out = gwlint_in(&dir, &["check", "--fix", "--fail-on", "never", &name]);
        assert!(
            matches!(out.status.code(), Some(0 | 2)),
            "{name}: {}",
            stderr(&out)
        );
        let after = json(&gwlint_in(
            &dir,
            &["check", "--format", "json", "--fail-on", "never", &name],
        ));
        // What a one-to-one fix was for is gone: misspellings, names,
        // half-width marks, advert lines.
        for rule in [
            "wording/typo",
            "wording/political-name",
            "punctuation/halfwidth",
            "contamination/site-footer",
        ] {
            // Only what a safe fix was offered for: `--fix` leaves the
            // rest (unsafe deletions) to a person.
            let count = |found: &[serde_json::Value]| {
                found
                    .iter()
                    .filter(|d| d["rule"] == rule && d["fix"]["applicability"] == "safe")
                    .count()
            };
            if count(&before) > 0 {
                assert_eq!(count(&after), 0, "{name}: {rule} left after --fix");
            }
        }
        // Nothing outside the fixed spans changed: `--fix` writes only
        // when the text is the original with exactly the fixes' edits
        // (fix.rs, checked in-process by fixes_converge_and_remove_what_they_fix).
        let fixed = std::fs::read_to_string(dir.join(&name)).unwrap();
        let lines_kept = original.lines().filter(|l| fixed.contains(l)).count();
        assert!(lines_kept > 0 || fixed == original, "{name}");
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    /// Text made of what the language rules look at: Han characters, both
    /// widths of punctuation, quotes, digits, spaces, line breaks, zero-width
    /// characters, Markdown marks.
    fn draftish() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "的",
            "了",
            "要",
            "在",
            "和",
            "作风建",
            "设",
            "以经",
            "截止",
            "2024年",
            "二0一三年",
            "近",
            "200",
            "多",
            "约",
            "左右",
            "分别",
            "下降",
            "3倍",
            "10～20%",
            "，",
            "。",
            "、",
            "；",
            "：",
            "“",
            "”",
            "《",
            "》",
            "（",
            "）",
            "…",
            "—",
            ",",
            ".",
            ":",
            ";",
            "!",
            "?",
            "(",
            ")",
            "\"",
            "'",
            " ",
            "\n",
            "\r\n",
            "\u{200b}",
            "\u{feff}",
            "�",
            "x0dx0a",
            "&ldquo;",
            "# H3 P5 ",
            "p& S5 A+ h7 h( c",
            "１２",
            "政治意识",
            "大局意识",
            "核心意识",
            "看齐意识",
            "党的十九大精神",
            "贯彻",
            "习近平中国特色社会主义思想",
            "一、",
            "（一）",
            "一是",
            "**",
            "|",
            "`",
            "#",
        ]);
        prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn language_rules_and_their_fixes_hold_on_any_draft(text in draftish(), md in any::<bool>()) {
            static REGISTRY: std::sync::LazyLock<Registry> =
                std::sync::LazyLock::new(|| Registry::builtin().unwrap());
            let name = if md { "x.md" } else { "x.txt" };
            let (file, found) = gwlint::check_bytes(&REGISTRY, name, text.as_bytes()).unwrap();
            for d in &found {
                prop_assert!(d.range.end <= file.text.len());
                prop_assert!(file.text.is_char_boundary(d.range.start) && file.text.is_char_boundary(d.range.end));
            }
            let linter = Linter::new(&REGISTRY, RuleSettings::default());
            for allowed in [Applicability::Safe, Applicability::Unsafe] {
                let (fixed, _, _, _, verdict) = gwlint::fix::fix_text(&linter, &file, &found, allowed);
                // Refusing a fix that deletes more than half is fine; an
                // inconsistent one is a bug.
                prop_assert!(
                    !matches!(verdict, Err(gwlint::fix::FixError::Inconsistent)),
                    "{verdict:?}"
                );
                // The rounds stopped because nothing was left to fix.
                let again = linter.check(&fixed);
                let left: Vec<&str> = again
                    .iter()
                    .filter(|d| {
                        is_language(d)
                            && d.fix.as_ref().is_some_and(|f| {
                                f.applicability <= allowed
                                    && gwlint::fix::fix_scope(&fixed.text, d.range).contains_range(f.range)
                            })
                    })
                    .map(|d| d.rule)
                    .collect();
                prop_assert!(left.is_empty(), "{left:?} in {:?}", fixed.text);
            }
        }
    }
}
