//! `--format gitlab`: a GitLab Code Quality report (a JSON array of issues
//! with `description`, `check_name`, `fingerprint`, `severity`, `location`),
//! to be saved as the job's `artifacts:reports:codequality`.
//!
//! GitLab compares fingerprints between the base and the merge request to
//! show new and fixed issues, so they are built from the path, rule, text
//! and its context, never the line number, and made unique within a run.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{Emitter, Location, fingerprint, stable_hash};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

#[derive(Serialize)]
struct IssueLocation<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: IssueLocation<'a>,
}

/// Streams the array like `json.rs`; only the fingerprint counts are kept.
#[derive(Default)]
pub struct Gitlab {
    written: usize,
    seen: HashMap<u64, u32>,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

impl Emitter for Gitlab {
    fn file(
        &mut self,
        out: &mut dyn Write,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            let loc = Location::of(file, d);
            let base = fingerprint(file, d);
            // The n-th identical finding in a file gets its own fingerprint.
            let occurrence = self.seen.entry(base).or_insert(0);
            *occurrence += 1;
            let unique = if *occurrence == 1 {
                base
            } else {
                stable_hash(&[&base.to_string(), &occurrence.to_string()])
            };
            let issue = Issue {
                description: format!("{} [{}]", d.message, d.rule),
                check_name: d.rule,
                fingerprint: format!("{unique:016x}"),
                severity: severity(d.severity),
                location: IssueLocation {
                    path: &file.path,
                    lines: Lines {
                        begin: loc.line,
                        end: loc.end_line,
                    },
                },
            };
            out.write_all(if self.written == 0 {
                b"[\n  "
            } else {
                b",\n  "
            })?;
            serde_json::to_writer(&mut *out, &issue)?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })
    }
}
