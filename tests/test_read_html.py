"""The web-page reader on small pages: blocks, tables with spans, chrome, encodings."""

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportparse.read.html import SpanCell, expand_spans, is_html, read_html
from reportparse.records import ReportError


def page(body: str, head: str = '<meta charset="utf-8">') -> str:
    return f"<!DOCTYPE html>\n<html><head>{head}<title>題名</title></head>\n<body>\n{body}\n</body></html>"


def lines(body: str, head: str = '<meta charset="utf-8">'):
    return read_html(page(body, head).encode("utf-8"), "page.html").lines


def cells(body: str):
    return [line.cells for line in lines(body)]


NAKANO_HEADER = """\
<table>
<caption>個人情報収集事務登録等状況(単位:件)</caption>
<tr><th rowspan="2">実施機関</th><th rowspan="2">令和3年度末の<br>登録数(A)</th>
<th colspan="3">令和4年度内の登録</th><th rowspan="2">令和4年度末の登録数(A+B-C)</th></tr>
<tr><th>新規(B)</th><th>廃止(C)</th><th>変更(D)</th></tr>
<tr><td>区長</td><td>952</td><td>24</td><td>1</td><td>55</td><td>975</td></tr>
<tr><td></td><td>1,576</td><td>25</td><td>2</td><td>58</td><td>1,599</td></tr>
</table>"""


def test_two_row_header_is_expanded_as_a_browser_copy_gives_it():
    read = lines(NAKANO_HEADER)
    assert [line.cells for line in read] == [
        ("個人情報収集事務登録等状況(単位:件)",),
        ("実施機関", "令和3年度末の登録数(A)", "令和4年度内の登録", "", "", "令和4年度末の登録数(A+B-C)"),
        ("", "", "新規(B)", "廃止(C)", "変更(D)", ""),
        ("区長", "952", "24", "1", "55", "975"),
        ("", "1,576", "25", "2", "58", "1,599"),
    ]
    assert [line.grid for line in read] == [None, 1, 1, 1, 1]
    # the source line of each element: the caption on line 5 of the page, rows from line 6
    assert [line.line for line in read] == [5, 6, 8, 9, 10]
    assert {(line.page, line.gap_before) for line in read} == {(1, False)}


def test_each_table_gets_its_own_grid_number_and_text_between_stays_apart():
    read = lines("<table><tr><th>区分</th><th>件数</th></tr><tr><td>区民</td><td>250</td></tr></table>"
                 "<p>※ 注記</p>"
                 "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>")
    assert [(line.cells, line.grid) for line in read] == [
        (("区分", "件数"), 1), (("区民", "250"), 1), (("※ 注記",), None),
        (("a", "b"), 2), (("c", "d"), 2)]


@pytest.mark.parametrize(
    "rows, expanded",
    [
        # a 2x2 block: text top-left, fillers in the other three places
        ([[SpanCell("A", 2, 2), SpanCell("b", 1, 1)], [SpanCell("c", 1, 1)]],
         [("A", "", "b"), ("", "", "c")]),
        # a row span past the last row stops there
        ([[SpanCell("a", 5, 1), SpanCell("b", 1, 1)]], [("a", "b")]),
        # short rows are padded to the table's width
        ([[SpanCell("a", 1, 1), SpanCell("b", 1, 1), SpanCell("c", 1, 1)], [SpanCell("d", 1, 1)]],
         [("a", "b", "c"), ("d", "", "")]),
        # the 種別 column of an incident list: one cell over its group
        ([[SpanCell("1", 1, 1), SpanCell("誤送付 (2)", 2, 1), SpanCell("x", 1, 1)],
          [SpanCell("2", 1, 1), SpanCell("y", 1, 1)]],
         [("1", "誤送付 (2)", "x"), ("2", "", "y")]),
    ],
)
def test_expand_spans(rows, expanded):
    assert expand_spans(rows) == expanded


def test_span_attributes_as_browsers_read_them():
    assert cells("<table><tr><td rowspan=0>a</td><td colspan='2x'>b</td><td>c</td></tr>"
                 "<tr><td>d</td><td colspan=-1>e</td><td>f</td></tr></table>") == [
        ("a", "b", "", "c"), ("", "d", "e", "f")]


