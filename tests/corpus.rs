//! The bundled corpus: drafts we wrote ourselves. Each `corpus/dirty/X.txt`
//! must produce exactly the findings listed in `X.expected`
//! (`line:column rule`, one per line, `#` comments), and every file under
//! `corpus/clean/` must produce none.

use std::path::{Path, PathBuf};

use gwlint::rules::Registry;

fn corpus(sub: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(sub);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    files.sort();
    files
}

/// `line:column rule` of each finding, read and linted the way `gwlint
/// check` does it (Markdown masked, encoding detected).
fn findings(path: &Path) -> Vec<String> {
    let registry = Registry::builtin().unwrap();
    let checked = gwlint::session::check_paths(&registry, &[path]).unwrap();
    let (file, diagnostics) = checked
        .into_iter()
        .next()
        .unwrap()
        .result
        .unwrap_or_else(|e| panic!("{e}"));
    diagnostics
        .iter()
        .map(|d| {
            let lc = file.line_col(d.range.start);
            format!("{}:{} {}", lc.line, lc.column, d.rule)
        })
        .collect()
}

#[test]
fn dirty_drafts_produce_exactly_their_expected_findings() {
    let drafts = corpus("dirty");
    assert!(drafts.len() >= 2);
    for draft in drafts {
        let expected_path = draft.with_extension("expected");
        let expected: Vec<String> = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} needs {}", draft.display(), expected_path.display()))
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect();
        assert!(
            !expected.is_empty(),
            "{} expects nothing: put it under clean/",
            draft.display()
        );
        assert_eq!(findings(&draft), expected, "{}", draft.display());
    }
}

#[test]
fn clean_drafts_produce_nothing() {
    let drafts = corpus("clean");
    assert!(drafts.len() >= 2);
    for draft in drafts {
        assert_eq!(
            findings(&draft),
            Vec::<String>::new(),
            "{}",
            draft.display()
        );
    }
}
