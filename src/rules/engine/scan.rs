//! Many words and patterns found in one pass over the text.
//!
//! A rule kind with hundreds of cue words and dozens of patterns cannot
//! afford a pass per pattern: on Chinese text no literal prefilter helps
//! (every cue starts with a common character), so each pass costs as much
//! as the first, and one Aho-Corasick DFA over them all walks every byte
//! through a table too big for the cache. Here the words *and* the literal
//! prefixes of the patterns (`还剩` of `还剩\s*[0-9]+\s*页`) are keyed by
//! their first two characters: one walk over the characters tests each
//! pair against a small bit set (8 KB), and only where a pair is some
//! literal's start are the literals of that pair compared. A pattern is
//! tried, anchored, only where one of its prefixes occurs; a pattern
//! without a usable prefix (`[0-9]+%未读`) is searched on its own, as a
//! regex would be.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use crate::rules::pack::CompileError;
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
    literals: Vec<Vec<u8>>,
    /// Per literal, the items it starts.
    actions: Vec<Vec<usize>>,
    items: Vec<Item>,
    /// Literals by their first two characters (`'\0'` for a literal of one).
    by_start: HashMap<(char, char), Vec<usize>, PairHash>,
    /// Which characters (by their low 16 bits) start a literal of two or
    /// more characters: most characters of a text start none, and cost one
    /// bit test.
    firsts: Vec<u64>,
    /// Which character pairs (hashed) start a literal; which characters
    /// (low 16 bits) are literals of one character, if any is.
    pairs: Vec<u64>,
    singles: Option<Vec<u64>>,
}

/// Bits of a pair's hash: 64 Ki bits, 8 KB per set.
const KEY_BITS: u32 = 16;

fn key(a: char, b: char) -> usize {
    let h = (a as u32).wrapping_mul(0x9E37_79B1) ^ (b as u32);
    (h.wrapping_mul(0x85EB_CA6B) >> (32 - KEY_BITS)) as usize
}

/// The hasher of `by_start`: two characters, looked up at every candidate
/// pair of every draft. The default SipHash, made to resist hostile keys,
/// costs more than the rest of the lookup; these keys are the packs' own.
type PairHash = std::hash::BuildHasherDefault<PairHasher>;

#[derive(Default)]
struct PairHasher(u64);

impl std::hash::Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u32(u32::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(n)).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
}

fn has(set: &[u64], k: usize) -> bool {
    set[k >> 6] & (1 << (k & 63)) != 0
}

