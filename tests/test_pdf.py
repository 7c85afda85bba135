"""PDF reports: both engines, against each other and against the text of the same report."""

import dataclasses
import shutil

import pytest

import reportparse
from conftest import ROOT
from reportparse.cli import main
from reportparse.read.pdf import read_pdf
from reportparse.records import ReportError

PDFS = sorted((ROOT / "corpus").glob("nerima_*.pdf"))  # renderings of the seed
DATA = ROOT / "tests" / "data"
ENGINES = ("pymupdf", "pdfplumber")


@pytest.fixture(scope="module")
def parsed():
    return {(pdf.stem, engine): reportparse.parse(pdf, engine=engine)
            for pdf in PDFS for engine in ENGINES}


def test_corpus_has_the_rendered_pdfs():
    assert [p.name for p in PDFS] == ["nerima_r3_landscape.pdf", "nerima_r3_word.pdf"]
    assert (ROOT / "corpus" / "nakano_r4_word.pdf").is_file()


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_both_engines_write_identical_csvs(pdf, tmp_path):
    for engine in ENGINES:
        assert main(["parse", str(pdf), "-o", str(tmp_path / engine), "-q", "--engine", engine]) == 0
    for name in ("incidents", "tables", "metrics", "tokens"):
        assert (tmp_path / "pymupdf" / f"{name}.csv").read_bytes() == (
            tmp_path / "pdfplumber" / f"{name}.csv").read_bytes(), name


def _without_position(record):
    return dataclasses.replace(record, source_page=0, source_line=0)


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
@pytest.mark.parametrize("engine", ENGINES)
def test_pdf_reads_as_the_text_does(pdf, engine, parsed, seed_report):
    """Every value equals the hand-checked text, except the 紛失 (8) heading the PDFs restore."""
    report = parsed[(pdf.stem, engine)]
    assert [_without_position(c) for c in report.table_records] == [
        _without_position(c) for c in seed_report.table_records]
    assert [_without_position(m) for m in report.metric_records] == [
        _without_position(m) for m in seed_report.metric_records]
    restored = {no: dataclasses.replace(i, category="紛失", category_declared=8)
                for no, i in enumerate(seed_report.incident_records, start=1) if 9 <= no <= 16}
    expected = [restored.get(i.no, i) for i in seed_report.incident_records]
    assert [_without_position(i) for i in report.incident_records] == [
        _without_position(i) for i in expected]
    assert report.token_records == seed_report.token_records
    assert (report.fiscal_year, report.municipality, report.source_format) == (2021, "練馬区", "pdf")


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_restored_heading_makes_every_declared_count_pass(pdf, parsed):
    report = parsed[(pdf.stem, "pymupdf")]
    declared = [(c.location, c.status) for c in report.check_records if c.check == "declared_count"]
    assert ("表6 紛失 (No 9-16)", "ok") in declared
    assert ("表6 誤廃棄 (No 8)", "ok") in declared
    assert report.n_checks_failed == 0


def test_source_pages_follow_the_pdf(parsed):
    word = parsed[("nerima_r3_word", "pymupdf")]
    pages = {i.no: i.source_page for i in word.incident_records}
    # 表6 runs over pages 2-4; row 6 starts on page 2 and ends on page 3 (the split row)
    assert (pages[1], pages[6], pages[7], pages[28]) == (2, 2, 3, 4)
    assert all(r.source_page >= 1 and r.source_line >= 1
               for r in word.table_records + word.metric_records + word.incident_records)
    landscape = parsed[("nerima_r3_landscape", "pymupdf")]
    assert sorted({i.source_page for i in landscape.incident_records}) == [3, 4, 5]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "name, code",
    [("encrypted.pdf", "encrypted"), ("scanned.pdf", "no_text_layer"), ("truncated.pdf", "corrupt")],
)
def test_broken_pdfs_get_named_errors(name, code, engine):
    with pytest.raises(ReportError) as caught:
        reportparse.parse(DATA / name, engine=engine)
    assert caught.value.code == code
    assert name in caught.value.message