def test_blocks_in_reading_order():
    assert cells("""
<h1>令和3年度 個人情報保護制度の運用状況</h1>
<div>前文<span>と</span><b>続き</b><p>段落</p>後文</div>
<ul><li>一つ目</li><li>二つ目<br>改行後</li></ul>
<dl><dt>用語</dt><dd>説明</dd></dl>
""") == [("令和3年度 個人情報保護制度の運用状況",), ("前文と続き",), ("段落",), ("後文",),
         ("一つ目",), ("二つ目",), ("改行後",), ("用語",), ("説明",)]


def test_source_line_breaks_vanish_between_japanese_characters_only():
    assert cells("<p>令和4年3月\n末現在の登録数は498件\nである。Open\nData 2\n件</p>") == [
        ("令和4年3月末現在の登録数は498件である。Open Data 2 件",)]


def test_cell_text_joins_its_lines_and_is_normalised_once():
    assert cells("<table><tr><th>合\u3000計</th><td><p>令和3年度末の</p><p>登録数</p></td>"
                 "<td>&nbsp;</td><td>（２名分）</td></tr>"
                 "<tr><td>a</td><td>b</td><td>c</td><td>d</td></tr></table>")[0] == (
        "合 計", "令和3年度末の登録数", "", "(2名分)")


def test_layout_tables_are_read_as_blocks_and_data_tables_inside_as_grids():
    read = lines("""<table><tr><td><h2>1 自己情報の開示等請求の処理状況</h2>
<table><tr><th>区分</th><th>件数</th></tr><tr><td>区民</td><td>250</td></tr></table>
</td><td>右の欄</td></tr></table>
<table><tr><td>一列だけの枠</td></tr><tr><td>二行目</td></tr></table>""")
    assert [(line.cells, line.grid) for line in read] == [
        (("1 自己情報の開示等請求の処理状況",), None),
        (("区分", "件数"), 1), (("区民", "250"), 1),
        (("右の欄",), None), (("一列だけの枠",), None), (("二行目",), None)]


def test_preformatted_text_is_split_like_a_text_report():
    assert cells("<pre>区 分\t件数\n区民    250\n</pre>") == [("区 分", "件数"), ("区民", "250")]


CHROME = """
<div id="header"><p>練馬区ホームページ</p></div>
<header><p>サイト名</p></header>
<nav><ul><li>くらし</li></ul></nav>
<ul id="gnavi"><li>子育て</li></ul>
<div class="pankuzu"><a href="/">トップ</a> &gt; 区政</div>
<ol class="breadcrumbs"><li>ホーム</li></ol>
<div class="side-menu">関連</div><div id="tmp_lnavi">ローカルナビ</div><p class="topicpath">パス</p>
<div role="navigation">移動</div>
<p class="sr-only">ここから本文です</p>
<p hidden>非表示1</p><p aria-hidden="true">非表示2</p><p style="display: none">非表示3</p>
<form><label>検索</label><input name="q"></form>
<script>var x = "表1 999件";</script><style>p { color: red }</style>
<noscript>JavaScriptを有効に</noscript><aside>広告</aside>
<main><div class="pankuzu">トップ &gt; 区政</div>
<article><header class="entry-header"><h1>令和3年度 運用状況</h1></header>
<p>本文<span style="visibility:hidden">隠し</span>です。</p>
<table><tr><th class="header">区分</th><th class="menu">件数</th></tr><tr><td>区民</td><td>250</td></tr></table>
</article></main>
<footer><p>練馬区役所 電話:03-3993-1111</p></footer>
<div id="footer">Copyright</div>
<!-- コメント 123件 -->
"""


def test_page_chrome_and_hidden_text_are_not_read():
    assert cells(CHROME) == [("令和3年度 運用状況",), ("本文です。",), ("区分", "件数"), ("区民", "250")]


SAMPLE = "<h1>令和3年度 運用状況</h1><table><tr><td>区民</td><td>250</td></tr><tr><td>合 計</td><td>齋藤</td></tr></table>"
EXPECTED = [("令和3年度 運用状況",), ("区民", "250"), ("合 計", "齋藤")]


