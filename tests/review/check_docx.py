#!/usr/bin/env python3
"""Check review copies with python-docx (1.2) and LibreOffice.

    python3 tests/review/check_docx.py GWLINT WORK_DIR [--png OUT.png DRAFT]

WORK_DIR holds the .docx made by make_docx.py. For each, this runs
`gwlint check --format json` and `gwlint annotate` (and `--with-fixes`
into WORK_DIR/tracked), then checks, reading the copies with python-docx:

- the original is not touched (same bytes);
- every finding has one comment by gwlint, in report order, whose text
  holds the message and the rule id, anchored on exactly the flagged text
  (a finding in a header, footer or footnote: on the note's reference mark
  or at the start of the body, its comment naming the part);
- the person's comment is still there, on the same text;
- with the comments removed, the text of every part and the formatting of
  every character are those of the original;
- with --with-fixes: rejecting every change by gwlint gives the original
  text, accepting them gives the text with the safe fixes applied;
- LibreOffice (headless) converts every copy to PDF without error, and the
  PDF holds one comment annotation per comment (LibreOffice read them all).

With --png, page 1 of the review copy of DRAFT (a seed) is rendered to
OUT.png, comments in the margin where this LibreOffice can put them there
(7.5 and later, with its UI files: the full `libreoffice-writer`).
"""

import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import docx
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PART_ORDER = [r"word/document\.xml", r"word/footnotes\.xml", r"word/endnotes\.xml",
              r"word/header\d*\.xml", r"word/footer\d*\.xml"]
PART_NAMES = {"header": "页眉", "footer": "页脚", "footnote": "脚注", "endnote": "尾注"}
PERSON = "张三"

failures = []
failed_drafts = set()


def fail(message, draft=None):
    failures.append(message)
    failed_drafts.add(draft or message.split(":")[0])
    print(f"FAIL: {message}", file=sys.stderr)


def parts(path):
    """The XML parts holding text, in the order gwlint reads them."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        out = []
        for pattern in PART_ORDER:
            found = [n for n in names if re.fullmatch(pattern, n)]
            found.sort(key=lambda n: (len(n), n))
            out += [(n, etree.fromstring(z.read(n))) for n in found]
        return out


def skipped_note(el):
    return el.tag in (W + "footnote", W + "endnote") and el.get(W + "type") not in (None, "normal")


def mark_deleted(p):
    """The paragraph mark was deleted by a gwlint change."""
    return any(d.get(W + "author") == "gwlint" for d in p.findall(f"{W}pPr/{W}rPr/{W}del"))


def walk(path, deleted=False, inserted=True, on_char=None):
    """Paragraph texts of all parts. `deleted`: include text deleted by a
    gwlint change (and keep paragraphs whose mark it deleted); `inserted`:
    include text inserted by one. `on_char(c, run)` sees every character
    with its run, for formatting checks."""
    paragraphs = []
    carried = ""

    def by_gwlint(el, tag):
        for a in el.iterancestors(W + tag):
            if a.get(W + "author") == "gwlint":
                return True
        return False

    for _, root in parts(path):
        for p in root.iter(W + "p"):
            if any(skipped_note(a) for a in p.iterancestors()):
                continue
            text = []
            for el in p.iter():
                run = el.getparent()
                if el.tag == W + "t" and (inserted or not by_gwlint(el, "ins")):
                    chars = el.text or ""
                elif el.tag == W + "delText" and deleted and by_gwlint(el, "del"):
                    chars = el.text or ""
                elif el.tag == W + "tab" and run is not None and run.tag == W + "r":
                    chars = "\t"
                elif el.tag in (W + "br", W + "cr"):
                    chars = " "
                else:
                    continue
                # Text of a nested paragraph (text box) belongs to it.
                if next(el.iterancestors(W + "p")) is not p:
                    continue
                text.append(chars)
                if on_char:
                    for c in chars:
                        on_char(c, run)
            text = carried + "".join(text)
            carried = ""
            if not deleted and mark_deleted(p):
                carried = text
                continue
            paragraphs.append(text)
    return paragraphs


def anchored(path):
    """Comment id → the text between its range start and end."""
    out, open_ids = {}, set()
    for _, root in parts(path):
        for el in root.iter():
            if el.tag == W + "commentRangeStart":
                open_ids.add(el.get(W + "id"))
                out.setdefault(el.get(W + "id"), "")
            elif el.tag == W + "commentRangeEnd":
                open_ids.discard(el.get(W + "id"))
            elif el.tag in (W + "t", W + "delText"):
                for i in open_ids:
                    out[i] += el.text or ""
            elif el.tag == W + "tab" and el.getparent().tag == W + "r":
                for i in open_ids:
                    out[i] += "\t"
            elif el.tag in (W + "footnoteReference", W + "endnoteReference"):
                for i in open_ids:
                    out[i] += "[note]"
    return out


def formatting(path):
    """Each character with its run's formatting (rPr, serialised)."""
    chars = []

    def on_char(c, run):
        rpr = run.find(W + "rPr") if run is not None else None
        chars.append((c, etree.tostring(rpr) if rpr is not None else b""))

    walk(path, on_char=on_char)
    return chars


