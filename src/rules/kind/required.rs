//! `kind = "required"`: parts a document of a given kind must have (Vale's
//! `occurrence` with `min: 1`, made genre-aware). A section is present when
//! a heading, or the first sentence of a paragraph in prose written without
//! headings, holds one of its keywords. Reported once per missing section,
//! at the title.

use aho_corasick::AhoCorasick;

use crate::diagnostic::{Diagnostic, TextRange};
use crate::document::{DocKind, Document, Part};
use crate::rules::pack::{RuleSpec, SectionSpec};
use crate::rules::{Rule, RuleMeta};

struct Section {
    kinds: Vec<DocKind>,
    name: String,
    keywords: AhoCorasick,
}

pub struct Required {
    meta: RuleMeta,
    sections: Vec<Section>,
    message: String,
    help: Option<String>,
}

impl Required {
    pub fn compile(spec: &RuleSpec) -> Result<Self, String> {
        if spec.section.is_empty() {
            return Err("required 规则须有 [[rule.section]]".to_owned());
        }
        let sections = spec
            .section
            .iter()
            .map(compile_section)
            .collect::<Result<_, _>>()?;
        Ok(Self {
            meta: spec.meta(),
            sections,
            message: spec.message.clone(),
            help: spec.help.clone(),
        })
    }
}

fn compile_section(spec: &SectionSpec) -> Result<Section, String> {
    let kinds = spec
        .kinds
        .iter()
        .map(|k| DocKind::parse(k).ok_or_else(|| format!("未知的文种“{k}”")))
        .collect::<Result<Vec<_>, _>>()?;
    if spec.keywords.is_empty() {
        return Err(format!("“{}”没有 keywords", spec.name));
    }
    let keywords = AhoCorasick::new(&spec.keywords).map_err(|e| e.to_string())?;
    Ok(Section {
        kinds,
        name: spec.name.clone(),
        keywords,
    })
}

/// The text that names a part of a document: a heading up to its first
/// full stop, or a paragraph's first sentence.
fn lead<'t>(doc: &Document<'t>, range: TextRange) -> &'t str {
    let text = doc.slice(range);
    let end = text.find(['。', '！', '？', '；']).unwrap_or(text.len());
    &text[..end]
}

fn present(doc: &Document<'_>, part: &Part, section: &Section) -> bool {
    doc.blocks()[part.title.end..part.blocks.end]
        .iter()
        .any(|b| section.keywords.is_match(lead(doc, b.range)))
}

impl Rule for Required {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        for part in doc.parts() {
            let Some(anchor) = doc.blocks().get(part.blocks.start) else {
                continue;
            };
            for section in self
                .sections
                .iter()
                .filter(|s| s.kinds.contains(&part.kind))
            {
                if present(doc, part, section) {
                    continue;
                }
                let message = self
                    .message
                    .replace("{kind}", part.kind.name())
                    .replace("{section}", &section.name);
                let mut d = self.meta.diagnostic(anchor.range, message);
                d.help = self
                    .help
                    .as_ref()
                    .map(|h| h.replace("{section}", &section.name));
                out.push(d);
            }
        }
    }
}
