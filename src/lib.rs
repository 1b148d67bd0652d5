//! gwlint: a linter for Chinese government prose (工作总结、述职报告、讲话稿、
//! 汇报交流材料、工作计划). See ARCHITECTURE.md for the map.
//!
//! The library never prints: output goes through `report::Emitter` to a
//! writer the caller owns.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod annotate;
pub mod atomic;
pub mod baseline;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod document;
pub mod fix;
pub mod git;
pub mod hook;
pub mod linter;
pub mod report;
pub mod rules;
pub mod session;
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

/// Lint `text` with one rule alone (`gwlint explain` runs a rule's examples
/// this way): the same linter as `check`, with only `rule_id` selected.
pub fn lint_text_with_rule(registry: &Registry, rule_id: &str, text: &str) -> Vec<Diagnostic> {
    let source = SourceFile::new("-", text.to_owned(), SourceFormat::PlainText);
    let settings = RuleSettings {
        select: vec![rule_id.to_owned()],
        ..RuleSettings::default()
    };
    Linter::new(registry, settings).check(&source)
}

/// Read a file's bytes as if it were named `name` (the name picks the
/// format) and lint it with default settings: the whole pipeline without the
/// file system. Never panics; what cannot be read is a `FileError`. This is
/// the entry point of the property tests and the fuzz target.
pub fn check_bytes(
    registry: &Registry,
    name: &str,
    bytes: &[u8],
) -> Result<(SourceFile, Vec<Diagnostic>), source::FileError> {
    let source = source::parse(name, bytes, &source::ReadOptions::default())?;
    let diagnostics = Linter::new(registry, RuleSettings::default()).check(&source);
    Ok((source, diagnostics))
}