def apply_fixes(original_text, findings):
    data = original_text.encode("utf-8")
    for f in sorted((f["fix"] for f in findings), key=lambda f: f["byte_start"], reverse=True):
        data = data[: f["byte_start"]] + f["replacement"].encode("utf-8") + data[f["byte_end"] :]
    return data.decode("utf-8")


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def check_copy(gwlint, original):
    name = original.name
    before = original.read_bytes()
    report = run([gwlint, "check", "--no-config", "--format", "json", str(original)])
    findings = json.loads(report.stdout)
    copy = original.with_name(original.stem + ".gwlint.docx")
    out = run([gwlint, "annotate", "--no-config", str(original)])
    if out.returncode != 0 or not copy.exists():
        fail(f"{name}: annotate failed: {out.stderr}")
        return None
    if original.read_bytes() != before:
        fail(f"{name}: the original was changed")

    document = docx.Document(str(copy))
    ours = [c for c in document.comments if c.author == "gwlint"]
    theirs = [c for c in document.comments if c.author == PERSON]
    spans = anchored(copy)
    if len(ours) != len(findings):
        fail(f"{name}: {len(ours)} gwlint comments for {len(findings)} findings")
    for c, f in zip(ours, findings):
        text = c.text
        where = f"{name}:{f['line']}:{f['column']} {f['rule']}"
        if f["message"] not in text or f["rule"] not in text:
            fail(f"{where}: comment text {text!r} lacks the message or rule")
        anchor = spans.get(str(c.comment_id))
        part = f.get("part", "body")
        if part == "body":
            if anchor != f["text"].replace("\n", ""):
                fail(f"{where}: comment on {anchor!r}, finding is {f['text']!r}")
        else:
            if not text.startswith(f"【{PART_NAMES[part]}】"):
                fail(f"{where}: comment for a finding in the {part} does not say so: {text!r}")
            expected = "[note]" if part in ("footnote", "endnote") else ""
            if anchor != expected:
                fail(f"{where}: comment for the {part} anchored on {anchor!r}")
    person_before = [c for c in docx.Document(str(original)).comments if c.author == PERSON]
    if [c.text for c in theirs] != [c.text for c in person_before] or not theirs:
        fail(f"{name}: the person's comment was lost or changed")
    else:
        was = anchored(original)[str(person_before[0].comment_id)]
        now = spans.get(str(theirs[0].comment_id))
        if was != now:
            fail(f"{name}: the person's comment moved from {was!r} to {now!r}")

    # Comments removed (they add no text): same text, same formatting.
    if walk(copy) != walk(original):
        fail(f"{name}: the text of the review copy differs from the original")
    if formatting(copy) != formatting(original):
        fail(f"{name}: the formatting of some characters changed")
    return copy, findings


