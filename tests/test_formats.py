"""`parse --format`: every format opened with its own client holds every row of the CSVs, typed.

Each row read back is turned into CSV text (``_as_csv``) and must equal the CSV row exactly;
the types are checked column by column on known cells of the seed report.
"""

from __future__ import annotations

import asyncio
import csv
import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from reportparse.cli import main
from reportparse.output.formats import parse_formats
from reportparse.output.typed import read_table

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("xlsxwriter")
pq = pytest.importorskip("pyarrow.parquet")

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FILES = ("reports", "tables", "metrics", "incidents", "tokens", "checks", "errors")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("formats") / "out"
    status = main(["parse", str(CORPUS / "nerima_r3.txt"), str(CORPUS / "nerima_r3.pdf"),
                   str(tmp_path_factory.getbasetemp() / "missing.txt"),
                   "-o", str(folder), "-q", "--format", "csv,xlsx,sqlite,parquet"])
    assert status == 1  # the missing file is an errors.csv row, so errors has a row too
    return folder


def _csv(out: Path, name: str) -> list[list[str]]:
    with (out / f"{name}.csv").open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def _as_csv(value) -> str:
    """A value read back from a typed file, written as the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _row_of(csv_rows: list[list[str]], column: str, value: str) -> int:
    index = csv_rows[0].index(column)
    return next(i for i, row in enumerate(csv_rows) if row[index] == value)


# --- xlsx -------------------------------------------------------------------------------


def test_workbook_has_every_row_of_every_csv(out):
    workbook = openpyxl.load_workbook(out / "reportparse.xlsx")
    assert workbook.sheetnames == [*FILES, "about"]
    for name in FILES:
        sheet = workbook[name]
        read = [[_as_csv(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
        assert read == _csv(out, name), name
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")


def test_workbook_cells_are_typed_and_never_auto_converted(out):
    sheet = openpyxl.load_workbook(out / "reportparse.xlsx")["incidents"]
    header = [cell.value for cell in sheet[1]]
    incident_14 = next(row for row in sheet.iter_rows(min_row=2, values_only=True)
                       if row[header.index("no")] == 14)
    cell = dict(zip(header, incident_14))
    assert cell["occurred"] == "2021-12"  # text: Excel would have made it 1 December
    assert cell["occurred_label"] == "3年12月"
    assert cell["affected_count"] == 28 and isinstance(cell["affected_count"], int)
    assert cell["fiscal_year"] == 2021
    tables = openpyxl.load_workbook(out / "reportparse.xlsx")["tables"]
    header = [cell.value for cell in tables[1]]
    rows = [dict(zip(header, row)) for row in tables.iter_rows(min_row=2, values_only=True)]
    dated = next(row for row in rows if row["value"] == "令和3年11月17日")
    assert dated["value_date"] == datetime(2021, 11, 17)
    assert tables.cell(rows.index(dated) + 2, header.index("value_date") + 1).number_format \
        == "yyyy-mm-dd"
    total = next(row for row in rows if row["row_label"] == "合計" and row["table_no"] == 2)
    assert total["is_total"] is True and total["value_num"] == 335


def test_workbook_columns_are_sized_to_their_content(out):
    sheet = openpyxl.load_workbook(out / "reportparse.xlsx")["incidents"]
    widths = {cell.value: sheet.column_dimensions[cell.column_letter].width
              for cell in sheet[1]}
    assert widths["description"] > widths["no"]
    assert widths["description"] <= 61


def test_a_csv_longer_than_a_sheet_continues_on_the_next(out, tmp_path):
    from reportparse.output.xlsx import write_xlsx

    tokens = read_table(out, "tokens", "utf-8-sig")
    write_xlsx([tokens], tmp_path / "small.xlsx", sheet_rows=1001)  # 1,000 rows a sheet
    workbook = openpyxl.load_workbook(tmp_path / "small.xlsx")
    expected = _csv(out, "tokens")
    sheets = (len(expected) - 2) // 1000 + 1
    assert workbook.sheetnames == ["tokens", *(f"tokens ({n})" for n in range(2, sheets + 1)),
                                   "about"]
    read = [_csv_header := expected[0]]
    for name in workbook.sheetnames[:-1]:
        rows = [[_as_csv(c) for c in row] for row in workbook[name].iter_rows(values_only=True)]
        assert rows[0] == _csv_header
        read += rows[1:]
    assert read == expected
    about = list(workbook["about"].iter_rows(values_only=True))
    assert about[1] == ("tokens", "tokens.csv", 1, 1000)
    assert about[-1][3] == len(expected) - 1


# --- SQLite -----------------------------------------------------------------------------


def test_database_has_every_row_of_every_csv_with_types(out):
    connection = sqlite3.connect(out / "reportparse.db")
    for name in FILES:
        expected = _csv(out, name)
        order = "report_id" if name == "reports" else "csv_row"
        cursor = connection.execute(f'SELECT * FROM "{name}" ORDER BY {order}')
        header = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        if name != "reports":
            assert header[0] == "csv_row"
            assert [row[0] for row in rows] == list(range(1, len(expected)))
            header, rows = header[1:], [row[1:] for row in rows]
        assert header == expected[0]
        booleans = {i for i, c in enumerate(header) if c == "is_total"}
        read = [[("true" if v else "false") if i in booleans and v is not None else _as_csv(v)
                 for i, v in enumerate(row)] for row in rows]
        assert read == sorted(expected[1:]) if name == "reports" else expected[1:], name
    types = dict(connection.execute(
        "SELECT typeof(value_num), typeof(value_date) FROM tables WHERE value_date IS NOT NULL"))
    assert types == {"null": "text"}
    assert connection.execute("SELECT typeof(value_num), typeof(is_total), typeof(table_no) "
                              "FROM tables WHERE row_label = '合計' LIMIT 1").fetchone() \
        == ("integer", "integer", "integer")


def test_database_keys_indexes_and_full_text_search(out):
    connection = sqlite3.connect(out / "reportparse.db")
    connection.execute("PRAGMA foreign_keys = ON")
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    for name in ("tables", "metrics", "incidents", "tokens", "checks"):
        assert [(row[2], row[3], row[4]) for row in
                connection.execute(f"PRAGMA foreign_key_list({name})")] \
            == [("reports", "report_id", "report_id")]
        indexed = {row[1] for row in connection.execute(f"PRAGMA index_list({name})")}
        assert f"{name}_report_id" in indexed
    assert "incidents_category" in {row[1] for row in
                                    connection.execute("PRAGMA index_list(incidents)")}
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute("INSERT INTO incidents (report_id, no) VALUES ('nobody', 1)")
    found = connection.execute(
        "SELECT i.report_id, i.no FROM incidents_fts JOIN incidents i ON i.csv_row = "
        "incidents_fts.rowid WHERE incidents_fts MATCH '\"メール送信\"' ORDER BY 1, 2").fetchall()
    expected = connection.execute(
        "SELECT report_id, no FROM incidents WHERE description LIKE '%メール送信%' "
        "OR cause LIKE '%メール送信%' ORDER BY 1, 2").fetchall()
    assert found == expected and len(found) >= 2


def test_datasette_opens_the_database_with_its_metadata(out):
    datasette = pytest.importorskip("datasette.app")
    metadata = json.loads((out / "reportparse.metadata.json").read_text("utf-8"))
    assert metadata["databases"]["reportparse"]["tables"]["incidents"]["title"] == "Incidents"
    app = datasette.Datasette([str(out / "reportparse.db")], metadata=metadata)

    async def ask():
        tables = (await app.client.get("/reportparse.json")).json()
        search = (await app.client.get(
            "/reportparse/incidents.json?_search=メール送信&_shape=objects")).json()
        return tables, search

    tables, search = asyncio.run(ask())
    names = {table["name"] for table in tables["tables"]}
    assert set(FILES) <= names and "incidents_fts" in names
    assert search["rows"] and all("メール送信" in row["description"] + row["cause"]
                                  for row in search["rows"])
    assert len(search["rows"]) == sqlite3.connect(out / "reportparse.db").execute(
        "SELECT count(*) FROM incidents WHERE description LIKE '%メール送信%' "
        "OR cause LIKE '%メール送信%'").fetchone()[0]


# --- Parquet ----------------------------------------------------------------------------


def test_parquet_files_have_every_row_with_types(out):
    import pyarrow as pa

    for name in FILES:
        table = pq.read_table(out / "parquet" / f"{name}.parquet")
        expected = _csv(out, name)
        assert table.column_names == expected[0]
        read = [[_as_csv(v) for v in row.values()] for row in table.to_pylist()]
        assert read == expected[1:], name
    schema = pq.read_schema(out / "parquet" / "tables.parquet")
    assert schema.field("table_no").type == pa.int64()
    assert schema.field("value_num").type == pa.float64()
    assert schema.field("value_date").type == pa.date32()
    assert schema.field("is_total").type == pa.bool_()
    incidents = pq.read_table(out / "parquet" / "incidents.parquet").to_pandas(
        types_mapper={pa.int64(): __import__("pandas").Int64Dtype()}.get)
    assert str(incidents["category_declared"].dtype) == "Int64"
    assert incidents.set_index(["report_id", "no"]).loc[("nerima_r3", 14), "occurred"] \
        == "2021-12"


# --- the run as a whole -----------------------------------------------------------------


def test_formats_not_asked_for_are_removed_from_out(out, tmp_path):
    folder = tmp_path / "out"
    main(["parse", str(CORPUS / "nerima_r3.txt"), "-o", str(folder), "-q",
          "--format", "xlsx,sqlite,parquet"])
    assert (folder / "reportparse.xlsx").is_file() and (folder / "parquet").is_dir()
    main(["parse", str(CORPUS / "nerima_r3.txt"), "-o", str(folder), "-q", "--format", "sqlite"])
    assert not (folder / "reportparse.xlsx").exists() and not (folder / "parquet").exists()
    assert (folder / "reportparse.db").is_file()


def test_unknown_or_unavailable_formats_are_usage_errors(monkeypatch, capsys):
    assert parse_formats(" CSV, xlsx,csv ") == ("csv", "xlsx")
    with pytest.raises(SystemExit) as exit_:
        main(["parse", "x.txt", "--format", "csv,pdf"])
    assert exit_.value.code == 2
    assert "unknown format pdf" in capsys.readouterr().err
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    with pytest.raises(ValueError, match=r"pip install 'reportparse\[parquet\]'"):
        parse_formats("parquet")


def test_a_cell_that_does_not_fit_its_type_is_an_error_naming_it(tmp_path):
    (tmp_path / "metrics.csv").write_text(
        "report_id,fiscal_year,section_no\nr,2021,1\nr,20x1,2\n", encoding="utf-8")
    table = read_table(tmp_path, "metrics", "utf-8")
    with pytest.raises(ValueError, match=r"metrics.csv line 3: column fiscal_year holds "
                                         r"'20x1', not a integer"):
        list(table.rows())


def test_column_kinds_follow_the_record_types():
    from reportparse.output.typed import column_kind

    assert column_kind("tables", "value") == "text"  # a cell as printed
    assert column_kind("metrics", "value") == "number"  # a figure
    assert column_kind("tables", "value_num") == "number"
    assert column_kind("tables", "is_total") == "boolean"
    assert column_kind("tables", "value_date") == "date"
    assert column_kind("incidents", "occurred") == "text"  # 2021-12 is a month, not a day
    assert column_kind("reports", "pages") == "integer"
    assert column_kind("errors", "message") == "text"


def test_numbers_keep_integers_and_decimals_and_signs(tmp_path):
    (tmp_path / "metrics.csv").write_text(
        "report_id,value,as_of\nr,-8,2022-03-31\nr,29.7,\nr,1710634,\n", encoding="utf-8")
    rows = list(read_table(tmp_path, "metrics", "utf-8").rows())
    assert rows == [("r", -8, date(2022, 3, 31)), ("r", 29.7, None), ("r", 1710634, None)]
    assert [type(row[1]) for row in rows] == [int, float, int]
