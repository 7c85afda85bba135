import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportparse.output.writers import csv_bytes, csv_text, format_cell, neutralize, write_files


@pytest.mark.parametrize(
    "cell, written",
    [("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
     ("@SUM(A1:A2)", "'@SUM(A1:A2)"), ("-2+3", "'-2+3"), ("-5", "-5"), ("△5", "△5"),
     ("1,710,634", "1,710,634"), ("-1,200", "-1,200"), ("合計", "合計"), ("-", "-"), ("=", "=")],
)
def test_neutralize(cell, written):
    assert neutralize(cell) == written


@pytest.mark.parametrize(
    "value, written",
    [(None, ""), (True, "true"), (False, "false"), (1710634, "1710634"), (1710634.0, "1710634"),
     (12.5, "12.5"), (0, "0"), ("=1+1", "'=1+1")],
)
def test_format_cell(value, written):
    assert format_cell(value) == written


def test_csv_bytes_default_has_bom_and_quotes_commas():
    data = csv_bytes(["a", "b"], [["1,710,634", None]])
    assert data == "\ufeffa,b\n\"1,710,634\",\n".encode("utf-8")


def test_encoding_problem_is_raised_before_any_file_changes(tmp_path):
    with pytest.raises(ValueError, match="齐.*cp932"):
        csv_bytes(["text"], [["一齐送信"]], "cp932")


def test_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "tables.csv"
    target.write_text("old\n")

    def broken_replace(src, dst):
        raise KeyboardInterrupt  # as if Ctrl-C arrived between writing and renaming

    monkeypatch.setattr("os.replace", broken_replace)
    with pytest.raises(KeyboardInterrupt):
        write_files({target: b"new\n"})
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["tables.csv"]  # no temporary left behind


def test_csv_text_writes_exactly_what_csv_writer_writes():
    import csv
    import io

    rows = [("a", "b,c", 'd"e', "f\ng", "", None, "=x", "-5", 1710634, True, 12.0),
            ("", "x"), ("only",), ("",), ("r\rs", "t")]
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\n").writerows([format_cell(v) for v in row] for row in rows)
    assert csv_text(rows) == expected.getvalue()


_HOSTILE = st.one_of(
    st.text(alphabet=[",", '"', "\n", "\r", " ", "=", "-", "+", "@", "a", "1", "あ", "\t"], max_size=4),
    st.integers(-5, 5), st.none(), st.booleans(), st.sampled_from([1.5, 12.0, -3.0]))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(_HOSTILE, max_size=4), max_size=5))
def test_csv_text_is_csv_writer_on_any_rows(rows):
    # the joined fast path must be taken only where csv.writer would write the same
    import csv
    import io

    expected = io.StringIO()
    csv.writer(expected, lineterminator="\n").writerows([format_cell(v) for v in row] for row in rows)
    assert csv_text(rows) == expected.getvalue()