def check_tracked(gwlint, original, findings, out_dir):
    name = original.name
    out = run([gwlint, "annotate", "--no-config", "--with-fixes", "-o", str(out_dir / name), str(original)])
    tracked = out_dir / name
    if out.returncode != 0 or not tracked.exists():
        fail(f"{name}: annotate --with-fixes failed: {out.stderr}")
        return None
    text = "\n".join(walk(original)) + "\n"
    if "\n".join(walk(tracked, deleted=True, inserted=False)) + "\n" != text:
        fail(f"{name}: rejecting every change does not give the original text")
    fixed = [f for f in findings if f["fix"] is not None]
    accepted = "\n".join(walk(tracked)) + "\n"
    if accepted != apply_fixes(text, fixed):
        fail(f"{name}: accepting every change does not give the fixed text")
    counted = re.search(r"(\d+) 处修订", out.stderr)
    if fixed and (not counted or int(counted.group(1)) != len(fixed)):
        fail(f"{name}: {len(fixed)} safe fixes, annotate reports: {out.stderr.strip()}")
    return tracked


def libreoffice(copies, pdf_dir, margin):
    """Convert with LibreOffice; every copy must load and keep its comments."""
    profile = pathlib.Path(tempfile.mkdtemp(prefix="gwlint-lo-"))
    filter_name = "pdf"
    if margin:
        filter_name = 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}'
    else:
        filter_name = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    pdfs = []
    for copy, expected in copies:
        target = pdf_dir / copy.parent.name
        target.mkdir(parents=True, exist_ok=True)
        out = run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                   "--convert-to", filter_name, "--outdir", str(target), str(copy)], timeout=300)
        pdf = target / (copy.stem + ".pdf")
        if out.returncode != 0 or "Error" in out.stderr + out.stdout or not pdf.exists() or pdf.stat().st_size == 0:
            fail(f"{copy}: LibreOffice could not convert it: {out.stdout} {out.stderr}", copy.name.replace(".gwlint", ""))
            continue
        if not margin:
            notes = len(re.findall(rb"/Subtype\s*/Text\b", pdf.read_bytes()))
            if notes < expected:
                fail(f"{copy}: LibreOffice shows {notes} comments, the copy has {expected}",
                     copy.name.replace(".gwlint", ""))
        pdfs.append(pdf)
    shutil.rmtree(profile, ignore_errors=True)
    return pdfs


def margin_export_supported():
    version = run(["soffice", "--version"]).stdout
    m = re.search(r"LibreOffice (\d+)\.(\d+)", version)
    return bool(m) and (int(m.group(1)), int(m.group(2))) >= (7, 5)


def main():
    gwlint, work = sys.argv[1], pathlib.Path(sys.argv[2])
    png = draft = None
    if "--png" in sys.argv:
        png = pathlib.Path(sys.argv[sys.argv.index("--png") + 1])
        draft = pathlib.Path(sys.argv[sys.argv.index("--png") + 2])
    originals = sorted(p for p in work.glob("*.docx") if not p.name.endswith(".gwlint.docx"))
    if not originals:
        fail(f"no .docx in {work}")
    tracked_dir = work / "tracked"
    tracked_dir.mkdir(exist_ok=True)
    copies = []
    for original in originals:
        checked = check_copy(gwlint, original)
        if checked is None:
            continue
        copy, findings = checked
        persons = 1
        copies.append((copy, len(findings) + persons))
        tracked = check_tracked(gwlint, original, findings, tracked_dir)
        if tracked is not None:
            copies.append((tracked, len(findings) + persons))
    libreoffice(copies, work / "pdf", margin=False)
    if png:
        shown = work / "shown" / draft.name
        shown.parent.mkdir(exist_ok=True)
        shutil.copyfile(draft, shown)
        out = run([gwlint, "annotate", "--no-config", str(shown)])
        copy = shown.with_name(shown.name + ".gwlint.docx")
        if out.returncode != 0 or not copy.exists():
            fail(f"{draft}: annotate failed: {out.stderr}")
        pdf = libreoffice([(copy, 0)], work / "pdf-margin", margin=margin_export_supported())
        if pdf:
            stem = work / "page"
            run(["pdftoppm", "-png", "-r", "100", "-hide-annotations", "-f", "1", "-l", "1", "-singlefile", str(pdf[0]), str(stem)])
            shutil.copyfile(str(stem) + ".png", png)
            print(f"check_docx: wrote {png}")
    checked = len(originals)
    print(f"check_docx: {checked} drafts, {len(copies)} review copies: {len(failures)} failures")
    bad = len(failed_drafts & {o.name for o in originals})
    print(f"{checked - bad} passed, {bad} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
