//! `--format junit`: JUnit XML for Jenkins, GitLab test reports and other CI
//! dashboards. One test suite for the run, one test case per file, one
//! `<failure>` per finding; a file that could not be checked is an `<error>`.
//!
//! The totals go in the opening tags, so the document is built in memory
//! and written by `finish`.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Emitter, Location};
use crate::diagnostic::Diagnostic;
use crate::source::FileError;
use crate::source::SourceFile;

#[derive(Default)]
pub struct Junit {
    cases: String,
    tests: usize,
    failures: usize,
    errors: usize,
}

/// Escape text for an XML attribute or element. Characters XML 1.0 cannot
/// hold at all (most C0 controls) are dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

impl Emitter for Junit {
    fn file(
        &mut self,
        _out: &mut dyn Write,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let path = xml_escape(&file.path);
        self.tests += 1;
        if diagnostics.is_empty() {
            let _ = writeln!(
                self.cases,
                "    <testcase name=\"{path}\" classname=\"{path}\"/>"
            );
            return Ok(());
        }
        self.failures += 1;
        let _ = writeln!(
            self.cases,
            "    <testcase name=\"{path}\" classname=\"{path}\">"
        );
        for d in diagnostics {
            let loc = Location::of(file, d);
            let _ = writeln!(
                self.cases,
                "      <failure message=\"{}\" type=\"{}\">{}:{}:{}: {} {} {}</failure>",
                xml_escape(&d.message),
                xml_escape(d.rule),
                path,
                loc.line,
                loc.column,
                d.severity,
                xml_escape(d.rule),
                xml_escape(&d.message),
            );
        }
        self.cases.push_str("    </testcase>\n");
        Ok(())
    }

    fn file_error(&mut self, _out: &mut dyn Write, error: &FileError) -> io::Result<()> {
        let path = xml_escape(&error.path);
        self.tests += 1;
        self.errors += 1;
        let _ = writeln!(
            self.cases,
            "    <testcase name=\"{path}\" classname=\"{path}\">\n      <error message=\"{}\"/>\n    </testcase>",
            xml_escape(&error.message)
        );
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let counts = format!(
            "tests=\"{}\" failures=\"{}\" errors=\"{}\"",
            self.tests, self.failures, self.errors
        );
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(out, "<testsuites name=\"gwlint\" {counts}>")?;
        writeln!(out, "  <testsuite name=\"gwlint\" {counts}>")?;
        out.write_all(self.cases.as_bytes())?;
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")
    }
}

#[cfg(test)]
mod tests {
    use super::xml_escape;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            xml_escape("<a href=\"x\">&'\u{1}</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"
        );
    }
}
