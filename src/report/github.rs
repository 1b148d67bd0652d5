//! `--format github`: GitHub Actions workflow commands
//! (`::error file=…,line=…,col=…::message`), which the runner turns into
//! annotations on the pull request.
//!
//! Escaping follows the runner (`actions/toolkit` `command.ts`): in the
//! message `%`, `\r`, `\n`; in property values also `:` and `,`.

use std::io::{self, Write};

use super::{Emitter, Location};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::FileError;
use crate::source::SourceFile;

#[derive(Default)]
pub struct Github;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

impl Emitter for Github {
    fn file(
        &mut self,
        out: &mut dyn Write,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let path = escape_property(&file.path);
        for d in diagnostics {
            let loc = Location::of(file, d);
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push('\n');
                message.push_str(help);
            }
            writeln!(
                out,
                "::{} file={path},line={},col={},endLine={},endColumn={},title={}::{}",
                command(d.severity),
                loc.line,
                loc.column,
                loc.end_line,
                loc.end_column,
                escape_property(d.rule),
                escape_data(&message),
            )?;
        }
        Ok(())
    }

    fn file_error(&mut self, out: &mut dyn Write, error: &FileError) -> io::Result<()> {
        writeln!(
            out,
            "::error file={},title=gwlint::{}",
            escape_property(&error.path),
            escape_data(&error.message)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        // A newline in a file name stays inside the one command line.
        assert_eq!(escape_property("稿\n二.txt"), "稿%0A二.txt");
    }
}
