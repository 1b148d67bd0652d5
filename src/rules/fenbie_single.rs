//! number/fenbie-single
//!
//! Flags `分别` that distributes over one thing: `接待费同比分别下降5%` —
//! one subject before it, one figure after it.
//!
//! `分别` pairs several subjects with several figures (`收入和支出分别增长5%
//! 和3%`). With one of each it is left over from a sentence that once listed
//! more, and the reader looks for the missing item. Kept narrow: the
//! sentence before `分别` must hold no list or plural word (、 和 与 及 各 每
//! 两 三 等 …) and the clause after it exactly one number (whose own Han
//! digits do not count as plural words: `下降三成`), or nothing is said. No fix: either `分别` goes or an item is missing.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, TextRange};
use crate::document::Document;
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct FenbieSingle {
        id: "number/fenbie-single",
        severity: Warning,
        summary: "“分别”只对应一项（同比分别下降5%）",
        explanation: "“分别”用于几项各自对应几个数：“收入和支出分别增长5%和3%”。前面只有一个主语、后面只有一个数时，“分别”无所分，多是删改句子时留下的，读者会去找缺了的那一项。\n只在“分别”之前的句子里没有并列或复数词（、和与及各每两三等）、之后的分句里恰好一个数时报告。不给修复：要么删去“分别”，要么补上缺的一项。",
        source: "issue 11 number 组（“分别”只有一项，如“同比分别下降X%”）；domain.md §2（讯飞公文校对“数字差错”、语病类检查 [S15]）。",
        bad: ["全年接待费支出12万元，同比分别下降5%。\n", "全年会议费支出8万元，同比分别下降三成。\n"],
        good: [
            "收入和支出同比分别下降5%和3%。\n",
            "城镇和农村居民收入分别增长8%。\n",
            "各县分别建设1家养老机构。\n",
        ],
        fix: None,
    }
}

static FENBIE: LazyLock<Regex> = LazyLock::new(|| Regex::new("分别").expect("valid regex"));
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[0-9]+(?:\.[0-9]+)?|[Xx]{1,3}|[一二两三四五六七八九十百千万]+[个项件人家条次倍成%]",
    )
    .expect("valid regex")
});
/// Words that make the subject plural or list several things.
const PLURAL: &[char] = &[
    '、', '和', '与', '及', '或', '跟', '各', '每', '两', '双', '二', '三', '四', '五', '六', '七',
    '八', '九', '十', '几', '多', '诸', '些', '们', '等', '均', '都',
];
const SENTENCE_END: &[char] = &['。', '；', '！', '？', ';', '!', '?', '\n', '\r'];
const CLAUSE_END: &[char] = &['，', '。', '；', '！', '？', ',', ';', '!', '?', '\n', '\r'];
/// How far to look on each side, in bytes: sentences are short.
const REACH_BYTES: usize = 240;

impl CodeRule for FenbieSingle {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        for m in FENBIE.find_iter(text) {
            let mut from = m.start().saturating_sub(REACH_BYTES);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let before = &text[from..m.start()];
            let Some(sentence) = before.rsplit(SENTENCE_END).next() else {
                continue;
            };
            if sentence.len() == before.len() && from > 0 {
                continue; // no sentence start within reach
            }
            let mut to = (m.end() + REACH_BYTES).min(text.len());
            while !text.is_char_boundary(to) {
                to -= 1;
            }
            let clause = text[m.end()..to]
                .split(CLAUSE_END)
                .next()
                .unwrap_or_default();
            let mut numbers = NUMBER.find_iter(clause);
            let (Some(number), None) = (numbers.next(), numbers.next()) else {
                continue;
            };
            // The figure's own digits (`三成`) are no plural word.
            let around = [&clause[..number.start()], &clause[number.end()..]];
            if sentence.contains(PLURAL)
                || around.iter().any(|part| part.contains(PLURAL))
                || clause.contains(['至', '到', '～', '~', '-', '—'])
            {
                continue;
            }
            let range = TextRange::new(m.start(), m.end());
            let mut d = Self::META.diagnostic(range, "“分别”前后都只有一项，无所分".to_owned());
            d.help = Some("删去“分别”，或补上并列的另一项".to_owned());
            out.push(d);
        }
    }
}
