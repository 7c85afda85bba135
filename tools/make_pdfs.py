#!/usr/bin/env python3
"""Render corpus/nerima_r3.txt into realistic test PDFs (and three broken ones).

What it makes
-------------
* ``corpus/nerima_r3_word.pdf`` -- a Word-style A4 portrait document: built as
  .docx with python-docx (IPAex Mincho body, IPAex Gothic headings, ruled
  tables, 表6 with the 種別 cell vertically merged over its group (w:vMerge),
  rows allowed to break across pages, header row repeated on every page
  (w:tblHeader), centred ``- N -`` page footer), then converted to PDF by
  ``libreoffice --headless --convert-to pdf``.
* ``corpus/nerima_r3_landscape.pdf`` -- a second producer: reportlab platypus,
  A4 landscape, IPAex fonts embedded as TrueType subsets, different column
  widths, 表6 header NOT repeated on continuation pages, 種別 merged with a
  SPAN, running page header line and page-number footer.
* ``tests/data/encrypted.pdf`` (AES-256, user password ``x``, owner ``y``),
  ``tests/data/scanned.pdf`` (page 1 of the word PDF as a bare image, no text
  layer) and ``tests/data/truncated.pdf`` (first 40 % of the word PDF's bytes),
  for error-path tests.

Both good PDFs are synthetic: they are rendered from the real text, with two
deliberate changes.  The stray ``<p>``/``</p>`` tags and the blank lines (page
breaks in the original) of the text copy are dropped, and in 表6 rows 9-16 get
their own heading ``紛失 (8)`` (the text copy lost it, so there they sit under
``誤廃棄 (1)``).  Every other character of every cell is reproduced exactly.

What it needs
-------------
    apt-get install libreoffice-writer-nogui fonts-ipaexfont fonts-droid-fallback \
        poppler-utils
        (IPAex is the document font; Droid Sans Fallback supplies the glyphs IPAex
        lacks, e.g. 齐; poppler's pdftoppm is only for looking at the pages)
    pip install python-docx reportlab pymupdf

Run from the repository root::

    python tools/make_pdfs.py

Output is deterministic as far as the tools allow: the docx gets fixed core
properties, LibreOffice's CreationDate, /ID and /DocChecksum are overwritten
in place with fixed values of the same length (so the xref stays valid), and
reportlab runs with ``invariant=1``; two runs with the same LibreOffice,
reportlab and font versions give byte-identical files.  encrypted.pdf still
differs run to run (random AES salts/IVs).  The test suite never runs this script; it only uses the
committed PDFs.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "corpus" / "nerima_r3.txt"
OUT_WORD = ROOT / "corpus" / "nerima_r3_word.pdf"
OUT_LAND = ROOT / "corpus" / "nerima_r3_landscape.pdf"
DATA = ROOT / "tests" / "data"

RUNNING_HEADER = "練馬区 個人情報保護制度の運用状況"
FIXED_DATE = _dt.datetime(2022, 9, 1, 9, 0, 0)


# --------------------------------------------------------------------------
# Parsing the text copy
# --------------------------------------------------------------------------
@dataclass
class Block:
    kind: str  # title | heading | para | note | table
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)  # table only (row 0 = header)


CAPTION_RE = re.compile(r"^表\d+ ")
HEADING_RE = re.compile(r"^\d+ \S")


def parse(path: Path = SRC) -> list[Block]:
    blocks: list[Block] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.replace("<p>", "").replace("</p>", "")
        if not line.strip():
            continue  # blank lines were page breaks in the original
        if "\t" in line:
            if not blocks or blocks[-1].kind != "table":
                raise ValueError(f"table row without caption: {line!r}")
            blocks[-1].rows.append(line.split("\t"))
        elif CAPTION_RE.match(line):
            blocks.append(Block("table", line))
        elif not blocks:
            blocks.append(Block("title", line))
        elif HEADING_RE.match(line):
            blocks.append(Block("heading", line))
        elif line.startswith("※"):
            blocks.append(Block("note", line))
        else:
            blocks.append(Block("para", line))
    fix_table6(blocks)
    return blocks


def fix_table6(blocks: list[Block]) -> None:
    """Give rows 9-16 of 表6 their lost group heading 紛失 (8)."""
    t6 = next(b for b in blocks if b.kind == "table" and b.text.startswith("表6 "))
    by_no = {r[0]: r for r in t6.rows[1:]}
    assert by_no["8"][1] == "誤廃棄 (1)", by_no["8"]
    assert all(by_no[str(n)][1] == "" for n in range(9, 17))
    by_no["9"][1] = "紛失 (8)"


def groups(rows: list[list[str]], col: int = 1) -> list[tuple[int, int]]:
    """(first, last) data-row indices of each 種別 group (rows without header)."""
    out: list[tuple[int, int]] = []
    for i, r in enumerate(rows):
        if r[col]:
            out.append((i, i))
        elif out:
            out[-1] = (out[-1][0], i)
    return out


def is_number(s: str) -> bool:
    return bool(re.fullmatch(r"[\d,]+", s))


def is_total(s: str) -> bool:
    return s.replace(" ", "").replace("\u3000", "") == "合計"


def find_font(*names: str) -> str:
    dirs = ["/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.fonts")]
    for name in names:
        for d in dirs:
            for dirpath, _dirs, files in os.walk(d):
                if name in files:
                    return os.path.join(dirpath, name)
    raise SystemExit(f"font not found: {names} (apt-get install fonts-ipaexfont)")


# --------------------------------------------------------------------------
# (a) Word-style document via python-docx + LibreOffice
# --------------------------------------------------------------------------
MINCHO = "IPAexMincho"
GOTHIC = "IPAexGothic"


def build_docx(blocks: list[Block], path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    doc = Document()
    cp = doc.core_properties
    cp.author = "練馬区"
    cp.title = "個人情報保護制度の運用状況"
    cp.last_modified_by = "練馬区"
    cp.created = cp.modified = FIXED_DATE
    cp.revision = 1

    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin = sec.bottom_margin = Mm(25)
    sec.left_margin = sec.right_margin = Mm(20)
    sec.footer_distance = Mm(12)

    def set_fonts(rpr_owner, font: str, size: float | None = None, bold=None):
        f = rpr_owner.font
        f.name = font
        if size:
            f.size = Pt(size)
        if bold is not None:
            f.bold = bold
        f.color.rgb = RGBColor(0, 0, 0)
        rpr = rpr_owner.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = OxmlElement("w:rFonts")
            rpr.insert(0, rfonts)
        for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if rfonts.get(qn(a)) is not None:
                del rfonts.attrib[qn(a)]
        for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(a), font)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "ja-JP")

    styles = doc.styles
    normal = styles["Normal"]
    set_fonts(normal, MINCHO, 10.5)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 16), ("Heading 1", 12), ("Caption", 10)):
        st = styles[name]
        set_fonts(st, GOTHIC, size, bold=False)
        st.font.italic = False
        ppr = st.element.get_or_add_pPr()
        for bdr in ppr.findall(qn("w:pBdr")):  # Title has a blue bottom border
            ppr.remove(bdr)
    styles["Title"].paragraph_format.space_after = Pt(12)
    styles["Heading 1"].paragraph_format.space_before = Pt(12)
    styles["Heading 1"].paragraph_format.space_after = Pt(4)
    styles["Caption"].paragraph_format.space_before = Pt(8)
    styles["Caption"].paragraph_format.space_after = Pt(3)
    styles["Caption"].paragraph_format.keep_with_next = True

    def para(text, style=None, align=None, indent_first=True, size=None):
        p = doc.add_paragraph(style=style)
        run = p.add_run(text)
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        if indent_first:
            p.paragraph_format.first_line_indent = Pt(10.5)
        return p

    def shade(cell, fill="D9D9D9"):
        tcpr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        tcpr.append(shd)

    def cell_text(cell, text, align=WD_ALIGN_PARAGRAPH.LEFT, size=9.5, font=MINCHO, indent=0):
        p = cell.paragraphs[0]
        p.alignment = align
        p.paragraph_format.line_spacing = 1.08
        p.paragraph_format.widow_control = False  # lets a row break after any line
        if indent:
            p.paragraph_format.left_indent = Pt(indent)
        if text:
            r = p.add_run(text)
            r.font.size = Pt(size)
            if font != MINCHO:
                r.font.name = font
                r.element.get_or_add_rPr().find(qn("w:rFonts")).set(qn("w:eastAsia"), font)

    def make_table(rows, widths_mm, *, repeat_header=False, align_center=True):
        t = doc.add_table(rows=len(rows), cols=len(widths_mm))
        t.style = styles["Table Grid"]
        t.autofit = False
        t.alignment = WD_TABLE_ALIGNMENT.CENTER if align_center else WD_TABLE_ALIGNMENT.LEFT
        tblpr = t._tbl.tblPr  # autofit=False above already wrote <w:tblLayout w:type="fixed"/>
        mar = OxmlElement("w:tblCellMar")
        for side, tw in (("top", 28), ("left", 85), ("bottom", 28), ("right", 85)):
            e = OxmlElement(f"w:{side}")
            e.set(qn("w:w"), str(tw))
            e.set(qn("w:type"), "dxa")
            mar.append(e)
        look = tblpr.find(qn("w:tblLook"))
        if look is not None:
            look.addprevious(mar)
        else:
            tblpr.append(mar)
        for i, w in enumerate(widths_mm):
            t.columns[i].width = Mm(w)
            for c in t.columns[i].cells:
                c.width = Mm(w)
        if repeat_header:
            trpr = t.rows[0]._tr.get_or_add_trPr()
            h = OxmlElement("w:tblHeader")
            trpr.append(h)
        # header row
        for j, txt in enumerate(rows[0]):
            c = t.rows[0].cells[j]
            cell_text(c, txt, WD_ALIGN_PARAGRAPH.CENTER, font=GOTHIC)
            shade(c)
            c.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        return t

    for b in blocks:
        if b.kind == "title":
            para(b.text, style="Title", indent_first=False)
        elif b.kind == "heading":
            para(b.text, style="Heading 1", indent_first=False)
        elif b.kind == "para":
            para(b.text)
        elif b.kind == "note":
            para(b.text, indent_first=False, size=9).paragraph_format.space_before = Pt(2)
        elif b.kind == "table":
            para(b.text, style="Caption", indent_first=False)
            rows = b.rows
            ncol = len(rows[0])
            if b.text.startswith("表6 "):
                widths = [9, 21, 76, 36, 28]
                t = make_table(rows, widths, repeat_header=True)
                for i, r in enumerate(rows[1:], start=1):
                    cells = t.rows[i].cells
                    cell_text(cells[0], r[0], WD_ALIGN_PARAGRAPH.CENTER)
                    cell_text(cells[1], r[1], WD_ALIGN_PARAGRAPH.CENTER)
                    for j in (2, 3, 4):
                        cell_text(cells[j], r[j], WD_ALIGN_PARAGRAPH.LEFT)
                    cells[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                    cells[1].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                for a, z in groups(rows[1:]):
                    if z > a:  # real vertical merge: w:vMerge restart/continue
                        merged = t.cell(a + 1, 1).merge(t.cell(z + 1, 1))
                        merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            else:
                if ncol == 3 and not is_number(rows[1][-1]):  # 表4, 表5
                    widths = [62, 60, 40]
                elif ncol == 3:
                    widths = [70, 35, 35]
                else:
                    widths = [90, 35]
                t = make_table(rows, widths)
                in_group = False
                for i, r in enumerate(rows[1:], start=1):
                    cells = t.rows[i].cells
                    group_head = len(r) == 2 and r[1] == ""
                    total = is_total(r[0])
                    indent = 10.5 if (in_group and not group_head and not total) else 0
                    if group_head:
                        in_group = True
                    cell_text(cells[0], r[0],
                              WD_ALIGN_PARAGRAPH.CENTER if total else WD_ALIGN_PARAGRAPH.LEFT,
                              indent=indent, font=GOTHIC if group_head else MINCHO)
                    for j in range(1, ncol):
                        al = WD_ALIGN_PARAGRAPH.RIGHT if is_number(r[j]) else WD_ALIGN_PARAGRAPH.LEFT
                        cell_text(cells[j], r[j], al)
                    if total:
                        for c in cells:
                            shade(c, "F2F2F2")

    # footer "- N -"
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def frun(text=None, fld=None, instr=None):
        r = fp.add_run()
        r.font.size = Pt(9)
        if text is not None:
            r.text = text
        if fld:
            e = OxmlElement("w:fldChar")
            e.set(qn("w:fldCharType"), fld)
            r._r.append(e)
        if instr:
            e = OxmlElement("w:instrText")
            e.set(qn("xml:space"), "preserve")
            e.text = instr
            r._r.append(e)

    frun("- ")
    frun(fld="begin")
    frun(instr=" PAGE ")
    frun(fld="separate")
    frun("1")
    frun(fld="end")
    frun(" -")
    doc.save(str(path))


def _fix_lo_pdf(path: Path) -> None:
    """Overwrite LibreOffice's CreationDate, /ID and /DocChecksum in place (same length)."""
    data = path.read_bytes()
    data = re.sub(rb"(/CreationDate\s*\(D:)(\d{14})",
                  lambda m: m.group(1) + b"20220901090000", data)
    data = re.sub(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)",
                  lambda m: m.group(1) + b"0" * len(m.group(2)) + m.group(3)
                  + b"0" * len(m.group(4)) + m.group(5), data)
    # LibreOffice's private /DocChecksum is an MD5 taken before we fixed the date
    data = re.sub(rb"(/DocChecksum\s*/)([0-9A-Fa-f]{32})",
                  lambda m: m.group(1) + b"0" * 32, data)
    path.write_bytes(data)