/// A character's slot in the per-character sets (64 Ki bits, 8 KB).
fn low(c: char) -> usize {
    c as usize & 0xFFFF
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

/// The characters every match of `pattern` can start with (`Prefix`) or
/// end with (`Suffix`), when there are few: a line whose first (last)
/// character is none of them cannot match, and the regex is not run.
pub fn edge_chars(hir: &regex_syntax::hir::Hir, kind: ExtractKind) -> Option<Vec<char>> {
    let seq = Extractor::new()
        .kind(kind.clone())
        .limit_class(32)
        .limit_total(128)
        .extract(hir);
    let mut chars = Vec::new();
    for literal in seq.literals()? {
        let text = std::str::from_utf8(literal.as_bytes()).ok()?;
        let c = match kind {
            ExtractKind::Suffix => text.chars().next_back()?,
            _ => text.chars().next()?,
        };
        if !chars.contains(&c) {
            chars.push(c);
        }
    }
    Some(chars)
}

impl ScannerBuilder {
    fn literal(&mut self, bytes: &[u8], item: usize) -> Result<(), CompileError> {
        if std::str::from_utf8(bytes).map_or(true, str::is_empty) {
            return Err(CompileError::value(
                "patterns",
                format!("无法按字面查找：{bytes:?}"),
            ));
        }
        match self.literals.iter().position(|l| l == bytes) {
            Some(i) => self.actions[i].push(item),
            None => {
                self.literals.push(bytes.to_vec());
                self.actions.push(vec![item]);
            }
        }
        Ok(())
    }

    /// How many items have been added: the number the next one gets.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// A plain word. Returns its item number.
    pub fn word(&mut self, word: &str) -> usize {
        let id = self.items.len();
        self.items.push(Item::Word);
        // A word is text: it has a first character.
        let _ = self.literal(word.as_bytes(), id);
        id
    }

    /// A regex. Returns its item number.
    pub fn pattern(&mut self, pattern: &str) -> Result<usize, CompileError> {
        let id = self.items.len();
        let hir = regex_syntax::Parser::new()
            .parse(pattern)
            .map_err(|e| CompileError::regex(pattern, e))?;
        let literals = prefixes(&hir).filter(|l| {
            l.iter()
                .all(|b| std::str::from_utf8(b).is_ok_and(|s| !s.is_empty()))
        });
        match literals {
            Some(literals) => {
                // Parsed above; a pattern that parses compiles.
                self.items
                    .push(Item::Triggered(format!("^(?:{pattern})"), OnceLock::new()));
                for l in literals {
                    self.literal(&l, id)?;
                }
            }
            None => self.items.push(Item::Searched(
                Regex::new(pattern).map_err(|e| CompileError::regex(pattern, e))?,
            )),
        }
        Ok(id)
    }

    pub fn build(self) -> Result<Scanner, CompileError> {
        let mut by_start: HashMap<(char, char), Vec<usize>, PairHash> = HashMap::default();
        let mut pairs = vec![0u64; 1 << (KEY_BITS - 6)];
        let mut firsts = vec![0u64; 1 << 10];
        let mut singles = vec![0u64; 1 << 10];
        let mut any_single = false;
        for (i, literal) in self.literals.iter().enumerate() {
            let text = std::str::from_utf8(literal)
                .map_err(|e| CompileError::value("patterns", e.to_string()))?;
            let mut chars = text.chars();
            let first = chars
                .next()
                .ok_or(CompileError::value("patterns", "空的字面"))?;
            let second = chars.next().unwrap_or('\0');
            by_start.entry((first, second)).or_default().push(i);
            let (set, k) = if second == '\0' {
                any_single = true;
                (&mut singles, low(first))
            } else {
                let f = low(first);
                firsts[f >> 6] |= 1 << (f & 63);
                (&mut pairs, key(first, second))
            };
            set[k >> 6] |= 1 << (k & 63);
        }
        Ok(Scanner {
            literals: self.literals,
            actions: self.actions,
            items: self.items,
            by_start,
            firsts,
            pairs,
            singles: any_single.then_some(singles),
        })
    }
}

impl Scanner {
    pub fn builder() -> ScannerBuilder {
        ScannerBuilder::default()
    }

    /// Every hit of `scanner` in `doc`, computed once per document however
    /// many rules read it: the registry's one scanner holds the word lists of
    /// every engine that has one (residue cues, substitution forms), so a
    /// draft is walked once for all of them.
    pub fn hits(
        scanner: &std::sync::Arc<Scanner>,
        doc: &crate::document::Document<'_>,
    ) -> std::sync::Arc<Vec<(TextRange, usize)>> {
        let key = std::sync::Arc::as_ptr(scanner) as usize;
        doc.shared(key, || scanner.find_all(doc.text()))
    }

    /// Every match of every item, as (range, item), in no particular
    /// order; matches of different items may overlap.
    pub fn find_all(&self, text: &str) -> Vec<(TextRange, usize)> {
        let mut found = Vec::new();
        // Where each triggered pattern was last tried: two prefixes of one
        // pattern at one place (`全文`, `全文共`) try it once.
        let mut tried: Vec<usize> = vec![usize::MAX; self.items.len()];
        let mut at_start = |start: usize, first: char, second: char, found: &mut Vec<_>| {
            let Some(candidates) = self.by_start.get(&(first, second)) else {
                return;
            };
            for &literal in candidates {
                let bytes = &self.literals[literal];
                if !text.as_bytes()[start..].starts_with(bytes) {
                    continue;
                }
                for &item in &self.actions[literal] {
                    match &self.items[item] {
                        Item::Word => {
                            found.push((TextRange::new(start, start + bytes.len()), item))
                        }
                        Item::Triggered(pattern, re) => {
                            if std::mem::replace(&mut tried[item], start) == start {
                                continue;
                            }
                            let re = re.get_or_init(|| Regex::new(pattern).ok());
                            if let Some(hit) = re.as_ref().and_then(|re| re.find(&text[start..])) {
                                found.push((TextRange::new(start, start + hit.end()), item));
                            }
                        }
                        Item::Searched(_) => {}
                    }
                }
            }
        };
        // The previous character, when it starts some literal.
        let mut previous: Option<(usize, char)> = None;
        for (i, c) in text.char_indices() {
            if let Some((j, p)) = previous
                && has(&self.pairs, key(p, c))
            {
                at_start(j, p, c, &mut found);
            }
            if let Some(singles) = &self.singles
                && has(singles, low(c))
            {
                at_start(i, c, '\0', &mut found);
            }
            previous = has(&self.firsts, low(c)).then_some((i, c));
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
