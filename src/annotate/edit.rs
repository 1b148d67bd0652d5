//! Findings → XML edits. A finding's byte range becomes two cuts in a
//! part's XML (before its first character, after its last); a cut inside a
//! run splits the run in two, each half with the run's own formatting, so
//! a comment covers exactly the flagged characters whatever runs, tables,
//! footnotes or headers they sit in. Tracked changes wrap each run of the
//! deleted text in `w:del` (its `w:t` become `w:delText`) and add the
//! replacement in a `w:ins` after it.
//!
//! Every edit is an insertion at an XML offset, or a `w:t` tag rewritten;
//! the rest of the part is copied byte for byte.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::diagnostic::TextRange;
use crate::source::DocxPart;
use crate::source::docx::{PartXml, Piece, PieceKind};

use super::AUTHOR;

/// A place between two characters, in one part's XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    pub part: usize,
    /// Byte offset in the part's XML where inserted markup goes.
    pub x: usize,
    /// The run of the character next to the cut.
    pub run: Option<usize>,
    /// The cut is inside the run's content, which must be split there.
    pub split: bool,
    /// ...and inside this `w:t`, which must be split too.
    pub text: Option<usize>,
}

/// What goes first where several insertions share an offset: a split run
/// is closed, then what ends here (a deletion, its replacement, comments),
/// then what starts here, then the run reopens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Order {
    CloseRun,
    CloseDeletion,
    Insertion,
    CommentEnd,
    CommentStart,
    OpenDeletion,
    OpenRun,
}

#[derive(Debug)]
struct Insert {
    x: usize,
    order: Order,
    seq: usize,
    text: String,
}

/// Deleted text of one tracked fix in one part: XML between two cuts, and
/// the runs and `w:t` elements that hold its characters.
#[derive(Debug)]
struct Region {
    start: usize,
    end: usize,
    texts: Vec<usize>,
}

#[derive(Debug, Default)]
struct PartEdits {
    inserts: Vec<Insert>,
    splits: BTreeMap<usize, Cut>,
    regions: Vec<Region>,
}

/// Where a finding goes.
enum Span {
    Range(Cut, Cut),
    /// No character to cover (an empty range, or only line breaks): a
    /// comment at a point, before or after the nearest character.
    Point(Cut, Order),
}

/// Where a comment was put.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    OnText,
    /// In the body, for a finding in this part: on a note's reference
    /// mark, or at the start of the body for a header or footer.
    Elsewhere(DocxPart),
}

/// Text offsets → XML cuts, from the .docx reader's layout.
pub struct Editor<'a> {
    parts: &'a [PartXml],
    text: &'a str,
    line_starts: Vec<usize>,
    edits: Vec<PartEdits>,
    /// Text ranges already deleted by a tracked fix (no two may overlap).
    tracked: Vec<TextRange>,
    next_id: u64,
    seq: usize,
}

