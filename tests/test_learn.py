"""Feature tests for ``supple learn``'s reference: the overview, single topics, JSON and bad
input (the course itself is tested in test_cli_learn_course.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from supple.catalog import default_catalog
from supple.cli import cli

runner = CliRunner()
CATALOG = default_catalog()
ALL_IDS = [*CATALOG.muscles, *CATALOG.conditions, *CATALOG.principles]


def learn(*args: str) -> Result:
    return runner.invoke(cli, ["learn", *args])


def flat(text: str) -> str:
    """The terminal text with wrapping undone, so phrases split across lines still match."""
    return " ".join(text.split())


def learn_json(*args: str) -> Any:
    result = learn(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_overview_lists_every_muscle_cause_and_principle_under_its_section() -> None:
    result = learn("reference")
    assert result.exit_code == 0, result.output
    text = result.stdout
    muscles, causes, principles = (
        text.index("Muscles"),
        text.index("Causes and conditions"),
        text.index("Safety principles"),
    )
    assert muscles < causes < principles
    for muscle in CATALOG.muscles.values():
        assert muscle.name in text[muscles:causes]
        assert muscle.id in text[muscles:causes]
    for condition in CATALOG.conditions.values():
        assert condition.id in text[causes:principles]
    for principle in CATALOG.principles.values():
        assert principle.id in text[principles:]


def test_overview_says_it_is_not_a_diagnosis() -> None:
    assert "not a diagnosis" in flat(learn("reference").stdout)


def test_a_muscle_topic_shows_its_full_entry_with_article_titles() -> None:
    piriformis = CATALOG.muscles["piriformis"]
    result = learn("piriformis")
    assert result.exit_code == 0, result.output
    text = flat(result.stdout)
    assert flat(piriformis.relevance) in text
    for source in piriformis.sources:
        assert f"{source} — {CATALOG.articles[source].title}" in text


def test_a_condition_topic_names_the_muscles_often_involved() -> None:
    sitting = CATALOG.conditions["prolonged-sitting"]
    text = flat(learn("prolonged-sitting").stdout)
    for sign in sitting.signs:
        assert flat(sign) in text
    for muscle_id in sitting.muscles:
        assert f"{CATALOG.muscles[muscle_id].name} ({muscle_id})" in text
    assert flat(sitting.see_someone) in text


def test_topics_ignore_case_spaces_and_underscores() -> None:
    assert learn_json("Hip_Flexors")["id"] == "hip-flexors"
    assert learn_json("hip arthritis")["id"] == "hip-arthritis"


def test_json_overview_contains_every_principle_and_topic() -> None:
    data = learn_json("reference")
    assert {p["id"] for p in data["principles"]} == set(CATALOG.principles)
    assert {m["id"] for m in data["muscles"]} == set(CATALOG.muscles)
    assert {c["id"] for c in data["causes"]} == set(CATALOG.conditions)
    assert set(ALL_IDS) <= set(data["topics"])


@pytest.mark.parametrize(
    ("section", "ids"),
    [
        ("muscles", set(CATALOG.muscles)),
        ("causes", set(CATALOG.conditions)),
        ("conditions", set(CATALOG.conditions)),
        ("principles", set(CATALOG.principles)),
    ],
)
def test_a_section_gives_every_entry_in_full(section: str, ids: set[str]) -> None:
    data = learn_json(section)
    assert {entry["id"] for entry in data["entries"]} == ids
    assert all(entry["sources"] for entry in data["entries"])


def test_causes_come_before_conditions_in_that_section() -> None:
    kinds = [entry["kind"] for entry in learn_json("causes")["entries"]]
    assert kinds == sorted(kinds, key=lambda kind: kind != "cause")
    assert {"cause", "condition"} == set(kinds)


@settings(max_examples=len(ALL_IDS), deadline=None)
@given(st.sampled_from(ALL_IDS))
def test_every_topic_id_resolves_and_cites_titled_articles(topic: str) -> None:
    entry = learn_json(topic)
    assert entry["id"] == topic
    assert entry["sources"]
    for source in entry["sources"]:
        assert source["title"] == CATALOG.articles[source["file"]].title


def test_every_topic_id_names_exactly_one_entry() -> None:
    assert len(ALL_IDS) == len(set(ALL_IDS))
    assert not {"muscles", "causes", "conditions", "principles"} & set(ALL_IDS)


def test_unknown_topic_exits_2_and_suggests_the_closest_ids_on_stderr() -> None:
    result = learn("piriformus")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown topic 'piriformus'" in result.stderr
    assert "Did you mean: piriformis" in result.stderr


def test_unknown_abbreviation_suggests_the_muscle_it_abbreviates() -> None:
    result = learn("QL")
    assert result.exit_code == 2
    assert "quadratus-lumborum" in result.stderr


@given(st.text(alphabet="xyzqjkv", min_size=4, max_size=12))
def test_gibberish_topics_are_refused_with_exit_2(topic: str) -> None:
    result = learn(topic)
    assert result.exit_code == 2
    assert f"unknown topic '{topic}'" in result.stderr
