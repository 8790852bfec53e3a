"""The questionnaire data (questions.toml): complete, strict, in order, and worded once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from supple.answers import QUESTION_FIELDS, RED_FLAGS, allowed_values
from supple.screening import default_rules
from supple.screening.questions import (
    MISSING_LIMIT,
    QUESTIONS_PATH,
    QuestionsError,
    default_questions,
    load_questions,
)
from supple.screening.questions_doc import questions_markdown

SRC = Path(__file__).parents[1] / "src"


def test_the_questions_cover_exactly_the_answers_fields_once() -> None:
    questions = default_questions()
    assert sorted(q.id for q in questions.question) == sorted(QUESTION_FIELDS)


def test_every_choice_question_offers_each_allowed_value_once_with_a_label() -> None:
    for question in default_questions().question:
        if question.kind in ("choice", "choices"):
            values = [o.value for o in question.options or []]
            assert sorted(values) == sorted(allowed_values(question.id) or ()), question.id
            assert all(o.label for o in question.options or [])


def test_the_warning_signs_come_first_and_every_red_flag_is_asked_before_the_pain() -> None:
    questions = default_questions()
    assert questions.page[0].id == "warning_signs"
    pages = {q.id: questions.page_number(q.page) for q in questions.question}
    for name in RED_FLAGS:  # follow-ups too: an emergency answer is met after page 1
        assert pages[f"red_flags.{name}"] == 1, name
    assert pages["pain.legs_both_new_or_worse"] == 1
    assert questions.by_id("pain.intensity").page != "warning_signs"


def test_every_emergency_is_decided_by_the_first_page_alone() -> None:
    questions = default_questions()
    first = {q.id for q in questions.on_page("warning_signs")}
    for rule in default_rules().rule:
        if rule.level == "emergency":
            assert rule.when.fields() <= first, rule.id


@pytest.mark.parametrize(
    ("field", "shown", "hidden"),
    [
        ("red_flags.pregnancy_warning", {"about.pregnancy": "pregnant"}, {"about.pregnancy": "no"}),
        (
            "red_flags.pregnancy_warning",
            {"about.pregnancy": "pregnant"},
            {"about.pregnancy": "gave_birth_last_12_weeks"},
        ),
        (
            "red_flags.cannot_bear_weight_after_fall",
            {"pain.onset": "after_fall_or_knock"},
            {"pain.onset": "after_effort"},
        ),
        (
            "red_flags.walking_much_harder_after_fall",
            {"pain.onset": "after_fall_or_knock"},
            {"pain.onset": "gradual"},
        ),
        (
            "pain.legs_both_new_or_worse",
            {"pain.legs.left": "thigh", "pain.legs.right": "below_knee"},
            {"pain.legs.left": "below_knee", "pain.legs.right": "none"},
        ),
    ],
)
def test_conditional_questions_appear_only_when_they_apply(
    field: str, shown: dict[str, str], hidden: dict[str, str]
) -> None:
    question = default_questions().by_id(field)
    assert question.shown(shown) is True
    assert question.shown(hidden) is False


def test_grouped_questions_are_yes_no_and_on_their_groups_page() -> None:
    questions = default_questions()
    for question in questions.question:
        if question.group:
            assert question.kind == "yes_no"
            assert questions.group_by_id(question.group).page == question.page


PRIMING = re.compile(r"usual answer|most people|normally no|probably not", re.IGNORECASE)


def test_no_question_primes_the_answer() -> None:
    questions = default_questions()
    texts = [questions.labels.none_of_these, *(p.intro for p in questions.page)]
    for question in questions.question:
        texts += [question.text, question.why, *(o.label for o in question.options or [])]
    texts += [g.text for g in questions.group] + [g.why for g in questions.group]
    assert not [t for t in texts if PRIMING.search(t)]


def _wordings() -> list[str]:
    questions = default_questions()
    found = [q.text for q in questions.question] + [q.why for q in questions.question]
    found += [g.text for g in questions.group]
    found += [o.label for q in questions.question for o in q.options or [] if len(o.label) > 25]
    return [text for text in found if len(text) > 25]


def test_each_question_is_worded_only_in_questions_toml() -> None:
    sources = [
        path
        for path in SRC.rglob("*")
        if path.suffix in {".py", ".html", ".js", ".toml", ".md"} and path != QUESTIONS_PATH
    ]
    texts = {path: path.read_text(encoding="utf-8") for path in sources}
    twice = [
        (wording, str(path.relative_to(SRC)))
        for wording in _wordings()
        for path, text in texts.items()
        if wording in text
    ]
    assert twice == []


def test_every_question_and_group_says_briefly_what_to_do_when_left_unanswered() -> None:
    """Issue 11: a list of unanswered questions once repeated each long question; each has
    its own short instruction instead, never the question again."""
    questions = default_questions()
    worded = [(q.id, q.text, q.missing) for q in questions.question]
    worded += [(g.id, g.text, g.missing) for g in questions.group]
    for name, text, missing in worded:
        assert 2 <= len(missing) <= MISSING_LIMIT, name
        assert missing != text and text not in missing, name
    for question in questions.question:
        if question.kind == "yes_no":
            assert question.missing.startswith("Answer yes or no: "), question.id
    messages = [missing for _, _, missing in worded]
    assert len(set(messages)) == len(messages)  # each says which question it is about


def test_only_a_choice_of_several_may_count_ticking_none_as_an_answer() -> None:
    empty_is_fine = [q.id for q in default_questions().question if q.empty_is_an_answer]
    assert empty_is_fine == ["preferences.equipment"]


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = QUESTIONS_PATH.read_text()
    assert old in text
    path = tmp_path / "questions.toml"
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ('id = "about.age"', 'id = "about.years"', "about.years"),
        ('id = "pain.first_episode"', 'id = "pain.assessed"', "pain.first_episode"),
        ('{ value = "pregnant", label = "I am pregnant" },\n', "", "pregnant"),
        ('kind = "choice"\ntext = "Are you', 'kind = "yes_no"\ntext = "Are you', "choice"),
        ("hidden_value = false\n", "", "hidden_value"),
        ('page = "preferences"\nkind = "number"', 'page = "nowhere"\nkind = "number"', "nowhere"),
        ('why = "Some warning signs', 'whi = "Some warning signs', "whi"),
        ('missing = "Type your age in whole years."\n', "", "missing"),
        ('missing = "Type your age in whole years."', f'missing = "{"x" * 71}"', "missing"),
        (
            'missing = "Answer each of the nerve signs',
            'missin = "Answer each of the nerve',
            "missin",
        ),
        (
            'missing = "Choose the side the pain is on."',
            'missing = "Which side is the pain on?"',
            "repeat",
        ),
        (
            'missing = "Choose the side',
            'empty_is_an_answer = true\nmissing = "Choose the side',
            "pain.side",
        ),
        (
            '{ field = "about.pregnancy", is = "pregnant" }',
            '{ field = "pain.trend", is = "worse" }',
            "pain.trend",
        ),
    ],
)
def test_a_broken_questions_file_is_refused_naming_the_problem(
    tmp_path: Path, old: str, new: str, named: str
) -> None:
    with pytest.raises(QuestionsError) as caught:
        load_questions(_broken(tmp_path, old, new))
    assert named in str(caught.value) and "questions.toml" in str(caught.value)


def test_the_published_questions_doc_is_written_from_the_data() -> None:
    published = (Path(__file__).parents[1] / "docs" / "questions.md").read_text()
    assert published == questions_markdown(), (
        "regenerate with: .venv/bin/python -m supple.screening.questions_doc docs/questions.md"
    )


def test_the_physiotherapists_wording_review() -> None:
    """Issue 11 review: time frames, plain words, present-tense groups, no hint of which
    answer leads to the emergency page, and clearance labels that read in its sentence."""
    questions = default_questions()

    def text(field: str) -> str:
        return questions.by_id(field).text

    assert "since this pain began" in text("red_flags.fever").lower()
    assert "last few months without trying" in text("red_flags.weight_loss")
    for field in ("red_flags.back_lump_or_shape",):
        assert questions.by_id(field).group == "body"  # "Do you have any of these?"
    trauma = questions.by_id("red_flags.major_trauma")
    assert trauma.text.startswith("The pain started after a serious accident")
    assert questions.group_by_id(str(trauma.group)).text == "Is any of these true of the pain?"
    assert text("pain.assessed").startswith("Since this bout of pain began")
    assert "a year is 52" in text("pain.weeks")
    for field in ("red_flags.numbness_tingling", "red_flags.leg_weakness"):
        why = questions.by_id(field).why.lower()
        assert "straight away" not in why and "one leg or both" in why
    assert "coming (ejaculating)" in text("red_flags.sexual_change")
    assert "top of your inner thighs" in text("red_flags.saddle_numbness")
    for field in ("history.immune_or_drug_risk", "history.bone_fragility"):
        assert "yes to both" in questions.by_id(field).why
    assert not re.search(r"\d{4}-\d\d-\d\d", questions.clearance.date)  # the web picker
    assert re.search(r"\d{4}-\d\d-\d\d", questions.clearance.date_example)
    labels = {r.id: r.label for r in default_rules().rule}
    assert labels["cough_sneeze_worse"].startswith("pain ")
    assert labels["under_16"] == "being under 16"