def docx_to_pdf(docx: Path, out: Path) -> None:
    """Convert ``docx`` into ``out`` with headless LibreOffice, dates and ids fixed."""
    soffice = shutil.which("libreoffice") or shutil.which("soffice")
    if not soffice:
        raise SystemExit("libreoffice not found (apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        profile = (tmp / "lo_profile").as_uri()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless",
             "--convert-to", "pdf", "--outdir", str(tmp), str(docx)],
            check=True, stdout=subprocess.DEVNULL, env={**os.environ, "TZ": "UTC"},
        )
        pdf = tmp / (docx.stem + ".pdf")
        _fix_lo_pdf(pdf)
        shutil.copyfile(pdf, out)


def make_word_pdf(blocks: list[Block], out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / (out.stem + ".docx")
        build_docx(blocks, docx)
        docx_to_pdf(docx, out)


# --------------------------------------------------------------------------
# (b) reportlab, A4 landscape
# --------------------------------------------------------------------------
def make_landscape_pdf(blocks: list[Block], out: Path) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        KeepTogether,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    pdfmetrics.registerFont(TTFont("IPAexGothic", find_font("ipaexg.ttf")))
    pdfmetrics.registerFont(TTFont("IPAexMincho", find_font("ipaexm.ttf")))
    # IPAex has no glyph for some characters (e.g. the simplified 齐 of 一齐).
    # reportlab does no font fallback (it would emit .notdef, extracted as
    # U+0000), so such characters are set in Droid Sans Fallback -- the same
    # font LibreOffice falls back to via fontconfig for the word PDF.
    pdfmetrics.registerFont(TTFont("Fallback", find_font("DroidSansFallbackFull.ttf",
                                                          "DroidSansFallback.ttf")))
    ipa_cmap = pdfmetrics.getFont("IPAexMincho").face.charToGlyph

    pw, ph = landscape(A4)
    lm = rm = 18 * mm
    tm, bm = 22 * mm, 18 * mm

    def deco(canv, doc):
        canv.saveState()
        canv.setFont("IPAexGothic", 8.5)
        canv.drawString(lm, ph - 12 * mm, RUNNING_HEADER)
        canv.drawRightString(pw - rm, ph - 12 * mm, "令和3年度")
        canv.setLineWidth(0.6)
        canv.line(lm, ph - 13.5 * mm, pw - rm, ph - 13.5 * mm)
        canv.setFont("IPAexMincho", 9)
        canv.drawCentredString(pw / 2, 10 * mm, str(doc.page))
        canv.restoreState()

    doc = BaseDocTemplate(
        str(out), pagesize=(pw, ph), leftMargin=lm, rightMargin=rm, topMargin=tm,
        bottomMargin=bm, title="個人情報保護制度の運用状況", author="練馬区",
        invariant=1, pageCompression=1,
    )
    frame = Frame(lm, bm, pw - lm - rm, ph - tm - bm, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=deco)])

    base = dict(fontName="IPAexMincho", fontSize=10, leading=15, wordWrap="CJK")
    st_title = ParagraphStyle("title", **{**base, "fontName": "IPAexGothic", "fontSize": 15,
                                          "leading": 20, "spaceAfter": 8})
    st_h = ParagraphStyle("h", **{**base, "fontName": "IPAexGothic", "fontSize": 11.5,
                                  "leading": 16, "spaceBefore": 9, "spaceAfter": 3})
    st_p = ParagraphStyle("p", **{**base, "firstLineIndent": 10})
    st_note = ParagraphStyle("note", **{**base, "fontSize": 9, "leading": 13, "spaceBefore": 2})
    st_cap = ParagraphStyle("cap", **{**base, "fontName": "IPAexGothic", "fontSize": 10,
                                      "spaceBefore": 7, "spaceAfter": 3})
    cell = dict(fontName="IPAexMincho", fontSize=8.5, leading=11.5, wordWrap="CJK")
    st_c = ParagraphStyle("c", **cell)
    st_cc = ParagraphStyle("cc", **{**cell, "alignment": TA_CENTER})
    st_cr = ParagraphStyle("cr", **{**cell, "alignment": TA_RIGHT})
    st_ch = ParagraphStyle("ch", **{**cell, "fontName": "IPAexGothic", "alignment": TA_CENTER})
    st_cg = ParagraphStyle("cg", **{**cell, "fontName": "IPAexGothic", "alignment": TA_LEFT})

    def P(text, st):
        out = []
        for ch in text:
            if ord(ch) in ipa_cmap:
                out.append(escape(ch))
            else:
                out.append(f'<font name="Fallback">{escape(ch)}</font>')
        return Paragraph("".join(out), st)

    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]

    story = []
    for b in blocks:
        if b.kind == "title":
            story.append(P(b.text, st_title))
        elif b.kind == "heading":
            story.append(P(b.text, st_h))
        elif b.kind == "para":
            story.append(P(b.text, st_p))
        elif b.kind == "note":
            story.append(P(b.text, st_note))
        elif b.kind == "table":
            cap = P(b.text, st_cap)
            rows = b.rows
            header = [P(x, st_ch) for x in rows[0]]
            if b.text.startswith("表6 "):
                widths = [10 * mm, 24 * mm, 138 * mm, 56 * mm, 33 * mm]
                data = [header]
                for r in rows[1:]:
                    data.append([P(r[0], st_cc), P(r[1], st_cc), P(r[2], st_c),
                                 P(r[3], st_c), P(r[4], st_c)])
                style = list(grid)
                for a, z in groups(rows[1:]):
                    if z > a:
                        style.append(("SPAN", (1, a + 1), (1, z + 1)))
                t = Table(data, colWidths=widths, repeatRows=0, hAlign="LEFT")
                t.setStyle(TableStyle(style))
                story += [cap, t]
            else:
                ncol = len(rows[0])
                if ncol == 3 and not is_number(rows[1][-1]):
                    widths = [80 * mm, 70 * mm, 45 * mm]
                elif ncol == 3:
                    widths = [85 * mm, 40 * mm, 40 * mm]
                else:
                    widths = [110 * mm, 45 * mm]
                data = [header]
                style = list(grid)
                for i, r in enumerate(rows[1:], start=1):
                    group_head = len(r) == 2 and r[1] == ""
                    if group_head:
                        first = P(r[0], st_cg)
                        style.append(("SPAN", (0, i), (1, i)))  # heading spans the row
                    elif is_total(r[0]):
                        first = P(r[0], st_cc)
                        style.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#F3F3F3")))
                    else:
                        first = P(r[0], st_c)
                    data.append([first] + [P(x, st_cr if is_number(x) else st_c) for x in r[1:]])
                t = Table(data, colWidths=widths, hAlign="LEFT")
                t.setStyle(TableStyle(style))
                story.append(KeepTogether([cap, t]))
    story.append(Spacer(1, 4 * mm))
    doc.build(story)