impl<'a> Editor<'a> {
    /// `text` is the reader's text for `parts`; ids start at `first_id`.
    pub fn new(parts: &'a [PartXml], text: &'a str, first_id: u64) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self {
            parts,
            text,
            line_starts,
            edits: parts.iter().map(|_| PartEdits::default()).collect(),
            tracked: Vec::new(),
            next_id: first_id,
            seq: 0,
        }
    }

    /// A fresh annotation id (comments, insertions and deletions share one
    /// numbering, above every id the document already used).
    pub fn id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Anchor comment `id` on `range`. Comments live in the body:
    /// LibreOffice refuses a file with a comment in a header, footer or
    /// footnote, and Word has none in headers and footers. A finding in a
    /// footnote or endnote is commented on its reference mark in the body,
    /// one in a header or footer at the start of the body; the part is
    /// returned so the comment can say where the text is. `None` when the
    /// document has no character to anchor on.
    pub fn comment(&mut self, range: TextRange, id: u64) -> Option<Anchor> {
        let start = format!("<w:commentRangeStart w:id=\"{id}\"/>");
        let end = format!(
            "<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:commentReference w:id=\"{id}\"/></w:r>"
        );
        let span = self.span(range)?;
        let (Span::Range(cut, _) | Span::Point(cut, _)) = &span;
        let part = self.parts[cut.part].part;
        if part == DocxPart::Body {
            match span {
                Span::Range(s, e) => {
                    self.insert(s, Order::CommentStart, start);
                    self.insert(e, Order::CommentEnd, end);
                }
                Span::Point(cut, order) => self.insert(cut, order, start + &end),
            }
            return Some(Anchor::OnText);
        }
        let body = self.parts.iter().position(|p| p.part == DocxPart::Body)?;
        if let Some(run) = self.note_reference(cut.part, cut.x, body) {
            let run = &self.parts[body].runs[run];
            let (from, to) = (run.start_tag.start, run.end_tag.end);
            self.insert_at(body, from, Order::CommentStart, start);
            self.insert_at(body, to, Order::CommentEnd, end);
            return Some(Anchor::Elsewhere(part));
        }
        let first =
            (0..self.parts[body].paragraphs.len()).find(|&p| self.paragraph_len(body, p) > 0)?;
        let cut = self.before(self.line_starts[self.parts[body].first_line + first])?;
        self.insert(cut, Order::CommentStart, start + &end);
        Some(Anchor::Elsewhere(part))
    }

    /// The body run holding the reference mark of the footnote or endnote
    /// around XML offset `x` of part `part`.
    fn note_reference(&self, part: usize, x: usize, body: usize) -> Option<usize> {
        let xml = &self.parts[part].xml;
        let (note, reference) = match self.parts[part].part {
            DocxPart::Footnote => ("<w:footnote ", "<w:footnoteReference "),
            DocxPart::Endnote => ("<w:endnote ", "<w:endnoteReference "),
            _ => return None,
        };
        let tag_at = xml.get(..x)?.rfind(note)?;
        let tag = &xml[tag_at..tag_at + xml[tag_at..].find('>')?];
        let id = attribute_value(tag, "w:id")?;
        let body_xml = &self.parts[body].xml;
        let at = body_xml
            .match_indices(reference)
            .map(|(i, _)| i)
            .find(|&i| {
                body_xml[i..]
                    .find('>')
                    .is_some_and(|end| attribute_value(&body_xml[i..i + end], "w:id") == Some(id))
            })?;
        // The innermost run around it.
        self.parts[body]
            .runs
            .iter()
            .rposition(|r| r.start_tag.end <= at && at < r.end_tag.start)
    }

    /// Write `replacement` for `range` as a tracked change. False (and
    /// nothing written) when the range crosses a paragraph, overlaps a fix
    /// already tracked, or has no character to stand by.
    pub fn track(&mut self, range: TextRange, replacement: &str) -> bool {
        let Some(text) = self.text.get(range.start..range.end) else {
            return false;
        };
        if self.tracked.iter().any(|t| t.overlaps(range)) {
            return false;
        }
        // A whole line with its line break: the paragraph goes, mark and all.
        let (content, mark) = match text.strip_suffix('\n') {
            Some(rest) if !rest.contains('\n') => {
                (TextRange::new(range.start, range.end - 1), true)
            }
            _ if text.contains('\n') => return false,
            _ => (range, false),
        };
        if mark && (!replacement.is_empty() || !self.delete_mark(range.start)) {
            return false;
        }
        self.tracked.push(range);
        if content.is_empty() {
            if replacement.is_empty() {
                return mark;
            }
            let Some(Span::Point(cut, order)) = self.point(content.start) else {
                return false;
            };
            let rpr = self.properties(cut.part, cut.run);
            let ins = self.insertion(&rpr, replacement);
            self.insert(cut, order, ins);
            return true;
        }
        let range = content;
        let (Some(s), Some(e)) = (self.before(range.start), self.after(range.end)) else {
            return false;
        };
        let Some((part, para, col)) = self.locate(range.start) else {
            return false;
        };
        let cols = col..col + range.len();
        let pieces: Vec<&Piece> = self.parts[part].paragraphs[para]
            .pieces
            .iter()
            .filter(|p| p.text.start < cols.end && cols.start < p.text.end)
            .collect();
        let mut runs: Vec<usize> = pieces.iter().filter_map(|p| p.run).collect();
        runs.dedup();
        let mut texts: Vec<usize> = pieces.iter().filter_map(|p| p.text_element).collect();
        texts.dedup();
        let xml_runs = &self.parts[part].runs;
        let mut wrappers = Vec::new();
        for &r in &runs {
            let run = &xml_runs[r];
            if run.start_tag.start >= s.x {
                wrappers.push((run.start_tag.start, Order::OpenDeletion));
            }
            if run.end_tag.end <= e.x {
                wrappers.push((run.end_tag.end, Order::CloseDeletion));
            }
        }
        for (x, order) in wrappers {
            let text = match order {
                Order::OpenDeletion => self.deletion_start(),
                _ => "</w:del>".to_owned(),
            };
            self.insert_at(part, x, order, text);
        }
        if !replacement.is_empty() {
            let rpr = self.properties(part, e.run);
            let ins = self.insertion(&rpr, replacement);
            self.insert(e, Order::Insertion, ins);
        }
        self.split(s);
        self.split(e);
        self.edits[part].regions.push(Region {
            start: s.x,
            end: e.x,
            texts,
        });
        true
    }

    /// Mark the paragraph holding `offset` as deleted (its paragraph mark,
    /// `w:pPr/w:rPr/w:del`), so accepting the change joins it to the next.
    fn delete_mark(&mut self, offset: usize) -> bool {
        let Some((part, para, _)) = self.locate(offset) else {
            return false;
        };
        let p = &self.parts[part].paragraphs[para];
        let xml = &self.parts[part].xml;
        let id = self.next_id;
        let del = format!("<w:del w:id=\"{id}\" w:author=\"{AUTHOR}\"/>");
        let (at, text) = match &p.properties {
            None if xml[p.start_tag.clone()].ends_with("/>") => return false,
            None => (
                p.start_tag.end,
                format!("<w:pPr><w:rPr>{del}</w:rPr></w:pPr>"),
            ),
            Some(r) => {
                let ppr = &xml[r.clone()];
                if ppr.ends_with("/>") {
                    return false;
                }
                match ppr.find("<w:rPr").map(|i| (i, ppr[i..].find('>'))) {
                    Some((i, Some(end))) if !ppr[i..i + end].ends_with('/') => {
                        (r.start + i + end + 1, del)
                    }
                    Some(_) => return false,
                    None => {
                        let before = ["<w:sectPr", "<w:pPrChange", "</w:pPr>"]
                            .iter()
                            .filter_map(|t| ppr.find(t))
                            .min()
                            .unwrap_or(ppr.len());
                        (r.start + before, format!("<w:rPr>{del}</w:rPr>"))
                    }
                }
            }
        };
        self.next_id += 1;
        self.insert_at(part, at, Order::OpenDeletion, text);
        true
    }

    /// The rewritten XML of each part, `None` where nothing changed.
    pub fn finish(mut self) -> Vec<Option<String>> {
        let parts = self.parts;
        let mut out = Vec::new();
        for (part, layout) in parts.iter().enumerate() {
            let mut edits = std::mem::take(&mut self.edits[part]);
            if edits.inserts.is_empty() {
                out.push(None);
                continue;
            }
            let xml = &layout.xml;
            let deleted = |x: usize, before: bool| {
                edits.regions.iter().any(|g| match before {
                    true => g.start < x && x <= g.end,
                    false => g.start <= x && x < g.end,
                })
            };
            let mut split_texts = Vec::new();
            let mut reopen = Vec::new();
            for cut in edits.splits.values() {
                let Some(run) = cut.run.map(|r| &layout.runs[r]) else {
                    continue;
                };
                let (gone_before, gone_after) = (deleted(cut.x, true), deleted(cut.x, false));
                let mut close = String::new();
                if cut.text.is_some() {
                    close.push_str(if gone_before {
                        "</w:delText>"
                    } else {
                        "</w:t>"
                    });
                }
                close.push_str("</w:r>");
                if gone_before {
                    close.push_str("</w:del>");
                }
                let mut open = String::new();
                if gone_after {
                    open.push_str(&self.deletion_start());
                }
                open.push_str(&xml[run.start_tag.clone()]);
                if let Some(p) = &run.properties {
                    open.push_str(&xml[p.clone()]);
                }
                if let Some(t) = cut.text {
                    open.push_str(if gone_after {
                        "<w:delText xml:space=\"preserve\">"
                    } else {
                        "<w:t xml:space=\"preserve\">"
                    });
                    split_texts.push(t);
                }
                reopen.push((cut.x, close, open));
            }
            for (x, close, open) in reopen {
                edits.inserts.push(Insert {
                    x,
                    order: Order::CloseRun,
                    seq: 0,
                    text: close,
                });
                edits.inserts.push(Insert {
                    x,
                    order: Order::OpenRun,
                    seq: 0,
                    text: open,
                });
            }
            // `w:t` tags: deleted ones become `w:delText`; split ones keep
            // their spaces at the cut (`xml:space="preserve"`).
            let texts = &layout.texts;
            let within = |tag: &Range<usize>, t: usize| {
                edits
                    .regions
                    .iter()
                    .any(|g| g.texts.contains(&t) && g.start <= tag.start && tag.end <= g.end)
            };
            let mut tags: Vec<(Range<usize>, &str)> = Vec::new();
            let mut touched: Vec<usize> = edits
                .regions
                .iter()
                .flat_map(|g| g.texts.iter().copied())
                .chain(split_texts)
                .collect();
            touched.sort_unstable();
            touched.dedup();
            for t in touched {
                let element = &texts[t];
                if within(&element.start_tag, t) {
                    tags.push((
                        element.start_tag.clone(),
                        "<w:delText xml:space=\"preserve\">",
                    ));
                } else {
                    tags.push((element.start_tag.clone(), "<w:t xml:space=\"preserve\">"));
                }
                if within(&element.end_tag, t) {
                    tags.push((element.end_tag.clone(), "</w:delText>"));
                }
            }
            out.push(Some(apply(xml, edits.inserts, tags)));
        }
        out
    }

    fn insert(&mut self, cut: Cut, order: Order, text: String) {
        self.split(cut);
        self.insert_at(cut.part, cut.x, order, text);
    }

    fn insert_at(&mut self, part: usize, x: usize, order: Order, text: String) {
        self.seq += 1;
        self.edits[part].inserts.push(Insert {
            x,
            order,
            seq: self.seq,
            text,
        });
    }

    fn split(&mut self, cut: Cut) {
        if cut.split {
            self.edits[cut.part].splits.insert(cut.x, cut);
        }
    }

    fn deletion_start(&mut self) -> String {
        let id = self.id();
        format!("<w:del w:id=\"{id}\" w:author=\"{AUTHOR}\">")
    }

    fn insertion(&mut self, properties: &str, text: &str) -> String {
        let id = self.id();
        let runs = super::run_content(text);
        format!("<w:ins w:id=\"{id}\" w:author=\"{AUTHOR}\"><w:r>{properties}{runs}</w:r></w:ins>")
    }

    /// The formatting (`w:rPr`) of a run, to give inserted text the look of
    /// the text it replaces.
    fn properties(&self, part: usize, run: Option<usize>) -> String {
        let part = &self.parts[part];
        run.and_then(|r| part.runs[r].properties.clone())
            .and_then(|p| part.xml.get(p))
            .unwrap_or_default()
            .to_owned()
    }

    /// (part, paragraph in part, byte column) of a text offset.
    fn locate(&self, offset: usize) -> Option<(usize, usize, usize)> {
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let col = offset - self.line_starts[line];
        let part = self
            .parts
            .iter()
            .position(|p| (p.first_line..p.first_line + p.paragraphs.len()).contains(&line))?;
        Some((part, line - self.parts[part].first_line, col))
    }

    /// Length in bytes of a paragraph's text.
    fn paragraph_len(&self, part: usize, para: usize) -> usize {
        let line = self.parts[part].first_line + para;
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |e| e - 1);
        end - start
    }

    fn span(&self, range: TextRange) -> Option<Span> {
        let bytes = self.text.as_bytes();
        let mut s = range.start.min(bytes.len());
        let mut e = range.end.min(bytes.len()).max(s);
        while s < e && bytes[s] == b'\n' {
            s += 1;
        }
        while e > s && bytes[e - 1] == b'\n' {
            e -= 1;
        }
        if s == e {
            return self.point(s);
        }
        let start = self.before(s)?;
        let mut end = self.after(e)?;
        if end.part != start.part {
            // A range running out of a part (say, the body into a
            // footnote) ends with the paragraph it starts in.
            let (part, para, col) = self.locate(s)?;
            end = self.after(s - col + self.paragraph_len(part, para))?;
        }
        Some(Span::Range(start, end))
    }

    /// A comment at a point: before the character at `offset`, or after
    /// the last one of its paragraph, or by the nearest paragraph with text.
    fn point(&self, offset: usize) -> Option<Span> {
        let (part, para, col) = self.locate(offset)?;
        let len = self.paragraph_len(part, para);
        if col < len {
            return self
                .before(offset)
                .map(|c| Span::Point(c, Order::CommentStart));
        }
        if len > 0 {
            return self
                .after(offset - col + len)
                .map(|c| Span::Point(c, Order::CommentEnd));
        }
        let line0 = self.parts[part].first_line;
        let count = self.parts[part].paragraphs.len();
        let next = (para + 1..count).find(|&p| self.paragraph_len(part, p) > 0);
        if let Some(p) = next {
            let start = self.line_starts[line0 + p];
            return self
                .before(start)
                .map(|c| Span::Point(c, Order::CommentStart));
        }
        let previous = (0..para).rev().find(|&p| self.paragraph_len(part, p) > 0)?;
        let end = self.line_starts[line0 + previous] + self.paragraph_len(part, previous);
        self.after(end).map(|c| Span::Point(c, Order::CommentEnd))
    }

    /// The cut before the character at `offset`.
    fn before(&self, offset: usize) -> Option<Cut> {
        let (part, para, col) = self.locate(offset)?;
        let pieces = &self.parts[part].paragraphs[para].pieces;
        let piece = pieces.get(pieces.partition_point(|p| p.text.end <= col))?;
        if col < piece.text.start {
            return None;
        }
        let x = match piece.kind {
            PieceKind::Text => {
                let raw = self.parts[part].xml.get(piece.xml.clone())?;
                piece.xml.start + raw_offset(raw, col - piece.text.start)
            }
            PieceKind::Unit => piece.xml.start,
        };
        Some(self.cut(part, piece, x))
    }

    /// The cut after the character ending at `end`.
    fn after(&self, end: usize) -> Option<Cut> {
        let (part, para, col) = self.locate(end.checked_sub(1)?)?;
        let col_end = col + 1;
        let pieces = &self.parts[part].paragraphs[para].pieces;
        let piece = pieces.get(pieces.partition_point(|p| p.text.end < col_end))?;
        if col_end <= piece.text.start {
            return None;
        }
        let x = match piece.kind {
            PieceKind::Text => {
                let raw = self.parts[part].xml.get(piece.xml.clone())?;
                piece.xml.start + raw_offset(raw, col_end - piece.text.start)
            }
            PieceKind::Unit => piece.xml.end,
        };
        Some(self.cut(part, piece, x))
    }

    /// A cut at XML offset `x` next to `piece`: at the edge of its `w:t`
    /// the cut moves outside the element; at the edge of its run, outside
    /// the run, where no split is needed.
    fn cut(&self, part: usize, piece: &Piece, mut x: usize) -> Cut {
        let p = &self.parts[part];
        let mut text = None;
        if let Some(t) = piece.text_element.map(|t| &p.texts[t]) {
            if x <= t.start_tag.end {
                x = t.start_tag.start;
            } else if x >= t.end_tag.start {
                x = t.end_tag.end;
            } else {
                text = piece.text_element;
            }
        }
        let Some(run) = piece.run.map(|r| &p.runs[r]) else {
            // Text outside a run (a broken file): never inside the `w:t`.
            if let Some(t) = text.map(|t| &p.texts[t]) {
                x = t.start_tag.start;
            }
            return Cut {
                part,
                x,
                run: None,
                split: false,
                text: None,
            };
        };
        let blank =
            |a: usize, b: usize| a <= b && p.xml.get(a..b).is_some_and(|s| s.trim().is_empty());
        let content = run.properties.as_ref().map_or(run.start_tag.end, |r| r.end);
        let (x, split) = if text.is_none() && blank(content, x) {
            (run.start_tag.start, false)
        } else if text.is_none() && blank(x, run.end_tag.start) {
            (run.end_tag.end, false)
        } else {
            (x, true)
        };
        Cut {
            part,
            x,
            run: piece.run,
            split,
            text,
        }
    }
}

