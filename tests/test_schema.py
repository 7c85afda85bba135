"""The data dictionary: docs/schema.md and datapackage.json say what the code writes."""

import subprocess
import sys

import pytest

from conftest import ROOT
from reportparse.output.rows import OUTPUT_NAMES, columns
from reportparse.output.schema import column_type, description


def test_docs_schema_md_is_up_to_date():
    done = subprocess.run([sys.executable, "tools/make_schema_doc.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("name", OUTPUT_NAMES)
def test_every_column_has_a_description(name):
    assert [c for c in columns(name) if not description(name, c)] == []


def test_types_come_from_the_records():
    assert [column_type("tables", c) for c in ("table_no", "value", "value_num", "value_date",
                                               "is_total")] == [
        "integer", "string", "number", "date", "boolean"]
    assert column_type("metrics", "value") == "number"
    assert column_type("incidents", "occurred") == "string"  # YYYY-MM or YYYY-MM-DD
    assert column_type("reports", "n_checks_failed") == "integer"
    assert column_type("reports", "fiscal_year") == "integer"
