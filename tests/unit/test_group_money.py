"""Money in the group's figures: rounded half up, with cents where there are any."""

from __future__ import annotations

import pytest

from kosi_tui.core.group import amount_text


@pytest.mark.parametrize(
    ("value", "lang", "unit", "money", "shown"),
    [
        (6686.5, "de", "€", False, "6.686,50 €"),  # "6.686 €" by half-to-even before
        (7186.5, "de", "€", False, "7.186,50 €"),
        (6686.5, "de", None, True, "6.686,50"),  # a cell: the unit stands in the header
        (12986.5, "en", "€", False, "12,986.50 €"),
        (3620.0, "de", "€", False, "3.620 €"),  # whole euros stay whole
        (0.005, "de", "€", False, "0,01 €"),  # half a cent up
        (2.675, "de", None, False, "2,68"),  # 2.675 is stored as 2.67499…; read as typed
        (-1013.5, "de", "€", False, "-1.013,50 €"),
        (1000000000, "de", "€", False, "1.000.000.000 €"),
        (62.5, "de", "%", False, "62,5 %"),  # not money: no padded cents
    ],
)
def test_money_is_rounded_half_up_and_keeps_its_cents(
    value: float, lang: str, unit: str | None, money: bool, shown: str
) -> None:
    assert amount_text(value, lang, unit, money=money) == shown
