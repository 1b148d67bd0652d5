//! `--format sarif`: SARIF 2.1.0, the format code-scanning UIs (GitHub code
//! scanning, GitLab, Azure DevOps, VS Code's SARIF viewer) read.
//!
//! The log lists every rule's metadata (`tool.driver.rules`), so the
//! emitter is given the `RuleMeta`s; it never sees rule logic. Columns are
//! declared as `unicodeCodePoints`, which is what `Location` counts.
//! Validated against the official schema by `tests/formats.rs`.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Emitter, Location, fingerprint};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RuleMeta;
use crate::source::FileError;
use crate::source::SourceFile;

/// Results are written as they come, one per line, between a head written
/// before the first and a tail written by `finish`: memory stays bounded by
/// one file's findings, however many files and findings a run has.
pub struct Sarif {
    rules: Vec<RuleMeta>,
    rule_index: HashMap<&'static str, usize>,
    /// Results written so far (for the commas between them).
    written: usize,
    head_written: bool,
    notifications: Vec<Value>,
}

impl Sarif {
    /// `rules`: every rule that may report, in the order to list them.
    pub fn new(rules: Vec<RuleMeta>) -> Self {
        let rule_index = rules.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
        Self {
            rules,
            rule_index,
            written: 0,
            head_written: false,
            notifications: Vec::new(),
        }
    }

    /// Everything before the first result: the tool with its rules.
    fn write_head(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.head_written {
            return Ok(());
        }
        self.head_written = true;
        let driver = json!({
            "name": "gwlint",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": self.rules.iter().map(rule_descriptor).collect::<Vec<_>>(),
        });
        write!(
            out,
            "{{\n\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n\"version\": \"2.1.0\",\n\"runs\": [{{\n\"tool\": {{\"driver\": "
        )?;
        serde_json::to_writer_pretty(&mut *out, &driver)?;
        write!(
            out,
            "}},\n\"columnKind\": \"unicodeCodePoints\",\n\"results\": ["
        )
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: relative paths stay relative (resolved
/// against the checkout by code-scanning services), absolute ones become
/// `file://` URIs; everything but unreserved characters and `/` is
/// percent-encoded, so Chinese file names are valid URIs.
pub fn path_to_uri(path: &str) -> String {
    let slashed = super::normalized_path(path);
    let mut uri = String::with_capacity(slashed.len());
    if slashed.starts_with('/') {
        uri.push_str("file://");
    }
    for byte in slashed.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

fn rule_descriptor(meta: &RuleMeta) -> Value {
    json!({
        "id": meta.id,
        "name": meta.id,
        "shortDescription": { "text": meta.summary },
        "fullDescription": { "text": meta.explanation_with_source() },
        "help": { "text": meta.explanation_with_source() },
        "defaultConfiguration": { "level": level(meta.default_severity) },
        "properties": { "tags": [meta.group()] },
    })
}

impl Emitter for Sarif {
    fn file(
        &mut self,
        out: &mut dyn Write,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        self.write_head(out)?;
        let uri = path_to_uri(&file.path);
        for d in diagnostics {
            let loc = Location::of(file, d);
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push('。');
                message.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": {
                            "startLine": loc.line,
                            "startColumn": loc.column,
                            "endLine": loc.end_line,
                            "endColumn": loc.end_column,
                            "snippet": { "text": &file.text[d.range.start..d.range.end] },
                        },
                    },
                }],
                "partialFingerprints": { "gwlintFinding/v1": format!("{:016x}", fingerprint(file, d)) },
            });
            if let Some(index) = self.rule_index.get(d.rule) {
                result["ruleIndex"] = json!(index);
            }
            out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *out, &result)?;
            self.written += 1;
        }
        Ok(())
    }

    fn file_error(&mut self, _out: &mut dyn Write, error: &FileError) -> io::Result<()> {
        self.notifications.push(json!({
            "level": "error",
            "message": { "text": error.message },
            "locations": [{ "physicalLocation": { "artifactLocation": { "uri": path_to_uri(&error.path) } } }],
        }));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.write_head(out)?;
        let invocations = json!([{
            "executionSuccessful": self.notifications.is_empty(),
            "toolExecutionNotifications": std::mem::take(&mut self.notifications),
        }]);
        write!(out, "\n],\n\"invocations\": ")?;
        serde_json::to_writer_pretty(&mut *out, &invocations)?;
        writeln!(out, "\n}}]\n}}")
    }
}

#[cfg(test)]
mod tests {
    use super::path_to_uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_to_uri("./drafts/a b.txt"), "drafts/a%20b.txt");
        assert_eq!(
            path_to_uri("/tmp/总结.txt"),
            "file:///tmp/%E6%80%BB%E7%BB%93.txt"
        );
    }
}
