//! Markdown → the prose rules should see. Non-prose bytes are replaced by
//! ASCII spaces (line breaks kept), so every byte offset, line and column in
//! the result is the same as in the original file and findings point into it.
//!
//! Blanked: YAML front matter, fenced code blocks (``` and ~~~), inline code,
//! link and image targets (`](…)`), autolinks (`<https://…>`), reference
//! definitions' targets (`[id]: url`), HTML comments and the `#` marks of
//! ATX headings. Indented code
//! blocks are NOT blanked: in drafts a four-space indent is nearly always a
//! paragraph indent, not code. Link texts and headings stay prose.
//!
//! A line scanner, not a full CommonMark parser: what it cannot recognise
//! stays prose, which at worst gives a finding too many, never one hidden.

/// The prose of a Markdown text, same length as `text`.
pub fn prose(text: &str) -> String {
    let mut blank = vec![false; text.len()];
    let bytes = text.as_bytes();
    let mut fence: Option<(u8, usize)> = None;
    let mut in_comment = false;
    let mut offset = 0usize;
    let mut first_line = true;
    let mut in_front_matter = false;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let end = start + content.len();
        if first_line && content == "---" {
            in_front_matter = true;
        }
        first_line = false;
        if in_front_matter {
            mark(&mut blank, start..end);
            if start > 0 && (content == "---" || content == "...") {
                in_front_matter = false;
            }
            continue;
        }
        let indent = content.len() - content.trim_start_matches(' ').len();
        let rest = &content[indent..];
        if let Some((ch, len)) = fence {
            mark(&mut blank, start..end);
            let run = rest.bytes().take_while(|b| *b == ch).count();
            if indent < 4 && run >= len && rest[run..].trim().is_empty() {
                fence = None;
            }
            continue;
        }
        if !in_comment && indent < 4 {
            let run_of = |ch: u8| rest.bytes().take_while(|b| *b == ch).count();
            let (backticks, tildes) = (run_of(b'`'), run_of(b'~'));
            let opening = if backticks >= 3 && !rest[backticks..].contains('`') {
                Some((b'`', backticks))
            } else if tildes >= 3 {
                Some((b'~', tildes))
            } else {
                None
            };
            if opening.is_some() {
                fence = opening;
                mark(&mut blank, start..end);
                continue;
            }
            // `## 一、主要工作`: the hashes are syntax; blanking them lets the
            // heading's own numbering (`一、`) start the line.
            let hashes = rest.bytes().take_while(|b| *b == b'#').count();
            if (1..=6).contains(&hashes) && rest[hashes..].starts_with([' ', '\t']) {
                mark(&mut blank, start + indent..start + indent + hashes);
            }
            if let Some(target) = reference_definition_target(rest) {
                let at = start + indent;
                mark(&mut blank, at + target.start..at + target.end);
                continue;
            }
        }
        in_comment = scan_inline(bytes, start, end, in_comment, &mut blank);
    }
    let mut out = Vec::with_capacity(text.len());
    out.extend(bytes.iter().zip(&blank).map(|(b, hide)| {
        if *hide && *b != b'\n' && *b != b'\r' {
            b' '
        } else {
            *b
        }
    }));
    // Only whole characters are blanked (every span starts and ends at an
    // ASCII delimiter), so this cannot fail; fall back to the text if it did.
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

fn mark(blank: &mut [bool], range: std::ops::Range<usize>) {
    for b in &mut blank[range] {
        *b = true;
    }
}

/// `[id]: url "title"` → the range of `url "title"` within the line.
fn reference_definition_target(line: &str) -> Option<std::ops::Range<usize>> {
    if !line.starts_with('[') || line.starts_with("[^") {
        return None;
    }
    let close = line.find("]:")?;
    let target_start = close + 2;
    let target = line[target_start..].trim();
    if target.is_empty() || line[1..close].contains(']') {
        return None;
    }
    Some(target_start..line.len())
}

