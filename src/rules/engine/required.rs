//! `engine = "required"`: the sections a draft of a given genre must have (Vale's
//! `occurrence` with `min: 1`, made genre-aware). A section is present when
//! a heading, or the first sentence of a paragraph in prose written without
//! headings, holds one of its keywords. Reported once per missing section,
//! at the title.

use aho_corasick::AhoCorasick;

use crate::diagnostic::{Diagnostic, TextRange};
use crate::document::{Document, Draft, Genre};
use crate::rules::engine::Template;
use crate::rules::pack::{CompileError, RuleSpec, SectionSpec};
use crate::rules::{Rule, RuleMeta};

struct Section {
    genres: Vec<Genre>,
    name: String,
    keywords: AhoCorasick,
}

pub struct Required {
    meta: RuleMeta,
    sections: Vec<Section>,
    message: Template,
    help: Option<Template>,
}

impl Required {
    pub fn compile(spec: &RuleSpec) -> Result<Self, CompileError> {
        if spec.section.is_empty() {
            return Err(CompileError::Missing("[[rule.section]]"));
        }
        let sections = spec
            .section
            .iter()
            .map(compile_section)
            .collect::<Result<_, _>>()?;
        Ok(Self {
            meta: spec.meta(),
            sections,
            message: Template::compile("message", &spec.message, &["genre", "section"])?,
            help: Template::compile_optional("help", spec.help.as_ref(), &["genre", "section"])?,
        })
    }
}

fn compile_section(spec: &SectionSpec) -> Result<Section, CompileError> {
    let genres = spec
        .genres
        .iter()
        .map(|k| {
            Genre::parse(k).ok_or_else(|| CompileError::value("genres", format!("未知的文种“{k}”")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if spec.keywords.is_empty() {
        return Err(CompileError::value(
            "keywords",
            format!("“{}”没有关键词", spec.name),
        ));
    }
    let keywords = AhoCorasick::new(&spec.keywords)
        .map_err(|e| CompileError::value("keywords", e.to_string()))?;
    Ok(Section {
        genres,
        name: spec.name.clone(),
        keywords,
    })
}

/// The text that names a part of a document: a heading up to its first
/// full stop, or a paragraph's first sentence.
fn lead<'t>(doc: &Document<'t>, range: TextRange) -> &'t str {
    let text = doc.slice(range);
    let end = text
        .find(crate::document::chars::CLAUSE_ENDS)
        .unwrap_or(text.len());
    &text[..end]
}

fn present(doc: &Document<'_>, draft: &Draft, section: &Section) -> bool {
    doc.blocks()[draft.title.end..draft.blocks.end]
        .iter()
        .any(|b| section.keywords.is_match(lead(doc, b.range)))
}

impl Rule for Required {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        for draft in doc.drafts() {
            let Some(anchor) = doc.blocks().get(draft.blocks.start) else {
                continue;
            };
            for section in self
                .sections
                .iter()
                .filter(|s| s.genres.contains(&draft.genre))
            {
                if present(doc, draft, section) {
                    continue;
                }
                let message = self.message.render(&[
                    ("{genre}", draft.genre.name()),
                    ("{section}", &section.name),
                ]);
                let mut d = self.meta.diagnostic(anchor.range, message);
                d.help = self.help.as_ref().map(|h| {
                    h.render(&[
                        ("{genre}", draft.genre.name()),
                        ("{section}", &section.name),
                    ])
                });
                out.push(d);
            }
        }
    }
}
