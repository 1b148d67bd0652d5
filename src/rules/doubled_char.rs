//! wording/doubled-char
//!
//! Flags a function word typed twice: `的的`, `了了`, `是是`, `在在`, `要要`…
//! The safe fix deletes one.
//!
//! A doubled word is a typing slip the eye skips over. Many doubles are
//! fine, so the rule is narrow: `的的确确`, `不了了之`, `实实在在` (AABB),
//! `目的的`, `为了了解`, `重要要求`, `有有关部门`, `现在在做` are words side by side,
//! not a double: a second copy that starts a common word is settled at
//! once; otherwise the pair counts when it follows a conjunction ending in
//! the same character (`既要|要|认真`), or when jieba, on the window around
//! the pair only, cuts both characters as words of their own (`的|的`).

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::rules::CodeRule;
use crate::rules::engine::Exceptions;

crate::declare_rule! {
    pub struct DoubledChar {
        id: "wording/doubled-char",
        severity: Warning,
        summary: "虚词重复（的的、了了、是是、要要）",
        explanation: "“的的”“了了”“是是”一类重复多是误敲，读的时候容易滑过去。安全修复删去一个。\n不少重叠是正常的：“的的确确”“不了了之”“实实在在”、“目的的”“为了了解”“重要要求”“有有关部门”“现在在做”都是相邻的两个词。所以后一个字与下一个字组成常用词（要求、了解、地力）时不算；其余只在紧跟以同字结尾的连词（既要|要|认真），或 jieba（只切这一处附近的几个字）把两个字都切成单字词（的|的）时报告。",
        source: "domain.md §2 word/doubled-char（[S11] ZH003，排除条件为本项目所加）。",
        bad: ["这是我们的的工作重点。\n",
                    "既要要认真学习，又要深入思考。\n"],
        good: [
            "的的确确取得了成效。\n",
            "为了了解情况，深入基层调研。\n",
            "落实重要要求。\n",
            "以实实在在的成果取信于民。\n",
            "主要目的的实现需要时间。\n",
            "请有关部门和有有关经验的同志参加。\n",
            "我们现在在做的工作。\n",
        ],
        fix: Safe,
    }
}

/// The characters whose doubling is checked.
const CHARS: &str = "的了是在和与及对把将被从向为就都也要有";

static DOUBLES: LazyLock<Regex> = LazyLock::new(|| {
    let pairs: Vec<String> = CHARS.chars().map(|c| format!("{c}{c}")).collect();
    Regex::new(&pairs.join("|")).expect("valid doubles")
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

static FINE_PHRASES: LazyLock<Exceptions> = LazyLock::new(|| Exceptions::new(FINE));

/// Common words that start with the doubled character: when the second
/// copy starts one (`重要要求`, `耕地地力`, `为了了解`), the pair is two words
/// side by side, settled without the dictionary.
const STARTS_WORD: &[&str] = &[
    "的确", "了解", "了结", "是否", "是非", "在于", "在职", "在岗", "在建", "在线", "和谐", "和平",
    "与会", "与其", "对象", "对接", "对话", "对策", "对口", "对外", "对比", "对照", "对待", "对于",
    "把关", "把握", "将来", "将近", "被告", "被动", "从事", "从业", "从严", "从而", "从来", "向往",
    "为主", "为民", "为止", "就业", "就医", "就近", "就餐", "都市", "也许", "要求", "要素", "要点",
    "要害", "要事", "要务", "要闻", "要件", "要领", "有关", "有效", "有序", "有力", "有利", "有限",
    "有机",
];

/// Two-character words ending in the doubled character after which a lone
/// copy of it is a slip (`既要要`, `还是是`).
const LEAD_WORDS: &[&str] = &[
    "既要", "还要", "更要", "也要", "又要", "就要", "都要", "需要", "就是", "还是", "也是", "都是",
    "而是", "只是", "总是", "正是", "但是",
];

impl CodeRule for DoubledChar {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        for m in DOUBLES.find_iter(text) {
            let range = TextRange::new(m.start(), m.end());
            let single = (range.end - range.start) / 2;
            let fine = FINE_PHRASES.cover(text, range);
            // AABB: 实实在在, 地地道道.
            let before: Vec<char> = text[..range.start].chars().rev().take(2).collect();
            let aabb = before.len() == 2 && before[0] == before[1];
            let second_starts_word = STARTS_WORD
                .iter()
                .any(|w| text[range.start + single..].starts_with(w));
            if fine || aabb || second_starts_word {
                continue;
            }
            // `既要|要|认真`: a lone copy after a conjunction ending in the
            // same character (the second copy starts no word, checked above).
            let after_lead = LEAD_WORDS
                .iter()
                .any(|w| text[..range.end - single].ends_with(w));
            if !after_lead {
                // Both copies must be words of their own: `的|的`.
                let words = doc.words_around(range);
                let token_at = |offset: usize| words.iter().find(|t| t.range.start == offset);
                let first_single =
                    token_at(range.start).is_some_and(|t| t.range.end == range.start + single);
                let second_single =
                    token_at(range.start + single).is_some_and(|t| t.range.end == range.end);
                if !(first_single && second_single) {
                    continue;
                }
            }
            let doubled = &text[range.start..range.end];
            let mut d = Self::META.diagnostic(range, format!("“{doubled}”重复了一个字"));
            d.help = Some(format!("删去一个“{}”", &doubled[..single]));
            d.fix = Some(Fix::safe_replace(range, &doubled[..single]));
            out.push(d);
        }
    }
}
