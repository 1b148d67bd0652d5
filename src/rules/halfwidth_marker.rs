//! numbering/halfwidth-marker
//!
//! ## What it does
//! Flags heading markers written with half-width brackets: `(一)`, `(1)`.
//! One finding per heading, each with a fix to `（一）`, `（1）`.
//!
//! ## Why is this bad?
//! GB/T 9704-2012 §7.3.3 writes the second and fourth levels `（一）`,
//! `（1）` with full-width brackets; half-width ones come from pasting
//! plain text or a foreign-language input method.
//! Source: domain.md §4 enum/fullwidth-paren ([S11]).

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::{Document, MarkerStyle};
use crate::rules::{Rule, RuleMeta};

pub struct HalfwidthMarker {
    meta: RuleMeta,
}

impl HalfwidthMarker {
    pub fn new() -> Self {
        Self {
            meta: RuleMeta {
                id: "numbering/halfwidth-marker",
                default_severity: Severity::Warning,
                summary: "标题序号用了半角括号（(一)应为（一））",
                explanation: "第二层、第四层标题序号用全角括号：“（一）”“（1）”。半角的“(一)”多由复制纯文本或英文输入法带入。每处给出安全修复。\n来源：GB/T 9704-2012 §7.3.3；domain.md §4 enum/fullwidth-paren（[S11]）。",
                bad: vec!["(一)深入开展调查研究\n"],
                good: vec!["（一）深入开展调查研究\n"],
                fixable: true,
            },
        }
    }
}

impl Rule for HalfwidthMarker {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

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
            let mut d = self.meta.diagnostic(
                marker.range,
                format!("标题序号“{shown}”用了半角括号，应为“{fixed}”"),
            );
            d.help = Some(format!("改为“{fixed}”"));
            d.fix = Some(Fix::safe_replace(marker.range, fixed));
            out.push(d);
        }
    }
}
