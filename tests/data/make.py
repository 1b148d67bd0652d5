#!/usr/bin/env python3
"""Regenerate the input test files in this directory from our own drafts.

Real tools, not hand-built bytes: python-docx (`pip install python-docx`)
writes the .docx files, iconv writes the GB18030 and UTF-16 copies. The
generated files are committed, so tests and CI need neither tool; run this
again only when a draft changes:

    python3 tests/data/make.py

Each draft `NAME.txt` becomes `NAME.txt` (UTF-8 copy), `NAME.gb18030.txt`,
`NAME.utf16.txt` (with BOM) and `NAME.docx` (one Word paragraph per line,
so 段落 N of the .docx is line N of the text). `features.docx` adds what a
real draft has around its text: a header and a footer, a table and
auto-numbered list paragraphs (w:numPr through the "List Number" style),
and a sentence split into runs with a manual line break and a tab.
"""

import pathlib
import shutil
import subprocess

import docx

HERE = pathlib.Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "corpus"
DRAFTS = [
    CORPUS / "dirty" / "001-zongjie-muban.txt",
    CORPUS / "dirty" / "002-jianghua-wangzhan.txt",
    CORPUS / "clean" / "001-zongjie-jiedao.txt",
]


def iconv(src, dst, encoding):
    with open(dst, "wb") as out:
        subprocess.run(["iconv", "-f", "UTF-8", "-t", encoding, str(src)], stdout=out, check=True)


def word(lines, dst):
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(dst)


def numbered(dst, items):
    """A speech whose announced points and one heading Word numbers itself."""
    document = docx.Document()
    document.add_paragraph("在全县工作会议上的讲话")
    document.add_paragraph("同志们：")
    document.add_paragraph("今天召开会议，部署全年工作。下面，我讲三点意见。")
    for item in items:
        document.add_paragraph(item, style="List Number")
    document.add_paragraph("一、总体要求")
    document.add_paragraph("要提高认识。")
    document.add_paragraph("明确任务", style="List Number")
    document.add_paragraph("三、保障措施")
    document.add_paragraph("要加强领导。")
    document.save(dst)


def features(dst):
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "XX市XX局"
    section.footer.paragraphs[0].text = "第 1 页 本文来源于网络"
    document.add_paragraph("20XX年工作总结")
    document.add_paragraph("主要工作", style="List Number")
    document.add_paragraph("存在问题", style="List Number")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "完成材料"
    table.rows[0].cells[1].text = "XX篇"
    document.add_paragraph("下一步打算。")
    # Formatting splits a sentence into runs; a manual line break and a tab
    # stay inside the paragraph.
    paragraph = document.add_paragraph("全年完成材料")
    paragraph.add_run("XX").bold = True
    run = paragraph.add_run("篇。")
    run.add_break()
    run.add_text("换行后")
    run.add_tab()
    run.add_text("制表符后")
    document.save(dst)


def main():
    for draft in DRAFTS:
        copy = HERE / draft.name
        shutil.copyfile(draft, copy)
        stem = draft.stem
        iconv(copy, HERE / f"{stem}.gb18030.txt", "GB18030")
        iconv(copy, HERE / f"{stem}.utf16.txt", "UTF-16")
        text = copy.read_text(encoding="utf-8")
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        word(lines, HERE / f"{stem}.docx")
    features(HERE / "features.docx")
    numbered(HERE / "numbered-three.docx", ["提高认识。", "突出重点。", "狠抓落实。"])
    numbered(HERE / "numbered-two.docx", ["提高认识。", "狠抓落实。"])


if __name__ == "__main__":
    main()
