//! layout/mojibake
//!
//! Flags characters that a broken conversion left in the text: the
//! replacement character `�` (U+FFFD), a literal `x0dx0a` (a line break
//! written out as its hex bytes), and HTML entities such as `&nbsp;` and
//! `&ldquo;`. An entity has a safe fix (the character it stands for); a `�`
//! or `x0dx0a` has none — what stood there is lost. The marks of a
//! paragraph are one finding.
//!
//! They are not text: a reader sees a box, a hex code or markup where a
//! character or a line break should be.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::rules::{CodeRule, batch_edits};

crate::declare_rule! {
    pub struct Mojibake {
        id: "layout/mojibake",
        severity: Warning,
        summary: "乱码与转换残留（�、x0dx0a、&nbsp;）",
        explanation: "编码或格式转换出错时，文中会留下替换符“�”、写成文字的换行符“x0dx0a”、网页实体“&nbsp;”“&ldquo;”等。\n网页实体有安全修复（换成它代表的字符）；“�”和“x0dx0a”原来是什么已无从知道，不给修复。同一段中的合为一条。",
        source: "domain.md §5（Encoding/anti-copy artifacts: literal x0dx0a）；wordlists.tsv contamination 组“x0dx0a”。",
        bad: [
            "全年完成投资�亿元。\n",
            "一、总体要求x0dx0a二、主要任务\n",
            "坚持&ldquo;三个不变&rdquo;。\n",
        ],
        good: ["全年完成投资3亿元。\n", "坚持“三个不变”。\n"],
        fix: Safe,
    }
}

static ARTIFACTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\x{FFFD}+|(?i:x0dx0a)|&(?:nbsp|ensp|emsp|ldquo|rdquo|lsquo|rsquo|mdash|hellip|middot|quot|amp|lt|gt);")
        .expect("valid regex")
});

/// What an entity stands for; `None` for what cannot be restored.
fn restored(found: &str) -> Option<&'static str> {
    Some(match found {
        "&nbsp;" | "&ensp;" => " ",
        "&emsp;" => "　",
        "&ldquo;" => "“",
        "&rdquo;" => "”",
        "&lsquo;" => "‘",
        "&rsquo;" => "’",
        "&mdash;" => "—",
        "&hellip;" => "…",
        "&middot;" => "·",
        "&quot;" => "\"",
        "&amp;" => "&",
        "&lt;" => "<",
        "&gt;" => ">",
        _ => return None,
    })
}

impl CodeRule for Mojibake {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        let mut found = ARTIFACTS.find_iter(text).peekable();
        while let Some(first) = found.next() {
            let line = doc.line_at(first.start()).range;
            let mut marks = vec![first];
            while let Some(m) = found.next_if(|m| m.start() < line.end) {
                marks.push(m);
            }
            let range = TextRange::new(marks[0].start(), marks[marks.len() - 1].end());
            let fixable = marks.iter().all(|m| restored(m.as_str()).is_some());
            let shown = crate::rules::engine::existence::quote_excerpt(marks[0].as_str());
            let message = if marks.len() == 1 {
                format!("“{shown}”是乱码或转换残留")
            } else {
                format!("本行有 {} 处乱码或转换残留（如“{shown}”）", marks.len())
            };
            let mut d = Self::META.diagnostic(range, message);
            if fixable {
                let edits: Vec<(TextRange, String)> = marks
                    .iter()
                    .map(|m| {
                        let with = restored(m.as_str()).unwrap_or_default();
                        (TextRange::new(m.start(), m.end()), with.to_owned())
                    })
                    .collect();
                let (span, replacement) = batch_edits(text, &edits);
                d.help = Some("换成它代表的字符".to_owned());
                d.fix = Some(Fix::safe_replace(span, replacement));
            } else {
                d.help = Some("对照原件补上丢失的文字或换行".to_owned());
            }
            out.push(d);
        }
    }
}
