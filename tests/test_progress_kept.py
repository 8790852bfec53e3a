"""What is kept for a tuple is given again only for that same tuple."""

from __future__ import annotations

from supple.progress.kept import KeptByIdentity


def counting() -> tuple[KeptByIdentity[int], list[object]]:
    return KeptByIdentity(limit=2), []


def test_the_same_tuple_gets_what_was_made_for_it_and_an_equal_one_is_worked_out() -> None:
    kept, made = counting()
    values = (1, 2, 3)
    first = kept.get(values, "a", lambda: made.append(values) or len(made))
    assert kept.get(values, "a", lambda: made.append(values) or len(made)) == first == 1
    equal = tuple(range(1, 4))
    assert equal is not values
    assert kept.get(equal, "a", lambda: made.append(equal) or len(made)) == 2
    assert kept.get(values, "b", lambda: made.append(values) or len(made)) == 3


def test_anything_but_a_tuple_is_worked_out_each_time() -> None:
    kept, made = counting()
    values = [1, 2, 3]
    for expected in (1, 2):
        assert kept.get(values, None, lambda: made.append(1) or len(made)) == expected


def test_only_the_latest_few_are_kept() -> None:
    kept, made = counting()
    tuples = [(n,) for n in range(3)]
    for values in tuples:
        kept.get(values, None, lambda: made.append(1) or len(made))
    assert kept.get(tuples[0], None, lambda: made.append(1) or len(made)) == 4
    assert kept.get(tuples[2], None, lambda: made.append(1) or len(made)) == 3
