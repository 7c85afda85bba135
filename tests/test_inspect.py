"""`reportparse inspect`: the marks sit on the cells the values came from, and are drawn."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pymupdf
import pytest

from reportparse.cli import main
from reportparse.inspect.marks import marks
from reportparse.pipeline import build_report, read_document
from reportparse.read.layout import line_boxes
from reportparse.read.pdf import ENGINES

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PDF = CORPUS / "nerima_r3_word.pdf"
TEXT = CORPUS / "nerima_r3.txt"


def _read(path: Path):
    data = path.read_bytes()
    document = read_document(data, str(path), "pymupdf")
    report = build_report(document, report_id=path.stem, source_path=str(path),
                          source_sha256="")
    return data, document, report


@pytest.fixture(scope="module")
def text_report():
    return _read(TEXT)


@pytest.fixture(scope="module")
def pdf_report():
    return _read(PDF)


def test_every_table_value_is_marked_on_the_cell_that_prints_it(text_report, pdf_report):
    for _, document, report in (text_report, pdf_report):
        lines = {(line.page, line.line): line for line in document.lines}
        table_marks = [m for m in marks(report, document.lines) if m.kind == "table"]
        assert len(table_marks) == len(report.table_records)
        for mark, cell in zip(table_marks, report.table_records):
            assert lines[(mark.page, mark.line)].cells[mark.cell] == cell.value
            assert mark.label.startswith(f"表{cell.table_no} ")


def test_incident_fields_are_marked_where_they_are_printed(text_report):
    _, document, report = text_report
    line = next(each for each in document.lines if each.cells[0] == "23")
    found = {m.cell: m.label for m in marks(report, document.lines)
             if (m.page, m.line) == (line.page, line.line)}
    assert found[0] == "No23: no"
    assert "occurred_label" in found[2] and "affected_label" in found[2]
    assert found[3] == "No23: cause_as_printed"
    assert found[4] == "No23: departments"
    # the declared count 8 is printed beside 誤送信 in an earlier row, never in this No cell
    assert not any("category_declared" in label for label in found.values())


def test_metric_marks_name_the_figure(text_report):
    _, document, report = text_report
    labels = [m.label for m in marks(report, document.lines) if m.kind == "metric"]
    assert "登録数 = 498件" in labels
    assert len(labels) == len(report.metric_records)


def _pixel(png: pymupdf.Pixmap, x: float, y: float) -> tuple[int, int, int]:
    scale = png.width / 595.3  # A4 width in points
    return png.pixel(int(x * scale), int(y * scale))[:3]


def test_pdf_page_picture_outlines_values_and_shades_what_was_not_read(tmp_path, pdf_report):
    data, document, report = pdf_report
    out = tmp_path / "page2.png"
    assert main(["inspect", str(PDF), "--page", "2", "-o", str(out)]) == 0
    png = pymupdf.Pixmap(str(out))
    assert png.width == pytest.approx(595.3 * 150 / 72, abs=2)
    boxes = line_boxes(ENGINES["pymupdf"](data, str(PDF))[0])
    dated = next(c for c in report.table_records if c.value == "令和3年11月17日")
    mark = next(m for m in marks(report, document.lines)
                if (m.page, m.line) == (dated.source_page, dated.source_line) and m.cell == 2)
    _, x0, top, x1, bottom = boxes[(mark.page, mark.line)][mark.cell][0]
    red, green, blue = _pixel(png, (x0 + x1) / 2, bottom)  # the outline's lower edge
    assert blue > 150 and red < 100  # blue: a table cell
    page = ENGINES["pymupdf"](data, str(PDF))[0][1]
    number = next(c for c in page.chars if c.text == "2" and c.baseline > 780)  # "- 2 -"
    red, green, blue = _pixel(png, (number.x0 + number.x1) / 2, number.baseline - 1)
    assert red > green + 20 and red > blue + 20  # shaded red: not read


def test_pdf_page_out_of_range_is_an_error(tmp_path, capsys):
    assert main(["inspect", str(PDF), "--page", "9", "-o", str(tmp_path / "x.png")]) == 1
    assert "no page 9 (the PDF has 4)" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


class _Checker(HTMLParser):
    """Collects ids, the labels of marked cells, and whether every tag is closed."""

    VOID = {"meta", "br"}

    def __init__(self):
        super().__init__()
        self.open, self.ids, self.titles, self.classes = [], set(), {}, {}
        self.unbalanced = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in self.VOID:
            self.open.append(tag)
        if "id" in attrs:
            self.ids.add(attrs["id"])
            self.classes[attrs["id"]] = attrs.get("class")
        if tag == "span" and "title" in attrs:
            self.titles.setdefault(attrs["title"], 0)
            self.titles[attrs["title"]] += 1

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.unbalanced = True


def test_text_report_page_highlights_cells_and_unread_lines(tmp_path):
    source = tmp_path / "r3.txt"
    source.write_text(TEXT.read_text("utf-8") + "\n<div>\n", encoding="utf-8")
    out = tmp_path / "r3.html"
    assert main(["inspect", str(source), "-o", str(out)]) == 0
    checker = _Checker()
    checker.feed(out.read_text("utf-8"))
    assert not checker.unbalanced and not checker.open
    lines = source.read_text("utf-8").split("\n")
    assert {f"L{n}" for n in range(1, len(lines) + 1)} == checker.ids
    assert checker.titles["表2 開示請求 / 全部開示 / 件数"] == 1
    assert checker.titles["表2 外部提供中止請求 / 応じる / 件数"] == 1  # the group tells them apart
    assert checker.titles["No23: cause_as_printed"] == 1
    assert checker.classes[f"L{len(lines) - 1}"] == "unread"  # the markup-only line
    heading = next(n for n, text in enumerate(lines, 1) if text.startswith("表2"))
    assert checker.classes[f"L{heading}"] == "novalue"
    assert "&lt;p&gt;" in out.read_text("utf-8")  # the source's markup is shown, not run
