//! `engine = "residue"`: what a template or document-sharing site leaves in a
//! draft copied from it, recognised by what the text *does*, not by one
//! site's sentences.
//!
//! Every cue word or pattern in the pack's `[residue]` lexicon belongs to an
//! evidence class — it addresses the reader (您, 欢迎阅读), talks about the
//! site and its wares (本站, 范文, 会员), hides the text (此处隐藏N字), signs
//! with a contact (URL, QQ), sells (每日更新), or is a footer (免责声明) —
//! and weighs 1 (a word official prose uses too: 举报, 会员), 2, or 4 (never
//! prose: 小编, 还剩N页未读). A sentence whose distinct cues add up to the
//! threshold is residue; neighbouring sentences of its line with any
//! evidence join it; the stretch becomes the whole line when nothing else is
//! left. One word alone (群众举报, 仓储会员店, a speaker's own 供大家参考)
//! never reaches the threshold.
//!
//! Cues that can be glued into a sentence (a URL, a site brand, a slogan)
//! form *fragments*: a tight cluster of them inside an author's sentence is
//! reported alone, so its fix removes the watermark and keeps the sentence.
//!
//! Website furniture — breadcrumbs, timestamps, bylines, toolbars, page
//! markers, collection titles and their `篇一` markers, file titles — is
//! recognised by line shape (`[[residue.furniture]]`) and by the page's
//! structure: what a breadcrumb names, what stands between a collection
//! title and its first item, short leftovers next to other residue.
//!
//! Each rule of this kind reports one family (`report`): `advert`, `footer`
//! or `furniture`; all three read the same analysis.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use regex_syntax::hir::literal::ExtractKind;

use super::scan::{Scanner, ScannerBuilder, edge_chars};
use regex::Regex;
use serde::Deserialize;

use crate::diagnostic::{Applicability, Diagnostic, Fix, TextRange};
use crate::document::chars::SENTENCE_ENDS;
use crate::document::{Document, Line, has_at_most_chars, is_blank};
use crate::rules::engine::Template;
use crate::rules::engine::existence::quote_excerpt;
use crate::rules::pack::{CompileError, RuleSpec};
use crate::rules::{FixSafety, Rule, RuleMeta};

/// `[residue]` in a pack.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconSpec {
    /// A sentence whose evidence adds up to this is residue.
    pub threshold: u32,
    /// Classes of evidence.
    pub cue: Vec<CueSpec>,
    /// Line shapes of website furniture.
    #[serde(default)]
    pub furniture: Vec<FurnitureSpec>,
    /// Words toolbars and widgets are made of (收藏 分享 下载 打印): a short
    /// line of nothing else is furniture.
    #[serde(default)]
    pub toolbar: Vec<String>,
    /// Kinds of document (讲话, 工作总结): a short line naming one is a
    /// title, which the draft keeps wherever it stands.
    #[serde(default)]
    pub genres: Vec<String>,
    /// Characters joining a breadcrumb's segments (`>`, `»`): a short line
    /// of two or more segments joined by them is a breadcrumb.
    #[serde(default)]
    pub path_separators: String,
    /// What a breadcrumb's first segment is or ends with (首页, 范文网,
    /// 文秘家园): the site. A path whose first segment is none of these is a
    /// breadcrumb only when a segment names a kind of document (`genres`):
    /// `党建引领 > 网格治理 > 服务群众` is the draft's own chain of ideas.
    #[serde(default)]
    pub path_roots: Vec<String>,
    /// Regexes with one capture group: where an advert names the site's
    /// brand (`公众号：NAME`). The name anywhere else in the text is a
    /// watermark.
    #[serde(default)]
    pub brand_source: Vec<String>,
    /// Brand names known beforehand (an organisation's `brands` in
    /// `gwlint.toml`): found anywhere, with or without an advert naming them.
    #[serde(default)]
    pub brands: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueSpec {
    /// Evidence class: `reader`, `site`, `hidden`, `contact`, `promo`, `footer`…
    pub class: String,
    /// 1: prose uses it too; 2: telling; 4: enough alone.
    pub weight: u32,
    #[serde(default)]
    pub words: Vec<String>,
    /// Regexes; a leading `^` means at the start of a line (after blanks).
    #[serde(default)]
    pub patterns: Vec<String>,
    /// A match whose text matches this is no cue (`\.gov\.cn`).
    #[serde(default)]
    pub exclude: Option<String>,
    /// A match followed by one of these characters is no cue (`论文网上`).
    #[serde(default)]
    pub not_followed_by: Option<String>,
    /// A regex: a match whose line, just before it, ends with this is no
    /// cue (`投稿邮箱：` before an address: the office's own contact). The
    /// same key, read the same way (`before_on_line`), as in a rule's
    /// `[rule.context]`.
    #[serde(default)]
    pub not_before_pattern: Option<String>,
    /// Cues of this entry are labels (`公众号：`, `QQ:`): each spans the
    /// name or number it introduces, which goes with it. A label alone is
    /// never a watermark: deleting it leaves its name in the sentence.
    #[serde(default)]
    pub label: bool,
    /// Cues of this entry make a stretch a footer (来源, 免责声明).
    #[serde(default)]
    pub footer: bool,
    /// Cues of this entry can be glued into an author's sentence
    /// (watermark, URL, brand word): a tight cluster of them is reported
    /// on its own.
    #[serde(default)]
    pub fragment: bool,
}

/// What a furniture shape tells about the page around it.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// `首页 > 报告总结 > 工作总结`: a later short line repeating one of its
    /// parts is the category label.
    Breadcrumb,
    /// `…汇总21篇`: what stands between it and the first item is the
    /// site's preamble.
    Collection,
    /// `篇一`, `第1篇`: an item of a collection.
    Item,
    /// `目录/提纲:`: the outline that follows, up to a line of `……`.
    Outline,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FurnitureSpec {
    pub name: String,
    /// Regexes. `^` anchors at the line start (after blanks), `$` at its
    /// end; a pattern with neither is a fragment found anywhere.
    pub patterns: Vec<String>,
    /// Line patterns apply to lines of at most this many characters.
    #[serde(default = "default_max_chars")]
    pub max_chars: usize,
    /// `line`: the finding is the line; `match`: only the matched text.
    #[serde(default)]
    pub span: FurnitureSpan,
    #[serde(default)]
    pub role: Option<Role>,
    /// A line matching this is not this furniture (`^附件`).
    #[serde(default)]
    pub unless: Option<String>,
}

fn default_max_chars() -> usize {
    80
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum FurnitureSpan {
    #[default]
    Line,
    Match,
}

/// Which family a rule of this kind reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Advert,
    Footer,
    Furniture,
    /// The brand an advert names, found again inside a sentence.
    Brand,
}

struct Class {
    footer: bool,
    fragment: bool,
}

/// What a scanner item stands for.
#[derive(Clone, Copy)]
enum Use {
    Cue {
        cue: usize,
        at_line_start: bool,
    },
    /// A furniture pattern found anywhere (`第2页 / 共9页`).
    Furniture(usize),
}

/// Per cue (word or pattern): its class and weight.
struct CueInfo {
    class: usize,
    weight: u32,
    exclude: Option<usize>,
    not_followed_by: Option<usize>,
    not_before_pattern: Option<usize>,
    label: bool,
}

