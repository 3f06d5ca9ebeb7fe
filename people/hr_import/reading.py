"""Reading an HR export: the bytes checked and decoded, the separator told, the header checked, the records
streamed (one line in memory at a time)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from itertools import chain
from typing import BinaryIO

REQUIRED_COLUMNS = ("staff_number", "email", "given_name", "family_name", "grade", "department")
OPTIONAL_COLUMNS = ("profession", "line_manager", "grade_since", "start_date", "end_date")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

MAX_LINE_BYTES = 1 << 20
_BOM = b"\xef\xbb\xbf"


class HrFileError(Exception):
    """The file as a whole cannot be read, so nothing in it is imported."""


_SAVE_AS_CSV = "In Excel, use File, Save As and choose “CSV UTF-8 (Comma delimited)”, then try again."
# What a file is, by its first bytes, when it is not text at all, and what to do instead.
_NOT_CSV = (
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or another zipped file", _SAVE_AS_CSV),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Excel 97-2003 workbook (.xls)", _SAVE_AS_CSV),
    (b"\x1f\x8b", "a compressed (gzip) file", "Decompress it and import the CSV file inside, saved as “CSV UTF-8”."),
    (b"%PDF", "a PDF document", "Export the people from the HR system as CSV instead, saved as “CSV UTF-8”."),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}


def _separator(delimiter: str, *, plural: bool = False) -> str:
    """How a message names the character between values: "semicolons", or the character itself."""
    name = _DELIMITERS.get(delimiter)
    return f"“{delimiter}”" if name is None else f"{name}s" if plural else name


_READ_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class RawRow:
    """One record: the line it starts on, its cells by column, and what is wrong with its shape, if anything
    (more or fewer values than the header has columns): such a row is rejected whatever its values."""

    number: int
    values: dict[str, str]
    problem: str = ""


class HrFile:
    """The checked header of an HR export and its records, read lazily (iterate once)."""

    def __init__(self, columns: tuple[str, ...], warnings: list[str], rows: Iterator[RawRow]):
        self.columns = columns
        self.warnings = warnings
        self._rows = rows

    def __iter__(self) -> Iterator[RawRow]:
        return self._rows


def normalise_header(name: str) -> str:
    return "_".join(name.strip().lower().split())


def _check_kind(first: bytes) -> None:
    """Refuse, with what to do instead, a file that is not UTF-8 text at all: a workbook, an archive, UTF-16."""
    for magic, kind, advice in _NOT_CSV:
        if first.startswith(magic):
            raise HrFileError(f"This is {kind}, not a CSV file. {advice}")
    nuls = first.count(b"\x00")
    if first.startswith(_UTF16_BOMS) or (nuls and nuls * 4 >= len(first)):  # UTF-16 without a BOM: every other byte
        raise HrFileError(f"The file is saved as UTF-16 (Excel's “Unicode text”), not as CSV UTF-8. {_SAVE_AS_CSV}")


def _universal_lines(first: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """The lines of a file whose first line ends with a lone carriage return (old Mac line endings): any of
    CR, LF and CR LF ends a line, as in a spreadsheet."""
    pending = first
    while True:
        chunk = stream.read(_READ_CHUNK)
        data = pending + chunk
        if not chunk:
            yield from data.splitlines(keepends=True)
            return
        lines = data.splitlines(keepends=True)
        pending = lines.pop()  # perhaps incomplete, or a CR whose LF is in the next chunk
        yield from lines
        if len(pending) > MAX_LINE_BYTES:
            yield pending  # too long: refused by the caller
            return


def _decoded_lines(stream: BinaryIO) -> Iterator[str]:
    """The file's lines as text, each with its line ending; invalid UTF-8 stops the import with its position."""
    offset = 0
    first = stream.readline(MAX_LINE_BYTES + 1)
    if first.startswith(_BOM):
        first = first[len(_BOM) :]
        offset = len(_BOM)
    if first:
        _check_kind(first)
    cr = first.find(b"\r")
    if cr != -1 and first[cr + 1 : cr + 2] != b"\n":
        raw_lines = _universal_lines(first, stream)
    else:
        raw_lines = chain((first,), iter(partial(stream.readline, MAX_LINE_BYTES + 1), b""))
    for number, raw in enumerate(raw_lines, 1):
        if not raw:
            return
        if len(raw) > MAX_LINE_BYTES:
            raise HrFileError(f"Line {number} is longer than {MAX_LINE_BYTES:,} bytes: this is not an HR export.")
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            byte = raw[exc.start : exc.start + 1]
            raise HrFileError(
                f"The file is not valid UTF-8: line {number}, byte {exc.start + 1} of that line "
                f"(byte {offset + exc.start + 1} of the file), 0x{byte.hex().upper()}, which would be "
                f"“{byte.decode('cp1252', errors='replace')}” in the Windows character set. The file was probably "
                f"saved as “CSV (Comma delimited)”, which uses that character set. {_SAVE_AS_CSV}"
            ) from None
        offset += len(raw)