@pytest.mark.parametrize("engine", ENGINES)
def test_garbage_with_a_pdf_name_is_corrupt(engine, tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(ReportError) as caught:
        reportparse.parse(path, engine=engine)
    assert caught.value.code == "corrupt"


NAKANO = ROOT / "corpus" / "nakano_r4_word.pdf"  # made by tools/make_nakano_pdf.py


@pytest.fixture(scope="module")
def nakano_lines():
    return {engine: read_pdf(NAKANO.read_bytes(), NAKANO.name, engine).lines for engine in ENGINES}


def test_both_engines_read_the_word_pdf_with_a_two_row_header_alike(nakano_lines):
    assert nakano_lines["pymupdf"] == nakano_lines["pdfplumber"]


def test_the_two_header_rows_come_out_as_two_rows_with_fillers(nakano_lines):
    rows = [line.cells for line in nakano_lines["pymupdf"] if line.grid is not None]
    assert rows == [
        ("実施機関", "令和3年度末の登録数(A)", "令和4年度内の登録", "", "", "令和4年度末の登録数(A+B-C)"),
        ("", "", "新規(B)", "廃止(C)", "変更(D)", ""),
        ("区長", "952", "24", "1", "55", "975"),
        ("教育委員会", "614", "1", "1", "3", "614"),
        ("選挙管理委員会", "8", "0", "0", "0", "8"),
        ("監査委員", "2", "0", "0", "0", "2"),
        ("", "1,576", "25", "2", "58", "1,599")]
    title = [line.text for line in nakano_lines["pymupdf"]].index("個人情報収集事務登録等状況(単位:件)")
    assert nakano_lines["pymupdf"][title + 1].grid is not None


def test_a_figure_whose_counter_starts_the_next_line_stays_in_its_paragraph(nakano_lines):
    # the PDF breaks the line between 一部公開44 and 件 (tools/make_nakano_pdf.py checks it)
    paragraphs = [line.text for line in nakano_lines["pymupdf"] if line.grid is None]
    assert paragraphs[:3] == ["令和4年度 情報公開制度と個人情報保護制度の運営状況", "■ 情報公開制度",
                              "情報公開制度は、区民のみなさんの知る権利を保障する制度で、「中野区区政情報の公開に"
                              "関する条例」により運営しています。職員が職務の上で作成、または入手した情報で、文書等の"
                              "記録媒体により保管しているものは、どなたでも情報公開請求をすることができます。昨年度の"
                              "情報公開請求の件数は632件で、全部公開563件、一部公開44件、非公開25件でした。非公開の"
                              "理由はいずれも不存在のためでした。"]


def test_cli_writes_the_same_csvs_for_the_word_pdf_with_either_engine(tmp_path):
    for engine in ENGINES:
        assert main(["parse", str(NAKANO), "-o", str(tmp_path / engine), "-q", "--engine", engine]) == 0
    for name in ("tables", "metrics"):
        written = (tmp_path / "pymupdf" / f"{name}.csv").read_bytes()
        assert written == (tmp_path / "pdfplumber" / f"{name}.csv").read_bytes(), name
    tables = (tmp_path / "pymupdf" / "tables.csv").read_text(encoding="utf-8-sig")
    assert '"1,576",1576,' in tables and '"1,599",1599,' in tables


def _table_with_a_rounded_note(path):
    """A ruled No | Count table with a rounded, white-filled box drawn over its second column."""
    import pymupdf

    document = pymupdf.open()
    page = document.new_page(width=400, height=400)
    for y in (100, 120, 140, 160, 180):
        page.draw_line((100, y), (300, y), width=0.5)
    for x in (100, 150, 300):
        page.draw_line((x, 100), (x, 180), width=0.5)
    for text, x, y in [("No", 105, 115), ("Count", 155, 115), ("1", 105, 135), ("2", 105, 155),
                       ("3", 105, 175), ("7", 155, 175)]:
        page.insert_text((x, y), text, fontsize=10)
    page.draw_rect(pymupdf.Rect(230, 125, 290, 152), color=(0, 0, 0), fill=(1, 1, 1),
                   radius=0.2, width=0.7)
    page.insert_text((240, 141), "Note", fontsize=10)
    document.save(path)


def test_both_engines_see_a_rounded_box_over_a_table_as_a_box(tmp_path):
    path = tmp_path / "rounded.pdf"
    _table_with_a_rounded_note(path)
    lines = {engine: read_pdf(path.read_bytes(), path.name, engine).lines for engine in ENGINES}
    assert lines["pymupdf"] == lines["pdfplumber"]
    assert [(line.cells, line.grid is not None) for line in lines["pymupdf"]] == [
        (("No", "Count"), True), (("1", ""), True), (("2", ""), True), (("3", "7"), True),
        (("Note",), False)]


def test_one_bad_pdf_does_not_stop_the_batch(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    for source in [DATA / "encrypted.pdf", DATA / "scanned.pdf", DATA / "truncated.pdf", PDFS[0]]:
        shutil.copy(source, batch / source.name)
    assert main(["parse", str(batch), "-o", str(tmp_path / "out"), "-q"]) == 1
    errors = (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8-sig")
    assert "encrypted.pdf,encrypted," in errors and "scanned.pdf,no_text_layer," in errors
    assert "truncated.pdf,corrupt," in errors
    reports = (tmp_path / "out" / "reports.csv").read_text(encoding="utf-8-sig")
    assert "nerima_r3_landscape," in reports


def _drawn_pdf() -> bytes:
    """A page that draws a stroked rectangle right to left and bottom up, a filled hairline
    rectangle and a line, straight in its content stream."""
    import pymupdf

    document = pymupdf.open()
    page = document.new_page(width=400, height=400)
    page.insert_text((50, 50), "x")  # gives the page a content stream to replace
    document.update_stream(page.get_contents()[0],
                           b"0.5 w 300 100 -200 -50 re S 100 200 200 1 re f 50 300 m 350 300 l S")
    return document.tobytes()


def test_rules_are_read_from_the_drawing_whichever_way_a_rectangle_runs():
    import pymupdf

    from reportparse.read.layout import Segment
    from reportparse.read.pdf import _drawn_segments

    page = pymupdf.open(stream=_drawn_pdf(), filetype="pdf")[0]
    # PDF space is bottom-up on a 400-point page: the rectangle spans y 300-350 from the top
    assert _drawn_segments(page.get_cdrawings()) == [
        Segment(100, 300, 300, 300), Segment(100, 350, 300, 350),
        Segment(100, 300, 100, 350), Segment(300, 300, 300, 350),
        Segment(100, 199, 300, 200),
        Segment(50, 100, 350, 100),
    ]


def _rules_from_get_drawings(page) -> list:
    """The ruling lines read from ``get_drawings`` (Point and Rect objects), as PyMuPDF offers
    them for comfort: what the reader used to read, to check that the tuples give the same."""
    from reportparse.read.pdf import _line, _rectangle_edges

    segments = []
    for path in page.get_drawings():
        stroked = path.get("type") in ("s", "fs")
        for item in path["items"]:
            if item[0] == "l":
                segments += _line(item[1].x, item[1].y, item[2].x, item[2].y)
            elif item[0] == "re":
                segments += _rectangle_edges(*item[1], stroked)
    return segments


REAL_PDFS = sorted((ROOT.parent / "shared" / "real-pdfs").glob("*.pdf"))  # absent: not checked


@pytest.mark.parametrize("path", [*sorted((ROOT / "corpus").glob("*.pdf")), *REAL_PDFS],
                         ids=lambda p: p.stem)
def test_rules_from_drawing_tuples_are_those_of_get_drawings(path):
    import pymupdf

    from reportparse.read.pdf import _drawn_segments

    pages = list(pymupdf.open(path))
    assert pages and all(_drawn_segments(page.get_cdrawings()) == _rules_from_get_drawings(page)
                         for page in pages)
    assert sum(len(_drawn_segments(page.get_cdrawings())) for page in pages) > 0
    pdf = pymupdf.open(stream=_drawn_pdf(), filetype="pdf")
    assert _drawn_segments(pdf[0].get_cdrawings()) == _rules_from_get_drawings(pdf[0])


def test_the_collector_never_scans_the_glyphs():
    """Reading holds the cyclic collector back and frees every glyph before it runs again:
    the first collection after reading would otherwise visit each of them, to free nothing."""
    import gc

    from reportparse.read.layout import Run

    glyphs_seen = []

    def look(phase, info):
        if phase == "start":
            glyphs_seen.append(sum(isinstance(o, Run) for o in gc.get_objects(info["generation"])))

    gc.enable()
    gc.callbacks.append(look)
    try:
        document = read_pdf(PDFS[0].read_bytes(), PDFS[0].name)  # 4,297 glyphs in 289 runs
        gc.collect()
    finally:
        gc.callbacks.remove(look)
    assert document.lines and gc.isenabled()
    assert glyphs_seen and not any(glyphs_seen)


def _pdf_with_a_photo() -> bytes:
    """A page with a line of text above and below a large image."""
    import pymupdf

    document = pymupdf.open()
    page = document.new_page(width=595, height=842)
    page.insert_font(fontname="jp", fontbuffer=pymupdf.Font("japan").buffer)
    page.insert_text((50, 60), "写真の上の行 123", fontname="jp", fontsize=11)
    photo = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 600, 450), 0)
    for x in range(0, 600, 6):  # stripes, so that the image does not compress to nothing
        photo.set_rect(pymupdf.IRect(x, 0, x + 3, 450), (x % 256, 90, 200))
    page.insert_image(pymupdf.Rect(50, 80, 545, 450), pixmap=photo)
    page.insert_text((50, 480), "写真の下の行 456", fontname="jp", fontsize=11)
    return document.tobytes()


def test_images_are_not_extracted_and_the_text_around_them_is_read_as_with_them():
    import pymupdf

    from reportparse.read.pdf import ENGINES, _runs

    data = _pdf_with_a_photo()
    pages, _ = ENGINES["pymupdf"](data, "photo.pdf")
    with_images = pymupdf.TEXTFLAGS_RAWDICT | pymupdf.TEXT_INHIBIT_SPACES  # keeps the image
    page = pymupdf.open(stream=data, filetype="pdf")[0]
    assert pages[0].runs == _runs(page.get_text("rawdict", flags=with_images))
    lines = read_pdf(data, "photo.pdf").lines
    assert [line.text for line in lines] == ["写真の上の行 123", "写真の下の行 456"]
