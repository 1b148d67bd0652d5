//! What a rule reports: a byte range into the decoded text, a severity, a
//! plain-Chinese message and an optional fix. Line/column exist only in
//! `report/`; everything here is absolute byte offsets.

use serde::Serialize;
use std::fmt;

/// A half-open byte range `[start, end)` into `SourceFile::text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct TextRange {
    pub start: usize,
    pub end: usize,
}

impl TextRange {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub const fn len(self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }
    /// The same range moved right by `offset` bytes.
    pub const fn shifted(self, offset: usize) -> Self {
        Self::new(self.start + offset, self.end + offset)
    }
    pub const fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub const fn overlaps(self, other: TextRange) -> bool {
        self.start < other.end && other.start < self.end
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    /// How the severity is named to readers of Chinese output (review
    /// copies, the HTML report).
    pub const fn chinese(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// How sure a fix is. `--fix` applies `Safe` fixes only; `--fix
/// --unsafe-fixes` applies `Unsafe` ones too. Ordered: a run that allows
/// `Unsafe` allows `Safe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// A one-to-one correction: nothing the author meant can be lost.
    Safe,
    /// Needs a reader's judgement (which of two words to keep, where a
    /// sentence ends): offered, applied only on request.
    Unsafe,
}

/// Replace `range` with `replacement` (empty = delete).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub range: TextRange,
    pub replacement: String,
    pub applicability: Applicability,
}

impl Fix {
    pub fn safe_delete(range: TextRange) -> Self {
        Self {
            range,
            replacement: String::new(),
            applicability: Applicability::Safe,
        }
    }
    pub fn safe_replace(range: TextRange, replacement: impl Into<String>) -> Self {
        Self {
            range,
            replacement: replacement.into(),
            applicability: Applicability::Safe,
        }
    }
    pub fn unsafe_replace(range: TextRange, replacement: impl Into<String>) -> Self {
        Self {
            range,
            replacement: replacement.into(),
            applicability: Applicability::Unsafe,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable rule id, `group/name`.
    pub rule: &'static str,
    pub severity: Severity,
    pub range: TextRange,
    /// Plain Chinese; quotes the flagged text.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    pub fix: Option<Fix>,
}
