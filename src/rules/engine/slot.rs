//! `engine = "slot"`: template slots left unfilled. A slot is a run of slot
//! marks (`XX`, `××`, `***`, `☆`, `○○`, `□`) standing where a number, name,
//! place or date belongs; it is recognised by what stands beside it, not by
//! a list of spellings:
//!
//! - a year: `20XX`, `201*`, `20××`, `201X/X/XX` (reported by the rule with
//!   `report = "year"`, spanning the digits too);
//! - inside a number before a unit: `1XX32元`, `21.X%` (spanning the marks);
//! - letters (`X x Ｘ ｘ ☆`) anywhere beside Chinese text: `XX镇`, `在X打造`;
//! - symbols, which have other uses (× multiplies, * marks a footnote or
//!   Markdown emphasis, ○ is a zero, □ a check box), only before a unit or
//!   suffix (`×个`, `*镇`), after a field label (`汇报人：***`), inside quotes
//!   (`“××”`), or doubled beside Chinese (`××局`, `***村`).
//!
//! Blanks between a slot and its neighbour do not count (`XX 场次`, `20××
//! 年`): text taken out of a PDF or a Word file is spaced like that. A Latin
//! letter beside the run (`Xbox`, `X86`), an operator (`1+X`), digits on both
//! sides of `×` (`3×4`) or an exception phrase (`X光`) make it no slot.
//! Source: shared/research/domain.md §5 ("Unfilled template placeholders").

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use regex::Regex;
use serde::Deserialize;

use crate::diagnostic::{Diagnostic, TextRange};
use crate::document::{Document, is_blank};
use crate::rules::engine::{Exceptions, Template};
use crate::rules::pack::{CompileError, RuleSpec};
use crate::rules::{Rule, RuleMeta};
use crate::source::SourceFormat;

/// Which runs a slot rule reports.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SlotReport {
    /// Every slot but years.
    #[default]
    Filler,
    /// Years (`20XX`, `201*`): the run starts with 19 or 20.
    Year,
}

/// `[rule.slot]` in a pack.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotSpec {
    #[serde(default)]
    pub report: SlotReport,
    /// Marks that are not prose in Chinese text: a run of them beside a
    /// Chinese character is a slot.
    pub letters: String,
    /// Marks with other uses: a run of them is a slot only where the words
    /// around show one.
    pub symbols: String,
    /// Measure words and units a slot stands before (篇 场次 万元 %).
    #[serde(default)]
    pub units: Vec<String>,
    /// Place and office suffixes a slot stands before (县 镇 局 同志).
    #[serde(default)]
    pub suffixes: Vec<String>,
    /// Field labels a slot follows after a colon (汇报人：).
    #[serde(default)]
    pub labels: Vec<String>,
    /// Words a slot follows directly (第).
    #[serde(default)]
    pub before: Vec<String>,
    /// Phrases where a mark is a real symbol or part of a word (X光, 数据要素×).
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// Surnames: a short run right after one (`王××`, `张XX`) is a person
    /// named and anonymised on purpose (a 通报 or a letters reply), not a
    /// slot. Characters that also end common words before a number (提高,
    /// 资金, 工程) are left out.
    #[serde(default)]
    pub surnames: Vec<String>,
}

pub struct Slot {
    meta: RuleMeta,
    report: SlotReport,
    /// A dozen characters at most: a slice beats hashing them.
    letters: Vec<char>,
    symbols: Vec<char>,
    /// Find the marks: one character class per UTF-8 length, so that each
    /// keeps a literal prefilter (a class mixing `X` with `Ｘ` gets none and
    /// walks the text through a DFA, thirty times slower).
    marks: Vec<Regex>,
    /// Units and suffixes, matched anchored at the text after a run.
    following: Option<AhoCorasick>,
    /// Units alone: what a number with a slot inside must be followed by.
    units: Option<AhoCorasick>,
    labels: Vec<String>,
    before: Vec<String>,
    exceptions: Exceptions,
    /// Surnames of one character, sorted (looked up by the character before
    /// a run), and the few of two (欧阳).
    surname_chars: Vec<char>,
    surname_words: Vec<String>,
    message: Template,
    help: Option<Template>,
}

/// How far blanks are skipped to find a neighbour. A slot spaced out of a
/// PDF has one or two; a longer stretch is layout (or blanked Markdown code),
/// not a neighbour, and stopping keeps the check constant per run.
const MAX_BLANKS: usize = 8;

