//! layout/invisible-char
//!
//! ## What it does
//! Flags zero-width and other invisible characters inside the text: zero
//! width space and joiners (U+200B–U+200D), direction marks and embeddings
//! (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), the word joiner and
//! invisible operators (U+2060–U+2064), a byte-order mark after the start
//! (U+FEFF), the soft hyphen (U+00AD). The marks of a line are one finding;
//! the safe fix deletes them.
//!
//! ## Why is this bad?
//! Nothing shows on the page, but searching, counting characters and
//! comparing versions all go wrong; template sites insert them to mark
//! copied text. A joiner between two emoji is part of the emoji and kept.
//! Source: issue 11 (layout: zero-width and other invisible characters);
//! domain.md §5 (anti-copy artifacts).

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Fix, Severity, TextRange};
use crate::document::Document;
use crate::document::chars::{char_at, char_before};
use crate::rules::{Rule, RuleMeta, batch_edits};

pub struct InvisibleChar {
    meta: RuleMeta,
}

impl InvisibleChar {
    pub fn new() -> Self {
        Self {
            meta: RuleMeta {
                id: "layout/invisible-char",
                default_severity: Severity::Warning,
                summary: "文中夹着零宽字符等不可见字符",
                explanation: "零宽空格、零宽连接符、方向控制符、词连接符、文中的字节顺序标记、软连字符等在页面上看不见，却会让查找、字数统计、比对版本出错；模板网站也用它们给复制的文字做记号。\n同一行中的合为一条，安全修复把它们删去。两个表情符号之间的零宽连接符是表情的一部分，不报告。\n来源：issue 11 layout 组（零宽与其他不可见字符）；domain.md §5（防复制残留）。",
                bad: vec!["认真\u{200b}贯彻\u{200b}落实。\n", "加强\u{feff}学习。\n"],
                good: vec!["认真贯彻落实。\n"],
                needs_tokens: false,
                fixable: true,
            },
        }
    }
}

static INVISIBLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[\x{200B}-\x{200F}\x{202A}-\x{202E}\x{2060}-\x{2064}\x{2066}-\x{2069}\x{FEFF}\x{00AD}]",
    )
    .expect("valid regex")
});

fn is_emoji(c: Option<char>) -> bool {
    c.is_some_and(|c| c as u32 >= 0x1F000 || ('\u{2600}'..='\u{27BF}').contains(&c))
}

impl Rule for InvisibleChar {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        let mut found = INVISIBLE
            .find_iter(text)
            .filter(|m| {
                let in_emoji = m.as_str() == "\u{200d}"
                    && is_emoji(char_before(text, m.start()))
                    && is_emoji(char_at(text, m.end()));
                let bom = m.start() == 0 && m.as_str() == "\u{feff}";
                !in_emoji && !bom
            })
            .peekable();
        while let Some(first) = found.next() {
            let line = doc.line_at(first.start()).range;
            let mut edits = vec![(TextRange::new(first.start(), first.end()), String::new())];
            while let Some(m) = found.next_if(|m| m.start() < line.end) {
                edits.push((TextRange::new(m.start(), m.end()), String::new()));
            }
            let (span, replacement) = batch_edits(text, &edits);
            let message = if edits.len() == 1 {
                let code = first.as_str().chars().next().map_or(0, |c| c as u32);
                format!("文中夹着不可见字符 U+{code:04X}")
            } else {
                format!("本行夹着 {} 个不可见字符", edits.len())
            };
            let mut d = self.meta.diagnostic(span, message);
            d.help = Some("删去不可见字符".to_owned());
            d.fix = Some(Fix::safe_replace(span, replacement));
            out.push(d);
        }
    }
}
