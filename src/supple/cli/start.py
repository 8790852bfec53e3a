"""``supple start``: the questionnaire, asked in plain words in the terminal.

Warning signs come first, each with the reason it is asked, and an emergency answer
stops everything at once: nobody should sit through pain questions while they need
an ambulance. Every answer is checked as it is typed and asked again if it does not
fit, so the finished answers always pass the same strict contract as a JSON file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from supple.cli.common import console

if TYPE_CHECKING:
    from supple.answers import Answers
    from supple.screening import Rules

# Plain-language names for the allowed values, in the contract's order.
AREA_WORDS = {
    "upper_buttock": "top of the buttock, just below the back of the hip bone",
    "deep_buttock": "deep in the middle of the buttock",
    "lower_back": "lower back",
    "outer_hip": "outer side of the hip",
}
SIDE_WORDS = {"left": "left", "right": "right", "both": "both sides"}
CHARACTER_WORDS = {
    "dull_ache": "a dull ache",
    "stiffness": "stiffness",
    "sharp": "sharp",
    "shooting": "shooting",
    "burning": "burning",
}
RADIATES_WORDS = {"none": "it stays put", "thigh": "into the thigh", "below_knee": "below the knee"}
LEVEL_WORDS = {
    "beginner": "new to exercise, or not exercising lately",
    "intermediate": "exercise now and then",
    "advanced": "exercise regularly and feel strong",
}
CAN_WORDS = {
    "standing": "standing",
    "chair": "sitting on a chair",
    "floor": "lying or sitting on the floor",
    "kneel": "kneeling (needs the floor too)",
}
EQUIPMENT_WORDS = {
    "mat": "an exercise mat or rug",
    "chair": "a sturdy chair",
    "strap": "a strap, belt or towel",
    "cushion": "a cushion or pillow",
    "block": "a yoga block or thick book",
}
# Yes/no pain questions that are not caution rules (those take their wording from rules.toml).
PAIN_QUESTIONS = {
    "worse_sitting": "Is it worse when you sit?",
    "worse_stairs_or_walking": "Is it worse on stairs or when walking?",
    "worse_lying_on_side": "Is it worse when you lie on the sore side?",
    "worse_sit_to_stand": "Does getting up from a chair hurt?",
    "worse_bending": "Is it worse when you bend forward?",
    "tender_deep_buttock": "Is it tender when you press deep into the buttock?",
    "hurts_crossing_legs": "Does crossing one leg over the other bring on the pain?",
}


class Pick(click.ParamType[Any, Any]):
    """One value (or several, comma-separated) from a numbered list; numbers or names."""

    name = "choice"

    def __init__(self, words: dict[str, str], many: bool) -> None:
        self.keys = list(words)
        self.many = many

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, list):
            return value
        text = str(value).strip().lower()
        if self.many and text == "none":
            return []
        parts = [part.strip() for part in text.replace(" ", ",").split(",") if part.strip()]
        chosen: list[str] = []
        for part in parts:
            key = (
                self.keys[int(part) - 1]
                if re.fullmatch("[0-9]{1,4}", part) and 0 < int(part) <= len(self.keys)
                else part
            )
            if key not in self.keys:
                self.fail(f"'{part}' is not on the list; type a number from 1 to {len(self.keys)}")
            if key not in chosen:
                chosen.append(key)
        if not chosen or (not self.many and len(chosen) > 1):
            self.fail("pick one number" if not self.many else "pick one or more, or 'none'")
        return chosen if self.many else chosen[0]


def _say(text: str, why: str | None = None) -> None:
    """A question, and why it is asked, wrapped to the terminal so no word is split."""
    import shutil
    import textwrap

    width = min(shutil.get_terminal_size().columns, 100) - 1
    click.echo("")
    click.echo(click.style(textwrap.fill(text, width), bold=True))
    if why:
        wrapped = textwrap.fill(
            f"Why we ask: {why}", width, initial_indent="  ", subsequent_indent="  "
        )
        click.echo(click.style(wrapped, dim=True))


def _yes_no(text: str, why: str | None = None) -> bool:
    _say(text, why)
    # No default: pressing Enter asks again, so nothing is ever answered by accident.
    return click.confirm("  yes or no", default=None)


def _pick(text: str, words: dict[str, str], *, many: bool, default: list[str] | None = None) -> Any:
    _say(text + (" Type the numbers, separated by commas." if many else " Type a number."))
    for number, label in enumerate(words.values(), start=1):
        click.echo(f"  {number}. {label}")
    shown = ",".join(str(list(words).index(key) + 1) for key in default) if default else None
    return click.prompt("  Your answer", type=Pick(words, many), default=shown)


def _number(
    text: str, kind: click.ParamType[Any, Any], why: str | None = None, default: Any = None
) -> Any:
    _say(text, why)
    return click.prompt("  Your answer", type=kind, default=default)


def _emergency_stop(rules: Rules, answer: str) -> None:
    """Print the emergency instruction and end the command (exit 0: the input was valid)."""
    from rich.panel import Panel
    from rich.text import Text

    info = rules.levels["emergency"]
    body = Text(info.action, style="bold")
    body.append("\n\n" + rules.red_flag_rule(answer).advice)
    body.append("\n\nSupple stops here: please get help first. Your answers were not saved.")
    title = Text(f" {info.title} ", style="bold white on red")
    console().print(Panel(body, title=title, border_style="red", expand=False))
    raise click.exceptions.Exit(0)


def ask_red_flags(rules: Rules) -> tuple[dict[str, bool], bool]:
    """All 18 warning signs, most serious first; returns them and whether clearance matters."""
    click.echo(click.style("First, a few questions about warning signs.", bold=True))
    click.echo("They come first because some need help before any exercise.")
    flags: dict[str, bool] = {}
    for rule in rules.red_flag:
        flags[rule.answer] = _yes_no(rule.question, rule.why)
        if flags[rule.answer] and rule.level == "emergency":
            _emergency_stop(rules, rule.answer)
    needs_clearance = any(flags[r.answer] for r in rules.red_flag if r.level != "emergency")
    return flags, needs_clearance


def ask_pain(rules: Rules) -> dict[str, Any]:
    click.echo("")
    click.echo(click.style("Now some questions about the pain itself.", bold=True))
    caution = {rule.answer: rule for rule in rules.caution}
    pain: dict[str, Any] = {}
    pain["intensity"] = _number(
        caution["intensity"].question, click.IntRange(0, 10), caution["intensity"].why
    )
    pain["areas"] = _pick("Where is the pain?", AREA_WORDS, many=True)
    pain["side"] = _pick("Which side is it on?", SIDE_WORDS, many=False)
    pain["character"] = _pick(caution["character"].question, CHARACTER_WORDS, many=False)
    pain["radiates"] = _pick(caution["radiates"].question, RADIATES_WORDS, many=False)
    pain["weeks"] = _number(
        "For how many weeks have you had it? (0 if it began this week; 1.5 is fine)",
        click.FloatRange(0, 520),
    )
    for name, question in PAIN_QUESTIONS.items():
        pain[name] = _yes_no(question)
    for name in ("started_after_workout", "hip_arthritis"):
        pain[name] = _yes_no(caution[name].question, caution[name].why)
    pain["sitting_hours"] = _number(
        "About how many hours a day do you spend sitting? (0 to 24)", click.FloatRange(0, 24)
    )
    return pain


def ask_preferences() -> dict[str, Any]:
    from supple.answers import (
        DEFAULT_CAN,
        DEFAULT_EQUIPMENT,
        DEFAULT_LEVEL,
        DEFAULT_MINUTES,
        MAX_MINUTES,
        MIN_MINUTES,
    )

    click.echo("")
    click.echo(click.style("Last, what suits you. Press Enter to keep the suggestion.", bold=True))
    return {
        "level": _pick(
            "How used to exercise are you?", LEVEL_WORDS, many=False, default=[DEFAULT_LEVEL]
        ),
        "minutes": _number(
            f"How many minutes per session? ({MIN_MINUTES} to {MAX_MINUTES})",
            click.IntRange(MIN_MINUTES, MAX_MINUTES),
            default=DEFAULT_MINUTES,
        ),
        "can": _pick(
            "Which positions can you get into comfortably?",
            CAN_WORDS,
            many=True,
            default=list(DEFAULT_CAN),
        ),
        "equipment": _pick(
            "What do you have at hand?", EQUIPMENT_WORDS, many=True, default=list(DEFAULT_EQUIPMENT)
        ),
    }


def _reuse_saved(profile: str) -> tuple[Answers, int] | None:
    """Offer the last saved answers, so nobody is asked the same questions twice."""
    from supple.answers import AnswersError, parse_answers
    from supple.store import StoreError, open_store

    try:
        with open_store() as store:
            record = store.latest_answers(profile)
    except (StoreError, OSError) as error:
        click.echo(f"Note: saved answers could not be read ({error}).", err=True)
        return None
    if record is None:
        return None
    try:
        answers = parse_answers(record.document)
    except AnswersError:
        click.echo("Your saved answers are from an older version, so let's go through them again.")
        return None
    when = record.created_at.strftime("%d %B %Y")
    click.echo(f"You answered these questions on {when}.")
    click.echo("If anything has changed since, especially any warning sign, answer no.")
    if click.confirm("Use those answers again?", default=True):
        return answers, record.id
    return None


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


def _offer_routine(profile: str, answers: Answers, answers_id: int | None) -> None:
    """Build the routine straight away if the person wants it, and keep it with the answers."""
    if not click.confirm("\nBuild your routine now?", default=True):
        click.echo("When you are ready: supple start (your answers will be offered again).")
        return
    from supple.catalog import default_catalog
    from supple.cli.plan import render_plan
    from supple.cli.progress import history_adjustments
    from supple.history import plan_with_history
    from supple.store import StoreError, open_store

    plan = plan_with_history(answers, default_catalog(), history_adjustments(profile))
    out = console()
    for part in render_plan(plan)[1:]:  # the first part is the screen panel, already shown
        out.print(part)
    try:
        with open_store() as store:
            store.save_plan(profile, plan.to_dict(), answers_id)
    except (StoreError, OSError) as error:
        click.echo(f"Note: the routine was not saved ({error}).", err=True)


@click.command()
@click.option("--new", "fresh", is_flag=True, help="Answer again even if answers are saved.")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the answers to this JSON file.",
)
def start(fresh: bool, output: Path | None) -> None:
    """Answer the questions step by step: warning signs first, then the pain, then you."""
    from supple.answers import parse_answers
    from supple.cli.screen import render_screen
    from supple.screening import default_rules, screen
    from supple.settings import get_settings

    if output is not None:
        from supple.cli.files import check_output

        check_output(output)  # before any question, not after them all
    rules = default_rules()
    profile = get_settings().profile
    reused = None if fresh else _reuse_saved(profile)
    if reused is None:
        flags, needs_clearance = ask_red_flags(rules)
        pain = ask_pain(rules)
        cleared = False
        if needs_clearance:
            cleared = _yes_no(
                "Has a doctor or physiotherapist already checked this pain and said "
                "exercise is fine?",
                "Some of your answers need a clinician's check before a routine is offered.",
            )
        answers = parse_answers(
            {
                "red_flags": flags,
                "pain": pain,
                "preferences": ask_preferences(),
                "cleared_by_clinician": cleared,
            }
        )
        click.echo("")
        answers_id = _store(profile, answers)
    else:
        answers, answers_id = reused
    if output is not None:
        _write_copy(answers, output)
    result = screen(answers)
    click.echo("")
    console().print(render_screen(result))
    if result.routine_allowed:
        _offer_routine(profile, answers, answers_id)
