//! `--diff`: what `--fix` would write, as a unified diff, without writing
//! anything. The fixed text comes from the same fix loop and guards as
//! `--fix` (`fix::fix_text`), so the diff is exactly what a fix run would
//! change — or nothing, when `--fix` would refuse to write.

use similar::TextDiff;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::fix::{self, FixError};
use crate::linter::Linter;
use crate::source::SourceFile;

/// The unified diff `--fix` would apply to `file` (with `allowed` fixes):
/// `Ok(None)` when nothing would change or the file is never rewritten (a
/// .docx); an error when `--fix` would refuse to write.
pub fn fix_diff(
    linter: &Linter<'_>,
    file: &SourceFile,
    diagnostics: &[Diagnostic],
    allowed: Applicability,
) -> Result<Option<String>, FixError> {
    if fix::refuse_reason(file).is_some() {
        return Ok(None);
    }
    let (fixed, _, _, applied, verdict) = fix::fix_text(linter, file, diagnostics, allowed);
    verdict?;
    if applied == 0 || fixed.text == file.text {
        return Ok(None);
    }
    Ok(Some(unified(&file.path, &file.text, &fixed.text)))
}

/// A unified diff (three lines of context) from `before` to `after`, with
/// `a/PATH` and `b/PATH` headers as `git diff` writes them.
pub fn unified(path: &str, before: &str, after: &str) -> String {
    let diff = TextDiff::from_lines(before, after);
    diff.unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_changed_lines_with_context() {
        let diff = unified(
            "稿.txt",
            "一\n认真贯彻上级布署。\n三\n",
            "一\n认真贯彻上级部署。\n三\n",
        );
        assert_eq!(
            diff,
            "--- a/稿.txt\n+++ b/稿.txt\n@@ -1,3 +1,3 @@\n 一\n-认真贯彻上级布署。\n+认真贯彻上级部署。\n 三\n"
        );
    }
}
