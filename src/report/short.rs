//! `--format short`: `path:line:col: severity rule message`, one finding per
//! line, for editors' error parsers and grep.

use std::io::{self, Write};

use super::{Emitter, Location, escaped_path};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

#[derive(Default)]
pub struct Short;

impl Emitter for Short {
    fn file(
        &mut self,
        out: &mut dyn Write,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            let loc = Location::of(file, d);
            // A message is one line today; keep the format one line per
            // finding even if a rule ever writes more.
            let message = d.message.replace(['\r', '\n'], " ");
            writeln!(
                out,
                "{}:{}:{}: {} {} {message}",
                escaped_path(&file.path),
                loc.line,
                loc.column,
                d.severity,
                d.rule
            )?;
        }
        Ok(())
    }
}
