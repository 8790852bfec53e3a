"""The Learn course's data, schedule and check marking (pure core, no store)."""

from __future__ import annotations

import re
import tomllib
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from supple.catalog import default_catalog
from supple.learning import (
    DIAGRAMS,
    CheckAnswerError,
    LessonsError,
    course_day,
    course_status,
    default_course,
    diagram_svg,
    load_course,
    mark_check,
    next_lesson,
)
from supple.learning.lessons import HELP_INTRO, HELP_LEVELS, LESSONS_PATH, CourseData, resolve
from supple.screening.rules import default_rules

COURSE = default_course()
RAW: dict[str, Any] = tomllib.loads(LESSONS_PATH.read_text())
TOPICS = {
    "how-pain-works",
    "movement-helps",
    "pacing",
    "sleep-and-stress",
    "sitting-and-desk",
    "flare-ups",
    "when-to-get-help",
}


def changed(change: Any) -> dict[str, Any]:
    data = tomllib.loads(LESSONS_PATH.read_text())
    change(data)
    return data


def test_the_course_covers_every_topic_the_issue_asks_for() -> None:
    assert set(COURSE.ids) == TOPICS


def test_every_lesson_has_one_to_three_screens_a_picture_two_questions_and_sources() -> None:
    for lesson in COURSE.lessons:
        # The help lesson has one short section per level of the screen; how tall each
        # lesson is on a phone is checked in the browser (test_web_learn_browser.py).
        most = len(HELP_LEVELS) if lesson.from_screening else 3
        assert 1 <= len(lesson.screens) <= most, lesson.id
        assert lesson.picture in DIAGRAMS
        assert len(lesson.check) == 2
        assert lesson.sources


def test_sources_are_named_by_title_and_articles_by_the_catalogs_title() -> None:
    articles = {a.file: a.title for a in default_catalog().articles.values() if a.file}
    for source in RAW["sources"].values():
        if "file" in source:
            assert source["title"] == articles[source["file"]]
    cited = {title for lesson in COURSE.lessons for title in lesson.sources}
    assert any(title.startswith("NICE NG59") for title in cited)
    assert any(title.startswith("NHS") for title in cited)


def test_the_sitting_lesson_has_the_set_up_checklist() -> None:
    lesson = COURSE.get("sitting-and-desk")
    assert lesson is not None
    points = " ".join(point for screen in lesson.screens for point in screen.points).lower()
    for item in ("chair", "screen", "feet", "breaks"):
        assert item in points


def test_the_help_lesson_is_built_from_the_screens_rules_not_retyped() -> None:
    rules = default_rules()
    lesson = COURSE.get("when-to-get-help")
    assert lesson is not None and lesson.from_screening and lesson.release_day == 0
    assert "screens" not in next(x for x in RAW["lesson"] if x["id"] == lesson.id)
    assert HELP_LEVELS == ("emergency", "urgent", "see_clinician", "book_review")
    for screen, level in zip(lesson.screens, HELP_LEVELS, strict=True):
        assert screen.heading == rules.levels[level].title
        assert screen.paragraphs[-1] == HELP_INTRO or screen.paragraphs[0].startswith(
            "If any of these are true for you, "
        )
        assert 1 <= len(screen.points) <= 12
    for rule in rules.rule:
        if rule.level in HELP_LEVELS:
            for name in rule.sources:
                assert rules.sources[name].title in lesson.sources or any(
                    source.get("url") == rules.sources[name].url
                    for source in RAW["sources"].values()
                )


def test_an_emergency_in_the_help_lesson_keeps_the_screens_999_words() -> None:
    rules = default_rules()
    lesson = COURSE.get("when-to-get-help")
    assert lesson is not None
    emergency = lesson.screens[0]
    assert emergency.paragraphs[0] == rules.levels["emergency"].action
    assert "999" in emergency.paragraphs[0] and "112" in emergency.paragraphs[0]
    # Someone already on a routine is told to stop it and answer the questions again.
    for screen in lesson.screens[1:3]:
        assert "Stop your routine" in screen.paragraphs[0]
        assert "answer Supple's questions again" in screen.paragraphs[0]
    for screen in lesson.screens:
        assert "No routine is offered" not in " ".join(screen.paragraphs)


def help_lines(data: dict[str, Any]) -> list[dict[str, Any]]:
    lesson = next(x for x in data["lesson"] if x["id"] == "when-to-get-help")
    return [sign for level in lesson["help"] for sign in level["signs"]]