def _csv_error(exc: csv.Error, *, row: int, line: int) -> HrFileError:
    """What a CSV syntax error means, naming the row (where the record starts) or the line where it was found."""
    text = str(exc)
    if text.startswith("unexpected end of data"):
        return HrFileError(f"Row {row}: a quoted value opened here is never closed, so the file cannot be read.")
    if text.startswith("field larger than field limit"):
        return HrFileError(
            f"Row {row}: a value here runs on for more than {csv.field_size_limit():,} characters, so a quoted "
            "value opened here is probably never closed; the file cannot be read."
        )
    if "expected after" in text:
        if line > row:
            return HrFileError(
                f"Row {row}: a quoted value opened here runs on to line {line}, where it is closed by another "
                f"quotation mark; a closing quotation mark is probably missing in row {row}. The file cannot be read."
            )
        return HrFileError(
            f"Row {row}: a quoted value is followed by more text before the next separator. Put the whole value in "
            'quotation marks, and double any quotation mark inside it (""). The file cannot be read.'
        )
    if text.startswith("new-line character seen in unquoted field"):
        return HrFileError(
            f"Line {line} has a line break (carriage return) inside a value that is not in quotation marks, "
            "so the file cannot be read."
        )
    return HrFileError(f"Line {line} cannot be read as CSV: {text}.")


def _delimiter(line: str) -> str:
    """The separator of a header line: commas, unless it has none and has semicolons or tabs instead."""
    if "," in line:
        return ","
    return max((";", "\t"), key=line.count) if (";" in line or "\t" in line) else ","


def read_rows(stream: BinaryIO) -> HrFile:
    """Check the header of an HR export (a binary stream) and return its records, read as they are iterated.

    Values may be separated by commas, semicolons or tabs (told by the header, or by Excel's "sep=;" first
    line). CSV is read strictly: a quoted value that is never closed refuses the whole file, naming its row,
    rather than swallowing the rows after it.
    """
    lines = _decoded_lines(stream)
    skipped: list[str] = []  # blank lines before the header, read again by the CSV reader to keep line numbers
    delimiter, offset = ",", 0
    for text in lines:
        line = text.rstrip("\r\n")
        if not skipped and not offset and len(line) == 5 and line[:4].lower() == "sep=":
            delimiter, offset = line[4], 1  # Excel's hint, "sep=;": not a row of the file
            continue
        skipped.append(text)
        if line.strip(",;\t\"' "):
            if not offset:
                delimiter = _delimiter(text)
            break
    reader = csv.reader(chain(skipped, lines), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                header = cells
                break
    except csv.Error as exc:
        raise _csv_error(exc, row=offset + max(len(skipped), 1), line=offset + reader.line_num) from None
    if header is None:
        raise HrFileError("The file is empty: it needs a header row naming its columns.")

    positions: dict[str, int] = {}
    warnings: list[str] = []
    unknown: list[str] = []
    for index, name in enumerate(header):
        column = normalise_header(name)
        if not column:
            continue
        if column in positions:
            raise HrFileError(f"The header names the column “{column}” twice.")
        if column in COLUMNS:
            positions[column] = index
        else:
            unknown.append(name.strip())
    missing = [column for column in REQUIRED_COLUMNS if column not in positions]
    if missing:
        raise HrFileError(
            f"The file has no {'column' if len(missing) == 1 else 'columns'} for: {', '.join(missing)}. "
            f"Its header must name: {', '.join(REQUIRED_COLUMNS)} (optional: {', '.join(OPTIONAL_COLUMNS)})."
        )
    if delimiter != ",":
        warnings.append(
            f"The file's values are separated by {_separator(delimiter, plural=True)}, not commas: "
            "it was read that way."
        )
    if unknown:
        warnings.append(f"Ignored columns not used by the import: {', '.join(unknown)}.")
    wanted = tuple(positions.items())
    # A row has as many values as the header has columns. It may stop before empty header cells at the end
    # (a spreadsheet's unused columns), but not put values in them, nor run past the header even with empty
    # values: a comma inside a value that is not quoted shifts the values after it, often into the last,
    # mostly empty, column, and would otherwise put a value in the wrong field without a word.
    full = len(header)
    width = max(index for index, name in enumerate(header) if name.strip()) + 1
    unquoted = f"a value may contain a {_separator(delimiter)} that is not in quotation marks"

    def shape(cells: list[str]) -> str:
        count = len(cells)
        if count < width:
            return (
                f"has {count} {'value' if count == 1 else 'values'} but the header has {width} columns: the row "
                "may be cut short, or a value may hold a line break that is not in quotation marks"
            )
        if count > full:
            last = max(i + 1 for i, cell in enumerate(cells) if cell.strip())
            if last > full:
                return f"has {last} values but the header has {full} columns: {unquoted}"
            empty = count - full
            return (
                f"has {count} values but the header has {full} columns (the last {empty} empty): {unquoted}, "
                f"or the row ends with a stray {_separator(delimiter)}"
            )
        extra = next((i for i in range(width, count) if cells[i].strip()), None)
        if extra is not None:
            return f"has a value in column {extra + 1}, which the header does not name: {unquoted}"
        return ""

    def records() -> Iterator[RawRow]:
        end = reader.line_num
        try:
            for cells in reader:
                start, end = end + 1, reader.line_num
                count = len(cells)
                if count == full == width:
                    if not any(cell.strip() for cell in cells):
                        continue
                    yield RawRow(offset + start, {column: cells[i] for column, i in wanted})
                    continue
                if not any(cell.strip() for cell in cells):
                    continue
                values = {column: (cells[i] if i < count else "") for column, i in wanted}
                yield RawRow(offset + start, values, shape(cells))
        except csv.Error as exc:
            raise _csv_error(exc, row=offset + end + 1, line=offset + reader.line_num) from None

    return HrFile(tuple(column for column in COLUMNS if column in positions), warnings, records())
