//! structure/concatenated-document
//!
//! Flags the start of a second document in the same file: a second title,
//! date line and salutation (`同志们：`) after the first document's body.
//!
//! Template sites append another article (often after `扩展阅读`); pasted
//! whole, it doubles the draft. Numbering and required sections are checked
//! per document, so the two never mix. A document after a notice that
//! forwards or issues it (`现将《…》印发给你们`) is not appended.

use crate::diagnostic::{Diagnostic, TextRange};
use crate::document::{Document, DraftOrigin};
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct ConcatenatedDocument {
        id: "structure/concatenated-document",
        severity: Warning,
        summary: "一个文件里拼接了第二篇文稿",
        explanation: "模板网站常在正文后附上另一篇文章（往往在“扩展阅读”之后），带有第二个标题、日期和“同志们：”。整篇复制就把两篇稿子拼在了一起。",
        source: "domain.md §5（模板网站残留：延伸阅读、扩展阅读）。",
        bad: [
            "在全县工作会议上的讲话\n同志们：\n今天召开会议，主要任务是部署工作，大家要认真抓好落实，确保各项任务按期完成。\n在年终总结会上的讲话\n（2024年12月30日）\n同志们：\n今天我们总结全年工作。\n",
        ],
        good: [
            "在全县工作会议上的讲话\n（2024年3月12日）\n同志们：\n今天召开会议，主要任务是部署工作。\n",
            // A notice and the speech it forwards.
            "关于印发县长讲话的通知\n各乡镇：\n现将县长在全县工作会议上的讲话印发给你们，请认真学习贯彻，抓好各项任务落实。\n在全县工作会议上的讲话\n（2024年3月12日）\n同志们：\n今天召开会议，主要任务是部署工作。\n",
        ],
        fix: None,
    }
}

impl CodeRule for ConcatenatedDocument {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        // A document a notice forwards or issues is meant to be there.
        for draft in doc
            .drafts()
            .iter()
            .filter(|p| p.origin == DraftOrigin::Appended)
        {
            let blocks = &doc.blocks()[draft.title.clone()];
            let (Some(first), Some(last)) = (blocks.first(), blocks.last()) else {
                continue;
            };
            let range = TextRange::new(first.range.start, last.range.end);
            let title: String = doc.slice(first.range).chars().take(20).collect();
            let mut d = Self::META.diagnostic(
                TextRange::new(first.range.start, first.range.end.min(range.end)),
                format!("从这里起是另一篇文稿（“{title}”），疑为模板网站拼接"),
            );
            d.help = Some("删去拼接的文稿，或把它拆成单独的文件".to_owned());
            out.push(d);
        }
    }
}
