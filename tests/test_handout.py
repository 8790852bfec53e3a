"""The printable handout: what a person pins up must be complete, safe and two pages.

Plans come from the real planner run on the shared answer fixtures, exactly as
`supple plan --json` would print them, and PDFs are read back with pypdf.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import json
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner

from screen_cases import TODAY
from supple.calendar.schedule import Schedule
from supple.catalog import default_catalog
from supple.cli import cli
from supple.dosage import item_dose_line
from supple.figures.library import pose_ids
from supple.handout import PlanDocumentError, handout_html, handout_pdf, routine_of
from supple.handout.model import (
    HARDER_WAITS,
    figure_plan,
    first_sentence,
    routine_name,
    tick_table,
)
from supple.planning import build_plan
from supple.planning.routine import RoutineItem
from supple.screening.rules import default_rules

ANSWERS = Path(__file__).parent / "fixtures" / "answers"
TYPICAL = ("ok", "caution", "cleared")  # the fixtures whose screen allows a routine
PAPERS = ("a4", "letter")
PAGE_POINTS = {"a4": (595, 842), "letter": (612, 792)}

runner = CliRunner()


def render_group(name: str, paper: str) -> pytest.MarkDecorator:
    """The xdist group of every test reading one plan's PDF on one paper: one worker
    runs them (--dist loadgroup), so each PDF is rendered once (``rendered`` keeps it),
    while the different PDFs are rendered on both workers at once."""
    return pytest.mark.xdist_group(f"handout-{name}-{paper}")


RENDERS = [
    pytest.param(name, paper, marks=render_group(name, paper), id=f"{name}-{paper}")
    for name in TYPICAL
    for paper in PAPERS
]


def plan_for(name: str, minutes: int = 15, level: str | None = None) -> dict[str, Any]:
    from supple.answers import parse_answers

    raw = json.loads((ANSWERS / f"{name}.json").read_text())
    chosen: Any = level
    plan = build_plan(
        parse_answers(raw), default_catalog(), minutes=minutes, level=chosen, today=TODAY
    )
    return plan.to_dict()


def flat(text: str) -> str:
    """PDF text with line breaks and doubled spaces folded, as a reader sees it."""
    return " ".join(text.split())


@cache
def rendered(name: str, paper: str) -> tuple[dict[str, Any], tuple[str, ...], tuple[float, float]]:
    """(plan, text of each page, page size in points) for a 15-minute plan's PDF."""
    plan = plan_for(name)
    reader = pypdf.PdfReader(io.BytesIO(handout_pdf(plan, paper=paper)))
    box = reader.pages[0].mediabox
    return plan, tuple(flat(page.extract_text()) for page in reader.pages), (box.width, box.height)


def items_of(plan: dict[str, Any]) -> list[RoutineItem]:
    return list(routine_of(plan, default_catalog()).items)


def page_holding(pages: tuple[str, ...], fragment: str) -> int:
    found = [number for number, text in enumerate(pages) if flat(fragment) in text]
    assert found, f"not on any page: {fragment!r}"
    return found[0]


@pytest.mark.parametrize(("name", "paper"), RENDERS)
def test_a_15_minute_routine_fits_two_pages_with_every_exercise_and_dose(
    name: str, paper: str
) -> None:
    plan, pages, size = rendered(name, paper)
    assert plan["routine"]["minutes_requested"] == 15
    assert len(pages) <= 2, f"{name} on {paper}: {len(pages)} pages"
    assert tuple(round(side) for side in size) == PAGE_POINTS[paper]
    text = " ".join(pages)
    catalog = default_catalog()
    for number, item in enumerate(items_of(plan), start=1):
        assert f"{number} {item.name} {item_dose_line(item)}" in text
        exercise = catalog.exercises[item.exercise]
        # No exercise is split across pages: its heading, first step and last line share one.
        last_variant = [v for v in exercise.variants if v.name != item.variant][-1]
        where = {
            page_holding(pages, f"{item.name} {item_dose_line(item)}"),
            page_holding(pages, exercise.steps[0]),
            page_holding(pages, exercise.steps[-1]),
            page_holding(pages, last_variant.how),
            page_holding(pages, exercise.cues.feel),
        }
        assert len(where) == 1, f"{item.name} is split across pages {sorted(where)}"


@render_group("ok", "a4")
def test_the_sheet_opens_with_its_name_date_and_the_safety_box() -> None:
    plan, pages, _ = rendered("ok", "a4")
    first = pages[0]
    routine = routine_of(plan, default_catalog())
    assert first.startswith(routine_name(routine))
    assert "Made " in first
    assert "Safety first" in first
    catalog = default_catalog()
    for key in ("warm-up-first", "gentle-tension", "stop-on-sharp-pain"):
        principle = catalog.principles[key]
        assert f"{principle.title}. {flat(principle.rule)}" in first
    rules = default_rules()
    for level in ("emergency", "urgent"):
        assert rules.levels[level].title in first
        signs = rules.at_level(level)
        assert signs
        for rule in signs:
            assert flat(first_sentence(rule.advice)) in first, rule.id
    # The safety box comes before the first exercise.
    assert first.index("Safety first") < first.index(f"1 {routine.items[0].name}")


