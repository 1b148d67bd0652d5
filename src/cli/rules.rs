//! `gwlint rules`: every rule, one line each.

use std::io::{self, BufWriter, Write};

use gwlint::rules::Registry;

use super::EXIT_CLEAN;

pub fn run(registry: &Registry) -> io::Result<u8> {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut metas: Vec<_> = registry.rules().map(|r| r.meta()).collect();
    metas.sort_by_key(|m| m.id);
    for meta in metas {
        // ASCII columns first: CJK text is two cells wide and would skew them.
        let fix = if meta.fixable { "（可修复）" } else { "" };
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
