//! wording/doubled-char
//!
//! ## What it does
//! Flags a function word typed twice: `的的`, `了了`, `是是`, `在在`, `要要`…
//! The safe fix deletes one.
//!
//! ## Why is this bad?
//! A doubled word is a typing slip the eye skips over. Many doubles are
//! fine, so the rule is narrow: `的的确确`, `不了了之`, `实实在在` (AABB),
//! `目的的`, `为了了解`, `重要要求`, `有有关部门`, `现在在做` are words side by side,
//! not a double. jieba, on the window around the pair only, must cut both
//! characters as words of their own (`的|的`), or the second as a lone word
//! after a conjunction ending in the same character (`既要|要|认真`).
//! Source: domain.md §2 word/doubled-char ([S11] ZH003 `([的了是在和就都也与及着])\1`,
//! guards ours).

use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::LazyLock;

use crate::diagnostic::{Diagnostic, Fix, Severity, TextRange};
use crate::document::Document;
use crate::rules::{Rule, RuleMeta};

pub struct DoubledChar {
    meta: RuleMeta,
}

impl DoubledChar {
    pub fn new() -> Self {
        Self {
            meta: RuleMeta {
                id: "wording/doubled-char",
                default_severity: Severity::Warning,
                summary: "虚词重复（的的、了了、是是、要要）",
                explanation: "“的的”“了了”“是是”一类重复多是误敲，读的时候容易滑过去。安全修复删去一个。\n不少重叠是正常的：“的的确确”“不了了之”“实实在在”、“目的的”“为了了解”“重要要求”“有有关部门”“现在在做”都是相邻的两个词。所以只在 jieba（只切这一处附近的几个字）把两个字都切成单字词（的|的），或把后一个切成紧跟在同字结尾的连词后面的单字词（既要|要|认真）时报告。\n来源：domain.md §2 word/doubled-char（[S11] ZH003，排除条件为本项目所加）。",
                bad: vec![
                    "这是我们的的工作重点。\n",
                    "既要要认真学习，又要深入思考。\n",
                ],
                good: vec![
                    "的的确确取得了成效。\n",
                    "为了了解情况，深入基层调研。\n",
                    "落实重要要求。\n",
                    "以实实在在的成果取信于民。\n",
                    "主要目的的实现需要时间。\n",
                    "请有关部门和有有关经验的同志参加。\n",
                    "我们现在在做的工作。\n",
                ],
                needs_tokens: true,
                fixable: true,
            },
        }
    }
}

/// The characters whose doubling is checked.
const CHARS: &str = "的了是在和与及对把将被从向为就都也要有";

static DOUBLES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let pairs: Vec<String> = CHARS.chars().map(|c| format!("{c}{c}")).collect();
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(pairs)
        .expect("valid doubles")
});

/// Phrases in which a double is right.
const FINE: &[&str] = &[
    "的的确确",
    "不了了之",
    "了了分明",
    "是是非非",
    "在在皆是",
    "目的的",
    "标的的",
];

/// Two-character words ending in the doubled character after which a lone
/// copy of it is a slip (`既要要`, `还是是`).
const LEAD_WORDS: &[&str] = &[
    "既要", "还要", "更要", "也要", "又要", "就要", "都要", "就是", "还是", "也是", "都是", "而是",
    "只是", "总是", "正是",
];

impl Rule for DoubledChar {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        for m in DOUBLES.find_iter(text) {
            let range = TextRange::new(m.start(), m.end());
            let single = (range.end - range.start) / 2;
            let fine = FINE.iter().any(|phrase| {
                crate::rules::kind::phrase_occurrences_around(text, range, phrase)
                    .any(|found| found.contains_range(range))
            });
            // AABB: 实实在在, 地地道道.
            let before: Vec<char> = text[..range.start].chars().rev().take(2).collect();
            let aabb = before.len() == 2 && before[0] == before[1];
            if fine || aabb {
                continue;
            }
            let words = doc.words_around(range);
            let token_at = |offset: usize| words.iter().find(|t| t.range.start == offset);
            let first = token_at(range.start);
            let second = token_at(range.start + single);
            let first_single = first.is_some_and(|t| t.range.end == range.start + single);
            let second_single = second.is_some_and(|t| t.range.end == range.end);
            let after_lead = second_single
                && LEAD_WORDS.iter().any(|w| {
                    text[..range.end - single].ends_with(w)
                        && words.iter().any(|t| {
                            t.range.end == range.start + single && t.range.len() == w.len()
                        })
                });
            let both_single = first_single && second_single;
            if !both_single && !after_lead {
                continue;
            }
            let doubled = &text[range.start..range.end];
            let mut d = self
                .meta
                .diagnostic(range, format!("“{doubled}”重复了一个字"));
            d.help = Some(format!("删去一个“{}”", &doubled[..single]));
            d.fix = Some(Fix::safe_replace(range, &doubled[..single]));
            out.push(d);
        }
    }
}