def test_every_rule_of_the_taught_levels_is_named_by_exactly_one_help_line() -> None:
    rules = default_rules()
    named = [rule_id for sign in help_lines(RAW) for rule_id in sign.get("rules", [])]
    taught = [rule.id for rule in rules.rule if rule.level in HELP_LEVELS]
    assert sorted(named) == sorted(taught)


def test_a_rule_added_to_the_screen_cannot_be_left_out_of_the_help_lesson() -> None:
    rules = default_rules()
    copy = rules.rule[0].model_copy(update={"id": "a_new_sign", "label": "a new sign"})
    more = rules.model_copy(update={"rule": [*rules.rule, copy]})
    with pytest.raises(
        LessonsError, match=r"help for 'emergency': rules not covered \['a_new_sign'\]"
    ):
        load_course(rules=more)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda lines: lines[0]["rules"].append("saddle_numbness"),
            "covered twice ['saddle_numbness']",
        ),
        (lambda lines: lines[0]["rules"].append("fever"), "not at this level ['fever']"),
        (lambda lines: lines[0]["rules"].pop(), "rules not covered ['sciatica_both_sides']"),
    ],
)
def test_help_lines_that_miss_repeat_or_misplace_a_rule_are_refused(
    change: Any, message: str
) -> None:
    data = CourseData.model_validate(changed(lambda d: change(help_lines(d))))
    with pytest.raises(LessonsError, match=re.escape(message)):
        resolve(data, default_rules())


def test_each_source_is_named_once_even_when_two_files_title_it_differently() -> None:
    lesson = COURSE.get("when-to-get-help")
    assert lesson is not None
    assert "NHS: Back pain" in lesson.sources
    assert not any(title.startswith("NHS: Back pain (") for title in lesson.sources)
    assert len(lesson.sources) == len(set(lesson.sources))


def test_flare_ups_open_on_day_0_so_a_flare_on_day_2_finds_them() -> None:
    statuses = {s.lesson.id: s.state for s in course_status(COURSE, 2, set())}
    assert statuses["flare-ups"] != "locked"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["lesson"][0].update(colour="red"), "colour"),
        (lambda d: d["lesson"][0]["check"][0].update(answer=5), "not one of the"),
        (lambda d: d["lesson"][0].update(sources=["nowhere"]), "unknown sources"),
        (lambda d: d["lesson"][0].update(picture="sunset"), "picture 'sunset'"),
        (lambda d: d["lesson"][1].update(release_day=3), "opens on day 0"),
        (lambda d: d["lesson"][2].update(id=d["lesson"][0]["id"]), "unique"),
        (lambda d: d["lesson"][0]["check"].pop(), "check"),
        (lambda d: d["lesson"][0]["screens"].append(d["lesson"][0]["screens"][0]), "screens"),
        (lambda d: d["lesson"][0].update(screens_from="screening"), "not both"),
        (lambda d: d["lesson"][0].update(release_day=400), "release_day"),
        (lambda d: d["lesson"][1]["help"].pop(), "has help for"),
        (lambda d: d["lesson"][1]["help"][0].update(action="Rest at home."), "should match"),
        (
            lambda d: d["lesson"][1]["help"][0].update(
                action="If any of these are true for you, rest at home."
            ),
            "own action",
        ),
        (lambda d: d["lesson"][0].update(help=d["lesson"][1]["help"]), "only for a lesson"),
    ],
)
def test_broken_lessons_are_refused_naming_the_problem(change: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        CourseData.model_validate(changed(change))


def test_a_broken_file_is_one_error_naming_the_file_and_the_field(tmp_path: Path) -> None:
    text = LESSONS_PATH.read_text().replace(
        'release_day = 0\npicture = "pain-alarm"',
        'release_day = 0\ncolour = "red"\npicture = "pain-alarm"',
    )
    path = tmp_path / "lessons.toml"
    path.write_text(text)
    with pytest.raises(LessonsError, match=r"lessons\.toml: lesson\.0\.colour"):
        load_course(path)


# Reading age about 11 (UK year 6-7, US grade 5-6): short sentences and short words.
SENTENCE = re.compile(r"[^.!?]+[.!?]")
WORDS = re.compile(r"[A-Za-z']+")


def syllables(word: str) -> int:
    """A plain vowel-group count, the usual estimate behind readability scores."""
    word = word.lower().strip("'")
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups) - (1 if word.endswith("e") and len(groups) > 1 else 0)
    return max(1, count)


def grade(text: str) -> float:
    """Flesch-Kincaid grade level of ``text``."""
    sentences = SENTENCE.findall(text) or [text]
    words = WORDS.findall(text)
    per_sentence = len(words) / len(sentences)
    per_word = sum(syllables(word) for word in words) / len(words)
    return 0.39 * per_sentence + 11.8 * per_word - 15.59


