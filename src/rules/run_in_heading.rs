//! layout/run-in-heading
//!
//! Flags a heading that a bad copy ran into the end of the previous
//! paragraph: `…在综合能力方面是通才。二、紧紧围绕…`.
//!
//! The heading disappears into the text and the outline breaks. Only a
//! marker that is the next number expected at its level counts, so
//! `。三、五年内` stays prose. In a Markdown file, where line breaks are a
//! converter's rather than the author's, the finding is only a note (info).

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, is_blank};
use crate::rules::CodeRule;
use crate::source::SourceFormat;

crate::declare_rule! {
    pub struct RunInHeading {
        id: "layout/run-in-heading",
        severity: Warning,
        summary: "标题接在上一段末尾，没有另起一段",
        explanation: "标题应单独成段。复制粘贴时换行丢失，标题就接在上一段句号之后，如“……是通才。二、紧紧围绕……”。\n只认定按顺序应当出现的下一个序号，“。三、五年内”一类不算。",
        source: "domain.md §4（序号只在段首识别）；模板网站复制稿中常见。",
        bad: ["一、总体要求\n要做到心中有数，在综合能力方面是通才。二、紧紧围绕中心\n"],
        good: ["一、总体要求\n要做到心中有数。\n二、紧紧围绕中心\n"],
        fix: None,
    }
}

/// How much of the heading the message quotes, in characters.
const TITLE_CHARS: usize = 12;

impl CodeRule for RunInHeading {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        for (block, heading) in doc.headings() {
            if !heading.run_in {
                continue;
            }
            let full = doc.slice(block.range).trim_end_matches(is_blank);
            let mut title: String = full.chars().take(TITLE_CHARS).collect();
            if title.len() < full.len() {
                title.push('…');
            }
            let mut d =
                Self::META.diagnostic(heading.marker.range, format!("标题“{title}”接在上一段末尾"));
            // In Markdown a line's breaks are the converter's, not the
            // author's: a heading joined to a paragraph there is noted only.
            if doc.source().format == SourceFormat::Markdown {
                d.severity = Severity::Info;
            }
            d.help = Some("在序号前换行，让标题单独成段".to_owned());
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RunInHeading;
    use crate::diagnostic::Severity;
    use crate::rules::testing::findings;

    #[test]
    fn in_markdown_only_a_note() {
        let text = "一、总体要求\n\n要做到心中有数，是通才。二、紧紧围绕中心\n";
        let got = findings(&RunInHeading, "t.txt", text);
        assert_eq!(got[0].1, Severity::Warning);
        let got = findings(&RunInHeading, "t.md", text);
        assert_eq!(got[0].1, Severity::Info);
    }
}