fn anchored(words: &[&String]) -> Result<Option<AhoCorasick>, CompileError> {
    if words.is_empty() {
        return Ok(None);
    }
    // Tried at one place per run: an NFA, cheap to build at every start.
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(words)
        .map(Some)
        .map_err(|e| CompileError::value("slot", e.to_string()))
}

impl Slot {
    pub fn compile(spec: &RuleSpec) -> Result<Self, CompileError> {
        let slot = spec
            .slot
            .as_ref()
            .ok_or(CompileError::Missing("[rule.slot]"))?;
        let letters: Vec<char> = slot.letters.chars().collect();
        let symbols: Vec<char> = slot.symbols.chars().collect();
        if letters.is_empty() && symbols.is_empty() {
            return Err(CompileError::Missing("slot.letters 或 slot.symbols"));
        }
        if let Some(c) = letters
            .iter()
            .chain(&symbols)
            .find(|c| c.is_ascii_digit() || **c == '.' || **c == '/')
        {
            return Err(CompileError::value(
                "slot",
                format!("“{c}”不能作占位符号：数字、点和斜线是数字的一部分"),
            ));
        }
        let mut marks = Vec::new();
        for width in 1..=4 {
            let class: String = letters
                .iter()
                .chain(&symbols)
                .filter(|c| c.len_utf8() == width)
                .map(|c| regex::escape(&c.to_string()))
                .collect();
            if !class.is_empty() {
                let pattern = format!("[{class}]");
                marks.push(Regex::new(&pattern).map_err(|e| CompileError::regex(&pattern, e))?);
            }
        }
        let following: Vec<&String> = slot.units.iter().chain(&slot.suffixes).collect();
        let units: Vec<&String> = slot.units.iter().collect();
        Ok(Self {
            meta: spec.meta(),
            report: slot.report,
            letters,
            symbols,
            marks,
            following: anchored(&following)?,
            units: anchored(&units)?,
            labels: slot.labels.clone(),
            before: slot.before.clone(),
            exceptions: Exceptions::new(&slot.exceptions),
            surname_chars: {
                let mut chars: Vec<char> = slot
                    .surnames
                    .iter()
                    .filter(|s| s.chars().count() == 1)
                    .filter_map(|s| s.chars().next())
                    .collect();
                chars.sort_unstable();
                chars
            },
            surname_words: slot
                .surnames
                .iter()
                .filter(|s| s.chars().count() > 1)
                .cloned()
                .collect(),
            message: Template::compile("message", &spec.message, &["match"])?,
            help: Template::compile_optional("help", spec.help.as_ref(), &[])?,
        })
    }

    /// Whether `before` ends with a surname.
    fn after_surname(&self, before: &str) -> bool {
        before
            .chars()
            .next_back()
            .is_some_and(|c| self.surname_chars.binary_search(&c).is_ok())
            || self
                .surname_words
                .iter()
                .any(|s| before.ends_with(s.as_str()))
    }

    fn is_mark(&self, c: char) -> bool {
        self.letters.contains(&c) || self.symbols.contains(&c)
    }

    /// The run around the mark at `at`: marks, digits, and the `.` and `/`
    /// between them (`1.X%`, `201X/X/XX`), never starting or ending with a
    /// dot or slash. Masked marks (Markdown emphasis) end it.
    fn run_at(&self, text: &str, at: usize, masked: &impl Fn(usize) -> bool) -> TextRange {
        let part = |c: char| c.is_ascii_digit() || c == '.' || c == '/' || c == '／';
        let mut start = at;
        for (i, c) in text[..at].char_indices().rev() {
            if (part(c) || self.is_mark(c) && !masked(i)) && at - i < 64 {
                start = i;
            } else {
                break;
            }
        }
        let mut end = at;
        for (i, c) in text[at..].char_indices() {
            let i = at + i;
            if (part(c) || self.is_mark(c) && !masked(i)) && i - at < 64 {
                end = i + c.len_utf8();
            } else {
                break;
            }
        }
        let trim = |c: char| c == '.' || c == '/' || c == '／';
        let run = &text[start..end];
        let lead = run.len() - run.trim_start_matches(trim).len();
        let tail = run.trim_end_matches(trim).len();
        TextRange::new(start + lead, start + tail)
    }

