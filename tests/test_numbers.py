import pytest

from reportparse.values.numbers import Quantity, parse_figure_number, parse_number, parse_quantity


@pytest.mark.parametrize(
    "text, number",
    [("335", 335), ("1,710,634", 1710634), ("0", 0), ("-5", -5), ("△5", -5), ("▲1,200", -1200),
     ("12.5", 12.5), (" 77 ", 77)],
)
def test_numbers(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["", "-", "17,10", "1,2345", "335件", "令和3年", "1.2.3", "=1+1"])
def test_not_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "number"), [
    ("3万5千", 35000), ("5百", 500), ("1.5万", 15000), ("1万2,345", 12345), ("△1万", -10000),
    ("5億1000万", 510_000_000), ("5億", 500_000_000),
    ("1億2千万", 120_000_000), ("3億4,500万", 345_000_000), ("2千4百万", 24_000_000), ("2千4百", 2400),
    ("44・6", 44.6), ("1,710,634", 1710634)])
def test_figure_numbers_with_kanji_powers_of_ten(text, number):
    assert parse_figure_number(text) == number


@pytest.mark.parametrize(("cell", "quantity"), [
    ("82件", Quantity(82, "件")),
    ("916(21)", Quantity(916, "", 21)),
    ("120 (3)", Quantity(120, "", 3)),
    ("3(3)件", Quantity(3, "件", 3)),  # the counter after the bracketed count
    ("71,012(95.1)", Quantity(71012, "", 95.1)),  # its share of the total, under (単位:件、%)
    ("△46", Quantity(-46)),
    ("+13", Quantity(13)),
    ("29.7%", Quantity(29.7, "%")),
    ("3.5カ月", Quantity(3.5, "カ月")), ("19ヶ月", Quantity(19, "ヶ月")),  # 平均期間: a duration
])
def test_a_cell_count_with_its_counter_and_a_bracketed_second_count(cell, quantity):
    assert parse_quantity(cell) == quantity


@pytest.mark.parametrize("cell", ["3件(3)件", "3(3", "開示", "104-8560"])
def test_not_a_cell_count(cell):
    assert parse_quantity(cell) is None
