//! Titles, genres (文种), and files that hold more than one draft.
//!
//! Template sites append a second article after the first (often after an
//! `扩展阅读` line): a second title, a second date line, a second `同志们：`.
//! A notice that forwards or issues documents (`现将《…》印发给你们`) is
//! followed by them, each under its own title. The file is split into drafts
//! so numbering and required sections are checked per document and never
//! mix; only an appended document is a defect. The outline pass
//! (`outline.rs`) finds where drafts start; this module names their titles
//! and kinds.

use std::ops::Range;

use crate::document::{Block, BlockRole, has_at_most_chars};

/// The genres (文种) gwlint knows, guessed from a draft's title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Genre {
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

impl Genre {
    pub const ALL: [Genre; 6] = [
        Genre::Summary,
        Genre::Debrief,
        Genre::Speech,
        Genre::Report,
        Genre::Plan,
        Genre::Other,
    ];

    /// The Chinese name used in messages and in `rules/structure.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Genre::Summary => "工作总结",
            Genre::Debrief => "述职报告",
            Genre::Speech => "讲话",
            Genre::Report => "汇报交流材料",
            Genre::Plan => "工作计划",
            Genre::Other => "其他",
        }
    }

    /// The ASCII name accepted by `--kind`.
    pub fn key(self) -> &'static str {
        match self {
            Genre::Summary => "summary",
            Genre::Debrief => "debrief",
            Genre::Speech => "speech",
            Genre::Report => "report",
            Genre::Plan => "plan",
            Genre::Other => "other",
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
            Genre::Speech
        } else if core.contains("述职") {
            Genre::Debrief
        } else if core
            .match_indices("总结")
            .any(|(i, w)| !core[i + w.len()..].starts_with('会'))
        {
            Genre::Summary
        } else if ["汇报", "交流材料", "经验材料", "交流发言"]
            .iter()
            .any(|w| core.contains(w))
        {
            Genre::Report
        } else if ["计划", "安排", "要点", "打算", "工作思路"]
            .iter()
            .any(|w| core.contains(w))
        {
            Genre::Plan
        } else {
            Genre::Other
        }
    }
}

/// How a document came to be in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftOrigin {
    /// The file's own document.
    Main,
    /// Forwarded or issued by the notice before it (`现将《…》印发给你们`,
    /// `…全文如下`).
    Enclosed,
    /// A second title, date line and salutation after the body, with no
    /// notice carrying it: a template site appended it.
    Appended,
    /// A further document's own title (`## 关于…的意见`) with nothing to
    /// say whether it was enclosed or appended: numbered apart, not
    /// reported.
    Titled,
}

/// One document inside a file.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Block indexes of the whole draft.
    pub blocks: Range<usize>,
    /// Block indexes of its title lines (may be empty).
    pub title: Range<usize>,
    pub genre: Genre,
    pub origin: DraftOrigin,
}

/// `text` without the Markdown decoration around it: `> `, `- `, `**…**`.
pub fn strip_decoration(text: &str) -> &str {
    let t = text.trim_matches(crate::document::is_blank);
    let lead = crate::document::segment::decoration_len(t);
    t[lead..]
        .trim_end_matches(['*', '_'])
        .trim_end_matches(crate::document::is_blank)
}

/// `同志们：`, `各位领导、同志们：`.
pub fn is_salutation(text: &str) -> bool {
    let t = strip_decoration(text);
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
    let t = strip_decoration(text);
    t.starts_with(['（', '('])
        && t.ends_with(['）', ')'])
        && t.contains('年')
        && t.contains('日')
        && has_at_most_chars(t, 24)
}

/// A line that can be (part of) a title: short, no sentence punctuation,
/// not a numbered heading, not a bare rule (`---`).
pub fn is_title_like(block: &Block, text: &str) -> bool {
    if !matches!(
        block.role,
        BlockRole::Paragraph | BlockRole::Title | BlockRole::SectionTitle
    ) {
        return false;
    }
    let t = strip_decoration(text);
    if is_date_line(t) {
        return true;
    }
    has_at_most_chars(t, 50)
        && t.chars().any(char::is_alphanumeric)
        && !t.contains(['。', '，', '；', '！', '？', ',', ';', '!', '?', '：', ':'])
}

/// A block of running text, as opposed to a title or salutation.
pub fn is_body(text: &str) -> bool {
    !has_at_most_chars(text, 50) || text.contains('。')
}

/// The drafts of a file whose documents start at `starts` (block index and
/// origin, the first at 0). `title_from`: where the first document's title
/// is looked for (after an outline that opens the file); `body_end`: the
/// blocks from there on (a .docx's footnotes, headers, footers) belong to
/// no draft.
pub fn split_drafts(
    text: &str,
    blocks: &[Block],
    starts: &[(usize, DraftOrigin)],
    title_from: usize,
    body_end: usize,
) -> Vec<Draft> {
    let slice = |i: usize| strip_decoration(&text[blocks[i].range.start..blocks[i].range.end]);
    let mut drafts = Vec::new();
    for (k, &(start, origin)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(body_end, |s| s.0).max(start);
        let start = if k == 0 { title_from.min(end) } else { start };
        // The first title-like line is the title; a second or third line
        // belongs to it only as a subtitle naming a kind (`在…会上的讲话`),
        // a `——` subtitle or a date line. `主要工作` under the title is a
        // section, not part of the title.
        let continues_title = |i: usize| {
            let t = slice(i);
            is_date_line(t) || t.starts_with('—') || Genre::from_title(t) != Genre::Other
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
            .map(|t| Genre::from_title(t))
            .find(|k| *k != Genre::Other)
            .unwrap_or(Genre::Other);
        let first_block = if k == 0 { 0 } else { start };
        drafts.push(Draft {
            blocks: first_block..end,
            title: start..title_end,
            genre: kind,
            origin,
        });
    }
    if drafts.is_empty() {
        drafts.push(Draft {
            blocks: 0..0,
            title: 0..0,
            genre: Genre::Other,
            origin: DraftOrigin::Main,
        });
    }
    drafts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genre_from_title() {
        assert_eq!(
            Genre::from_title("办公室主任在上半年工作总结会议上的讲话"),
            Genre::Speech
        );
        assert_eq!(
            Genre::from_title("办公室2023年工作总结和2024年工作安排"),
            Genre::Summary
        );
        assert_eq!(
            Genre::from_title("2018年办公室工作总结（局办公室主任）"),
            Genre::Summary
        );
        assert_eq!(
            Genre::from_title("全省某办公室工作布置会交流材料"),
            Genre::Report
        );
        assert_eq!(Genre::from_title("2024年个人述职报告"), Genre::Debrief);
        assert_eq!(Genre::from_title("2025年工作要点"), Genre::Plan);
        assert_eq!(
            Genre::from_title("关于加强机关作风建设的通知"),
            Genre::Other
        );
    }
}