    /// Whether `after` (blanks skipped) starts with one of `words`.
    fn starts_with_any(words: &Option<AhoCorasick>, after: &str) -> bool {
        words
            .as_ref()
            .is_some_and(|ac| ac.find(Input::new(after).anchored(Anchored::Yes)).is_some())
    }

    /// Decide one run. Returns the span to report and whether it is a year.
    /// `outer` is the run with the Markdown emphasis around it (`**XX**`):
    /// its neighbours are those of the emphasis.
    fn judge(&self, text: &str, run: TextRange, outer: TextRange) -> Option<(TextRange, bool)> {
        let body = &text[run.start..run.end];
        let raw_before = text[..outer.start].chars().next_back();
        let raw_after = text[outer.end..].chars().next();
        // Part of a Latin word or code (Xbox, X86, PM_2.5) or of a formula
        // (1+X, “3+3+X”).
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
        let operator = |c: Option<char>| c.is_some_and(|c| "+＋=＝^".contains(c));
        if latin(raw_before) || latin(raw_after) || operator(raw_before) || operator(raw_after) {
            return None;
        }
        let before = skip_blanks_back(&text[..outer.start]);
        let after = skip_blanks(&text[outer.end..]);
        let left = before.chars().next_back();
        let right = after.chars().next();
        let has_digit = body.bytes().any(|b| b.is_ascii_digit());
        // 20×30米, 19×24: a product, though it starts like a year (a year
        // slot with one mark in the middle, `20×5年`, is still one).
        let product = has_digit && is_product(body) && right != Some('年');
        if is_year(body, |c| self.is_mark(c)) && !product {
            return Some((run, true));
        }
        // The marks alone: digits around them belong to the number.
        let first = body.find(|c| self.is_mark(c))?;
        let last = body.rfind(|c| self.is_mark(c))?;
        let last_len = body[last..].chars().next().map_or(1, char::len_utf8);
        let span = TextRange::new(run.start + first, run.start + last + last_len);
        if self.exceptions.cover(text, span) {
            return None;
        }
        let mut marks = body.chars().filter(|&c| self.is_mark(c));
        let first_mark = marks.next()?;
        let (count, all_letters, has_zero) = marks.fold(
            (
                1,
                self.letters.contains(&first_mark),
                matches!(first_mark, '○' | '〇'),
            ),
            |(n, letters, zero), c| {
                (
                    n + 1,
                    letters && self.letters.contains(&c),
                    zero || matches!(c, '○' | '〇'),
                )
            },
        );
        if has_digit {
            // 3×4, 7×24: a multiplication, not a slot.
            if is_product(body) {
                return None;
            }
            // 1XX32元, 21.X%, X00余人: a number with a digit left blank.
            let after_number = after.trim_start_matches(['余', '多']);
            return Self::starts_with_any(&self.units, after_number).then_some((span, false));
        }
        let chinese = |c: Option<char>| c.is_some_and(|c| !c.is_ascii() || c == '%');
        // 王某某's kind: 张××, 李XX — a person anonymised, unless a unit
        // follows (a surname-like character ending a word before a number).
        // Right after the surname: no blank, no emphasis between.
        if count <= 3
            && before.len() == run.start
            && self.after_surname(before)
            && !Self::starts_with_any(&self.units, after)
        {
            return None;
        }
        if all_letters {
            return (chinese(left) || chinese(right)).then_some((span, false));
        }
        // Symbols. ○ between Chinese numerals is a zero (二○二四年).
        let numeral = |c: Option<char>| c.is_some_and(|c| "〇○零一二三四五六七八九十".contains(c));
        if has_zero && (numeral(left) || numeral(right)) {
            return None;
        }
        // Alone on its line: a separator (***) or a bullet, not a slot.
        let (line_before, line_after) = line_context(text, run);
        if line_before.trim_matches(is_blank).is_empty()
            && line_after.trim_matches(is_blank).is_empty()
        {
            return None;
        }
        let at_line_start = line_before.trim_matches(is_blank).is_empty();
        // A product in a formula: `基础分×权重`, `面积×单价` (a slot `×`
        // follows a word like 有 or 全县, not a quantity).
        if count == 1
            && first_mark == '×'
            && (left.is_some_and(|c| "数价积量率值额重比分".contains(c))
                || line_before.contains(['=', '＝']))
        {
            return None;
        }
        let single = count == 1;
        // A footnote asterisk opens its line (`*本表数据…`); a bullet is a
        // lone mark and a blank (`○ 县委办…`); a lone □ is a check box
        // (`□市级 □县级`).
        if single
            && (at_line_start
                && (matches!(first_mark, '*' | '＊') || raw_after.is_some_and(is_blank))
                || first_mark == '□')
        {
            return None;
        }
        if Self::starts_with_any(&self.following, after) {
            return Some((span, false));
        }
        if matches!(left, Some(':' | '：')) {
            let label_end = before.trim_end_matches([':', '：']);
            if self.labels.iter().any(|l| label_end.ends_with(l.as_str())) {
                return Some((span, false));
            }
        }
        if self.before.iter().any(|w| before.ends_with(w.as_str())) {
            return Some((span, false));
        }
        if let (Some(l), Some(r)) = (left, right)
            && matches!(
                (l, r),
                ('“', '”') | ('《', '》') | ('「', '」') | ('‘', '’') | ('"', '"')
            )
        {
            return Some((span, false));
        }
        // Doubled beside Chinese: ××局, ***村 (a lone `**` is as likely
        // emphasis, so asterisks need three).
        let doubled = match first_mark {
            '*' | '＊' => count >= 3,
            _ => count >= 2,
        };
        (doubled && (chinese(left) || chinese(right))).then_some((span, false))
    }
}

