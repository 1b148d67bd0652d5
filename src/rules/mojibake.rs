//! layout/mojibake
//!
//! Flags characters that a broken conversion left in the text: the
//! replacement character `�` (U+FFFD), a literal `x0dx0a` (a line break
//! written out as its hex bytes), and HTML entities such as `&nbsp;` and
//! `&ldquo;`. An entity has a safe fix (the character it stands for, as
//! Chinese text writes it: `&hellip;` is `……`, `&quot;…&quot;` is `“…”`, a
//! space entity between Chinese characters goes); a `�` or `x0dx0a` has
//! none — what stood there is lost — but does not keep the entities on its
//! line from being restored. The marks of a line are one finding.
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
        explanation: "编码或格式转换出错时，文中会留下替换符“�”、写成文字的换行符“x0dx0a”、网页实体“&nbsp;”“&ldquo;”等。\n网页实体有安全修复（换成它代表的字符；在中文里“&hellip;”换成“……”，成对的“&quot;”换成“”，“&nbsp;”删去）；“�”和“x0dx0a”原来是什么已无从知道，不给修复，但不妨碍同一行的网页实体修复。同一行中的合为一条。",
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

/// What an entity stands for in Latin text; `None` for what cannot be
/// restored. Chinese text gets [`restored_in`]'s forms.
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

/// What the text around a run of touching marks is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Setting {
    /// Only blanks before it on its line: an indent.
    LineStart,
    /// A character beyond ASCII on one side: Chinese text.
    Chinese,
    /// Latin text, code, numbers.
    Latin,
}

fn setting(text: &str, line_start: usize, start: usize, end: usize) -> Setting {
    if text[line_start..start]
        .chars()
        .all(crate::document::is_blank)
    {
        return Setting::LineStart;
    }
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    if before.is_some_and(|c| !c.is_ascii()) || after.is_some_and(|c| !c.is_ascii()) {
        Setting::Chinese
    } else {
        Setting::Latin
    }
}

/// What the entity `found` becomes where it stands. In Chinese text a
/// space entity goes (Chinese puts no space between words), `&hellip;` is
/// the Chinese ellipsis `……` (once for a run of them), and `&quot;` is
/// decided by the caller, who pairs them.
fn restored_in(found: &str, setting: Setting, first_of_run: bool) -> Option<&'static str> {
    if setting != Setting::Chinese {
        return restored(found);
    }
    Some(match found {
        "&nbsp;" | "&ensp;" | "&emsp;" => "",
        "&hellip;" if first_of_run => "……",
        "&hellip;" => "",
        _ => return restored(found),
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
            let shown = crate::rules::engine::existence::quote_excerpt(marks[0].as_str());
            let message = if marks.len() == 1 {
                format!("“{shown}”是乱码或转换残留")
            } else {
                format!("本行有 {} 处乱码或转换残留（如“{shown}”）", marks.len())
            };
            let mut d = Self::META.diagnostic(range, message);
            // The entities are restored even where a `�` on the line is not.
            let edits = restorations(text, line.start, &marks);
            let lost = edits.len() < marks.len();
            if edits.is_empty() {
                d.help = Some("对照原件补上丢失的文字或换行".to_owned());
            } else {
                let (span, replacement) = batch_edits(text, &edits);
                d.help = Some(if lost {
                    "网页实体换成它代表的字符；“�”“x0dx0a”要对照原件补上".to_owned()
                } else {
                    "换成它代表的字符".to_owned()
                });
                d.fix = Some(Fix::safe_replace(span, replacement));
            }
            out.push(d);
        }
    }
}

/// The entities among the `marks` of one line, with what each becomes.
/// Marks that touch are judged by the text around the run they make
/// (`&nbsp;&nbsp;` between two Han characters). The `&quot;` of Chinese
/// text pair up as `“…”`; an odd number of them stay straight, for a
/// reader (and punctuation/straight-quotes) to judge.
fn restorations(
    text: &str,
    line_start: usize,
    marks: &[regex::Match<'_>],
) -> Vec<(TextRange, String)> {
    let mut settings = Vec::with_capacity(marks.len());
    let mut run_start = 0;
    for k in 0..marks.len() {
        let run_ends = marks
            .get(k + 1)
            .is_none_or(|next| next.start() != marks[k].end());
        if run_ends {
            let here = setting(text, line_start, marks[run_start].start(), marks[k].end());
            for at in run_start..=k {
                settings.push((
                    here,
                    at == run_start || marks[at - 1].as_str() != marks[at].as_str(),
                ));
            }
            run_start = k + 1;
        }
    }
    let chinese_quotes = marks
        .iter()
        .zip(&settings)
        .filter(|(m, (s, _))| m.as_str() == "&quot;" && *s == Setting::Chinese)
        .count();
    let mut quotes_seen = 0;
    let mut edits = Vec::new();
    for (m, &(setting, first_of_run)) in marks.iter().zip(&settings) {
        let with =
            if m.as_str() == "&quot;" && setting == Setting::Chinese && chinese_quotes % 2 == 0 {
                quotes_seen += 1;
                Some(if quotes_seen % 2 == 1 { "“" } else { "”" })
            } else {
                restored_in(m.as_str(), setting, first_of_run)
            };
        if let Some(with) = with {
            edits.push((TextRange::new(m.start(), m.end()), with.to_owned()));
        }
    }
    edits
}
