#!/usr/bin/env python3
"""Make Word files of the seed drafts with python-docx, at test time.

    python3 tests/review/make_docx.py SEEDS_DIR OUT_DIR

Each seed `NAME.txt` becomes `OUT_DIR/NAME.docx`, built the way real
drafts are, so a review copy has every case to get right:

- each line a paragraph, its text cut into runs of changing formatting
  (bold, italic, underline, colour, size), so findings cross runs whose
  formatting differs;
- every 9th line in a table cell, beside a cell with a note;
- a line with a template slot (`XX`, `x%`, `201*`) again in the page
  header, another in a footnote (python-docx has no footnote API: the
  part is added through its package), and the last line in the footer;
- a comment by a person on the first paragraph, which must survive.

Nothing is written into the repository: OUT_DIR is a temporary directory.
"""

import pathlib
import re
import sys

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
PERSON = "张三"
PERSON_COMMENT = "标题请再斟酌。"

# Run lengths (characters) cycled through each line, and the formatting
# each run gets in turn.
CUTS = [5, 3, 8, 2, 11, 4]


def style_run(run, i):
    kind = i % 5
    if kind == 1:
        run.bold = True
    elif kind == 2:
        run.italic = True
    elif kind == 3:
        run.underline = True
        run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
    elif kind == 4:
        run.font.size = Pt(15)


def add_runs(paragraph, line):
    pos, i = 0, 0
    while pos < len(line):
        n = CUTS[i % len(CUTS)]
        run = paragraph.add_run(line[pos : pos + n])
        style_run(run, i)
        pos += n
        i += 1
    return paragraph


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def add_footnote(document, paragraph, text):
    """A footnote part holding `text`, referenced from the end of `paragraph`."""
    xml = (
        f'<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve">{escape(text[:9])}</w:t></w:r>'
        f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{escape(text[9:])}</w:t></w:r>'
        "</w:p></w:footnote></w:footnotes>"
    )
    package = document.part.package
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, xml.encode("utf-8"), package)
    document.part.relate_to(part, RT.FOOTNOTES)
    run = paragraph.add_run()
    run.font.superscript = True
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    run._r.append(reference)


def make(seed, out):
    lines = seed.read_text(encoding="utf-8").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    slotted = [line for line in lines if re.search(r"XX|[xX×]%|20[1X*]\*|201\*", line)]
    slotted += lines[:2]
    document = docx.Document()
    section = document.sections[0]
    add_runs(section.header.paragraphs[0], slotted[0])
    add_runs(section.footer.paragraphs[0], lines[-1])
    paragraphs = []
    for i, line in enumerate(lines):
        if i % 9 == 4:
            table = document.add_table(rows=1, cols=2)
            add_runs(table.rows[0].cells[0].paragraphs[0], line)
            table.rows[0].cells[1].paragraphs[0].add_run("备注")
            continue
        paragraphs.append(add_runs(document.add_paragraph(), line))
    add_footnote(document, paragraphs[0], slotted[1])
    first = paragraphs[0]
    document.add_comment(first.runs[:2], text=PERSON_COMMENT, author=PERSON, initials="ZS")
    document.save(out)


def main():
    seeds, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for seed in sorted(seeds.glob("*.txt")):
        make(seed, out / f"{seed.stem}.docx")


if __name__ == "__main__":
    main()
