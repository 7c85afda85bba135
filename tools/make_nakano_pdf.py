#!/usr/bin/env python3
"""Render a page of 中野区's 令和4年度 report as a Word document and convert it to PDF.

What it makes
-------------
``corpus/nakano_r4_word.pdf``: one A4 page built as .docx with python-docx and
converted by ``libreoffice --headless --convert-to pdf`` (the Word route of
``make_pdfs.py``, whose converter it uses). The text and numbers are those of
``shared/real-reports/nakano_r4_kojinjoho_unei.txt`` (中野区 "令和4年度 情報公開制度と個人情報
保護制度の運営状況"), copied here so the script runs without the shared folder:

* ``■`` headings and prose paragraphs set left-aligned with a first-line indent, in a
  text width chosen so that a figure ends a line short of the right margin and its
  counter starts the next one (``…一部公開44`` / ``件、非公開25件…``): the way Word and LibreOffice
  break Japanese text before a counter when the digits fit but the counter does not;
* the table under the plain title line ``個人情報収集事務登録等状況(単位:件)`` with a
  two-row header: ``令和4年度内の登録`` spans ``新規(B)`` ``廃止(C)`` ``変更(D)``
  (w:gridSpan), and the other header cells span both header rows (w:vMerge); the
  total row has no label, as on the ward's page.

The PDF is synthetic (the ward published a web page, not this PDF). Needs
``apt-get install libreoffice-writer-nogui fonts-ipaexfont`` and ``pip install python-docx
pymupdf``. Run from the repository root: ``python tools/make_nakano_pdf.py``. Two runs with
the same LibreOffice give byte-identical files.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from make_pdfs import FIXED_DATE, GOTHIC, MINCHO, ROOT, docx_to_pdf

OUT = ROOT / "corpus" / "nakano_r4_word.pdf"
TITLE = "令和4年度 情報公開制度と個人情報保護制度の運営状況"
TEXT_WIDTH_MM = 148.5  # puts a line break between 44 and 件 (checked by main)
SPLIT = ("44", "件")

PUBLIC = ("情報公開制度は、区民のみなさんの知る権利を保障する制度で、「中野区区政情報の公開に関する条例」"
          "により運営しています。職員が職務の上で作成、または入手した情報で、文書等の記録媒体により"
          "保管しているものは、どなたでも情報公開請求をすることができます。昨年度の情報公開請求の件数は"
          "632件で、全部公開563件、一部公開44件、非公開25件でした。非公開の理由はいずれも不存在のため"
          "でした。")
PRIVATE = [
    "個人情報保護制度は、区民のみなさんのプライバシーを守り、個人情報を適正に収集・管理するための"
    "制度で、昨年度の運営状況は以下の通りです。",
    "同制度の適正な運営のため、区の事務で個人情報を収集する場合は、目的、内容などを登録することと"
    "しています。登録に当たり、その内容は、区民や学識経験者で構成する個人情報保護審議会で審議しました。",
]
TABLE_TITLE = "個人情報収集事務登録等状況(単位:件)"
HEADER = [["実施機関", "令和3年度末の登録数(A)", "令和4年度内の登録", "", "", "令和4年度末の登録数(A+B-C)"],
          ["", "", "新規(B)", "廃止(C)", "変更(D)", ""]]
ROWS = [["区長", "952", "24", "1", "55", "975"],
        ["教育委員会", "614", "1", "1", "3", "614"],
        ["選挙管理委員会", "8", "0", "0", "0", "8"],
        ["監査委員", "2", "0", "0", "0", "2"],
        ["", "1,576", "25", "2", "58", "1,599"]]
AFTER = ("なお、区が保管する自己の個人情報について開示を求める自己情報開示請求(昨年度)は129件で、"
         "全部開示97件、部分開示13件、不開示19件でした。訂正等の請求は11件でした。")
WIDTHS_MM = [32, 30, 20, 20, 20, 26]


def build_docx(path: Path) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    doc.core_properties.author = "中野区"
    doc.core_properties.created = doc.core_properties.modified = FIXED_DATE
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = Mm(20)
    section.right_margin = Mm(210 - 20 - TEXT_WIDTH_MM)

    def run(paragraph, text, font=MINCHO, size=10.5):
        piece = paragraph.add_run(text)
        piece.font.size = Pt(size)
        piece.font.name = font
        piece.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        return piece

    def paragraph(text, font=MINCHO, size=10.5, indent=True, align=WD_ALIGN_PARAGRAPH.LEFT):
        p = doc.add_paragraph()
        p.alignment = align
        p.paragraph_format.space_after = Pt(4)
        if indent:
            p.paragraph_format.first_line_indent = Pt(size)
        run(p, text, font, size)
        return p

    paragraph(TITLE, GOTHIC, 14, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph("■ 情報公開制度", GOTHIC, 12, indent=False)
    paragraph(PUBLIC)
    paragraph("■ 個人情報保護制度", GOTHIC, 12, indent=False)
    for text in PRIVATE:
        paragraph(text)
    paragraph(TABLE_TITLE, indent=False)

    table = doc.add_table(rows=len(HEADER) + len(ROWS), cols=len(WIDTHS_MM))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS_MM):
        column.width = Mm(width)
    for row, texts in zip(table.rows, HEADER + ROWS):
        for cell, text, width in zip(row.cells, texts, WIDTHS_MM):
            cell.width = Mm(width)
            if text:
                p = cell.paragraphs[0]
                p.alignment = (WD_ALIGN_PARAGRAPH.RIGHT if text[0].isdigit()
                               else WD_ALIGN_PARAGRAPH.CENTER)
                run(p, text, size=9.5)
    table.cell(0, 2).merge(table.cell(0, 4))  # 令和4年度内の登録 over 新規 廃止 変更
    for column in (0, 1, 5):
        table.cell(0, column).merge(table.cell(1, column))
    paragraph(AFTER)
    doc.save(str(path))


def split_lines(pdf: Path) -> list[str]:
    """The page's text lines that end with the figure whose counter starts the next line."""
    import pymupdf

    with pymupdf.open(pdf) as document:
        lines = [line.rstrip() for line in document[0].get_text().splitlines()]
    return [a for a, b in zip(lines, lines[1:]) if a.endswith(SPLIT[0]) and b.startswith(SPLIT[1])]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / (OUT.stem + ".docx")
        build_docx(docx)
        docx_to_pdf(docx, OUT)
    if not split_lines(OUT):
        raise SystemExit(f"{OUT}: no line ends with {SPLIT[0]} before {SPLIT[1]}: adjust TEXT_WIDTH_MM")
    print(f"{OUT.relative_to(ROOT)}\t{OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
