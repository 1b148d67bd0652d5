//! Titles, document kinds, and files that hold more than one document.
//!
//! Template sites append a second article after the first (often after an
//! `扩展阅读` line): a second title, a second date line, a second `同志们：`.
//! The file is split into parts so numbering and required sections are
//! checked per document and never mix.

use std::ops::Range;

use crate::document::{Block, has_at_most_chars};

/// The kinds of draft gwlint knows, guessed from the title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// 工作总结
    Summary,
    /// 述职报告
    Debrief,
    /// 讲话、发言
    Speech,
    /// 汇报、交流材料、经验材料
    Report,
    /// 工作计划、安排、要点
    Plan,
    Other,
}

impl DocKind {
    pub const ALL: [DocKind; 6] = [
        DocKind::Summary,
        DocKind::Debrief,
        DocKind::Speech,
        DocKind::Report,
        DocKind::Plan,
        DocKind::Other,
    ];

    /// The Chinese name used in messages and in `rules/structure.toml`.
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Summary => "工作总结",
            DocKind::Debrief => "述职报告",
            DocKind::Speech => "讲话",
            DocKind::Report => "汇报交流材料",
            DocKind::Plan => "工作计划",
            DocKind::Other => "其他",
        }
    }

    /// The ASCII name accepted by `--kind`.
    pub fn key(self) -> &'static str {
        match self {
            DocKind::Summary => "summary",
            DocKind::Debrief => "debrief",
            DocKind::Speech => "speech",
            DocKind::Report => "report",
            DocKind::Plan => "plan",
            DocKind::Other => "other",
        }
    }

    /// Accepts the ASCII key or the Chinese name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.key() == s || k.name() == s)
    }

    /// Guess the kind from a title. The 文种 word closes a title, so a
    /// speech at a 总结会议 (`…工作总结会议上的讲话`) is a speech.
    pub fn from_title(title: &str) -> Self {
        let title = title.trim_end_matches(|c: char| c.is_whitespace());
        // Drop a trailing parenthesised note: `…工作总结（局办公室主任）`.
        let core = match title.rfind(['（', '(']) {
            Some(i) if title.ends_with(['）', ')']) && i > 0 => &title[..i],
            _ => title,
        };
        if ["讲话", "发言", "致辞", "讲话稿", "讲话提纲"]
            .iter()
            .any(|w| core.ends_with(w))
        {
            DocKind::Speech
        } else if core.contains("述职") {
            DocKind::Debrief
        } else if core
            .match_indices("总结")
            .any(|(i, w)| !core[i + w.len()..].starts_with('会'))
        {
            DocKind::Summary
        } else if ["汇报", "交流材料", "经验材料", "交流发言"]
            .iter()
            .any(|w| core.contains(w))
        {
            DocKind::Report
        } else if ["计划", "安排", "要点", "打算", "工作思路"]
            .iter()
            .any(|w| core.contains(w))
        {
            DocKind::Plan
        } else {
            DocKind::Other
        }
    }
}

/// One document inside a file.
#[derive(Debug, Clone)]
pub struct Part {
    /// Block indexes of the whole part.
    pub blocks: Range<usize>,
    /// Block indexes of its title lines (may be empty).
    pub title: Range<usize>,
    pub kind: DocKind,
}

/// `同志们：`, `各位领导、同志们：`.
pub fn is_salutation(text: &str) -> bool {
    let t = text.trim();
    [
        "同志们",
        "各位领导",
        "各位代表",
        "各位委员",
        "各位同事",
        "尊敬的",
    ]
    .iter()
    .any(|w| t.starts_with(w))
        && t.ends_with(['：', ':'])
        && has_at_most_chars(t, 30)
}

/// `（2024年3月12日）`, `(201*年7月30日)`.
pub fn is_date_line(text: &str) -> bool {
    let t = text.trim();
    t.starts_with(['（', '('])
        && t.ends_with(['）', ')'])
        && t.contains('年')
        && t.contains('日')
        && has_at_most_chars(t, 24)
}

/// A line that can be (part of) a title: short, no sentence punctuation,
/// not a numbered heading.
pub fn is_title_like(block: &Block, text: &str) -> bool {
    if block.heading().is_some() {
        return false;
    }
    let t = text.trim();
    if is_date_line(t) {
        return true;
    }
    has_at_most_chars(t, 50)
        && !t.contains(['。', '，', '；', '！', '？', ',', ';', '!', '?', '：', ':'])
}

/// A block of running text, as opposed to a title or salutation.
fn is_body(text: &str) -> bool {
    !has_at_most_chars(text, 50) || text.contains('。')
}

pub fn split_parts(text: &str, blocks: &[Block]) -> Vec<Part> {
    let slice = |i: usize| text[blocks[i].range.start..blocks[i].range.end].trim();
    let mut starts = vec![0];
    let mut seen_body = false;
    for i in 0..blocks.len() {
        let t = slice(i);
        if (is_salutation(t) || is_date_line(t)) && seen_body {
            // Walk back over the title lines that head the new document.
            let mut first = i;
            while first > 0 && i - first < 4 && is_title_like(&blocks[first - 1], slice(first - 1))
            {
                first -= 1;
            }
            let has_title = (first..i).any(|k| !is_date_line(slice(k)));
            if has_title && first > *starts.last().unwrap() {
                starts.push(first);
                seen_body = false;
                continue;
            }
        }
        if is_body(t) && !is_salutation(t) {
            seen_body = true;
        }
    }
    let mut parts = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(blocks.len());
        // The first title-like line is the title; a second or third line
        // belongs to it only as a subtitle naming a kind (`在…会上的讲话`),
        // a `——` subtitle or a date line. `主要工作` under the title is a
        // section, not part of the title.
        let continues_title = |i: usize| {
            let t = slice(i);
            is_date_line(t) || t.starts_with('—') || DocKind::from_title(t) != DocKind::Other
        };
        let mut title_end = start;
        while title_end < end
            && title_end < start + 3
            && is_title_like(&blocks[title_end], slice(title_end))
            && (title_end == start || continues_title(title_end))
        {
            title_end += 1;
        }
        let title_text: Vec<&str> = (start..title_end)
            .map(slice)
            .filter(|t| !is_date_line(t))
            .collect();
        let kind = title_text
            .iter()
            .rev()
            .map(|t| DocKind::from_title(t))
            .find(|k| *k != DocKind::Other)
            .unwrap_or(DocKind::Other);
        parts.push(Part {
            blocks: start..end,
            title: start..title_end,
            kind,
        });
    }
    if parts.is_empty() {
        parts.push(Part {
            blocks: 0..0,
            title: 0..0,
            kind: DocKind::Other,
        });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_from_title() {
        assert_eq!(
            DocKind::from_title("办公室主任在上半年工作总结会议上的讲话"),
            DocKind::Speech
        );
        assert_eq!(
            DocKind::from_title("办公室2023年工作总结和2024年工作安排"),
            DocKind::Summary
        );
        assert_eq!(
            DocKind::from_title("2018年办公室工作总结（局办公室主任）"),
            DocKind::Summary
        );
        assert_eq!(
            DocKind::from_title("全省某办公室工作布置会交流材料"),
            DocKind::Report
        );
        assert_eq!(DocKind::from_title("2024年个人述职报告"), DocKind::Debrief);
        assert_eq!(DocKind::from_title("2025年工作要点"), DocKind::Plan);
        assert_eq!(
            DocKind::from_title("关于加强机关作风建设的通知"),
            DocKind::Other
        );
    }
}
