"""Values written to CSV and Excel files are shown by a spreadsheet, never run by it.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (``=HYPERLINK(…)`` sends
the reader to any address; ``-A1-B2`` computes), and some also after a tab, a carriage return or leading
spaces. OWASP's advice is followed: such a text value is prefixed with a single quote, which spreadsheets
take as "this is text". A plain number written as text (``-12.5``, ``+44``) stays as it is: a spreadsheet
reads it as that number and runs nothing, and a quote would turn a negative amount into text.

`spreadsheet_safe` is the one function every export uses: govlearn's own CSV files (the HR import's
changes and rejected rows) call it, and `protect_wagtail_exports` (called once, from ContentConfig.ready)
routes every Wagtail export through it — the employee list and any other viewset with ``list_export``, the
page reports, form submissions — in CSV and XLSX alike, so that both files show the same text.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value):
    """A value a spreadsheet will show rather than run: text starting like a formula gets a leading '.

    Anything but text (numbers, dates, None) is returned unchanged.
    """
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(FORMULA_START) or value.lstrip().startswith(FORMULA_START):
        if _PLAIN_NUMBER.fullmatch(value.strip()):
            return value
        return f"'{value}"
    return value


# The same rule in PostgreSQL, for exports that PostgreSQL writes itself (COPY ... TO STDOUT): text whose
# first character that is not white space (as Python's str.isspace has it, which PostgreSQL's [[:space:]]
# is not) is a formula start, and which is not a plain number, gets a leading '.
# tests/content/test_spreadsheets.py checks it against `spreadsheet_safe` on one table of values.
_WHITE = "".join(chr(code) for code in range(0x3001) if chr(code).isspace())
_SQL_FORMULA = f"^[{_WHITE}]*[-=+@\t\r]"
_SQL_PLAIN_NUMBER = r"^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$"


def spreadsheet_safe_sql(expression: str) -> str:
    """SQL (PostgreSQL) for the text `expression` made spreadsheet-safe as `spreadsheet_safe` makes it.

    `expression` is SQL of our own (a column), never a value someone typed."""
    trimmed = f"regexp_replace({expression}, '^[{_WHITE}]+|[{_WHITE}]+$', '', 'g')"
    return (
        f"(CASE WHEN {expression} ~ '{_SQL_FORMULA}' AND NOT {trimmed} ~ '{_SQL_PLAIN_NUMBER}' "
        f"THEN chr(39) || {expression} ELSE {expression} END)"
    )


def protect_wagtail_exports() -> None:
    """Every Wagtail spreadsheet export writes its values through `spreadsheet_safe`.

    Wagtail's exports (SpreadsheetExportMixin: CSV and XLSX) pass each value through
    `preprocess_field_value`; it is wrapped once here rather than in each view, so that no export, ours or
    Wagtail's, can be added without it. tests/content/test_spreadsheets.py fails if Wagtail changes that.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "spreadsheet_safe", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_safe(original(self, field, value, export_format))

    preprocess_field_value.spreadsheet_safe = True
    preprocess_field_value.__doc__ = original.__doc__
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
