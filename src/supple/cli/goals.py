"""``supple goals`` (the activities the pain makes hard, rated 0-10: the PSFS) and
``supple review`` (the 4-week review: goals, PEG-3 and pain, first against now).

Both read and write through the store and leave every decision to the core
(``supple.outcomes``) through ``supple.goal_review``, which the web pages share.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import click

from supple.cli.common import console, emit_json, fail

if TYPE_CHECKING:
    from supple.goal_review import GoalReview
    from supple.outcomes import PsfsRating

DIRECTION_WORDS = {
    "better": "real improvement",
    "worse": "really worse",
    "no_change": "no real change",
    "unknown": "not enough to compare yet",
}
RATE_HINT = "Rate each from 0 (cannot do it) to 10 (as well as before the pain)."


def parse_goal(text: str, number: int) -> tuple[str, object]:
    """``"Tying my shoes=4"`` as (activity, rating); the rating is left for the core to
    check, so every bad rating gets the same message on the web and here."""
    activity, equals, rating = text.rpartition("=")
    if not equals:
        fail(
            f"goal {number} ('{text}') has no rating; write it as ACTIVITY=RATING, "
            "e.g. 'Tying my shoes=4'.",
            RATE_HINT,
        )
    stripped = rating.strip()
    digits = stripped.lstrip("-")
    return activity, int(stripped) if digits.isdigit() and digits.isascii() else stripped


def _show_goals(rating: PsfsRating | None) -> None:
    from supple.outcomes import default_outcomes_data

    out = console()
    if rating is None:
        out.print("No goals yet. Name up to three activities the pain makes hard, each rated")
        out.print("0 (cannot do it) to 10 (as well as before the pain), for example:")
        out.print('  supple goals "Tying my shoes=4" "Walking for 20 minutes=3"')
        ideas = ", ".join(default_outcomes_data().suggestions.activities)
        out.print(f"Ideas: {ideas}. Your own words are best.")
        return
    out.print(f"Your goals, rated on {rating.on.isoformat()} (0 cannot do it, 10 as before):")
    for item in rating.items:
        out.print(f"  {item.activity}: {item.score}")
    out.print(f"Score (the average): {float(rating.score):.1f}. Rated again at each 4-week review.")


@click.command()
@click.argument("goals", nargs=-1, metavar="[ACTIVITY=RATING]...")
@click.option("--json", "as_json", is_flag=True, help="Print the goals as JSON.")
def goals(goals: tuple[str, ...], as_json: bool) -> None:
    """Name up to three activities the pain makes hard and rate each 0-10.

    0 means you cannot do it, 10 that you do it as well as before the pain. With no
    activities, shows your goals. The same activities are rated again at each 4-week
    review (supple review), so you can see change in your own life.
    """
    from supple.goal_review import psfs_rating
    from supple.outcomes import PsfsError, check_items
    from supple.settings import get_settings
    from supple.store import StoreError, open_store

    profile = get_settings().profile
    if not goals:
        try:
            with open_store(read_only=True) as store:
                records = store.psfs_ratings(profile)
        except (StoreError, OSError) as error:
            fail(f"cannot read your records: {error}")
        if as_json:
            emit_json([record.to_dict() for record in records])
            return
        _show_goals(psfs_rating(records[-1]) if records else None)
        return
    try:
        items = check_items([parse_goal(text, n) for n, text in enumerate(goals, 1)])
    except PsfsError as error:
        fail(str(error))
    try:
        with open_store() as store:
            record = store.save_psfs(
                profile, [{"activity": i.activity, "score": i.score} for i in items]
            )
    except (StoreError, OSError) as error:
        fail(f"cannot save your goals: {error}")
    if as_json:
        emit_json(record.to_dict())
        return
    _show_goals(psfs_rating(record))


def render_review(found: GoalReview) -> list[Any]:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from supple.outcomes import groc_label

    review = found.review
    parts: list[Any] = []
    schedule = review.schedule
    if schedule.first_plan is None:
        return [Text("No plan yet: the 4-week review starts from your first plan (supple start).")]
    if schedule.due_on is not None:
        parts.append(Text(f"Your 4-week review is due (since {schedule.due_on:%d %B %Y}).", "bold"))
    elif schedule.next_on is not None:
        parts.append(Text(f"Your next 4-week review is on {schedule.next_on:%d %B %Y}."))
    table = Table(title="First against now", title_justify="left", box=None)
    for column in ("Measure", "First", "Now", "Change", "A real change is", "So"):
        table.add_column(column)
    for change in review.changes:
        first = "-" if change.first is None else f"{float(change.first.value):.1f}"
        now = "-" if change.now is None else f"{float(change.now.value):.1f}"
        moved = change.change
        shown = "-" if moved is None else f"{float(moved):+.1f}"
        table.add_row(
            change.to_dict()["name"],
            first,
            now,
            shown,
            change.threshold,
            DIRECTION_WORDS[change.direction],
        )
    parts.append(table)
    if review.groc is not None:
        parts.append(Text(f"Your own rating of the change: {groc_label(review.groc)}"))
    parts.append(Text(review.summary, style="bold"))
    style = "red" if review.escalation or review.verdict == "worse" else "green"
    parts.append(
        Panel(Text(review.plan_advice), title="What it means for your plan", border_style=style)
    )
    return parts


@click.command()
@click.option(
    "--groc",
    type=int,
    help="Record the review: how you are since you started, -7 (a very great deal worse) "
    "to +7 (a very great deal better), 0 about the same.",
)
@click.option(
    "--score",
    "scores",
    type=int,
    multiple=True,
    help="With --groc: rate each of your goals again, 0-10, in the order they are listed.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the review as JSON.")
def review(groc: int | None, scores: tuple[int, ...], as_json: bool) -> None:
    """The 4-week review: your goals, weekly check-in and pain, first against now.

    Says whether each change is big enough to be real, and what that means for your
    plan. It is due every 4 weeks from your first plan; record it with --groc (and
    --score for each goal).
    """
    from supple.catalog import default_catalog
    from supple.documents.review import review_document
    from supple.goal_review import goal_review
    from supple.outcomes import GrocError, PsfsError, check_groc, check_items
    from supple.settings import get_settings
    from supple.store import StoreError, open_store

    profile = get_settings().profile
    catalog = default_catalog()
    today = date.today()
    if groc is None and scores:
        fail("--score rates your goals as part of a review; give --groc too.")
    if groc is not None:
        try:
            check_groc(groc)
        except GrocError as error:
            fail(str(error))
    try:
        with open_store(read_only=groc is None) as store:
            found = goal_review(store, profile, catalog, today)
            if groc is not None:
                schedule = found.review.schedule
                if not schedule.due:
                    when = (
                        f"on {schedule.next_on:%d %B %Y}"
                        if schedule.next_on
                        else "4 weeks after your first plan (supple start)"
                    )
                    fail(f"no review is due yet; your next one is {when}.")
                goals_now = found.current_goals
                rated: list[dict[str, Any]] | None = None
                if goals_now is not None:
                    names = [item.activity for item in goals_now.items]
                    if len(scores) != len(names):
                        fail(
                            f"{len(scores)} --score given for {len(names)} goals; rate each "
                            f"again, in order: {', '.join(names)}.",
                            RATE_HINT,
                        )
                    try:
                        items = check_items(list(zip(names, scores, strict=True)))
                    except PsfsError as error:
                        fail(str(error))
                    rated = [{"activity": i.activity, "score": i.score} for i in items]
                elif scores:
                    fail("you have no goals to rate yet; set them first with supple goals.")
                store.save_review(profile, groc, rated)
                found = goal_review(store, profile, catalog, today)
    except (StoreError, OSError) as error:
        fail(f"cannot read your records: {error}")
    if as_json:
        emit_json(review_document(found).to_json())
        return
    out = console()
    for part in render_review(found):
        out.print(part)


__all__ = ["goals", "review"]
