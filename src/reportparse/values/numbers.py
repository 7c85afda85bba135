"""Numbers as printed in Japanese reports: ``1,710,634``, ``△5`` (minus five), ``12.5``."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^(?P<sign>[-△▲]?)(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?$")


def parse_number(text: str) -> int | float | None:
    """The number ``text`` spells, or None when it is not exactly one number.

    Thousands separators must be well placed (``1,710,634``; ``17,10`` is not a number).
    ``△`` and ``▲`` are the Japanese minus signs of accounts.
    """
    match = _NUMBER.match(text.strip())
    if not match:
        return None
    magnitude = match["digits"].replace(",", "")
    value: int | float = (
        float(magnitude + match["fraction"]) if match["fraction"] else int(magnitude)
    )
    return -value if match["sign"] else value


def is_number(text: str) -> bool:
    return parse_number(text) is not None