def test_the_measure_tells_plain_words_from_dense_ones() -> None:
    assert grade("Move a little every day. It helps.") < 3
    dense = (
        "Musculoskeletal nociceptive sensitisation frequently necessitates individualised "
        "multidisciplinary rehabilitation programmes incorporating graded exposure."
    )
    assert grade(dense) > 15


def authored_text(lesson_id: str) -> str:
    lesson = COURSE.get(lesson_id)
    assert lesson is not None
    parts = [p for s in lesson.screens for p in (*s.paragraphs, *s.points)]
    parts += [q.question for q in lesson.check] + [q.why for q in lesson.check]
    return " ".join(part if part.endswith((".", "?", "!")) else part + "." for part in parts)


@pytest.mark.parametrize("lesson_id", sorted(TOPICS - {"when-to-get-help"}))
def test_each_lesson_reads_at_about_age_11(lesson_id: str) -> None:
    text = authored_text(lesson_id)
    assert grade(text) <= 6.0, f"{lesson_id}: grade {grade(text):.1f}"
    longest = max(len(WORDS.findall(s)) for s in SENTENCE.findall(text))
    assert longest <= 20, f"{lesson_id}: a sentence of {longest} words"


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_every_picture_is_an_svg_with_a_title(name: str) -> None:
    svg = diagram_svg(name)
    assert svg is not None and svg.startswith("<svg ") and svg.endswith("</svg>")
    assert re.search(r"<title>[^<]{10,}</title>", svg)
    assert diagram_svg("no-such-picture") is None


# The schedule ---------------------------------------------------------------------

days = st.integers(min_value=0, max_value=100)
done_sets = st.sets(st.sampled_from(COURSE.ids))


@given(days, done_sets)
def test_a_lesson_is_locked_exactly_until_its_day_unless_done(day: int, done: set[str]) -> None:
    for status in course_status(COURSE, day, done):
        if status.lesson.id in done:
            assert status.state == "done"
        else:
            assert (status.state == "locked") == (status.lesson.release_day > day)
        assert status.opens_in == max(0, status.lesson.release_day - day)


@given(days, done_sets)
def test_next_is_the_first_open_lesson_not_done(day: int, done: set[str]) -> None:
    statuses = course_status(COURSE, day, done)
    waiting = [s for s in statuses if s.state in ("next", "open")]
    assert [s.state for s in waiting][:1] == (["next"] if waiting else [])
    assert sum(s.state == "next" for s in statuses) <= 1
    assert next_lesson(statuses) == (waiting[0] if waiting else None)


def test_on_day_0_the_first_lessons_and_the_help_lesson_are_open() -> None:
    statuses = {s.lesson.id: s.state for s in course_status(COURSE, 0, set())}
    assert statuses["how-pain-works"] == "next"
    assert statuses["when-to-get-help"] == "open"
    assert statuses["sleep-and-stress"] == "locked"


def test_lessons_come_in_release_order() -> None:
    release = [lesson.release_day for lesson in COURSE.lessons]
    assert release == sorted(release)


def test_the_course_day_counts_from_the_first_plan_and_never_goes_negative() -> None:
    start = date(2026, 3, 2)
    assert course_day(None, start) == 0
    assert course_day(start, start) == 0
    assert course_day(start, start + timedelta(days=9)) == 9
    assert course_day(start, start - timedelta(days=3)) == 0


# The check -----------------------------------------------------------------------


def test_the_check_marks_each_answer_and_explains_it() -> None:
    lesson = COURSE.lessons[0]
    right = [q.answer for q in lesson.check]
    assert all(m.correct for m in mark_check(lesson, right))
    wrong = [(right[0] + 1) % len(lesson.check[0].choices), right[1]]
    first, second = mark_check(lesson, wrong)
    assert not first.correct and first.why == lesson.check[0].why
    assert first.right_answer == lesson.check[0].choices[right[0]]
    assert second.correct


@pytest.mark.parametrize("answers", [[], [0], [0, 0, 0], [0, 9], [-1, 0], [True, 0]])
def test_answers_that_do_not_fit_the_check_are_refused(answers: list[int]) -> None:
    with pytest.raises(CheckAnswerError):
        mark_check(COURSE.lessons[0], answers)


def test_the_loop_has_pointed_arrowheads_and_the_help_picture_shows_999_and_112() -> None:
    loop = diagram_svg("sleep-stress-loop") or ""
    assert loop.count("<polygon ") == 3 and 'r="6"' not in loop
    assert "999 / 112" in (diagram_svg("help-levels") or "")
