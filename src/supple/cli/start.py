"""``supple start``: the questionnaire, asked in plain words in the terminal.

The questions, their order and their wording all come from questions.toml. Warning
signs come first; after each page the answers so far are screened, and an emergency
stops everything at once: nobody should sit through pain questions while they need an
ambulance. Questions that only matter in some cases are asked only then. Saved answers
from an older version are kept where they still mean the same, and the new questions
are asked before any routine. A clinician's clearance is asked per rule, with its date,
and a saved one is shown and must be confirmed again.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from supple.cli.asking import ask, ask_group
from supple.cli.clearance import ask_clearances
from supple.cli.common import console

if TYPE_CHECKING:
    from supple.answers import Answers, AnswersDocument
    from supple.screening import ScreenResult

Facts = dict[str, Any]


def _document(facts: Facts, open_paths: set[str]) -> dict[str, Any]:
    from supple.answers import still_to_answer

    document: dict[str, Any] = {"version": 2}
    for path, value in facts.items():
        *sections, name = path.split(".")
        target = document
        for section in sections:
            target = target.setdefault(section, {})
        target[name] = value
    unanswered = still_to_answer(facts, open_paths)
    if unanswered:
        document["unanswered"] = unanswered
    return document


def _stop(result: ScreenResult, message: str) -> None:
    """Show the result and end the command (exit 0: the answers were valid)."""
    from supple.cli.screen import render_screen

    click.echo("")
    console().print(render_screen(result))
    click.echo(message)
    raise click.exceptions.Exit(0)


def _check_page(
    facts: Facts, open_paths: set[str], today: dt.date, last: bool, announced: set[str]
) -> None:
    """After a page: an emergency stops here; an urgent answer is said straight away
    (once: ``announced`` keeps the urgent rules already shown)."""
    from supple.answers import read_answers
    from supple.screening import default_rules, screen

    result = screen(read_answers(_document(facts, open_paths)), today=today)
    if result.level == "emergency":
        _stop(result, "Supple stops here: please get help first. Your answers were not saved.")
    if result.level == "urgent" and not last:
        rules = default_rules()
        urgent = [r for r in result.reasons if r.level == "urgent"]
        if any(not rules.by_id(r.rule).clearable for r in urgent):
            _stop(result, "Please get checked first. Your answers were not saved.")
        if {r.rule for r in urgent} - announced:
            announced.update(r.rule for r in urgent)
            _stop_or_go_on(result)


def _stop_or_go_on(result: ScreenResult) -> None:
    from supple.cli.screen import render_screen

    click.echo("")
    console().print(render_screen(result))
    click.echo(
        "You can answer the rest now: if a GP or physiotherapist has already examined "
        "this pain and said exercise is fine, you can tell Supple at the end."
    )


def _needs_asking(question: Any, facts: Facts, to_ask: set[str]) -> bool:
    if question.id in to_ask:
        return True
    if question.shown_when is None:
        return False
    # A follow-up is asked again when what it depends on was, or it has no answer yet.
    return bool(question.shown_when.fields() & to_ask) or question.id not in facts


def ask_pages(facts: Facts, to_ask: set[str], today: dt.date) -> Facts:
    """Ask the questions in ``to_ask`` (and follow-ups that now apply), page by page."""
    from supple.answers import Preferences
    from supple.screening.questions import default_questions

    questions = default_questions()
    facts = dict(facts)
    open_paths = set(to_ask)
    defaults = Preferences().model_dump()
    announced: set[str] = set()
    pages = [p for p in questions.page if any(q.id in to_ask for q in questions.on_page(p.id))]
    for page in questions.page:
        items = [q for q in questions.on_page(page.id) if _needs_asking(q, facts, to_ask)]
        if not items:
            continue
        click.echo("")
        number, total = questions.page_number(page.id), len(questions.page)
        click.echo(click.style(f"Page {number} of {total}: {page.title}", bold=True))
        click.echo(page.intro)
        index = 0
        while index < len(items):
            question = items[index]
            if question.shown(facts) is False:
                facts.pop(question.id, None)
                if question.hidden_value is not None:
                    facts[question.id] = question.hidden_value
                open_paths.discard(question.id)
                index += 1
                continue
            if question.group is not None:
                run = [question]
                for other in items[index + 1 :]:
                    if other.group != question.group or other.shown(facts) is False:
                        break
                    run.append(other)
                group = questions.group_by_id(question.group)
                facts.update(ask_group(group.text, group.why, run))
                open_paths.difference_update(q.id for q in run)
                index += len(run)
                continue
            default = defaults.get(question.name) if question.section == "preferences" else None
            facts[question.id] = ask(question, default)
            open_paths.discard(question.id)
            index += 1
        last = page == pages[-1] if pages else True
        _check_page(facts, open_paths, today, last, announced)
    return facts


def _saved(profile: str) -> tuple[AnswersDocument | None, int | None, str | None]:
    """The last saved answers (read the one way answers are read), their id and date."""
    from supple.answers import AnswersError, read_answers
    from supple.store import StoreError, open_store

    try:
        with open_store() as store:
            record = store.latest_answers(profile)
    except (StoreError, OSError) as error:
        click.echo(f"Note: saved answers could not be read ({error}).", err=True)
        return None, None, None
    if record is None:
        return None, None, None
    try:
        document = read_answers(record.document)
    except AnswersError:
        click.echo("Your saved answers cannot be used any more, so let's go through them again.")
        return None, None, None
    return document, record.id, record.created_at.strftime("%d %B %Y")


def _store(profile: str, answers: Answers) -> int | None:
    """Keep the answers in the store; a store that cannot be opened is reported, not fatal."""
    from supple.store import StoreError, open_store

    try:
        with open_store() as store:
            answers_id = store.save_answers(profile, answers.to_dict())
    except (StoreError, OSError) as error:
        click.echo(f"Note: your answers were not saved ({error}).", err=True)
        return None
    click.echo("Your answers are saved, so you will not be asked again next time.")
    return answers_id


def _write_copy(answers: Answers, output: Path) -> None:
    """Write the answers file in one step, so a crash never leaves half a file."""
    from supple.cli.files import write_output

    write_output(output, (json.dumps(answers.to_dict(), indent=2) + "\n").encode("utf-8"))
    click.echo(f"A copy of your answers is in {output}.")


def _offer_routine(profile: str, answers: Answers, answers_id: int | None, today: dt.date) -> None:
    """Build the routine straight away if the person wants it, and keep it with the answers."""
    if not click.confirm("\nBuild your routine now?", default=True):
        click.echo("When you are ready: supple start (your answers will be offered again).")
        return
    from dataclasses import replace

    from supple.cli.plan import render_plan
    from supple.cli.progress import stored_history
    from supple.planning import plan_for
    from supple.store import StoreError, open_store

    # The warning-sign questions were answered just now, in this run.
    history = replace(stored_history(profile), warning_signs_answered=dt.datetime.now(dt.UTC))
    plan = plan_for(answers, history, today)
    out = console()
    for part in render_plan(plan)[1:]:  # the first part is the screen panel, already shown
        out.print(part)
    try:
        with open_store() as store:
            store.save_plan(profile, plan.to_dict(), answers_id)
    except (StoreError, OSError) as error:
        click.echo(f"Note: the routine was not saved ({error}).", err=True)


def _answers_to_use(
    profile: str, fresh: bool, today: dt.date
) -> tuple[Answers, int | None, tuple[Any, ...], bool]:
    """(answers, saved id or None, saved clearances, whether they were newly answered)."""
    from supple.answers import QUESTION_FIELDS, Answers, IncompleteAnswers, flatten, parse_answers

    saved, saved_id, when = _saved(profile)
    clearances: tuple[Any, ...] = tuple(saved.clearance) if saved is not None else ()
    if isinstance(saved, Answers) and not fresh:
        click.echo(f"You answered these questions on {when}.")
        click.echo("If anything has changed since, especially any warning sign, answer no.")
        if click.confirm("Use those answers again?", default=True):
            return saved, saved_id, clearances, False
    facts: Facts = {}
    to_ask = set(QUESTION_FIELDS)
    if isinstance(saved, IncompleteAnswers) and not fresh:
        count = len(saved.unanswered)
        click.echo(
            f"Supple now asks {count} question{'s' if count != 1 else ''} that your saved "
            f"answers from {when} do not cover. Please answer them before any routine."
        )
        facts = flatten({k: v for k, v in saved.values.items() if isinstance(v, dict)})
        to_ask = set(saved.unanswered)
    facts = ask_pages(facts, to_ask, today)
    return parse_answers(_document(facts, set())), None, clearances, True


@click.command()
@click.option("--new", "fresh", is_flag=True, help="Answer again even if answers are saved.")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the answers to this JSON file.",
)
def start(fresh: bool, output: Path | None) -> None:
    """Answer the questions page by page: warning signs first, then the pain, then you."""
    from supple.cli.screen import render_screen
    from supple.screening import screen
    from supple.settings import get_settings

    if output is not None:
        from supple.cli.files import check_output

        check_output(output)  # before any question, not after them all
    today = dt.date.today()
    profile = get_settings().profile
    answers, answers_id, saved_clearances, new = _answers_to_use(profile, fresh, today)
    entries = ask_clearances(answers, saved_clearances, today)
    if new or entries or answers.clearance:
        answers = answers.model_copy(update={"clearance": []})
        from supple.answers import parse_answers

        answers = parse_answers({**answers.to_dict(), "clearance": entries})
        click.echo("")
        answers_id = _store(profile, answers)
    if output is not None:
        _write_copy(answers, output)
    result = screen(answers, today=today)
    click.echo("")
    console().print(render_screen(result))
    if result.routine_allowed:
        _offer_routine(profile, answers, answers_id, today)