struct LinePattern {
    furniture: usize,
    pattern: String,
    /// For the span of a match: compiled when a line first matches (the
    /// sets answer whether; most drafts never need where).
    regex: OnceLock<Option<Regex>>,
}

struct Furniture {
    max_chars: usize,
    span: FurnitureSpan,
    role: Option<Role>,
    unless: Option<Regex>,
}

/// Line patterns by the character a matching line starts (ends) with:
/// most lines of a draft start and end with characters no furniture shape
/// can, and a pattern is compiled only when a line first could match it.
#[derive(Default)]
struct Gated {
    patterns: Vec<LinePattern>,
    by_char: HashMap<char, Vec<usize>>,
    /// Patterns whose edge character cannot be told: tried on every line.
    always: Vec<usize>,
}

impl Gated {
    fn push(&mut self, pattern: LinePattern, hir: &regex_syntax::hir::Hir, edge: ExtractKind) {
        let i = self.patterns.len();
        match edge_chars(hir, edge) {
            Some(chars) => {
                for c in chars {
                    self.by_char.entry(c).or_default().push(i);
                }
            }
            None => self.always.push(i),
        }
        self.patterns.push(pattern);
    }

    /// The patterns a line with this edge character could match, in order.
    fn candidates(&self, edge: Option<char>) -> impl Iterator<Item = &LinePattern> {
        let gated = edge
            .and_then(|c| self.by_char.get(&c))
            .map_or(&[][..], Vec::as_slice);
        let mut all: Vec<usize> = gated.iter().chain(&self.always).copied().collect();
        all.sort_unstable();
        all.into_iter().map(|i| &self.patterns[i])
    }
}

/// At most this many evidence classes: scores are summed on the stack.
const MAX_CLASSES: usize = 16;

/// The compiled `[residue]` table, shared by the pack's residue rules.
pub struct Lexicon {
    threshold: u32,
    classes: Vec<Class>,
    cues: Vec<CueInfo>,
    excludes: Vec<Regex>,
    not_followed: Vec<String>,
    /// `not_before_pattern` regexes, anchored at the end.
    not_before_patterns: Vec<Regex>,
    /// Cue words and patterns, and furniture found anywhere, as items
    /// `base..base + uses.len()` of the registry's shared scanner
    /// ([`Lexicon::attach`]): one pass for every word list.
    scanner: Option<std::sync::Arc<Scanner>>,
    base: usize,
    uses: Vec<Use>,
    furniture: Vec<Furniture>,
    /// Line patterns anchored at the start, tried on lines (list bullet
    /// set aside) by their first character.
    starts: Gated,
    /// Line patterns anchored at the end only, by a line's last character.
    ends: Gated,
    /// `首页 > 报告总结 > 工作总结`: a short line of segments joined by these.
    path_separators: Vec<char>,
    path_roots: Vec<String>,
    toolbar: Option<AhoCorasick>,
    genres: Option<AhoCorasick>,
    brand_source: Vec<Regex>,
    known_brands: Vec<String>,
}

impl Lexicon {
    /// Compile the table, adding its words and patterns to `scanner` (the
    /// registry's shared one); [`attach`](Self::attach) the built scanner
    /// before use.
    pub fn compile(spec: &LexiconSpec, scanner: &mut ScannerBuilder) -> Result<Self, CompileError> {
        let base = scanner.len();
        if spec.threshold == 0 {
            return Err(CompileError::value("threshold", "须大于 0"));
        }
        let mut class_names: Vec<&str> = Vec::new();
        let mut classes: Vec<Class> = Vec::new();
        let mut cues = Vec::new();
        let mut excludes = Vec::new();
        let mut not_followed = Vec::new();
        let mut not_before_patterns = Vec::new();
        let mut uses = Vec::new();
        for entry in &spec.cue {
            if !matches!(entry.weight, 1 | 2 | 4) {
                return Err(CompileError::value(
                    "cue.weight",
                    format!("{}：须为 1、2 或 4", entry.class),
                ));
            }
            let class = match class_names.iter().position(|c| *c == entry.class) {
                Some(i) => {
                    classes[i].footer |= entry.footer;
                    classes[i].fragment |= entry.fragment;
                    i
                }
                None => {
                    class_names.push(&entry.class);
                    classes.push(Class {
                        footer: entry.footer,
                        fragment: entry.fragment,
                    });
                    classes.len() - 1
                }
            };
            let exclude = match &entry.exclude {
                Some(re) => {
                    excludes.push(Regex::new(re).map_err(|e| CompileError::regex(re, e))?);
                    Some(excludes.len() - 1)
                }
                None => None,
            };
            let not_followed_by = entry.not_followed_by.as_ref().map(|s| {
                not_followed.push(s.clone());
                not_followed.len() - 1
            });
            let not_before_pattern = match &entry.not_before_pattern {
                Some(re) => {
                    let anchored = format!("(?:{re})$");
                    not_before_patterns
                        .push(Regex::new(&anchored).map_err(|e| CompileError::regex(re, e))?);
                    Some(not_before_patterns.len() - 1)
                }
                None => None,
            };
            let cue = |cues: &mut Vec<CueInfo>| {
                cues.push(CueInfo {
                    class,
                    weight: entry.weight,
                    exclude,
                    not_followed_by,
                    not_before_pattern,
                    label: entry.label,
                });
                cues.len() - 1
            };
            for w in &entry.words {
                if w.is_empty() {
                    return Err(CompileError::value(
                        "cue.words",
                        format!("{}：空词", entry.class),
                    ));
                }
                let item = scanner.word(w);
                debug_assert_eq!(item, base + uses.len());
                uses.push(Use::Cue {
                    cue: cue(&mut cues),
                    at_line_start: false,
                });
            }
            for p in &entry.patterns {
                let (at_line_start, body) = match p.strip_prefix('^') {
                    Some(rest) => (true, rest),
                    None => (false, p.as_str()),
                };
                scanner.pattern(body)?;
                uses.push(Use::Cue {
                    cue: cue(&mut cues),
                    at_line_start,
                });
            }
        }
        if classes.len() > MAX_CLASSES {
            return Err(CompileError::value(
                "cue",
                format!("至多 {MAX_CLASSES} 类证据"),
            ));
        }
        let mut furniture = Vec::new();
        let (mut starts, mut ends) = (Gated::default(), Gated::default());
        for (i, f) in spec.furniture.iter().enumerate() {
            let unless = f
                .unless
                .as_deref()
                .map(|p| Regex::new(p).map_err(|e| CompileError::regex(p, e)))
                .transpose()?;
            furniture.push(Furniture {
                max_chars: f.max_chars,
                span: f.span,
                role: f.role,
                unless,
            });
            for p in &f.patterns {
                let bad = |e: regex_syntax::Error| CompileError::regex(p, e);
                let at_start = p.starts_with('^');
                let at_end = p.ends_with('$') && !p.ends_with("\\$");
                // Parsed here to name a bad pattern; compiled on first use.
                let hir = regex_syntax::Parser::new().parse(p).map_err(bad)?;
                let line = LinePattern {
                    furniture: i,
                    pattern: p.clone(),
                    regex: OnceLock::new(),
                };
                if at_start {
                    starts.push(line, &hir, ExtractKind::Prefix);
                } else if at_end {
                    ends.push(line, &hir, ExtractKind::Suffix);
                } else {
                    scanner.pattern(p)?;
                    uses.push(Use::Furniture(i));
                }
            }
        }
        let toolbar = if spec.toolbar.is_empty() {
            None
        } else {
            // Searched on lines of thirty characters: an NFA, cheap to
            // build at every start, is fast enough.
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(&spec.toolbar)
                    .map_err(|e| CompileError::value("toolbar", e.to_string()))?,
            )
        };
        Ok(Self {
            threshold: spec.threshold,
            classes,
            cues,
            excludes,
            not_followed,
            not_before_patterns,
            scanner: None,
            base,
            uses,
            furniture,
            starts,
            ends,
            path_separators: spec.path_separators.chars().collect(),
            path_roots: spec.path_roots.clone(),
            toolbar,
            genres: if spec.genres.is_empty() {
                None
            } else {
                Some(
                    AhoCorasick::builder()
                        .kind(Some(AhoCorasickKind::ContiguousNFA))
                        .build(&spec.genres)
                        .map_err(|e| CompileError::value("genres", e.to_string()))?,
                )
            },
            brand_source: spec
                .brand_source
                .iter()
                .map(|p| Regex::new(p).map_err(|e| CompileError::regex(p, e)))
                .collect::<Result<_, _>>()?,
            known_brands: spec
                .brands
                .iter()
                .filter(|b| !b.is_empty())
                .cloned()
                .collect(),
        })
    }
}

