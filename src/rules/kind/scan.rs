//! Many words and patterns found in one pass over the text.
//!
//! A rule kind with hundreds of cue words and dozens of patterns cannot
//! afford a pass per pattern: on Chinese text no prefilter helps (every cue
//! starts with a common character), so each pass costs as much as the
//! first. Here the words *and* the literal prefixes of the patterns
//! (`还剩` of `还剩\s*[0-9]+\s*页`) go into one Aho-Corasick DFA; a pattern
//! is tried, anchored, only where one of its prefixes occurs. A pattern
//! without a usable prefix (`[0-9]+%未读`) is searched on its own, as a
//! regex would be.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

use crate::diagnostic::TextRange;

enum Item {
    Word,
    /// Tried where one of its prefixes occurs: `^(?:pattern)`, compiled
    /// the first time a prefix is found (most never are in a clean draft).
    Triggered(String, OnceLock<Option<Regex>>),
    /// No usable prefix: searched over the whole text.
    Searched(Regex),
}

#[derive(Default)]
pub struct ScannerBuilder {
    literals: Vec<Vec<u8>>,
    /// Per literal, the items it starts.
    actions: Vec<Vec<usize>>,
    items: Vec<Item>,
}

pub struct Scanner {
    finder: Option<AhoCorasick>,
    actions: Vec<Vec<usize>>,
    items: Vec<Item>,
}

/// The literals every match of `pattern` starts with, when there are few
/// and none is shorter than two bytes.
fn prefixes(hir: &regex_syntax::hir::Hir) -> Option<Vec<Vec<u8>>> {
    let seq = Extractor::new()
        .kind(ExtractKind::Prefix)
        .limit_class(16)
        .limit_total(64)
        .extract(hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.as_bytes().len() < 2) {
        return None;
    }
    Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

impl ScannerBuilder {
    fn literal(&mut self, bytes: &[u8], item: usize) {
        match self.literals.iter().position(|l| l == bytes) {
            Some(i) => self.actions[i].push(item),
            None => {
                self.literals.push(bytes.to_vec());
                self.actions.push(vec![item]);
            }
        }
    }

    /// A plain word. Returns its item number.
    pub fn word(&mut self, word: &str) -> usize {
        let id = self.items.len();
        self.items.push(Item::Word);
        self.literal(word.as_bytes(), id);
        id
    }

    /// A regex. Returns its item number.
    pub fn pattern(&mut self, pattern: &str) -> Result<usize, String> {
        let id = self.items.len();
        let hir = regex_syntax::Parser::new()
            .parse(pattern)
            .map_err(|e| format!("无效的正则 {pattern:?}: {e}"))?;
        match prefixes(&hir) {
            Some(literals) => {
                // Parsed above; a pattern that parses compiles.
                self.items
                    .push(Item::Triggered(format!("^(?:{pattern})"), OnceLock::new()));
                for l in literals {
                    self.literal(&l, id);
                }
            }
            None => self.items.push(Item::Searched(
                Regex::new(pattern).map_err(|e| format!("无效的正则 {pattern:?}: {e}"))?,
            )),
        }
        Ok(id)
    }

    pub fn build(self) -> Result<Scanner, String> {
        let finder = if self.literals.is_empty() {
            None
        } else {
            // A DFA, reporting overlapping matches so that a word inside
            // another (`您` in `欢迎您`) or a pattern's prefix inside a word
            // is not lost; the caller picks among overlaps.
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&self.literals)
                    .map_err(|e| e.to_string())?,
            )
        };
        Ok(Scanner {
            finder,
            actions: self.actions,
            items: self.items,
        })
    }
}

impl Scanner {
    pub fn builder() -> ScannerBuilder {
        ScannerBuilder::default()
    }

    /// Every match of every item, as (range, item), in no particular
    /// order; matches of different items may overlap.
    pub fn find_all(&self, text: &str) -> Vec<(TextRange, usize)> {
        let mut found = Vec::new();
        if let Some(finder) = &self.finder {
            // Where each triggered pattern was last tried: two prefixes of
            // one pattern at one place (`全文`, `全文共`) try it once.
            let mut tried: Vec<usize> = vec![usize::MAX; self.items.len()];
            for m in finder.find_overlapping_iter(text) {
                for &item in &self.actions[m.pattern().as_usize()] {
                    match &self.items[item] {
                        Item::Word => found.push((TextRange::new(m.start(), m.end()), item)),
                        Item::Triggered(pattern, re) => {
                            if std::mem::replace(&mut tried[item], m.start()) == m.start() {
                                continue;
                            }
                            let re = re.get_or_init(|| Regex::new(pattern).ok());
                            if let Some(hit) =
                                re.as_ref().and_then(|re| re.find(&text[m.start()..]))
                            {
                                found
                                    .push((TextRange::new(m.start(), m.start() + hit.end()), item));
                            }
                        }
                        Item::Searched(_) => {}
                    }
                }
            }
        }
        for (item, entry) in self.items.iter().enumerate() {
            if let Item::Searched(re) = entry {
                for m in re.find_iter(text) {
                    found.push((TextRange::new(m.start(), m.end()), item));
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_patterns_in_one_pass() {
        let mut b = Scanner::builder();
        let you = b.word("您");
        let welcome = b.word("欢迎您");
        let left = b.pattern(r"还剩\s*[0-9]+\s*页").unwrap();
        let pct = b.pattern(r"[0-9]+%未读").unwrap();
        let scanner = b.build().unwrap();
        let text = "欢迎您！还剩 12 页，30%未读，还剩几页";
        let mut found: Vec<(&str, usize)> = scanner
            .find_all(text)
            .into_iter()
            .map(|(r, i)| (&text[r.start..r.end], i))
            .collect();
        found.sort();
        let mut want = vec![
            ("欢迎您", welcome),
            ("您", you),
            ("还剩 12 页", left),
            ("30%未读", pct),
        ];
        want.sort();
        assert_eq!(found, want);
    }
}
