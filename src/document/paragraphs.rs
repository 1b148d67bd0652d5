//! Lines → paragraphs: non-blank lines, with the lines a bad copy
//! hard-wrapped joined again. A copy pasted from a PDF is cut at a fixed
//! width, often shorter than a normal long line, so the width is found from
//! the text itself.

use crate::document::enumeration;
use crate::document::segment::{self, Reading};
use crate::document::{Line, has_at_most_chars, is_blank};

/// A paragraph: non-blank lines, hard-wrapped lines joined.
#[derive(Debug, Clone, Copy)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    /// 0-based line it starts on.
    pub line: usize,
}

/// Whether `line` was cut by a hard wrap in a bad copy: a long line that
/// stops without closing punctuation, so the next line continues the
/// paragraph (`…启动了作风建` / `设年活动…`). Short unpunctuated lines are
/// titles and headings, never joined. "Long" is 40 characters, or, in a
/// copy wrapped at a fixed width, a line that reaches that width.
fn continues_on_next_line(line: &str, next: &str, wrap: Option<usize>) -> bool {
    const MIN_WRAPPED_CHARS: usize = 40;
    let Some(last) = line.chars().next_back() else {
        return false;
    };
    let long = !has_at_most_chars(line, MIN_WRAPPED_CHARS - 1)
        || wrap.is_some_and(|w| display_width(line) + WRAP_SLACK >= w);
    !CLOSING.contains(last)
        && long
        && !matches!(segment::parse_marker(next, 0), Some((_, Reading::Certain)))
        && !enumeration::opens_with_marker(next)
}

const CLOSING: &str = "。！？；：…”’）)」』】》!?;:";

/// How much shorter than the wrap width a wrapped line may be (a line
/// break falls before a word that does not fit, or a half-width character
/// shifts it).
const WRAP_SLACK: usize = 4;

/// Width in columns: Han characters and full-width punctuation take two.
/// Counted on bytes (an ASCII byte is one column, the lead byte of any
/// other character two, continuation bytes none), which the compiler
/// vectorises: this runs over every line.
fn display_width(s: &str) -> usize {
    s.bytes()
        .map(|b| match b {
            0..0x80 => 1,
            0x80..0xC0 => 0,
            _ => 2,
        })
        .sum()
}

/// The width a copy was hard-wrapped at, if it was: many lines that stop
/// mid-sentence at nearly the same width, and hardly any line wider. Text
/// pasted from a PDF is cut this way at 25–40 characters, shorter than a
/// normal long line.
fn wrap_width(text: &str, lines: &[Line]) -> Option<usize> {
    const MAX: usize = 160;
    // Lines that stop mid-sentence, by width; and all non-blank lines.
    let mut cut = [0usize; MAX + 2];
    let mut widths = [0usize; MAX + 2];
    let mut non_blank = 0;
    for line in lines {
        let content = text[line.range.start..line.range.end].trim_matches(is_blank);
        let Some(last) = content.chars().next_back() else {
            continue;
        };
        non_blank += 1;
        // A character takes at least half as many columns as it has bytes:
        // a line of more than 2 × MAX bytes is wider than MAX uncounted.
        let width = if content.len() <= 2 * MAX {
            display_width(content).min(MAX + 1)
        } else {
            MAX + 1
        };
        widths[width] += 1;
        if !CLOSING.contains(last) {
            cut[width] += 1;
        }
    }
    let (best, count) = (20 + WRAP_SLACK..=MAX)
        .map(|w| (w, cut[w - WRAP_SLACK..=w].iter().sum::<usize>()))
        .max_by_key(|&(w, n)| (n, w))?;
    let wider: usize = widths[best + 1..].iter().sum();
    (count >= 8 && count * 10 >= non_blank * 3 && wider * 5 <= non_blank).then_some(best)
}

/// Non-blank lines, with hard-wrapped lines joined into one paragraph.
pub fn split_paragraphs(text: &str, lines: &[Line]) -> Vec<Paragraph> {
    let wrap = wrap_width(text, lines);
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut previous_content: Option<&str> = None;
    for line in lines {
        let raw = &text[line.range.start..line.range.end];
        let content = raw.trim_matches(is_blank);
        if content.is_empty() {
            previous_content = None;
            continue;
        }
        let start = line.range.start + (raw.len() - raw.trim_start_matches(is_blank).len());
        let end = start + content.len();
        match (previous_content, paragraphs.last_mut()) {
            (Some(prev), Some(last)) if continues_on_next_line(prev, content, wrap) => {
                last.end = end;
            }
            _ => paragraphs.push(Paragraph {
                start,
                end,
                line: line.index,
            }),
        }
        previous_content = Some(content);
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::source::{SourceFile, SourceFormat};

    fn file(text: &str) -> SourceFile {
        SourceFile::new("t.txt", text.to_owned(), SourceFormat::PlainText)
    }

    #[test]
    fn hard_wrapped_copies_are_joined_at_their_width() {
        let wrapped = "今年以来局党组坚持以高质量党建引领业务工作各项工\n作取得新成效一是严格落实民主集中制重大事项一律集\n体研究决定全年共研究重大事项二十三项没有个人说了\n算的情况出现班子成员每人联系一个基层党支部全年到\n联系点指导工作四十余次帮助解决实际问题一百余个群\n众满意度明显提升各支部按期换届组织生活规范开展党\n员教育管理不断加强党员先锋模范作用得到充分发挥干\n部职工干事创业热情高涨各项业务指标全面完成全年目\n标任务受到上级表彰。\n二是坚持问题导向。\n";
        let source = file(wrapped);
        let doc = Document::new(&source);
        assert_eq!(doc.blocks().len(), 2);
        let series = doc.series();
        assert_eq!(series.len(), 1);
        assert_eq!(series[0].items.len(), 2);
    }

    #[test]
    fn short_lines_of_a_normal_text_stay_apart() {
        let source = file("工作总结\n一、主要工作\n全年完成投资五亿元。\n二、下步打算\n");
        assert_eq!(Document::new(&source).blocks().len(), 4);
    }
}