@pytest.mark.parametrize(
    "head, encoding",
    [
        ('<meta charset="Shift_JIS">', "cp932"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">', "cp932"),
        ('<meta http-equiv="content-type" content="text/html;charset=EUC-JP">', "euc_jp"),
        ('<meta charset="windows-31j">', "cp932"),
        ("", "cp932"),  # nothing declared: detected
        ("", "euc_jp"),
        ('<meta charset="utf-8">', "cp932"),  # a wrong declaration: detected
        ('<meta charset="UTF-16">', "utf-8"),  # in a <meta>, UTF-16 means UTF-8 (WHATWG)
    ],
)
def test_declared_and_detected_encodings(head, encoding):
    data = page(SAMPLE * 3, head).encode(encoding)
    assert [line.cells for line in read_html(data, "p.html").lines] == EXPECTED * 3


def test_a_bom_wins_over_the_declaration():
    data = codecs.BOM_UTF8 + page(SAMPLE, '<meta charset="Shift_JIS">').encode("utf-8")
    assert [line.cells for line in read_html(data, "p.html").lines] == EXPECTED


def test_xhtml_with_an_xml_declaration():
    data = ('<?xml version="1.0" encoding="Shift_JIS"?>\n'
            + page(SAMPLE, '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS" />')
            ).encode("cp932")
    assert [line.cells for line in read_html(data, "p.xhtml").lines] == EXPECTED


def test_character_references_are_read():
    assert cells("<p>一&#40784;送信 &amp; &lt;p&gt; &#x2F00;</p>") == [("一齐送信 & <p> 一",)]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty.html: the file is empty"),
        (b"  \n\t", "empty.html: the file is empty"),
        (b"<html>\x00\x01\x02</html>", "empty.html: binary data (NUL bytes), not a text report"),
        (codecs.BOM_UTF8 + b"<p>\xff\xfe</p>", "empty.html: starts with a utf_8 BOM but is not utf_8"),
    ],
)
def test_unreadable_pages_name_the_file(data, message):
    with pytest.raises(ReportError) as caught:
        read_html(data, "empty.html")
    assert (caught.value.code, caught.value.message) == ("unreadable_text", message)


def test_a_page_the_parser_cannot_read_whole_is_an_error_not_a_shorter_report():
    nested = "<div>" * 300 + "表1" + "</div>" * 300
    with pytest.raises(ReportError) as caught:
        read_html(page(nested).encode("utf-8"), "deep.html")
    assert caught.value.code == "unreadable_text"
    assert caught.value.message.startswith("deep.html: line 4: the page cannot be read past here")
    assert "Excessive depth" in caught.value.message


def test_document_metadata():
    document = read_html(page("<p>⼈数は\uf9dc</p>").encode("utf-8"), "p.html")
    assert (document.source_format, document.engine, document.pages) == ("html", "html", 1)
    assert [line.cells for line in document.lines] == [("人数は隆",)]
    assert document.folded == 2


@pytest.mark.parametrize(
    "data, name, expected",
    [
        (b"<!DOCTYPE html><html></html>", "report.txt", True),
        (b"\xef\xbb\xbf\n  <!doctype HTML>", "report", True),
        (b'<?xml version="1.0"?>\n<!-- saved -->\n<html lang="ja">', "x", True),
        (b"<p>text copy with stray tags</p>", "report.txt", False),
        (b"plain", "Report.HTM", True),
        (b"<htmlx>", "x.txt", False),
    ],
)
def test_is_html(data, name, expected):
    assert is_html(data, name) is expected


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_random_markup_reads_or_fails_with_a_named_error(text):
    for body in (text, f"<table><tr><td rowspan=3>{text}</td></tr><tr><td>{text}</td></table>"):
        try:
            document = read_html(page(body).encode("utf-8"), "r.html")
        except ReportError as error:
            assert error.code == "unreadable_text" and "r.html" in error.message
            continue
        grids = {}
        for line in document.lines:
            assert all(cell == cell.strip() for cell in line.cells)
            if line.grid is not None:  # every row of a table has the table's width
                assert grids.setdefault(line.grid, len(line.cells)) == len(line.cells)


def test_line_is_where_the_text_starts_in_the_source():
    source = "<html><body>\n<div><p>一\n二</p>\n\n後<br>\n\n次</div>\n</body></html>"
    assert [(line.line, line.cells) for line in read_html(source.encode(), "x.html").lines] == [
        (2, ("一二",)), (5, ("後",)), (7, ("次",))]
