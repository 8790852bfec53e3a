"""The one JSON reader for anything a person hands Supple: answers, plans, exports, API bodies.

Python's ``json.loads`` is lenient in ways that matter for health records: with a
repeated key the last one silently wins (``"saddle_numbness": true, ...,
"saddle_numbness": false`` would screen as fine), deep nesting ends in a
``RecursionError``, a 5000-digit number in a ``ValueError``, and ``NaN`` or
``Infinity`` are accepted though JSON has no such values. :func:`parse_json` refuses
all of these with a :class:`JsonInputError` whose message says what was wrong and
where, so every shell can turn it into one clear line.

Pure: takes text or bytes, returns values. Reading files (and capping how much is
read) is the shells' job; :data:`MAX_DOCUMENT_BYTES` is the size they share.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

# Answers, plans and API bodies are a few kilobytes; a megabyte is far beyond any real one.
MAX_DOCUMENT_BYTES = 1024 * 1024
# Supple's deepest document (an export holding plans) nests under ten levels.
MAX_DEPTH = 64
# Every integer Supple stores fits a signed 64-bit column.
MIN_INT = -(2**63)
MAX_INT = 2**63 - 1
# A float written with more characters than this is not a measurement.
MAX_NUMBER_CHARS = 64

# A JSON string (skipped whole, so brackets inside it are not counted) or one bracket.
_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


class JsonInputError(ValueError):
    """A document that is not acceptable JSON; ``str()`` is one sentence saying why.

    ``line`` and ``column`` are set when the problem has a position in the text;
    ``reason`` is the message without the words "not valid JSON" and the position,
    for callers (the web API) that add those themselves.
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.reason = message
        self.line = line
        self.column = column
        self.position = 0  # offset in the text, where known


def size_text(limit: int) -> str:
    """A byte count as people say it: ``1 MB`` for 1048576, ``64 MB`` and so on."""
    if limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MB"
    if limit % 1024 == 0:
        return f"{limit // 1024} KB"
    return f"{limit} bytes"


def _check_depth(text: str) -> None:
    """Refuse nesting beyond :data:`MAX_DEPTH` before the (recursive) parser sees it."""
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                raise JsonInputError(
                    f"nested more than {MAX_DEPTH} levels deep (line {line})", line=line
                )
        elif token in "]}":
            depth -= 1


class _Refused:
    """A number the document may not hold; kept in place so its path can be named."""

    def __init__(self, message: str) -> None:
        self.message = message


def _integer(literal: str) -> int | _Refused:
    digits = literal.lstrip("-")
    # Checked before int(): Python refuses to convert very long digit strings at all.
    value = int(literal) if len(digits) <= 19 else MAX_INT + 1
    if not MIN_INT <= value <= MAX_INT:
        shown = literal if len(literal) <= 24 else f"{literal[:20]}... ({len(digits)} digits)"
        return _Refused(f"the number {shown} is out of range (whole numbers must fit in 64 bits)")
    return value


def _float(literal: str) -> float | _Refused:
    if len(literal) > MAX_NUMBER_CHARS:
        return _Refused(f"a number written with {len(literal)} characters is too long")
    value = float(literal)
    if not math.isfinite(value):
        return _Refused(f"the number {literal} is out of range")
    return value


def _constant(literal: str) -> _Refused:
    return _Refused(f"{literal} is not a number JSON allows")


class _Repeated(dict[str, Any]):
    """An object in which a key appeared twice; remembers the first repeated key."""

    repeated: str = ""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            marked = _Repeated(pairs)
            marked.repeated = key
            return marked
        result[key] = value
    return result


def _find_problem(value: Any, path: str) -> tuple[str, str] | None:
    """The first refused part (in document order): what is wrong with it, and its path."""
    if isinstance(value, _Refused):
        return value.message, path
    if isinstance(value, _Repeated):
        return f'the key "{value.repeated}" appears twice', path
    children: Any = ()
    if isinstance(value, dict):
        children = ((f"{path}.{key}" if path else key, child) for key, child in value.items())
    elif isinstance(value, list):
        children = ((f"{path}[{index}]", child) for index, child in enumerate(value))
    for child_path, child in children:
        found = _find_problem(child, child_path)  # depth is bounded by MAX_DEPTH
        if found:
            return found
    return None


def parse_json(document: str | bytes) -> Any:
    """The value of a JSON document, or :class:`JsonInputError` saying why it is refused.

    Refused: invalid JSON, text that is not UTF-8, a key repeated in one object,
    nesting deeper than :data:`MAX_DEPTH`, whole numbers outside 64 bits, floats too
    large to hold, and ``NaN`` / ``Infinity``.
    """
    if isinstance(document, bytes):
        try:
            text = document.decode("utf-8")
        except UnicodeDecodeError as error:
            raise JsonInputError(f"not UTF-8 text (byte {error.start})") from None
    else:
        text = document
    text = text.removeprefix("\ufeff")
    _check_depth(text)
    refused = False

    def on_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal refused
        made = _object(pairs)
        refused = refused or isinstance(made, _Repeated)
        return made

    def marks(parse: Any) -> Any:
        def parse_and_mark(literal: str) -> Any:
            nonlocal refused
            value = parse(literal)
            refused = refused or isinstance(value, _Refused)
            return value

        return parse_and_mark

    try:
        value = json.loads(
            text,
            object_pairs_hook=on_object,
            parse_int=marks(_integer),
            parse_float=marks(_float),
            parse_constant=marks(_constant),
        )
    except json.JSONDecodeError as error:
        failure = JsonInputError(
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})",
            line=error.lineno,
            column=error.colno,
        )
        failure.position = error.pos
        failure.reason = error.msg
        raise failure from None
    except RecursionError:  # the depth scan should make this unreachable; never a traceback
        raise JsonInputError(f"nested more than {MAX_DEPTH} levels deep") from None
    if refused:
        found = _find_problem(value, "")
        if found:
            message, path = found
            where = f"in {path}" if path else "at the top level"
            raise JsonInputError(f"{message} {where}")
    return value


def whole_number(value: object) -> object:
    """``9.0`` as ``9``; any other value unchanged (for a pydantic ``BeforeValidator``).

    JSON has one kind of number and JSON Schema's ``integer`` includes ``9.0``, so a
    client that writes a pain score as ``4.0`` sent the whole number 4. Text (``"4"``),
    ``true``, ``4.5``, NaN and Infinity are left for the strict check to refuse.
    """
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
