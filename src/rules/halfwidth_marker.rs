//! numbering/halfwidth-marker
//!
//! Flags heading markers written with half-width brackets: `(一)`, `(1)`.
//! One finding per heading, each with a fix to `（一）`, `（1）`.
//!
//! GB/T 9704-2012 §7.3.3 writes the second and fourth levels `（一）`,
//! `（1）` with full-width brackets; half-width ones come from pasting
//! plain text or a foreign-language input method.

use crate::diagnostic::{Diagnostic, Fix};
use crate::document::{Document, MarkerStyle};
use crate::rules::CodeRule;

crate::declare_rule! {
    pub struct HalfwidthMarker {
        id: "numbering/halfwidth-marker",
        severity: Warning,
        summary: "标题序号用了半角括号（(一)应为（一））",
        explanation: "第二层、第四层标题序号用全角括号：“（一）”“（1）”。半角的“(一)”多由复制纯文本或英文输入法带入。每处给出安全修复。",
        source: "GB/T 9704-2012 §7.3.3；domain.md §4 enum/fullwidth-paren（[S11]）。",
        bad: ["(一)深入开展调查研究\n"],
        good: ["（一）深入开展调查研究\n"],
        fix: Safe,
    }
}

impl CodeRule for HalfwidthMarker {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        for (_, heading) in doc.headings() {
            let marker = heading.marker;
            if !marker.halfwidth
                || !matches!(
                    marker.style,
                    MarkerStyle::HanParen | MarkerStyle::ArabicParen
                )
            {
                continue;
            }
            let shown = doc.slice(marker.range);
            let fixed: String = shown
                .chars()
                .map(|c| match c {
                    '(' => '（',
                    ')' => '）',
                    c => c,
                })
                .collect();
            let mut d = Self::META.diagnostic(
                marker.range,
                format!("标题序号“{shown}”用了半角括号，应为“{fixed}”"),
            );
            d.help = Some(format!("改为“{fixed}”"));
            d.fix = Some(Fix::safe_replace(marker.range, fixed));
            out.push(d);
        }
    }
}