/// `run` widened over the emphasis delimiters right around it (`**XX**`,
/// `***镇` is not one: its stars are the run's own). `emphasis` is sorted.
fn around_emphasis(emphasis: &[TextRange], run: TextRange) -> TextRange {
    let mut outer = run;
    // A delimiter ending where the run starts, one starting where it ends.
    let i = emphasis.partition_point(|r| r.end < outer.start);
    if let Some(r) = emphasis.get(i)
        && r.end == outer.start
    {
        outer.start = r.start;
    }
    let j = emphasis.partition_point(|r| r.start < outer.end);
    if let Some(r) = emphasis.get(j)
        && r.start == outer.end
    {
        outer.end = r.end;
    }
    outer
}

/// Up to [`CONTEXT`] characters of the run's own line before and after it:
/// enough to see whether the run stands alone or in a formula, without
/// walking a long line for every run.
fn line_context(text: &str, run: TextRange) -> (&str, &str) {
    let mut start = run.start;
    for (n, (i, c)) in text[..run.start].char_indices().rev().enumerate() {
        if c == '\n' || n >= CONTEXT {
            break;
        }
        start = i;
    }
    let mut end = run.end;
    for (n, (i, c)) in text[run.end..].char_indices().enumerate() {
        if c == '\n' || n >= CONTEXT {
            break;
        }
        end = run.end + i + c.len_utf8();
    }
    (&text[start..run.start], &text[run.end..end])
}

/// See [`line_context`].
const CONTEXT: usize = 40;

/// `20XX`, `201*`, `20××`: 19 or 20 and two more places, one of them a mark.
fn is_year(body: &str, is_mark: impl Fn(char) -> bool) -> bool {
    let mut chars = body.chars();
    let (Some(a), Some(b), Some(c), Some(d)) =
        (chars.next(), chars.next(), chars.next(), chars.next())
    else {
        return false;
    };
    matches!((a, b), ('1', '9') | ('2', '0'))
        && (c.is_ascii_digit() || is_mark(c))
        && (d.is_ascii_digit() || is_mark(d))
        && (is_mark(c) || is_mark(d))
}

/// Every mark of the run is a times sign between digits: `3×4`, `7×24`,
/// `20x30`, `120*240` (typed without a ×). Two marks together (`1XX32`)
/// are a slot.
fn is_product(body: &str) -> bool {
    let chars: Vec<char> = body.chars().collect();
    let mut any = false;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() || c == '.' {
            continue;
        }
        let between = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if !matches!(c, '×' | 'x' | 'X' | '*' | '＊') || !between {
            return false;
        }
        any = true;
    }
    any
}

/// `text` without up to [`MAX_BLANKS`] blanks at its end.
fn skip_blanks_back(text: &str) -> &str {
    let mut end = text.len();
    for (n, (i, c)) in text.char_indices().rev().enumerate() {
        if n >= MAX_BLANKS || !is_blank(c) {
            break;
        }
        end = i;
    }
    &text[..end]
}