/// Inline code, link targets, autolinks and HTML comments within one line
/// (`start..end` in `bytes`). Returns whether an HTML comment is still open.
fn scan_inline(
    bytes: &[u8],
    start: usize,
    end: usize,
    mut in_comment: bool,
    blank: &mut [bool],
) -> bool {
    let mut i = start;
    while i < end {
        if in_comment {
            match find(bytes, i, end, b"-->") {
                Some(close) => {
                    mark(blank, i..close + 3);
                    i = close + 3;
                    in_comment = false;
                }
                None => {
                    mark(blank, i..end);
                    return true;
                }
            }
            continue;
        }
        match bytes[i] {
            b'<' if bytes[i..end].starts_with(b"<!--") => {
                in_comment = true;
                mark(blank, i..i + 4);
                i += 4;
            }
            b'<' => {
                // Autolink: <scheme:…> or <a@b> with no space inside.
                match memchr::memchr(b'>', &bytes[i..end]) {
                    Some(len) if looks_like_autolink(&bytes[i + 1..i + len]) => {
                        mark(blank, i..i + len + 1);
                        i += len + 1;
                    }
                    _ => i += 1,
                }
            }
            b'`' => {
                let run = bytes[i..end].iter().take_while(|b| **b == b'`').count();
                match find_run(bytes, i + run, end, run) {
                    Some(close) => {
                        mark(blank, i..close + run);
                        i = close + run;
                    }
                    None => i += run,
                }
            }
            b']' if bytes.get(i + 1) == Some(&b'(') && i + 1 < end => {
                // The target runs to the matching `)`; nested parentheses
                // inside URLs are balanced.
                let mut depth = 0usize;
                let mut j = i + 1;
                let mut close = None;
                while j < end {
                    match bytes[j] {
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                close = Some(j);
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                match close {
                    Some(close) => {
                        mark(blank, i + 2..close);
                        i = close + 1;
                    }
                    None => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    in_comment
}

fn looks_like_autolink(inner: &[u8]) -> bool {
    !inner.is_empty()
        && !inner.iter().any(|b| b.is_ascii_whitespace() || *b == b'<')
        && (inner.windows(3).any(|w| w == b"://")
            || inner.starts_with(b"mailto:")
            || inner.contains(&b'@'))
}

fn find(bytes: &[u8], from: usize, end: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[from..end], needle).map(|i| from + i)
}

/// Start of the next run of exactly `len` backticks in `from..end`.
fn find_run(bytes: &[u8], from: usize, end: usize, len: usize) -> Option<usize> {
    let mut i = from;
    while i < end {
        if bytes[i] == b'`' {
            let run = bytes[i..end].iter().take_while(|b| **b == b'`').count();
            if run == len {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::prose;

    fn check(text: &str, expected: &str) {
        let got = prose(text);
        assert_eq!(got.len(), text.len());
        assert_eq!(got, expected, "\n{text}");
    }

    #[test]
    fn code_fences_and_inline_code() {
        check(
            "甲XX\n```text\n材料XX篇\n```\n乙`XX`丙\n",
            "甲XX\n       \n           \n   \n乙    丙\n",
        );
        check("~~~\nXX\n", "   \n  \n");
    }

    #[test]
    fn link_targets_autolinks_and_comments() {
        let sp = |n: usize| " ".repeat(n);
        check(
            "见[通知](http://x.cn/a_(b))。\n",
            &format!("见[通知]({})。\n", sp(17)),
        );
        check(
            "<http://x.cn> 与 <!-- XX\n篇 --> 完\n",
            &format!("{} 与 {}\n{} 完\n", sp(13), sp(7), sp(7)),
        );
        check(
            "[1]: http://x.cn \"标题\"\n正文\n",
            &format!("[1]:{}\n正文\n", sp(21)),
        );
    }

    #[test]
    fn front_matter() {
        check("---\ntitle: XX\n---\n正文\n", "   \n         \n   \n正文\n");
    }

    #[test]
    fn headings_and_link_texts_stay() {
        check("# 一、XX情况\n[XX篇](a)\n", "  一、XX情况\n[XX篇]( )\n");
    }
}
