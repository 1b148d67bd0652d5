//! layout/jammer
//!
//! Flags the anti-scraping “jammer” text that forum software (Discuz' 防采集)
//! hides between the lines of a page and that a copy brings along: runs of
//! one- and two-character Latin/symbol tokens separated by spaces, such as
//! `# H3 P5 H4 p& S5 A+ h7 h( c`. The safe fix deletes the run with the
//! spaces around it, and its line when the run is all the line holds.
//!
//! It is noise, not text. Kept strict: at least six tokens, three of them
//! carrying a symbol (`& + ( : , ~` …) of at least three different kinds,
//! two carrying a letter — a spaced-out year (`2 0 2 1 年`), a Markdown
//! table row (`|` is not a token character) or an English list (`a, b, c`,
//! one kind of symbol) does not qualify.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct Jammer {
        id: "layout/jammer",
        severity: Warning,
        summary: "防采集干扰码（# H3 P5 H4 p& S5 A+）",
        explanation: "论坛网站（Discuz 防采集）在文字之间藏入一串随机的字母、符号，如“# H3 P5 H4 p& S5 A+ h7 h( c”，复制时一并带了下来。安全修复把这串字符删去。\n认定从严：至少六段，其中三段带符号且符号不少于三种，两段带字母；空格隔开的年份（2 0 2 1 年）、Markdown 表格、英文列举都不算。",
        source: "domain.md §5（Discuz 防采集干扰码，caiyes.cn、laomiw.com）；wordlists.tsv contamination 组“Discuz 防采集乱码”。",
        bad: ["加强作风建设# H3 P5 H4 p& S5 A+ h7 h( c，提高服务水平。\n"],
        good: [
            "加强作风建设，提高服务水平。\n",
            "2 0 2 1 年政府工作报告\n",
            "| 项目 | 金额 | 占比 |\n",
        ],
        fix: Safe,
    }
}

const SYMBOLS: &str = "#&+(:,~$%*@!)'[]/^";

/// A run of tokens, anchored: tried only where a space stands between two
/// token characters, so Chinese text without spaces costs one byte search.
static RUN: LazyLock<Regex> = LazyLock::new(|| {
    let token = r"[A-Za-z0-9#&+(:,~$%*@!)'\[\]/^]{1,2}";
    Regex::new(&format!("^{token}(?: {token}){{5,}}")).expect("valid regex")
});

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || SYMBOLS.as_bytes().contains(&b)
}

/// The runs of jammer text, found from the spaces inside them.
fn runs(text: &str) -> Vec<TextRange> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut done = 0;
    for space in memchr::memchr_iter(b' ', bytes) {
        if space < done || space == 0 || !bytes.get(space + 1).is_some_and(|b| is_token_byte(*b)) {
            continue;
        }
        // The token before the space starts one or two bytes back.
        let mut start = space;
        while start > 0 && space - start < 2 && is_token_byte(bytes[start - 1]) {
            start -= 1;
        }
        if start == space || (start > 0 && is_token_byte(bytes[start - 1])) {
            continue;
        }
        // A run is short: look a bounded stretch ahead (linear on a long line).
        let mut end = (start + 600).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let end = text[start..end]
            .find(['\n', '\r'])
            .map_or(end, |i| start + i);
        if let Some(m) = RUN.find(&text[start..end]) {
            found.push(TextRange::new(start, start + m.end()));
            done = start + m.end();
        }
    }
    found
}

fn is_jammer(run: &str) -> bool {
    let tokens: Vec<&str> = run.split(' ').collect();
    let with_symbol = tokens
        .iter()
        .filter(|t| t.contains(|c| SYMBOLS.contains(c)))
        .count();
    let with_letter = tokens
        .iter()
        .filter(|t| t.contains(|c: char| c.is_ascii_alphabetic()))
        .count();
    let mut kinds: Vec<char> = run.chars().filter(|c| SYMBOLS.contains(*c)).collect();
    kinds.sort_unstable();
    kinds.dedup();
    tokens.len() >= 6 && with_symbol >= 3 && kinds.len() >= 3 && with_letter >= 2
}

/// A symbol token glued to the text before a run (`增长15%# H3 P5…`: the
/// `#` and its space): its own token is not whole, so the run starts after
/// it. Taken when it is one or two symbols (not `%`, which ends a number)
/// after a character that is no letter or digit.
fn glued_token_start(text: &str, run_start: usize) -> usize {
    let bytes = text.as_bytes();
    if run_start < 2 || bytes[run_start - 1] != b' ' {
        return run_start;
    }
    let space = run_start - 1;
    let mut start = space;
    while start > 0
        && space - start < 2
        && bytes[start - 1] != b'%'
        && SYMBOLS.as_bytes().contains(&bytes[start - 1])
    {
        start -= 1;
    }
    if start == space || (start > 0 && bytes[start - 1].is_ascii_alphanumeric()) {
        return run_start;
    }
    start
}

/// The run with the spaces that set it apart from the text, and what the
/// fix puts there: nothing, or one space between two Latin words.
fn with_spaces(text: &str, run: TextRange) -> (TextRange, &'static str) {
    let start = run.start
        - (text[..run.start].len() - text[..run.start].trim_end_matches([' ', '\t']).len());
    let end =
        run.end + (text[run.end..].len() - text[run.end..].trim_start_matches([' ', '\t']).len());
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let between_words =
        latin(text[..start].chars().next_back()) && latin(text[end..].chars().next());
    (
        TextRange::new(start, end),
        if between_words { " " } else { "" },
    )
}

impl CodeRule for Jammer {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        for range in runs(text) {
            if !is_jammer(&text[range.start..range.end]) {
                continue;
            }
            let range = TextRange::new(glued_token_start(text, range.start), range.end);
            let run = &text[range.start..range.end];
            let line = doc.line_at(range.start).range;
            let alone = doc.slice(line).trim_matches(crate::document::is_blank) == run;
            // Alone on its line: the line goes, not just the run. Else the
            // spaces around it go too (`亩， % R2 … Q 比上年` → `亩，比上年`).
            let (range, fix) = if alone {
                (range, crate::rules::delete_fix(doc, range))
            } else {
                let (wide, replacement) = with_spaces(text, range);
                (wide, Fix::safe_replace(wide, replacement))
            };
            let mut d = Self::META.diagnostic(
                range,
                format!(
                    "“{}”是防采集干扰码",
                    crate::rules::engine::existence::quote_excerpt(run)
                ),
            );
            d.help = Some("删去这串字符".to_owned());
            d.fix = Some(fix);
            out.push(d);
        }
    }
}