def test_routine_name_shows_level_mode_and_whole_minutes() -> None:
    ok = routine_of(plan_for("ok"), default_catalog())
    gentle = routine_of(plan_for("caution"), default_catalog())
    minutes = -(-ok.estimated_seconds // 60)
    assert routine_name(ok) == f"{ok.level.capitalize()} routine, {minutes} minutes"
    assert gentle.gentle and routine_name(gentle).startswith(f"Gentle {gentle.level} routine")


@render_group("caution", "a4")
def test_a_gentle_plan_says_which_easier_version_to_start_with() -> None:
    plan, pages, _ = rendered("caution", "a4")
    text = " ".join(pages)
    easier = [item for item in items_of(plan) if item.variant]
    assert easier, "the caution fixture should give at least one easier version"
    catalog = default_catalog()
    for item in easier:
        variant = next(
            v for v in catalog.exercises[item.exercise].variants if v.name == item.variant
        )
        # Named and explained once, at the top of the exercise, so it can be followed.
        assert f"Start with the easier version: {item.variant}. {flat(variant.how)}" in text
        assert text.count(flat(variant.how)) == 1


class _Tree(HTMLParser):
    """Checks that every element is closed in order and collects what the tests need."""

    VOID = frozenset({"meta", "img", "br", "hr", "link", "input", "col", "source"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.articles: list[str] = []
        self.images: dict[str, list[dict[str, str]]] = {}
        self.cells: list[str] = []
        self.rows = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "article":
            self.articles.append(values["id"])
            self.images[values["id"]] = []
        if tag == "img" and self.articles and "article" in self.stack:
            self.images[self.articles[-1]].append(values)
        if tag == "td" and values.get("class") in ("planned", "rest"):
            self.cells.append(values["class"])
        if tag == "tr" and "tbody" in self.stack:
            self.rows += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()


def parse(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert not tree.errors, tree.errors[:5]
    assert not tree.stack, f"unclosed: {tree.stack}"
    return tree


def test_html_parses_with_one_block_per_exercise_in_plan_order_and_both_sides_drawn() -> None:
    plan = plan_for("ok")
    html = handout_html(plan, paper="letter")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "size: letter;" in html and "break-inside: avoid" in html
    tree = parse(html)
    items = items_of(plan)
    assert tree.articles == [f"ex-{item.exercise}" for item in items]
    drawn = set(pose_ids())
    for item in items:
        images = tree.images[f"ex-{item.exercise}"]
        assert item.exercise in drawn, f"{item.exercise} has no pose to draw"
        exercise = default_catalog().exercises[item.exercise]
        expected = figure_plan(item, exercise)
        assert len(images) == len(expected)
        for image, (side, phase, _) in zip(images, expected, strict=True):
            assert image["src"].startswith("data:image/svg+xml;base64,")
            svg = base64.b64decode(image["src"].split(",", 1)[1]).decode()
            assert svg.startswith("<svg") and "<title" in svg
            if item.per_side:
                assert f"{side} side" in image["alt"] and f"{side} side" in svg
            # Paper cannot animate: static positions are embedded.
            assert "<animate" not in svg and "@keyframes" not in svg
            assert f"-{side}-{phase}-title" in svg


def _svgs(html: str, exercise_id: str) -> list[str]:
    return [
        base64.b64decode(image["src"].split(",", 1)[1]).decode()
        for image in parse(html).images[f"ex-{exercise_id}"]
    ]


def test_rep_and_flow_moves_print_both_positions_and_stretches_their_hold() -> None:
    """Paper cannot animate, so cat-cow prints the cat and the cow (start and end), a
    one-sided rep move its start and each side's end, and a held stretch or a warm-up
    rhythm one position."""
    catalog = default_catalog()
    item = items_of(plan_for("ok"))[0]

    def drawn(exercise_id: str, per_side: bool) -> list[tuple[str, str]]:
        one = dataclasses.replace(item, exercise=exercise_id, per_side=per_side)
        return [
            (side, phase) for side, phase, _ in figure_plan(one, catalog.exercises[exercise_id])
        ]

    assert drawn("cat-cow", False) == [("left", "start"), ("left", "end")]
    assert drawn("clamshell", True) == [("left", "start"), ("left", "end"), ("right", "end")]
    assert drawn("march-in-place", False) == [("left", "end")]
    assert drawn("pigeon-pose", True) == [("left", "end"), ("right", "end")]
    assert drawn("childs-pose", False) == [("left", "end")]


def test_the_sheets_drawer_gives_the_cat_and_the_cow_as_stills() -> None:
    from supple.handout.export import figure_drawer

    draw = figure_drawer()
    cat, cow = draw("cat-cow", "left", "start", None), draw("cat-cow", "left", "end", None)
    assert cat is not None and cow is not None and cat != cow
    assert "start position" in cat and "end position" in cow
    assert "<animate" not in cat + cow


def test_tick_table_follows_the_chosen_days_and_weeks() -> None:
    tree = parse(handout_html(plan_for("ok"), days="mon,wed,fri", weeks=6))
    assert tree.rows == 6
    assert tree.cells.count("planned") == 3 * 6 and tree.cells.count("rest") == 4 * 6
    assert tree.cells[:7] == ["planned", "rest", "planned", "rest", "planned", "rest", "rest"]
    daily = tick_table(Schedule(tuple(range(7)), 2))
    assert daily.schedule == "every day" and all(all(row.planned) for row in daily.rows)


def test_a_withheld_plan_cannot_be_printed() -> None:
    plan = plan_for("emergency")
    assert plan["routine"] is None
    with pytest.raises(PlanDocumentError, match="withheld"):
        handout_html(plan)


# The command line -----------------------------------------------------------------


def write_plan(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(plan_for(name)))
    return path


def test_cli_writes_a_pdf_and_an_html_handout(tmp_path: Path) -> None:
    plan_file = write_plan(tmp_path, "ok")
    pdf = tmp_path / "sheet.pdf"
    result = runner.invoke(cli, ["handout", "--plan", str(plan_file), "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) <= 2
    assert "Safety first" in reader.pages[0].extract_text()
    html = tmp_path / "sheet.html"
    result = runner.invoke(
        cli, ["handout", "--plan", str(plan_file), "-o", str(html), "--paper", "letter"]
    )
    assert result.exit_code == 0, result.output
    assert "size: letter;" in html.read_text()


@pytest.mark.parametrize(
    ("option", "value", "named"),
    [
        ("--paper", "a5", "a4, letter"),
        ("--days", "mon,funday", "mon,tue,wed"),
        ("--days", "mon,mon", "each day once"),
        ("--weeks", "0", "1 to 52"),
        ("-o", "sheet.docx", ".pdf or .html"),
    ],
)
def test_cli_bad_values_exit_2_naming_value_and_form(
    tmp_path: Path, option: str, value: str, named: str
) -> None:
    plan_file = write_plan(tmp_path, "ok")
    target = tmp_path / "sheet.pdf"
    args = ["handout", "--plan", str(plan_file), "-o", str(target)]
    if option == "-o":
        target = tmp_path / value
        args[-1] = str(target)
    else:
        args += [option, value]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert value in result.stderr and named in result.stderr
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [plan_file]


def test_cli_refuses_a_withheld_plan_and_writes_nothing(tmp_path: Path) -> None:
    plan_file = write_plan(tmp_path, "emergency")
    target = tmp_path / "sheet.pdf"
    result = runner.invoke(cli, ["handout", "--plan", str(plan_file), "-o", str(target)])
    assert result.exit_code == 2
    assert "withheld" in result.stderr and not target.exists()


def test_cli_prints_the_latest_saved_plan(tmp_path: Path) -> None:
    target = tmp_path / "latest.html"
    result = runner.invoke(cli, ["handout", "--plan", "latest", "-o", str(target)])
    assert result.exit_code == 2 and "no saved plan" in result.stderr, result.output
    saved = runner.invoke(cli, ["plan", "--answers", str(ANSWERS / "caution.json")])
    assert saved.exit_code == 0 and "not saved" not in saved.stderr, saved.output
    result = runner.invoke(cli, ["handout", "--plan", "latest", "-o", str(target)])
    assert result.exit_code == 0, (result.output, result.stderr)
    html = target.read_text()
    assert "Gentle beginner routine" in html
    for item in items_of(plan_for("caution")):
        assert f'id="ex-{item.exercise}"' in html


def test_the_sheets_drawer_draws_the_variant_a_plan_chose() -> None:
    from supple.handout.export import figure_drawer

    draw = figure_drawer()
    chair = draw("seated-spinal-twist", "left", "end", "On a chair")
    floor = draw("seated-spinal-twist", "left", "end", None)
    assert chair is not None and "Seated spinal twist (On a chair)" in chair and chair != floor
    # a variant without its own pose keeps the exercise's drawing
    assert draw("seated-spinal-twist", "left", "end", "Elbow hook") == floor


def test_no_harder_versions_are_printed_while_an_escalation_stands() -> None:
    """Issue 13, F11: with the advice to see a GP or physiotherapist standing, the sheet
    offers no progression: each "Harder:" line says it waits for that check instead."""
    plan = plan_for("ok")
    plain = handout_html(plan, made_on=TODAY)
    assert plain.count("<strong>Harder:</strong>\n") > 0  # the ok plan has harder versions
    warned = handout_html(
        {**plan, "escalation": "Time to see a GP or physiotherapist."}, made_on=TODAY
    )
    assert "Please read this first" in warned
    assert "<strong>Harder:</strong>\n" not in warned
    assert warned.count(HARDER_WAITS) == plain.count("<strong>Harder:</strong>\n")
