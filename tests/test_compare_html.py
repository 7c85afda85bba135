"""`compare` writes report.html: self-contained, every figure linked to where it was printed,
figures touched by failed checks marked. Parsed with html.parser; opened in headless
Chromium where it is installed."""

from __future__ import annotations

import base64
import csv
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reportparse.compare import compare, output_files, write

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
R2, R3, R4 = (CORPUS / f"nerima_r{n}.txt" for n in (2, 3, 4))
R3_PDF = CORPUS / "nerima_r3_word.pdf"


class _Page(HTMLParser):
    """Tags, links, images and table rows of report.html, and whether every tag closes."""

    VOID = {"meta", "br", "img"}

    def __init__(self):
        super().__init__()
        self.open, self.unbalanced = [], False
        self.links, self.images, self.scripts, self.rows = [], [], 0, []
        self._row: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in self.VOID:
            self.open.append(tag)
        if tag == "a":
            self.links.append(attrs)
        elif tag == "img":
            self.images.append(attrs["src"])
        elif tag in ("script", "link", "iframe"):
            self.scripts += 1
        elif tag == "tr":
            self._row = []

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.unbalanced = True
        if tag == "tr" and self._row is not None:
            self.rows.append("".join(self._row))
            self._row = None

    def handle_data(self, data):
        if self._row is not None:
            self._row.append(data)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("cmp") / "cmp"
    write(compare([R2, R3_PDF, R4]), out)
    page = _Page()
    page.feed((out / "report.html").read_text("utf-8"))
    return out, page


def test_report_is_well_formed_and_self_contained(written):
    out, page = written
    assert not page.unbalanced and not page.open
    assert page.scripts == 0
    html = (out / "report.html").read_text("utf-8")
    assert "http://" not in html and "https://" not in html
    inline = [base64.b64decode(src.removeprefix("data:image/png;base64,"))
              for src in page.images]
    assert inline == [(out / name).read_bytes()
                      for name in ("incidents_by_category.png", "key_metrics.png")]


def test_every_figure_of_trend_csv_has_a_row_with_its_values(written):
    out, _ = written
    trend = []
    for name in ("trend.csv", "trend_text.csv"):  # numbers, then dates and names
        with (out / name).open(encoding="utf-8-sig") as file:
            trend += list(csv.DictReader(file))
    html = (out / "report.html").read_text("utf-8")
    figures = _Page()
    figures.feed(html[html.index("<h2>Every figure, by year</h2>"):])
    assert len(figures.rows) == 1 + len(trend)  # the header, then a row per figure
    registered = next(row for row in figures.rows if row.startswith("業務の登録の状況 / 登録数"))
    # figure, unit, then each year's value and where it was printed (text line, PDF page+line)
    assert registered == "業務の登録の状況 / 登録数" "件" "485l51" "498p1 l37" "505l59"


def test_figures_link_to_their_page_and_line(written):
    out, page = written
    to_pdf = [link for link in page.links if link["href"].startswith("../")
              and ".pdf#page=" in link["href"]]
    to_text = [link for link in page.links if link["href"].endswith("nerima_r2.txt")]
    assert to_pdf and to_text
    assert all((out / link["href"].split("#")[0]).resolve() == R3_PDF for link in to_pdf)
    html = (out / "report.html").read_text("utf-8")
    # 表2 全部開示 / 件数 is on line 22 of the 令和2年度 text and on page 1 of the PDF
    figures = html[html.index("<h2>Every figure, by year</h2>"):]
    row = figures[figures.index("表 開示等請求処理状況 / 開示請求 / 全部開示 / 件数"):]
    row = row[:row.index("</tr>")]
    assert 'nerima_r2.txt" title=' in row and ">l22<" in row
    assert "nerima_r3_word.pdf#page=1" in row


def test_figures_from_failed_checks_are_marked(written):
    out, page = written
    discarded = next(row for row in page.rows if row.startswith("incidents of type 誤廃棄"))
    # the texts of 令和2年度 and 令和4年度 lost the heading of 紛失: 誤廃棄 declares 1 and lists
    # 9 (a failed check); the PDF of 令和3年度 carries the heading, and its 1 is not marked
    assert discarded.startswith("incidents of type 誤廃棄⚠ 9")
    assert discarded.count("⚠") == 2 and "p3 l2" in discarded
    registered = next(row for row in page.rows if row.startswith("業務の登録の状況 / 登録数"))
    assert "⚠" not in registered


def test_input_order_gives_the_same_page(tmp_path):
    one = output_files(compare([R2, R3, R4]), tmp_path)["report.html"]
    two = output_files(compare([R4, R3, R2]), tmp_path)["report.html"]
    assert one == two


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_report_renders_in_headless_chromium(written, tmp_path):
    out, _ = written
    shot = tmp_path / "report.png"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--window-size=1280,2000", f"--screenshot={shot}",
                    (out / "report.html").as_uri()], check=True, capture_output=True,
                   timeout=120)
    pymupdf = pytest.importorskip("pymupdf")
    picture = pymupdf.Pixmap(str(shot))
    assert (picture.width, picture.height) == (1280, 2000)
    colours = {picture.pixel(x, y) for x in range(0, 1280, 16) for y in range(0, 2000, 16)}
    assert len(colours) > 20  # text, tables and the flagged rows, not a blank page
