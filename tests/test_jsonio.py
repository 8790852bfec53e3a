"""supple.jsonio: the strict JSON reader every shell uses for what a person gives it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supple.jsonio import MAX_DEPTH, MAX_INT, MIN_INT, JsonInputError, parse_json, size_text


def refusal(document: str | bytes) -> str:
    with pytest.raises(JsonInputError) as caught:
        parse_json(document)
    return str(caught.value)


def test_a_repeated_key_is_refused_naming_the_key_and_where() -> None:
    assert refusal('{"a": 1, "a": 2}') == 'the key "a" appears twice at the top level'
    nested = '{"red_flags": {"saddle_numbness": true, "fever": false, "saddle_numbness": false}}'
    assert refusal(nested) == 'the key "saddle_numbness" appears twice in red_flags'
    in_list = '{"items": [{"sets": 1}, {"sets": 2, "sets": 3}]}'
    assert refusal(in_list) == 'the key "sets" appears twice in items[1]'


def test_the_same_key_in_different_objects_is_fine() -> None:
    assert parse_json('[{"a": 1}, {"a": 2}]') == [{"a": 1}, {"a": 2}]


def test_nesting_is_bounded_without_a_recursion_error() -> None:
    assert parse_json("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    for deep in ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "[" * 100_000, '{"a":' * 5000):
        assert f"nested more than {MAX_DEPTH} levels deep" in refusal(deep)


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = '{"note": "' + "[{" * 500 + '\\"]"}'
    assert parse_json(text) == {"note": "[{" * 500 + '"]'}


def test_whole_numbers_must_fit_64_bits() -> None:
    assert parse_json(str(MAX_INT)) == MAX_INT and parse_json(str(MIN_INT)) == MIN_INT
    assert "out of range" in refusal(str(MAX_INT + 1))
    assert "out of range" in refusal(str(MIN_INT - 1))
    # 5000 digits: Python's own int() would raise a bare ValueError here.
    assert "(5000 digits) is out of range" in refusal("7" * 5000)


def test_floats_too_large_or_too_long_and_nan_are_refused() -> None:
    assert parse_json("[1.5, -2e10]") == [1.5, -2e10]
    assert "1e400 is out of range" in refusal("1e400")
    assert "too long" in refusal("0." + "1" * 100)
    for literal in ("NaN", "Infinity", "-Infinity"):
        assert f"{literal} is not a number JSON allows" in refusal(f"[{literal}]")


def test_syntax_errors_say_where_and_bytes_must_be_utf8() -> None:
    with pytest.raises(JsonInputError) as caught:
        parse_json('{\n  "a": }')
    assert (caught.value.line, caught.value.column) == (2, 8)
    assert str(caught.value).startswith("not valid JSON (line 2, column 8:")
    assert refusal(b'{"a": "\xff"}') == "not UTF-8 text (byte 7)"
    assert parse_json(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}


def test_size_text_names_limits_as_people_say_them() -> None:
    assert [size_text(n) for n in (1024 * 1024, 64 * 1024 * 1024, 2048, 1000)] == [
        "1 MB",
        "64 MB",
        "2 KB",
        "1000 bytes",
    ]


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(MIN_INT, MAX_INT)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=30,
)


@given(JSON_VALUES)
def test_any_ordinary_document_reads_back_as_json_wrote_it(value: Any) -> None:
    assert parse_json(json.dumps(value)) == value
    assert parse_json(json.dumps(value).encode()) == value


@given(st.dictionaries(st.text(), st.integers(0, 9), min_size=1), st.data())
def test_any_repeated_key_is_found(value: dict[str, int], data: st.DataObject) -> None:
    key = data.draw(st.sampled_from(sorted(value)))
    text = json.dumps(value)[:-1] + f", {json.dumps(key)}: 0}}"
    assert refusal(text) == f'the key "{key}" appears twice at the top level'
