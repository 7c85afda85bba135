import pytest

from reportparse.values.numbers import parse_number


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
