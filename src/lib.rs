//! gwlint: a linter for Chinese government prose (工作总结、述职报告、讲话稿、
//! 汇报交流材料、工作计划). See ARCHITECTURE.md for the map.
//!
//! The library never prints: output goes through `report::Emitter` to a
//! writer the caller owns.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod hook;
pub mod linter;
pub mod report;
pub mod rules;
pub mod source;
pub mod staged;
pub mod walk;

use diagnostic::Diagnostic;
use linter::{Linter, RuleSettings};
use rules::Registry;
use source::{SourceFile, SourceFormat};

/// Lint a piece of plain text with every built-in rule at default settings.
/// The shortest way in, for tests and embedding.
pub fn lint_text(registry: &Registry, text: &str) -> Vec<Diagnostic> {
    let source = SourceFile::new("-", text.to_owned(), SourceFormat::PlainText);
    Linter::new(registry, RuleSettings::default()).check(&source)
}
