"""The core rule for a pain stop nobody followed (supple.player.open_stop)."""

from __future__ import annotations

from supple.player.open_stop import PainStopMark, stop_left_open, way_on
from supple.timeline import Step


def steps() -> list[Step]:
    return [
        Step("ready", "walk", None, 5, "Get ready"),
        Step("warmup", "walk", None, 60, "Walk"),
        Step("transition", "bridge", None, 5, "Lie down"),
        Step("hold", "bridge", "left", 30, "Hold"),
        Step("switch", "bridge", None, 5, "Switch"),
        Step("hold", "bridge", "right", 30, "Hold"),
        Step("hold", "cat", None, 30, "Hold"),
    ]


def test_a_mark_is_open_until_a_step_is_recorded_after_it() -> None:
    mark = PainStopMark(index=3, easing=False, events_before=3)
    assert stop_left_open(mark, 3)
    assert not stop_left_open(mark, 4)
    assert not stop_left_open(None, 0)
    assert stop_left_open(PainStopMark(index=3, easing=True, events_before=3), 3)


def test_ending_counts_the_stop_against_the_exercise_under_way() -> None:
    way = way_on(PainStopMark(3, False, 3), steps(), "end")
    assert [(s.index, s.outcome) for s in way.record] == [(3, "stopped_for_pain")]
    assert way.resume_at is None


def test_eased_skips_the_rest_of_the_exercise_that_hurt() -> None:
    way = way_on(PainStopMark(3, None, 3), steps(), "eased")
    assert [(s.index, s.outcome) for s in way.record] == [
        (3, "stopped_for_pain"),
        (4, "skipped"),
        (5, "skipped"),
    ]
    assert way.resume_at == 6


def test_a_stop_before_an_exercise_skips_that_exercise_without_blaming_it() -> None:
    way = way_on(PainStopMark(2, None, 2), steps(), "eased")
    assert [s.outcome for s in way.record] == ["skipped"] * 4
    assert way.resume_at == 6
    ended = way_on(PainStopMark(2, None, 2), steps(), "end")
    assert [(s.index, s.outcome) for s in ended.record] == [(2, "skipped")]


def test_the_last_exercise_eased_goes_to_the_finish_and_a_bad_index_records_nothing() -> None:
    assert way_on(PainStopMark(6, None, 6), steps(), "eased").resume_at is None
    assert way_on(PainStopMark(9, None, 6), steps(), "eased").record == ()