/// `text` without up to [`MAX_BLANKS`] blanks at its start.
fn skip_blanks(text: &str) -> &str {
    let mut start = 0;
    for (n, (i, c)) in text.char_indices().enumerate() {
        if n >= MAX_BLANKS || !is_blank(c) {
            break;
        }
        start = i + c.len_utf8();
    }
    &text[start..]
}

/// Markdown emphasis delimiters (`**二、总体要求**`, `**19**`): runs of `*`
/// or `_` paired as opener and closer on one line, as CommonMark pairs
/// them (left-flanking opens, right-flanking closes, same length). Sorted.
pub fn emphasis_delimiters(text: &str) -> Vec<TextRange> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        if line.contains(['*', '_']) {
            pair_line(line, line_start, &mut out);
        }
        line_start += line.len() + 1;
    }
    out.sort_by_key(|r| r.start);
    out
}

fn pair_line(line: &str, offset: usize, out: &mut Vec<TextRange>) {
    let bytes = line.as_bytes();
    let mut openers: Vec<(u8, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b != b'*' && b != b'_' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b {
            i += 1;
        }
        let prev = line[..start].chars().next_back();
        let next = line[i..].chars().next();
        let opens = next.is_some_and(|c| !c.is_whitespace());
        let closes = prev.is_some_and(|c| !c.is_whitespace());
        let len = i - start;
        if closes
            && let Some(k) = openers
                .iter()
                .rposition(|&(ob, _, ol)| ob == b && ol == len)
        {
            let (_, os, ol) = openers[k];
            out.push(TextRange::new(offset + os, offset + os + ol));
            out.push(TextRange::new(offset + start, offset + i));
            openers.truncate(k);
        } else if opens {
            openers.push((b, start, len));
        }
    }
}

impl Rule for Slot {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        let emphasis = if doc.source().format == SourceFormat::Markdown {
            emphasis_delimiters(text)
        } else {
            Vec::new()
        };
        let masked = |at: usize| {
            let i = emphasis.partition_point(|r| r.end <= at);
            emphasis.get(i).is_some_and(|r| r.start <= at)
        };
        // The next mark of each class, refreshed only once passed: the
        // classes are merged in one walk through the text.
        let mut next: Vec<Option<usize>> = self
            .marks
            .iter()
            .map(|re| re.find(text).map(|m| m.start()))
            .collect();
        let mut pos = 0;
        loop {
            for (re, at) in self.marks.iter().zip(next.iter_mut()) {
                if at.is_some_and(|a| a < pos) {
                    *at = re.find_at(text, pos).map(|m| m.start());
                }
            }
            let Some(start) = next.iter().flatten().min().copied() else {
                break;
            };
            pos = start + text[start..].chars().next().map_or(1, char::len_utf8);
            if masked(start) {
                continue;
            }
            let run = self.run_at(text, start, &masked);
            pos = pos.max(run.end);
            let outer = around_emphasis(&emphasis, run);
            // A year holds digits: the year rule passes the rest over.
            if self.report == SlotReport::Year
                && !text[run.start..run.end].bytes().any(|b| b.is_ascii_digit())
            {
                continue;
            }
            let Some((span, year)) = self.judge(text, run, outer) else {
                continue;
            };
            if year != (self.report == SlotReport::Year) {
                continue;
            }
            let found = &text[span.start..span.end];
            let mut d = self
                .meta
                .diagnostic(span, self.message.render(&[("{match}", found)]));
            d.help = self.help.as_ref().map(|h| h.render(&[]));
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_pairs_on_one_line() {
        let text = "**二、总体要求**\n体系**19**，深入\n***镇";
        let found: Vec<&str> = emphasis_delimiters(text)
            .iter()
            .map(|r| &text[r.start..r.end])
            .collect();
        assert_eq!(found, vec!["**", "**", "**", "**"]);
    }

    #[test]
    fn products_and_years() {
        assert!(is_product("3×4"));
        assert!(is_product("7×24"));
        assert!(is_product("20x30"));
        assert!(!is_product("1XX32"));
        assert!(!is_product("21.X"));
        let mark = |c: char| "Xx*×".contains(c);
        assert!(is_year("20XX", mark));
        assert!(is_year("201*", mark));
        assert!(!is_year("2023", mark));
        assert!(!is_year("1XX32", mark));
    }
}
