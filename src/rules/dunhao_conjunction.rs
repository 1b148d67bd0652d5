//! punctuation/dunhao-conjunction
//!
//! Flags a 顿号 right before the conjunction that joins the last item of a
//! list: `、以及`, `、及`, `、和`. The safe fix deletes the 顿号.
//!
//! The conjunction already joins the last item; a 顿号 before it doubles
//! the joint ("用了连词就不再用顿号"). The conjunction must be a word of its
//! own: `、及时`, `、和谐` start a new item, so a following character
//! that makes a word with it is ruled out first, and what is left is
//! confirmed by jieba in the window around it. `和` starts place names
//! (`和燕路`), so `、和` counts only inside a list of three or more items and
//! not before a road, street or place word. `与` and `或` are left out:
//! `、与时俱进`, `、与群众利益密切相关` (与 as a preposition opening the next
//! item) are everywhere in published documents. `和` can be that
//! preposition too (`走访企业、和群众拉家常`): after 和 + someone + a word of
//! doing things together (一起、拉家常、座谈…) nothing is flagged, and the
//! fix of `、和` waits for `--unsafe-fixes`.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct DunhaoConjunction {
        id: "punctuation/dunhao-conjunction",
        severity: Warning,
        summary: "连词前多了顿号（、和 、及 、以及）",
        explanation: "并列的最后一项用“和、及、以及”连接时，连词前不再用顿号：“甲、乙和丙”，不写“甲、乙、和丙”。修复删去顿号。\n“、及时”“、和谐”中的字是下一项的开头，不算；其余由 jieba 分词确认连词独立成词；“和”还可能是地名的开头（和燕路），所以只在三项以上的并列中、且后面不是路街桥村市等字时报告；“和”也可能是介词（“深入基层、走访企业、和群众拉家常”），后面是“一起、拉家常、座谈”等时不报告，其余删去“和”前顿号的修复要加 --unsafe-fixes。“、与”“、或”不报告：“、与时俱进”“、与群众利益密切相关”中的“与”是下一项的开头，正式文件中很常见。",
        source: "domain.md §1c punct/dunhao-before-he（http://stanmaklan.com/base/hu/11884.html）；wordlists.tsv punct 组“、和”。",
        bad: [
            "加强组织、宣传、以及后勤保障工作。\n",
            "做好文件、会议、及信息工作。\n",
            "统筹规划、建设、和管理。\n",
        ],
        good: [
            "加强组织、宣传以及后勤保障工作。\n",
            "确保资金收付安全、准确、及时。\n",
            "营造宽松、和谐、奋发向上的环境。\n",
            "推进长江五桥、浦仪公路、和燕路过江通道建设。\n",
            "深入基层、走访企业、和群众拉家常。\n",
        ],
        fix: Mixed,
    }
}

static CANDIDATES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("、(以及|及|和)").expect("valid regex"));

/// Characters that, after the conjunction, make a word with it: the 顿号
/// then ends an item and the next item starts with that word.
fn starts_a_word(conjunction: &str, next: char) -> bool {
    let words = match conjunction {
        "及" => "时早格第",
        "和" => "谐平睦美善顺气蔼煦解衷约局弦缓畅悦尚盘",
        _ => "",
    };
    words.contains(next)
}

/// Words that end a place name started by 和 (`和燕路`, `和平村`, `和龙市`).
const PLACE_ENDS: &str = "路街道巷桥村镇乡县区市州盟旗园山湖港站";

/// What follows `和` when it means "with" and opens an item of its own
/// (`深入基层、走访企业、和群众拉家常`): 和 + someone + doing it together.
const TOGETHER: &[&str] = &[
    "一起",
    "一道",
    "一同",
    "共同",
    "携手",
    "拉家常",
    "交朋友",
    "打成一片",
    "面对面",
    "心贴心",
    "谈心",
    "座谈",
    "交流",
    "沟通",
    "对话",
    "商量",
    "同吃",
];

/// How far the clause after `和` is read for [`TOGETHER`], in characters.
const TOGETHER_REACH: usize = 12;

impl CodeRule for DunhaoConjunction {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        for caps in CANDIDATES.captures_iter(text) {
            let (Some(whole), Some(word)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let conjunction = word.as_str();
            let after: String = text[word.end()..].chars().take(4).collect();
            if after
                .chars()
                .next()
                .is_none_or(|c| !crate::document::chars::is_han(c) || starts_a_word(conjunction, c))
            {
                continue;
            }
            if conjunction == "和" {
                // A clause is short: look back a bounded stretch, so a long
                // line stays linear.
                let mut from = whole.start().saturating_sub(300);
                while !text.is_char_boundary(from) {
                    from += 1;
                }
                let before = &text[from..whole.start()];
                let clause = before
                    .rsplit(['，', '。', '；', '：', '\n'])
                    .next()
                    .unwrap_or(before);
                let items_before = clause.matches('、').count();
                if items_before < 1 || after.chars().any(|c| PLACE_ENDS.contains(c)) {
                    continue;
                }
                let rest: String = text[word.end()..]
                    .chars()
                    .take(TOGETHER_REACH)
                    .take_while(|&c| !matches!(c, '，' | '。' | '；' | '：' | '、' | '\n'))
                    .collect();
                if TOGETHER.iter().any(|w| rest.contains(w)) {
                    continue;
                }
            }
            let word_range = TextRange::new(word.start(), word.end());
            if conjunction != "以及" && !doc.on_word_boundaries(word_range) {
                continue;
            }
            let dunhao = TextRange::new(whole.start(), word.start());
            let mut d = Self::META.diagnostic(
                TextRange::new(whole.start(), whole.end()),
                format!("连词“{conjunction}”前不用顿号"),
            );
            // 和 may still be the preposition "with" opening an item of its
            // own (`、和群众算细账`): its 顿号 goes only after a look.
            d.fix = Some(if conjunction == "和" {
                d.help = Some(
                    "删去顿号（“和”若是介词、引出一项新的做法，如“、和群众算细账”，顿号不删）"
                        .to_owned(),
                );
                Fix::unsafe_replace(dunhao, "")
            } else {
                d.help = Some("删去顿号".to_owned());
                Fix::safe_replace(dunhao, "")
            });
            out.push(d);
        }
    }
}
