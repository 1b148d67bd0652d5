//! wording/political-order
//!
//! Flags the fixed enumerations of party documents listed out of order:
//! 四个意识 (政治意识、大局意识、核心意识、看齐意识), 四个自信 (道路、理论、制度、
//! 文化自信), 五位一体 (经济、政治、文化、社会、生态文明建设), 四个全面
//! (全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党).
//! The unsafe fix puts the items in order.
//!
//! The order is part of the formulation: a reader of an official text
//! takes a reordered list for a mistake (proofread_agent treats it as
//! fatal). Only a run of at least three items of one set, joined by `、`
//! `，` `和` `与`, is judged; fewer items may be a free choice.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct PoliticalOrder {
        id: "wording/political-order",
        severity: Error,
        summary: "固定提法的顺序颠倒（四个意识、四个自信、五位一体、四个全面、两个维护、两个确立）",
        explanation: "一些提法的各项有固定顺序：四个意识——政治意识、大局意识、核心意识、看齐意识；四个自信——道路自信、理论自信、制度自信、文化自信；五位一体——经济建设、政治建设、文化建设、社会建设、生态文明建设；四个全面——全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党；两个维护——先维护习近平总书记党中央的核心、全党的核心地位，后维护党中央权威和集中统一领导；两个确立——先确立习近平同志党中央的核心、全党的核心地位，后确立习近平新时代中国特色社会主义思想的指导地位。\n只在同一串并列中出现同一提法的三项以上（两项的提法：两项）时判断。修复按规范顺序重排，需 --unsafe-fixes。",
        source: "wordlists.tsv political 组（固定顺序：proofread_agent tests、DocumentService _load_political_terms、常识库 CHANGSHI）；domain.md §2 pol/enum-order。",
        bad: [
            "牢固树立大局意识、政治意识、核心意识、看齐意识。\n",
            "坚定理论自信、道路自信、制度自信、文化自信。\n",
            "坚决维护党中央权威和集中统一领导，坚决维护习近平总书记党中央的核心、全党的核心地位。\n",
        ],
        good: [
            "牢固树立政治意识、大局意识、核心意识、看齐意识。\n",
            "增强道路自信、理论自信、制度自信、文化自信。\n",
            "增强大局意识和政治意识。\n",
            "推进经济建设、政治建设、文化建设、社会建设。\n",
            "坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。\n",
            "深刻领悟确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位的决定性意义。\n",
        ],
        fix: Unsafe,
    }
}

/// A fixed enumeration: its name and its items in order.
struct Set {
    name: &'static str,
    items: &'static [&'static str],
}

const SETS: &[Set] = &[
    Set {
        name: "四个意识",
        items: &["政治意识", "大局意识", "核心意识", "看齐意识"],
    },
    Set {
        name: "四个自信",
        items: &["道路自信", "理论自信", "制度自信", "文化自信"],
    },
    Set {
        name: "五位一体",
        items: &[
            "经济建设",
            "政治建设",
            "文化建设",
            "社会建设",
            "生态文明建设",
        ],
    },
    Set {
        name: "四个全面",
        items: &[
            "全面建设社会主义现代化国家",
            "全面深化改革",
            "全面依法治国",
            "全面从严治党",
        ],
    },
    // Two items, each a clause of its own, joined by a comma.
    Set {
        name: "两个维护",
        items: &[
            "维护习近平总书记党中央的核心、全党的核心地位",
            "维护党中央权威和集中统一领导",
        ],
    },
    Set {
        name: "两个确立",
        items: &[
            "确立习近平同志党中央的核心、全党的核心地位",
            "确立习近平新时代中国特色社会主义思想的指导地位",
        ],
    },
];

/// One search for every item of every set, and each item's (set, item).
struct Items {
    search: Regex,
    ids: HashMap<&'static str, (usize, usize)>,
}

static ITEMS: LazyLock<Items> = LazyLock::new(|| {
    let mut ids = HashMap::new();
    for (s, set) in SETS.iter().enumerate() {
        for (i, item) in set.items.iter().enumerate() {
            ids.insert(*item, (s, i));
        }
    }
    let mut items: Vec<&str> = ids.keys().copied().collect();
    items.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let search = Regex::new(&items.join("|")).expect("valid items");
    Items { search, ids }
});

/// What may join two items of a list.
const JOINTS: &[&str] = &["、", "，", "和", "与", "以及", "", "，坚决", "，坚决地"];

impl CodeRule for PoliticalOrder {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        let Items { search, ids } = &*ITEMS;
        // Runs of items of one set, each joined to the previous by a joint.
        let mut run: Vec<(TextRange, usize)> = Vec::new();
        let mut run_set = usize::MAX;
        let mut flush = |run: &mut Vec<(TextRange, usize)>, set: usize| {
            // Three items at least (two of a two-item formulation): two
            // items of a longer list may stand in any order in prose.
            let enough = run.len() >= 3.min(SETS.get(set).map_or(3, |s| s.items.len()));
            if enough && run.windows(2).any(|w| w[0].1 > w[1].1) {
                self.report(text, run, &SETS[set], out);
            }
            run.clear();
        };
        for m in search.find_iter(text) {
            let Some(&(set, item)) = ids.get(m.as_str()) else {
                continue;
            };
            let range = TextRange::new(m.start(), m.end());
            let joined = run.last().is_some_and(|(last, _)| {
                set == run_set && JOINTS.contains(&&text[last.end..range.start])
            });
            if !joined {
                flush(&mut run, run_set);
                run_set = set;
            }
            run.push((range, item));
        }
        flush(&mut run, run_set);
    }
}

impl PoliticalOrder {
    fn report(&self, text: &str, run: &[(TextRange, usize)], set: &Set, out: &mut Vec<Diagnostic>) {
        let span = TextRange::new(run[0].0.start, run[run.len() - 1].0.end);
        let mut sorted: Vec<usize> = run.iter().map(|(_, i)| *i).collect();
        sorted.sort_unstable();
        // The items in order, each keeping the joint that followed its slot.
        let mut fixed = String::new();
        for (k, item) in sorted.iter().enumerate() {
            fixed.push_str(set.items[*item]);
            if let Some(next) = run.get(k + 1) {
                fixed.push_str(&text[run[k].0.end..next.0.start]);
            }
        }
        let order: Vec<&str> = sorted.iter().map(|i| set.items[*i]).collect();
        let mut d = Self::META.diagnostic(
            span,
            // Items that hold a 顿号 themselves are listed with a semicolon.
            format!(
                "“{}”各项的顺序应为：{}",
                set.name,
                order.join(if order.iter().any(|o| o.contains('、')) {
                    "；"
                } else {
                    "、"
                })
            ),
        );
        d.help = Some(format!("改为“{fixed}”"));
        d.fix = Some(Fix::unsafe_replace(span, fixed));
        out.push(d);
    }
}