/// One cue found in the text.
#[derive(Debug, Clone, Copy)]
struct Cue {
    range: TextRange,
    cue: usize,
}

/// What the analysis found.
#[derive(Debug, Clone)]
pub struct Found {
    pub family: Family,
    pub range: TextRange,
    /// What the fix deletes: the range, or the whole line with its
    /// terminator when the range is all the line holds.
    pub delete: TextRange,
    pub safe: bool,
}

/// Sentences of a line: each ends after `。！？!?` and the closing quotes
/// or brackets that follow.
fn sentences(text: &str, line: TextRange) -> Vec<TextRange> {
    let s = &text[line.start..line.end];
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if SENTENCE_ENDS.contains(&c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if matches!(
                    n,
                    '。' | '！' | '？' | '!' | '?' | '”' | '’' | '）' | ')' | '】' | '」' | '』'
                ) {
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(TextRange::new(line.start + start, line.start + end));
            start = end;
        }
    }
    if start < s.len() {
        out.push(TextRange::new(line.start + start, line.end));
    }
    out
}

/// How many characters before a cue a `not_before_pattern` regex reads,
/// on the cue's line.
const LOOK_BACK: usize = 12;

/// Where the name a label introduces ends (`公众号：墨语斋`, `QQ:403074932`,
/// `公众号：“某某文库”`): a number or handle of ASCII letters, digits and
/// `._-@`, or up to ten Chinese characters that end where the sentence
/// pauses (a mark, a blank, the line's end) — a name glued to the next
/// words cannot be told from them, and the label then stays alone. `at` is
/// the label's end; returns `at` when no name follows.
fn handle_end(text: &str, at: usize) -> usize {
    const MAX_HAN: usize = 10;
    const MAX_ASCII: usize = 40;
    let rest = &text[at..];
    let mut chars = rest.char_indices().peekable();
    // Blanks after the colon.
    let mut n = 0;
    while let Some(&(_, c)) = chars.peek() {
        if c == ' ' || c == '\u{3000}' || c == '\t' {
            chars.next();
            n += 1;
            if n > 2 {
                return at;
            }
        } else {
            break;
        }
    }
    let close = match chars.peek() {
        Some(&(_, open)) => match open {
            '“' => Some('”'),
            '"' => Some('"'),
            '【' => Some('】'),
            '「' => Some('」'),
            '『' => Some('』'),
            '《' => Some('》'),
            _ => None,
        },
        None => return at,
    };
    if close.is_some() {
        chars.next();
    }
    let Some(&(first_at, first)) = chars.peek() else {
        return at;
    };
    let handle = |c: char| c.is_ascii_alphanumeric() || "._-@".contains(c);
    let mut end = first_at;
    if handle(first) {
        // Bounded: labels in a row (`wx@wx@…`) each read a few characters.
        for _ in 0..MAX_ASCII {
            let Some(&(i, c)) = chars.peek() else {
                break;
            };
            if !handle(c) {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        // A trailing dot ends the sentence, not the handle.
        end = first_at + rest[first_at..end].trim_end_matches('.').len();
    } else if is_han(first) {
        let mut count = 0;
        while let Some(&(i, c)) = chars.peek() {
            if !is_han(c) {
                break;
            }
            count += 1;
            if count > MAX_HAN {
                return at;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        // Delimited: a mark, a blank or the line's end follows.
        if rest[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric())
        {
            return at;
        }
    } else {
        return at;
    }
    if end == first_at {
        return at;
    }
    if let Some(close) = close
        && rest[end..].starts_with(close)
    {
        end += close.len_utf8();
    }
    at + end
}

/// `range` without blanks at either end.
fn trim(text: &str, range: TextRange) -> TextRange {
    let s = &text[range.start..range.end];
    let lead = s.len() - s.trim_start_matches(is_blank).len();
    let kept = s.trim_matches(is_blank).len();
    TextRange::new(range.start + lead, range.start + lead + kept)
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

fn has_han(s: &str) -> bool {
    s.chars().any(is_han)
}

fn han_count(s: &str) -> usize {
    s.chars().filter(|&c| is_han(c)).count()
}

/// Whether a short line that is not residue by itself becomes residue by
/// the company it keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Leftover {
    /// Prose, a heading or a title: never.
    #[default]
    No,
    /// When a neighbouring line is residue (`¥8.88` under a tip widget,
    /// `VIP专免` by an upload date).
    Beside,
    /// When the lines on both sides are residue (`赏赞` between two
    /// widget lines).
    Between,
}

/// What is known about one line during the analysis.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Mark {
    #[default]
    Prose,
    /// Some evidence, not enough alone.
    Weak,
    /// Fully residue (advert, footer or furniture).
    Residue,
    /// Partly residue (an advert appended to a sentence).
    Partial,
}

impl Lexicon {
    /// Cues (sorted, no two overlapping: leftmost, then longest, wins) and
    /// furniture found anywhere, from one scan.
    /// Give the lexicon the scanner its words were added to, once built.
    pub fn attach(&mut self, scanner: std::sync::Arc<Scanner>) {
        self.scanner = Some(scanner);
    }

    fn cues_in(&self, doc: &Document<'_>) -> (Vec<Cue>, Vec<(usize, TextRange)>) {
        let text = doc.text();
        let mut found = Vec::new();
        let mut fragments = Vec::new();
        let hits = match &self.scanner {
            Some(scanner) => Scanner::hits(scanner, doc),
            None => std::sync::Arc::default(),
        };
        let mine = self.base..self.base + self.uses.len();
        for &(range, item) in hits.iter().filter(|(_, item)| mine.contains(item)) {
            match self.uses[item - self.base] {
                Use::Cue { cue, at_line_start } => {
                    if !at_line_start || super::starts_line(text, range.start) {
                        found.push(Cue { range, cue });
                    }
                }
                Use::Furniture(f) => fragments.push((f, range)),
            }
        }
        found.retain(|c| {
            let info = &self.cues[c.cue];
            let s = &text[c.range.start..c.range.end];
            !info.exclude.is_some_and(|e| self.excludes[e].is_match(s))
                && !info.not_followed_by.is_some_and(|n| {
                    text[c.range.end..]
                        .chars()
                        .next()
                        .is_some_and(|c| self.not_followed[n].contains(c))
                })
                && !info.not_before_pattern.is_some_and(|n| {
                    self.not_before_patterns[n].is_match(super::before_on_line(
                        text,
                        c.range.start,
                        LOOK_BACK,
                    ))
                })
                && !c.range.is_empty()
        });
        // Leftmost, then longest; overlapping later cues are dropped.
        found.sort_by(|a, b| {
            a.range
                .start
                .cmp(&b.range.start)
                .then(b.range.end.cmp(&a.range.end))
        });
        let mut reach = 0;
        found.retain(|c| {
            let keep = c.range.start >= reach;
            reach = reach.max(c.range.end);
            keep
        });
        // A label takes the name it introduces (after the overlaps are
        // settled: cues inside the name still count).
        for c in &mut found {
            if self.cues[c.cue].label {
                c.range.end = handle_end(text, c.range.end);
            }
        }
        fragments.sort_by_key(|(_, r)| r.start);
        (found, fragments)
    }

    /// Evidence of `cues`: each distinct cue counted once, each class
    /// capped by its strongest cue. A class reaches the threshold alone only
    /// through a cue that is enough alone, and words prose uses too count
    /// once however many there are, and not at all beside a telling word of
    /// their class: official prose piles up 注册 会员 网站 下载 整理 上传
    /// 文档, and it takes another kind of evidence to make them residue.
    fn score(&self, cues: &[Cue]) -> u32 {
        // Most lines hold a cue or two: counted on the stack.
        let mut small = [usize::MAX; 16];
        let mut large = Vec::new();
        let ids: &mut [usize] = if cues.len() <= small.len() {
            for (slot, c) in small.iter_mut().zip(cues) {
                *slot = c.cue;
            }
            &mut small[..cues.len()]
        } else {
            large.extend(cues.iter().map(|c| c.cue));
            &mut large
        };
        ids.sort_unstable();
        // Per class: the sum of its telling cues (weight 2 or more), and
        // whether it has a weak one.
        let mut per_class = [(0u32, 0u32, false); MAX_CLASSES];
        for (i, &id) in ids.iter().enumerate() {
            if i > 0 && ids[i - 1] == id {
                continue;
            }
            let info = &self.cues[id];
            let class = &mut per_class[info.class];
            if info.weight > 1 {
                class.0 += info.weight;
                class.1 = class.1.max(info.weight);
            } else {
                class.2 = true;
            }
        }
        per_class[..self.classes.len()]
            .iter()
            .map(|&(telling, strongest, weak)| match strongest {
                s if s >= self.threshold => telling.min(self.threshold),
                0 => u32::from(weak),
                // Weak words add nothing to a class that has a telling one.
                _ => telling.min(self.threshold - 1),
            })
            .sum()
    }

    fn is_footer(&self, cues: &[Cue]) -> bool {
        cues.iter()
            .any(|c| self.classes[self.cues[c.cue].class].footer)
    }

    fn is_fragment_cue(&self, c: &Cue) -> bool {
        self.classes[self.cues[c.cue].class].fragment
    }

    /// Adverts and footers on one line. Returns what it found and whether the
    /// line is wholly residue.
    fn line_stretches(
        &self,
        text: &str,
        line: TextRange,
        cues: &[Cue],
        out: &mut Vec<Found>,
    ) -> Mark {
        let content = trim(text, line);
        if content.is_empty() {
            return Mark::Prose;
        }
        let found_before = out.len();
        let sentences = sentences(text, content);
        // Tight clusters of glueable cues: a watermark, a URL with its
        // slogan, a brand word.
        // Tight clusters of cues holding a glueable one: a watermark (site
        // name, slogan and URL run together), a URL with its slogan, a
        // brand word.
        let mut clusters: Vec<(TextRange, Vec<Cue>)> = Vec::new();
        for c in cues {
            if let Some((range, members)) = clusters.last_mut() {
                let gap = &text[range.end.min(c.range.start)..c.range.start];
                if gap.chars().count() <= 3 && !has_han(gap) && !gap.contains(['。', '，', '；'])
                {
                    range.end = range.end.max(c.range.end);
                    members.push(*c);
                    continue;
                }
            }
            clusters.push((c.range, vec![*c]));
        }
        clusters.retain(|(_, members)| {
            members.iter().any(|c| self.is_fragment_cue(c)) && self.score(members) >= self.threshold
        });

        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        enum State {
            None,
            Weak,
            Seed,
        }
        let mut states = Vec::with_capacity(sentences.len());
        // Per sentence, the slice of `cues` it holds (cues and sentences
        // are both in text order: one pass).
        let mut slices = Vec::with_capacity(sentences.len());
        let mut fragments: Vec<TextRange> = Vec::new();
        let (mut ci, mut ki) = (0, 0);
        for s in &sentences {
            while ci < cues.len() && cues[ci].range.start < s.start {
                ci += 1;
            }
            let a = ci;
            while ci < cues.len() && cues[ci].range.start < s.end {
                ci += 1;
            }
            slices.push((a, ci));
            let inside = &cues[a..ci];
            while ki < clusters.len() && clusters[ki].0.start < s.start {
                ki += 1;
            }
            let ka = ki;
            while ki < clusters.len() && clusters[ki].0.start < s.end {
                ki += 1;
            }
            let own = &clusters[ka..ki];
            let state = if own.is_empty() {
                match self.score(inside) {
                    s if s >= self.threshold => State::Seed,
                    0 => State::None,
                    _ => State::Weak,
                }
            } else {
                let mut rest = Vec::new();
                let mut k = 0;
                for c in inside {
                    while k < own.len() && own[k].0.end <= c.range.start {
                        k += 1;
                    }
                    if !own.get(k).is_some_and(|(r, _)| r.contains_range(c.range)) {
                        rest.push(*c);
                    }
                }
                let rest_score = self.score(&rest);
                // A watermark in a sentence that has evidence enough of its
                // own, or little else: the sentence is residue. Otherwise the
                // sentence is the author's and only the watermark goes.
                let mut prose = 0;
                let mut at = s.start;
                for (r, _) in own {
                    prose += han_count(&text[at..r.start.max(at)]);
                    at = r.end.max(at);
                }
                prose += han_count(&text[at.min(s.end)..s.end]);
                // A few words around a watermark are its own (`来自：`).
                if rest_score >= self.threshold || prose <= 8 {
                    State::Seed
                } else {
                    fragments.extend(own.iter().map(|(r, _)| *r));
                    if rest_score > 0 {
                        State::Weak
                    } else {
                        State::None
                    }
                }
            };
            states.push(state);
        }
        let mut whole_line = false;
        let mut i = 0;
        while i < sentences.len() {
            if states[i] != State::Seed {
                i += 1;
                continue;
            }
            let mut first = i;
            while first > 0 && states[first - 1] == State::Weak {
                first -= 1;
            }
            let mut last = i;
            while last + 1 < sentences.len() && states[last + 1] >= State::Weak {
                last += 1;
            }
            let safe = states[first..=last].iter().all(|s| *s == State::Seed);
            let mut start = sentences[first].start;
            let mut end = sentences[last].end;
            let stretch_cues = &cues[slices[first].0..slices[last].1];
            // Within the first sentence, clauses before the first cue are
            // the author's: `…久久为功，本文由网友上传提供…范文。`. The
            // advert then takes the comma before it and leaves the
            // sentence's full stop to the author: `…久久为功。`.
            if let Some(first_cue) = stretch_cues.first() {
                let lead = &text[start..first_cue.range.start];
                if let Some(cut) = lead.rfind(['，', ',', '；', ';'])
                    && has_han(&lead[..cut])
                {
                    start += cut;
                    let body = text[start..end].trim_end_matches(is_blank);
                    let kept = body.trim_end_matches(SENTENCE_ENDS);
                    if kept.len() < body.len() {
                        end = start + kept.len();
                    }
                }
            }
            let range = trim(text, TextRange::new(start, end));
            // More of the author's kind of words than evidence — a footer
            // glued to a sentence (`来源：网络整理全年完成12项。`) — is
            // not unmistakably residue: the deletion waits for a person.
            // Each sentence is judged on its own cues: one glued sentence
            // among adverts makes the whole deletion unsafe.
            let safe = safe
                && (first..=last).all(|k| {
                    let own = &cues[slices[k].0..slices[k].1];
                    let sentence = sentences[k];
                    let part = TextRange::new(
                        sentence.start.max(range.start),
                        sentence.end.min(range.end),
                    );
                    // A label line (`扩展阅读:某篇讲话`) is not a sentence of
                    // anyone's: what follows its label is the site's too.
                    let sentence_like = text[part.start..part.end].contains(SENTENCE_ENDS);
                    part.start >= part.end || !sentence_like || !mostly_uncued(text, part, own)
                });
            let whole = range == content;
            whole_line |= whole;
            out.push(Found {
                family: if self.is_footer(stretch_cues) {
                    Family::Footer
                } else {
                    Family::Advert
                },
                range,
                delete: range,
                safe,
            });
            i = last + 1;
        }
        for f in fragments {
            let whole = f == content;
            whole_line |= whole;
            out.push(Found {
                family: Family::Advert,
                range: f,
                delete: f,
                safe: true,
            });
        }
        if whole_line {
            Mark::Residue
        } else if out.len() == found_before {
            if self.score(cues) > 0 {
                Mark::Weak
            } else {
                Mark::Prose
            }
        } else {
            Mark::Partial
        }
    }

    /// Furniture on one line by its shape: the span found and its role.
    fn line_furniture(&self, text: &str, content: TextRange) -> Option<(TextRange, Option<Role>)> {
        let s = &text[content.start..content.end];
        // Line shapes describe short lines; a paragraph is prose.
        let max = self
            .furniture
            .iter()
            .map(|f| f.max_chars)
            .max()
            .unwrap_or(0);
        if !has_at_most_chars(s, max) {
            return None;
        }
        let chars = s.chars().count();
        // A list bullet (`- 2021-04-12 发布`, `• 上一篇：`) is the list's.
        let bullet = s.len()
            - s.trim_start_matches(['-', '•', '·', '+', '*'])
                .trim_start_matches(is_blank)
                .len();
        let body = &s[bullet..];
        if self.is_path(body) {
            return Some((content, Some(Role::Breadcrumb)));
        }
        let first = body.chars().next();
        let last = body.chars().next_back();
        for lp in self
            .starts
            .candidates(first)
            .chain(self.ends.candidates(last))
        {
            let f = &self.furniture[lp.furniture];
            if chars > f.max_chars || f.unless.as_ref().is_some_and(|u| u.is_match(s)) {
                continue;
            }
            let regex = lp.regex.get_or_init(|| Regex::new(&lp.pattern).ok());
            let Some(m) = regex.as_ref().and_then(|r| r.find(body)) else {
                continue;
            };
            let m = TextRange::new(bullet + m.start(), bullet + m.end());
            let span = match f.span {
                FurnitureSpan::Line => content,
                FurnitureSpan::Match => m.shifted(content.start),
            };
            return Some((span, f.role));
        }
        None
    }

    /// `首页 > 报告总结 > 工作总结`: three or more short segments joined by
    /// a path separator, nothing ending a sentence, starting at the site
    /// (`path_roots`) or naming a kind of document.
    fn is_path(&self, s: &str) -> bool {
        if self.path_separators.is_empty() || !s.contains(self.path_separators.as_slice()) {
            return false;
        }
        let segments: Vec<&str> = s
            .split(self.path_separators.as_slice())
            .map(|p| p.trim_matches(is_blank))
            .filter(|p| !p.is_empty())
            .collect();
        segments.len() >= 3
            && segments.iter().all(|p| has_at_most_chars(p, 24))
            && !s.contains(['。', '，', '；'])
            && (self
                .path_roots
                .iter()
                .any(|r| segments[0].ends_with(r.as_str()))
                || segments.iter().any(|p| self.is_title(p)))
    }

    /// A short line made only of toolbar words, punctuation and numbers
    /// (`收藏 分享(赏)`, `下载 相关 举报`, `¥8.88`), or only a site name
    /// with a date (`10-28 德育素材网`).
    fn is_widget(&self, text: &str, content: TextRange, cues: &[Cue]) -> bool {
        let s = &text[content.start..content.end];
        if !has_at_most_chars(s, 30) {
            return false;
        }
        let Some(toolbar) = &self.toolbar else {
            return false;
        };
        let mut rest = String::with_capacity(s.len());
        let mut at = 0;
        let mut words = 0;
        for m in toolbar.find_iter(s) {
            rest.push_str(&s[at..m.start()]);
            at = m.end();
            words += 1;
        }
        rest.push_str(&s[at..]);
        if words > 0 && !has_han(&rest) {
            return true;
        }
        // A site's name, with at most its own short prefix, and nothing else.
        let brand: Vec<&Cue> = cues
            .iter()
            .filter(|c| self.classes[self.cues[c.cue].class].fragment)
            .filter(|c| content.contains_range(c.range))
            .collect();
        if !brand.is_empty() {
            let mut left = rest.clone();
            for c in &brand {
                left = left.replace(&text[c.range.start..c.range.end], "");
            }
            return han_count(&left) <= 4 && !left.contains(['。', '，', ',']);
        }
        false
    }

    pub fn analyse(&self, doc: &Document<'_>) -> Vec<Found> {
        let text = doc.text();
        let lines = doc.lines();
        let (cues, fragment_furniture) = self.cues_in(doc);
        let mut out: Vec<Found> = Vec::new();
        let mut marks = vec![Mark::Prose; lines.len()];
        let mut roles: Vec<Option<Role>> = vec![None; lines.len()];
        let mut leftover = vec![Leftover::No; lines.len()];
        let mut c = 0;
        for line in lines {
            let start = c;
            while c < cues.len() && cues[c].range.start < line.range.end {
                c += 1;
            }
            let line_cues = &cues[start..c];
            let content = trim(text, line.range);
            if content.is_empty() {
                continue;
            }
            let before = out.len();
            // Most lines of a draft hold a word or two a site also uses
            // (文章, 阅读): below the threshold as a whole, no sentence of
            // them can reach it.
            let mark = match self.score(line_cues) {
                0 => Mark::Prose,
                s if s < self.threshold => Mark::Weak,
                _ => self.line_stretches(text, line.range, line_cues, &mut out),
            };
            marks[line.index] = mark;
            let shape = self.line_furniture(text, content);
            roles[line.index] = shape.and_then(|(_, role)| role);
            if mark == Mark::Residue {
                continue;
            }
            if let Some((span, _)) = shape {
                if span == content {
                    // Furniture and advert on one line: one finding, the line.
                    out.truncate(before);
                    marks[line.index] = Mark::Residue;
                }
                out.push(furniture(span));
                continue;
            }
            if self.is_widget(text, content, line_cues) {
                out.truncate(before);
                marks[line.index] = Mark::Residue;
                out.push(furniture(content));
                continue;
            }
            leftover[line.index] = self.leftover(&text[content.start..content.end], mark);
        }
        // Pieces of furniture on one line with nothing but marks and blanks
        // between them are one piece (`本篇文章2680字，读完约9分钟`): the
        // fix must not leave the comma behind.
        let mut merged: Vec<TextRange> = Vec::with_capacity(fragment_furniture.len());
        for (_, range) in &fragment_furniture {
            if let Some(last) = merged.last_mut()
                && range.start >= last.end
                && !text[last.end..range.start].contains('\n')
                && !text[last.end..range.start]
                    .chars()
                    .any(|c| c.is_alphanumeric())
            {
                last.end = range.end;
                continue;
            }
            merged.push(*range);
        }
        for range in &merged {
            let line = doc.line_at(range.start);
            if marks[line.index] == Mark::Residue {
                continue;
            }
            let content = trim(text, line.range);
            let rest = |s: &str| s.chars().all(|c| !c.is_alphanumeric());
            let range = if range.start >= content.start
                && range.end <= content.end
                && rest(&text[content.start..range.start])
                && rest(&text[range.end..content.end])
            {
                // Only marks around it: the line is furniture.
                content
            } else {
                *range
            };
            if range == content {
                marks[line.index] = Mark::Residue;
            }
            out.push(furniture(range));
        }
        self.structure(doc, &mut marks, &roles, &leftover, &mut out);
        self.brands(text, &mut out);
        out.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
        out.dedup_by(|a, b| b.range.contains_range(a.range));
        for f in &mut out {
            let line = doc.line_at(f.range.start);
            if f.range == trim(text, line.range) {
                f.delete = doc.line_with_terminator(line);
            }
        }
        out
    }

    /// The brands adverts name (`公众号：某某君`), found again outside the
    /// adverts: sites plant them in sentences to mark their copies.
    fn brands(&self, text: &str, out: &mut Vec<Found>) {
        let mut adverts: Vec<TextRange> = out
            .iter()
            .filter(|f| matches!(f.family, Family::Advert | Family::Footer))
            .map(|f| f.range)
            .collect();
        adverts.sort_by_key(|r| r.start);
        let mut names: Vec<&str> = self.known_brands.iter().map(String::as_str).collect();
        for range in &adverts {
            for re in &self.brand_source {
                for caps in re.captures_iter(&text[range.start..range.end]) {
                    if let Some(name) = caps.iter().skip(1).flatten().next()
                        && !names.contains(&name.as_str())
                    {
                        names.push(name.as_str());
                    }
                }
            }
        }
        if names.is_empty() {
            return;
        }
        // A name or two: one substring search each.
        let mut hits: Vec<TextRange> = names
            .iter()
            .flat_map(|name| {
                text.match_indices(name)
                    .map(|(at, n)| TextRange::new(at, at + n.len()))
            })
            .collect();
        hits.sort_by_key(|r| r.start);
        let mut a = 0;
        for range in hits {
            while a < adverts.len() && adverts[a].end <= range.start {
                a += 1;
            }
            // Sorted and disjoint: only the next advert can hold it.
            if adverts.get(a).is_some_and(|r| r.contains_range(range)) {
                continue;
            }
            out.push(Found {
                family: Family::Brand,
                range,
                delete: range,
                safe: true,
            });
        }
    }

    /// What the page's structure shows: lines repeating a breadcrumb's
    /// parts, a collection's preamble and items, a site outline, and short
    /// leftovers next to residue.
    fn structure(
        &self,
        doc: &Document<'_>,
        marks: &mut [Mark],
        roles: &[Option<Role>],
        leftover: &[Leftover],
        out: &mut Vec<Found>,
    ) {
        let text = doc.text();
        let lines = doc.lines();
        let content = |l: &Line| trim(text, l.range);
        let body = |l: &Line| {
            let r = content(l);
            &text[r.start..r.end]
        };
        let flag = |i: usize, marks: &mut [Mark], out: &mut Vec<Found>| {
            if marks[i] != Mark::Residue {
                marks[i] = Mark::Residue;
                out.push(furniture(content(&lines[i])));
            }
        };
        // Short and without evidence of its own, it is residue only where
        // the page around it is.
        let non_blank_next =
            |i: usize| (i + 1..lines.len()).find(|&j| !content(&lines[j]).is_empty());
        let non_blank_prev = |i: usize| (0..i).rev().find(|&j| !content(&lines[j]).is_empty());
        let window = 8;
        for i in 0..lines.len() {
            match roles[i] {
                Some(Role::Breadcrumb) => {
                    let parts: HashSet<&str> = body(&lines[i])
                        .split(['>', '»', '›', '＞', ' ', '\u{3000}', '/', ':', '：'])
                        .map(|p| p.trim_matches(is_blank))
                        // A category label, not the page's title (which a
                        // breadcrumb names too, and which the draft keeps).
                        .filter(|p| (2..=6).contains(&p.chars().count()))
                        .collect();
                    let echoes: Vec<usize> = (i + 1..(i + 1 + window).min(lines.len()))
                        .filter(|&j| parts.contains(body(&lines[j])))
                        .collect();
                    for j in echoes {
                        flag(j, marks, out);
                    }
                }
                Some(Role::Collection) => {
                    let title = body(&lines[i]);
                    let Some(j) = (i + 1..(i + 1 + window).min(lines.len())).find(|&j| {
                        roles[j] == Some(Role::Item) || is_topic_item(title, body(&lines[j]))
                    }) else {
                        continue;
                    };
                    for k in i + 1..j {
                        if !content(&lines[k]).is_empty() && marks[k] != Mark::Partial {
                            flag(k, marks, out);
                        }
                    }
                    if is_topic_item(title, body(&lines[j])) {
                        flag(j, marks, out);
                    }
                    // Every later item of the same topic (`乡镇防汛工作总结 3`
                    // after `篇一：` and `第2篇`), up to the next collection.
                    for k in j + 1..lines.len() {
                        if roles[k] == Some(Role::Collection) {
                            break;
                        }
                        if is_topic_item(title, body(&lines[k])) {
                            flag(k, marks, out);
                        }
                    }
                }
                Some(Role::Outline) => {
                    let end = (i + 1..(i + 1 + 16).min(lines.len()))
                        .take_while(|&j| {
                            let b = body(&lines[j]);
                            has_at_most_chars(b, 60) && !b.contains('。')
                        })
                        .find(|&j| body(&lines[j]).trim_matches(['…', '.', '。']).is_empty());
                    if let Some(end) = end {
                        for k in i + 1..=end {
                            flag(k, marks, out);
                        }
                    }
                }
                _ => {}
            }
        }
        // A site's abstract: an opening line that repeats, cut short, the
        // title and first lines that follow it (`…的讲话用心用爱…(2019年3月
        // 31日) 同志们: 县不图强,` above the same text, line by line). A
        // title merely repeated is not one: the abstract runs on past the
        // next line.
        let firsts: Vec<usize> = (0..lines.len())
            .filter(|&i| !content(&lines[i]).is_empty())
            .take(6)
            .collect();
        for (n, &i) in firsts.iter().enumerate() {
            // An abstract is a few lines' worth; a long opening paragraph
            // is the text itself.
            if !has_at_most_chars(body(&lines[i]), 400) || marks[i] == Mark::Residue {
                continue;
            }
            let own: Vec<char> = letters(body(&lines[i])).collect();
            if own.len() < 30 {
                continue;
            }
            let mut after: Vec<char> = Vec::with_capacity(own.len());
            let mut next_line: Option<Vec<char>> = None;
            for j in firsts
                .get(n + 1)
                .copied()
                .into_iter()
                .chain((firsts.get(n + 1).copied().unwrap_or(lines.len()) + 1)..lines.len())
            {
                if after.len() >= own.len() {
                    break;
                }
                // No more than the abstract's length is compared (one
                // letter more tells a repeated title from a longer line).
                let next: Vec<char> = letters(body(&lines[j]))
                    .take(own.len() + 1 - after.len())
                    .collect();
                after.extend(&next);
                next_line.get_or_insert(next);
            }
            // The cut end may differ (a name the site masked further down).
            let k = (own.len() * 9 / 10).max(30);
            let repeated = next_line.is_some_and(|next| next == own);
            if !repeated && after.len() >= k && after[..k] == own[..k] {
                flag(i, marks, out);
            }
        }
        // Leftovers next to residue, in both directions, then those between
        // residue; twice, as each pass can make new neighbours.
        let is_residue =
            |marks: &[Mark], j: Option<usize>| j.is_some_and(|j| marks[j] == Mark::Residue);
        for _ in 0..2 {
            for i in 0..lines.len() {
                if leftover[i] == Leftover::Beside
                    && marks[i] != Mark::Residue
                    && is_residue(marks, non_blank_prev(i))
                {
                    flag(i, marks, out);
                }
            }
            for i in (0..lines.len()).rev() {
                if leftover[i] == Leftover::Beside
                    && marks[i] != Mark::Residue
                    && is_residue(marks, non_blank_next(i))
                {
                    flag(i, marks, out);
                }
            }
            for i in 0..lines.len() {
                if leftover[i] != Leftover::No
                    && marks[i] != Mark::Residue
                    && is_residue(marks, non_blank_prev(i))
                    && is_residue(marks, non_blank_next(i))
                {
                    flag(i, marks, out);
                }
            }
        }
        self.chunk_markers(doc, marks, out);
    }

    /// A document-sharing site cuts the text into numbered chunks after its
    /// notice (`1、…各位代表：现在，` / `2、7.1亿元…`): a `1、` right after
    /// residue, then each next number opening a line that continues the
    /// previous chunk's unfinished sentence. Only the number is reported.
    fn chunk_markers(&self, doc: &Document<'_>, marks: &[Mark], out: &mut Vec<Found>) {
        let text = doc.text();
        let lines = doc.lines();
        let mut expected = 1u32;
        let mut previous_open = false;
        let mut last_residue = false;
        for line in lines {
            let content = trim(text, line.range);
            if content.is_empty() {
                continue;
            }
            let s = &text[content.start..content.end];
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            let number = s[..digits].parse::<u32>().ok();
            let marker = digits > 0 && digits <= 2 && s[digits..].starts_with('、');
            let chunk = marker
                && number == Some(expected)
                && if expected == 1 {
                    last_residue
                } else {
                    previous_open
                };
            if chunk {
                let end = content.start + digits + '、'.len_utf8();
                out.push(furniture(TextRange::new(content.start, end)));
                expected += 1;
                // A chunk is cut mid-sentence: it ends without a full stop.
                previous_open = !has_at_most_chars(s, 40)
                    && !s.ends_with(['。', '！', '？', '；', '：', '”', '」', '…']);
            } else {
                expected = 1;
                previous_open = false;
            }
            last_residue = marks[line.index] == Mark::Residue;
        }
    }

    fn leftover(&self, s: &str, mark: Mark) -> Leftover {
        if !has_at_most_chars(s, 16) || s.ends_with(['。', '；', '：', ':']) || self.is_title(s)
        {
            return Leftover::No;
        }
        let weak_or_bare = mark == Mark::Weak || !has_han(s);
        if has_at_most_chars(s, 12) && weak_or_bare {
            Leftover::Beside
        } else if has_at_most_chars(s, 4) || has_at_most_chars(s, 16) && weak_or_bare {
            Leftover::Between
        } else {
            Leftover::No
        }
    }

    /// A line naming a kind of document (…工作总结, …的讲话): a title,
    /// which the draft keeps even where the page around it is residue.
    fn is_title(&self, s: &str) -> bool {
        self.genres.as_ref().is_some_and(|g| g.is_match(s))
    }
}

/// `实施方案 1`, `工作总结篇2` under `实施方案最新10篇`: the collection's
/// topic (the start of its title) and an item number.
fn is_topic_item(title: &str, line: &str) -> bool {
    let core = line
        .trim_end_matches(|c: char| {
            c.is_ascii_digit() || crate::document::numerals::is_han_digit(c)
        })
        .trim_end_matches(is_blank);
    let core = core
        .strip_suffix('篇')
        .unwrap_or(core)
        .trim_end_matches(is_blank);
    core.len() < line.len()
        && core.chars().count() >= 2
        && core.len() < title.len()
        && title.starts_with(core)
}

/// The letters of `s`: Chinese characters and ASCII letters and digits,
/// so that two copies of a text compare equal whatever their spacing and
/// punctuation (`"强县之问"` and `“强县之问”`).
fn letters(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|&c| is_han(c) || c.is_ascii_alphanumeric())
}

fn furniture(range: TextRange) -> Found {
    Found {
        family: Family::Furniture,
        range,
        delete: range,
        safe: false,
    }
}

/// Whether the Han characters of `range` outside every cue outnumber those
/// inside them, and are more than a few (a short lead-in such as `以下是`
/// belongs to the advert).
fn mostly_uncued(text: &str, range: TextRange, cues: &[Cue]) -> bool {
    const FEW: usize = 4;
    let (mut covered, mut uncovered, mut at) = (0, 0, range.start);
    for cue in cues {
        let (s, e) = (
            cue.range.start.max(at).min(range.end),
            cue.range.end.min(range.end),
        );
        if s < e {
            uncovered += han_count(&text[at..s]);
            covered += han_count(&text[s..e]);
            at = e;
        }
    }
    uncovered += han_count(&text[at.min(range.end)..range.end]);
    uncovered > FEW && uncovered > covered
}

pub struct Residue {
    meta: RuleMeta,
    family: Family,
    lexicon: Arc<Lexicon>,
    message: Template,
    help: Option<Template>,
}

/// The family a residue entry reports (`report = "…"`).
fn family(spec: &RuleSpec) -> Result<Family, CompileError> {
    match spec.report.as_deref() {
        Some("advert") => Ok(Family::Advert),
        Some("footer") => Ok(Family::Footer),
        Some("furniture") => Ok(Family::Furniture),
        Some("brand") => Ok(Family::Brand),
        other => Err(CompileError::value(
            "report",
            format!("须为 advert、footer、furniture 或 brand，而不是 {other:?}"),
        )),
    }
}

/// The fixes a residue entry offers. Furniture is deleted with the line it
/// sits on: always a reader's call. Adverts and footers are deleted when
/// the evidence covers them, and wait when an author's words would go.
pub fn fix_safety(spec: &RuleSpec) -> FixSafety {
    match family(spec) {
        Ok(Family::Furniture) => FixSafety::Unsafe,
        Ok(Family::Brand) => FixSafety::Safe,
        Ok(Family::Advert | Family::Footer) => FixSafety::Mixed,
        Err(_) => FixSafety::None,
    }
}

impl Residue {
    pub fn compile(spec: &RuleSpec, lexicon: Arc<Lexicon>) -> Result<Self, CompileError> {
        let family = family(spec)?;
        Ok(Self {
            meta: spec.meta(),
            family,
            lexicon,
            message: Template::compile("message", &spec.message, &["match"])?,
            help: Template::compile_optional("help", spec.help.as_ref(), &[])?,
        })
    }
}

impl Rule for Residue {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        // The pack's residue rules share one lexicon: one analysis serves them all.
        let key = Arc::as_ptr(&self.lexicon) as usize;
        let analysis = doc.shared(key, || self.lexicon.analyse(doc));
        for found in analysis.iter() {
            if found.family != self.family {
                continue;
            }
            // An advert cut from the end of a sentence starts with its comma.
            let shown =
                text[found.range.start..found.range.end].trim_start_matches(['，', ',', '；', ';']);
            let quoted = quote_excerpt(shown);
            let mut d = self
                .meta
                .diagnostic(found.range, self.message.render(&[("{match}", &quoted)]));
            d.help = self.help.as_ref().map(|h| h.render(&[]));
            d.fix = Some(Fix {
                range: found.delete,
                replacement: String::new(),
                applicability: if found.safe {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
            });
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_takes_the_name_it_introduces() {
        fn end(s: &str) -> &str {
            let colon = s.find(['：', ':']).unwrap();
            let at = colon + s[colon..].chars().next().unwrap().len_utf8();
            &s[..handle_end(s, at)]
        }
        assert_eq!(end("关注公众号：墨语斋，每日更新"), "关注公众号：墨语斋");
        assert_eq!(end("公众号：“墨语斋”获取"), "公众号：“墨语斋”");
        assert_eq!(end("客服QQ:403074932。"), "客服QQ:403074932");
        assert_eq!(end("微信：qnwen2024，一对一"), "微信：qnwen2024");
        // Glued to more words than a name has, or to nothing: the label alone.
        assert_eq!(end("公众号：某某某某某某某某某某某某"), "公众号：");
        assert_eq!(end("公众号：，"), "公众号：");
    }

    #[test]
    fn sentences_keep_their_closing_marks() {
        let text = "他说：“好。”又说！没有结尾";
        let got: Vec<&str> = sentences(text, TextRange::new(0, text.len()))
            .iter()
            .map(|r| &text[r.start..r.end])
            .collect();
        assert_eq!(got, vec!["他说：“好。”", "又说！", "没有结尾"]);
    }
}

#[cfg(test)]
mod fix_tests {
    use crate::diagnostic::{Applicability, Diagnostic};
    use crate::linter::{Linter, RuleSettings};
    use crate::rules::Registry;
    use crate::source::{SourceFile, SourceFormat};

    fn contamination(text: &str) -> Vec<Diagnostic> {
        let registry = Registry::builtin().unwrap();
        let settings = RuleSettings {
            select: vec!["contamination".to_owned()],
            ..Default::default()
        };
        let file = SourceFile::new("t.txt", text.to_owned(), SourceFormat::PlainText);
        Linter::new(&registry, settings).check(&file)
    }

    /// The text after applying every safe fix.
    fn fixed(text: &str) -> String {
        let mut fixes: Vec<_> = contamination(text)
            .into_iter()
            .filter_map(|d| d.fix)
            .filter(|f| f.applicability == Applicability::Safe)
            .collect();
        fixes.sort_by_key(|f| std::cmp::Reverse(f.range.start));
        let mut out = text.to_owned();
        for f in fixes {
            out.replace_range(f.range.start..f.range.end, &f.replacement);
        }
        out
    }

    #[test]
    fn an_advert_appended_to_a_sentence_goes_alone() {
        let author = "同志们，作风建设永远在路上，希望大家再接再厉，久久为功。";
        let advert = "本文由网友上传提供，关注公众号：某某文库，获取更多范文。";
        assert_eq!(fixed(&format!("{author}{advert}\n")), format!("{author}\n"));
        // Glued with a comma: the comma goes, the author's full stop stays.
        let glued = "同志们，久久为功，本文由网友上传提供，关注公众号：某某文库，获取更多范文。\n";
        assert_eq!(fixed(glued), "同志们，久久为功。\n");
    }

    #[test]
    fn a_line_of_residue_goes_with_its_line_ending() {
        let text = "正文第一段。\r\n——此处隐藏2760字，开通会员即可阅读全文——\r\n正文第二段。\r\n";
        assert_eq!(fixed(text), "正文第一段。\r\n正文第二段。\r\n");
    }

    #[test]
    fn an_office_names_its_own_account_and_a_site_its_advert() {
        let own = "群众可关注县公安局微信公众号：平安青溪，及时了解办事指南。\n";
        assert!(contamination(own).is_empty());
        // The advert goes whole, its account's name with it.
        let advert = "全年完成各项任务。\n更多精品讲话稿，欢迎关注微信公众号：墨语斋，每日更新！\n";
        assert_eq!(fixed(advert), "全年完成各项任务。\n");
    }

    #[test]
    fn badges_on_one_line_are_one_piece() {
        let found = contamination("正文。\n本篇文章2680字，读完约9分钟\n正文。\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].range.len(), "本篇文章2680字，读完约9分钟".len());
    }

    #[test]
    fn a_watermark_goes_and_the_sentence_stays() {
        let text = "要把作风建设文秘之家每日更新www.example.net纳入年度考核。\n";
        assert_eq!(fixed(text), "要把作风建设纳入年度考核。\n");
    }

    #[test]
    fn furniture_and_weakly_joined_sentences_are_not_fixed_automatically() {
        let found = contamination("当前位置：首页 > 工作总结\n正文。\n");
        assert_eq!(found.len(), 1);
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert_eq!(
            fixed("当前位置：首页 > 工作总结\n正文。\n"),
            "当前位置：首页 > 工作总结\n正文。\n"
        );
    }
}

#[cfg(test)]
mod gate_tests {
    use super::*;

    #[derive(Deserialize)]
    struct Pack {
        residue: LexiconSpec,
    }

    /// Every built-in line shape can say which characters a matching line
    /// starts (ends) with: otherwise every short line runs every pattern.
    #[test]
    fn furniture_shapes_are_gated_by_their_first_or_last_character() {
        let pack: Pack = toml::from_str(include_str!("../../../rules/contamination.toml"))
            .unwrap_or_else(|e| panic!("{e}"));
        let lexicon = Lexicon::compile(&pack.residue, &mut Scanner::builder()).unwrap();
        for gated in [&lexicon.starts, &lexicon.ends] {
            let stray: Vec<&str> = gated
                .always
                .iter()
                .map(|&i| gated.patterns[i].pattern.as_str())
                .collect();
            assert!(
                stray.is_empty(),
                "no literal first (last) character: {stray:?}"
            );
            // Compiled lazily in use: compiled here to know they compile.
            for p in &gated.patterns {
                Regex::new(&p.pattern).unwrap();
            }
        }
    }
}