/// The value of `name="…"` in a start tag.
fn attribute_value<'x>(tag: &'x str, name: &str) -> Option<&'x str> {
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    Some(&tag[from..from + tag[from..].find('"')?])
}

/// Byte offset in raw XML text of the character at `decoded` bytes into
/// the reader's text of it (the reader turned `\r\n` into one space).
fn raw_offset(raw: &str, decoded: usize) -> usize {
    let mut seen = 0;
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if seen >= decoded {
            return i;
        }
        if c == '\r' {
            chars.next_if(|&(_, n)| n == '\n');
            seen += 1;
        } else {
            seen += c.len_utf8();
        }
    }
    raw.len()
}

/// `xml` with `inserts` put in and `tags` replaced.
fn apply(xml: &str, mut inserts: Vec<Insert>, mut tags: Vec<(Range<usize>, &str)>) -> String {
    inserts.sort_by_key(|i| (i.x, i.order, i.seq));
    tags.sort_by_key(|t| t.0.start);
    let extra: usize = inserts.iter().map(|i| i.text.len()).sum();
    let mut out = String::with_capacity(xml.len() + extra + tags.len() * 16);
    let mut inserts = inserts.into_iter().peekable();
    let mut tags = tags.into_iter().peekable();
    let mut pos = 0;
    loop {
        while let Some(i) = inserts.next_if(|i| i.x <= pos) {
            out.push_str(&i.text);
        }
        // A tag starting behind us would overlap what was copied: skip it.
        while tags.next_if(|t| t.0.start < pos).is_some() {}
        if let Some((range, text)) = tags.next_if(|t| t.0.start == pos) {
            out.push_str(text);
            pos = range.end.min(xml.len());
            continue;
        }
        let stop = [inserts.peek().map(|i| i.x), tags.peek().map(|t| t.0.start)]
            .into_iter()
            .flatten()
            .fold(xml.len(), usize::min);
        if stop > pos {
            out.push_str(&xml[pos..stop]);
            pos = stop;
        } else if pos >= xml.len() {
            out.extend(inserts.map(|i| i.text));
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::raw_offset;

    #[test]
    fn raw_offsets_count_crlf_as_one() {
        assert_eq!(raw_offset("ab", 1), 1);
        assert_eq!(raw_offset("a\r\nb", 2), 3);
        assert_eq!(raw_offset("一二", 3), 3);
        assert_eq!(raw_offset("ab", 9), 2);
    }
}
