//! Baselines, for adopting gwlint on a repository full of old drafts:
//! `--write-baseline FILE` records today's findings, `--baseline FILE`
//! reports only findings that are not recorded.
//!
//! An entry is the path, the rule, the flagged text and a few characters of
//! context on each side (see `report::context`) — no line number, so
//! entries survive edits elsewhere in the file. Entries are counted: a
//! recorded finding suppresses one occurrence, so a new copy of the same
//! slot in the same file is still reported.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::report::{context, normalized_path};
use crate::source::SourceFile;

const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub text: String,
    /// Up to `report::CONTEXT_CHARS` characters before and after the text,
    /// on the same line, whitespace removed.
    pub before: String,
    pub after: String,
}

impl Entry {
    pub fn of(file: &SourceFile, d: &Diagnostic) -> Self {
        let (before, after) = context(&file.text, d.range);
        Self {
            path: normalized_path(&file.path),
            rule: d.rule.to_owned(),
            text: file.text[d.range.start..d.range.end].to_owned(),
            before,
            after,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    entries: Vec<Entry>,
}

/// The JSON text of a baseline holding `entries` (sorted, so the file
/// diffs well when it is rewritten).
pub fn to_json(mut entries: Vec<Entry>) -> String {
    entries.sort();
    let mut text = serde_json::to_string_pretty(&BaselineFile {
        version: VERSION,
        entries,
    })
    .unwrap_or_default();
    text.push('\n');
    text
}

/// Why a baseline file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("不是 gwlint 基线文件（{0}）")]
    NotABaseline(serde_json::Error),
    #[error("基线文件版本 {0}，本程序只认 {VERSION}")]
    Version(u32),
}

/// Recorded findings not yet matched.
#[derive(Debug, Default)]
pub struct Baseline {
    remaining: HashMap<Entry, usize>,
}

impl Baseline {
    pub fn parse(text: &str) -> Result<Self, BaselineError> {
        let file: BaselineFile = serde_json::from_str(text).map_err(BaselineError::NotABaseline)?;
        if file.version != VERSION {
            return Err(BaselineError::Version(file.version));
        }
        let mut remaining = HashMap::new();
        for entry in file.entries {
            *remaining.entry(entry).or_insert(0) += 1;
        }
        Ok(Self { remaining })
    }

    /// Keep only the findings of `file` that the baseline does not record,
    /// using up one entry per finding it suppresses.
    pub fn filter(&mut self, file: &SourceFile, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter(|d| match self.remaining.get_mut(&Entry::of(file, d)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Registry;
    use crate::source::SourceFormat;

    fn lint(path: &str, text: &str) -> (SourceFile, Vec<Diagnostic>) {
        let registry = Registry::builtin().unwrap();
        let file = SourceFile::new(path, text.to_owned(), SourceFormat::PlainText);
        let found = crate::linter::Linter::new(&registry, Default::default()).check(&file);
        (file, found)
    }

    #[test]
    fn entries_survive_unrelated_edits_and_new_copies_are_reported() {
        let (file, found) = lint("./a.txt", "标题\n全年起草材料XX篇。\n");
        let entries = found.iter().map(|d| Entry::of(&file, d)).collect();
        let mut baseline = Baseline::parse(&to_json(entries)).unwrap();
        let (edited, found) = lint(
            "a.txt",
            "标题\n新加的一段。\n\n全年起草材料XX篇。\n会议XX场。\n",
        );
        let left = baseline.filter(&edited, found);
        assert_eq!(left.len(), 1, "{left:?}");
        assert_eq!(&edited.text[left[0].range.start..left[0].range.end], "XX");
        assert!(edited.text[..left[0].range.start].ends_with("会议"));
    }

    #[test]
    fn each_entry_suppresses_one_occurrence() {
        let (file, found) = lint("a.txt", "材料XX篇。\n");
        let entries = found.iter().map(|d| Entry::of(&file, d)).collect();
        let mut baseline = Baseline::parse(&to_json(entries)).unwrap();
        let (twice, found) = lint("a.txt", "材料XX篇。\n材料XX篇。\n");
        assert_eq!(baseline.filter(&twice, found).len(), 1);
    }
}
