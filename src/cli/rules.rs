//! `gwlint rules`: every rule, one line each; `--format markdown` writes
//! the rule reference (`docs/rules.md`).

use std::io::{self, BufWriter, Write};

use clap::ValueEnum;
use gwlint::rules::Registry;

use super::EXIT_CLEAN;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// `id  severity  summary`, one rule per line.
    Text,
    /// The rule reference, as committed in docs/rules.md.
    Markdown,
}

pub fn run(registry: &Registry, format: RulesFormat) -> io::Result<u8> {
    let mut out = BufWriter::new(io::stdout().lock());
    if format == RulesFormat::Markdown {
        out.write_all(gwlint::rules::docs::markdown(registry).as_bytes())?;
        out.flush()?;
        return Ok(EXIT_CLEAN);
    }
    let mut metas: Vec<_> = registry.rules().map(|r| r.meta()).collect();
    metas.sort_by_key(|m| m.id);
    for meta in metas {
        // ASCII columns first: CJK text is two cells wide and would skew them.
        let fix = meta.fix.mark();
        writeln!(
            out,
            "{:<36} {:<8} {}{fix}",
            meta.id,
            meta.default_severity.as_str(),
            meta.summary
        )?;
    }
    out.flush()?;
    Ok(EXIT_CLEAN)
}