# --------------------------------------------------------------------------
# Broken PDFs for error-path tests
# --------------------------------------------------------------------------
def make_broken(word_pdf: Path, outdir: Path) -> None:
    import pymupdf

    outdir.mkdir(parents=True, exist_ok=True)
    # encrypted: AES-256, user password required to open
    doc = pymupdf.open(word_pdf)
    doc.save(outdir / "encrypted.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256,
             user_pw="x", owner_pw="y", garbage=3, deflate=True)
    doc.close()
    # scanned: page 1 as a greyscale JPEG, no text layer at all
    src = pymupdf.open(word_pdf)
    page = src[0]
    pix = page.get_pixmap(dpi=110, colorspace=pymupdf.csGRAY)
    img = pix.tobytes("jpeg", jpg_quality=55)
    out = pymupdf.open()
    p = out.new_page(width=page.rect.width, height=page.rect.height)
    p.insert_image(p.rect, stream=img)
    out.set_metadata({"producer": "scanner", "creator": "scanner"})
    out.save(outdir / "scanned.pdf", garbage=3, deflate=True, no_new_id=True)
    out.close()
    src.close()
    # truncated: first 40 % of the bytes
    data = word_pdf.read_bytes()
    (outdir / "truncated.pdf").write_bytes(data[: int(len(data) * 0.4)])


def main() -> int:
    blocks = parse()
    make_word_pdf(blocks, OUT_WORD)
    make_landscape_pdf(blocks, OUT_LAND)
    make_broken(OUT_WORD, DATA)
    for p in (OUT_WORD, OUT_LAND, DATA / "encrypted.pdf", DATA / "scanned.pdf",
              DATA / "truncated.pdf"):
        print(f"{p.relative_to(ROOT)}\t{p.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
