"""The words around a routine: why each exercise is there, and the advice that goes with it.

Every reason names the answers it rests on, in plain words, and speaks of what *may*
be involved: Supple never tells anyone what they have.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from supple.answers import Answers, AnswersDocument
from supple.assessment import CONTRIBUTOR_PHRASES, Contributor, aimed_at
from supple.catalog import Catalog
from supple.catalog.models import Exercise, Level
from supple.planning.filters import KNEELING_POSITIONS, Adjustments
from supple.planning.history_notes import ChangeReason, change_text, recheck_text
from supple.planning.movement_words import CLASS_WORDS
from supple.planning.notes import changed_keys, exercise_note
from supple.planning.routine import Routine
from supple.planning.selection import COVER_THRESHOLD, GLUTE_MEDIUS, Choice, Selection
from supple.screening import CLEARABLE, ScreenResult, default_rules

WARMUP_WHY = (
    "Warms up the hips and back before anything else, so the muscles are ready and "
    "stretch more easily."
)
STAND_IN_WHY = (
    "Used as the warm-up because none of the warm-up moves suit the positions you can "
    "do; it eases the back and hips into movement before the rest."
)
TOP_UP_WHY = (
    "Part of the warm-up, to make it long enough: it eases the back and hips into "
    "movement before the rest."
)
PAIRED = "the articles pair stretching with this kind of strengthening."
# What each glute does, for the strength move that mainly works it (its first glute
# target): a bridge mainly works the gluteus maximus, a side leg lift the medius.
GLUTE_WHY: Mapping[str, str] = {
    GLUTE_MEDIUS: f"Builds strength in the gluteus medius, which keeps the pelvis level; {PAIRED}",
    "gluteus-minimus": (
        f"Builds strength in the gluteus minimus, which helps keep the pelvis level; {PAIRED}"
    ),
    "gluteus-maximus": (
        "Builds strength in the gluteus maximus, the large buttock muscle that straightens "
        f"the hip and helps support the lower back; {PAIRED}"
    ),
}
TRUNK_WHY = "Builds strength in the trunk muscles that support the lower back."


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def strength_why(record: Exercise, trunk: frozenset[str]) -> str | None:
    """What a strength move builds, from the muscle it mainly works (its first target)."""
    if record.kind != "strength":
        return None
    main = record.targets[0]
    if main in GLUTE_WHY:
        return GLUTE_WHY[main]
    if set(record.targets) & trunk:
        return TRUNK_WHY
    return None


def why(
    choice: Choice,
    contributors: Iterable[Contributor],
    trunk: frozenset[str],
    *,
    has_warmup_move: bool,
) -> str:
    """One or two sentences tying the exercise to this person's answers."""
    record = choice.record
    if choice.role == "warmup":
        if record.kind == "warmup":
            return WARMUP_WHY
        return TOP_UP_WHY if has_warmup_move else STAND_IN_WHY
    # Only likely contributors (those the planner covers): naming a faint one would say
    # more than the answers do.
    served = [
        c
        for c in contributors
        if c.score >= COVER_THRESHOLD and aimed_at(c.id, record) and c.evidence
    ]
    # In the assessment's order (a likely nerve root first, then highest score).
    sentences: list[str] = []
    if served:
        names = _join([CONTRIBUTOR_PHRASES.get(c.id, c.id) for c in served[:2]])
        evidence = "; ".join(dict.fromkeys(e for c in served[:2] for e in c.evidence[:2]))
        sentences.append(f"Chosen for {names}, which may be involved (your answers: {evidence}).")
    strength = strength_why(record, trunk)
    if strength is not None:
        sentences.append(strength)
    if not sentences:
        muscles = _join([t.replace("-", " ") for t in record.targets])
        sentences.append(
            f"Adds gentle work for the {muscles}, which share the load around the hips."
        )
    return " ".join(sentences)


Applies = Callable[[Answers, Routine], bool]

# When a general principle is worth repeating to this person; any principle not listed
# applies to everyone who gets a routine.
PRINCIPLE_APPLIES: Mapping[str, Applies] = {
    "start-slowly": lambda a, r: r.gentle or r.level == "beginner",
    "movement-breaks": lambda a, r: a.pain.worse_sitting or a.pain.sitting_hours >= 4,
    "check-first-with-conditions": lambda a, r: (
        a.pain.hip_arthritis or a.pain.onset != "gradual" or bool(a.clearance)
    ),
    "safe-space": lambda a, r: any(i.position in KNEELING_POSITIONS for i in r.items),
    "hold-and-repeat": lambda a, r: any(i.hold_seconds and i.reps is None for i in r.items),
    "gentle-tension": lambda a, r: any(i.kind == "stretch" for i in r.items),
}


def principle_advice(catalog: Catalog, answers: Answers, routine: Routine) -> list[str]:
    out: list[str] = []
    for key, principle in catalog.principles.items():
        applies = PRINCIPLE_APPLIES.get(key)
        if applies is None or applies(answers, routine):
            out.append(f"{principle.title}: {principle.rule}")
    return out


UNEXPLAINED_EXCLUSION = (
    "Left out because of pain in earlier sessions; ask a GP or physiotherapist to look at "
    "it before you try it again."
)


def history_advice(
    catalog: Catalog, adjustments: Adjustments, routine: Routine | None = None
) -> list[str]:
    """What the history changed, one line per exercise, worded from the reason decided
    for it (``supple.planning.notes``, the same words as the plan's "what changed").

    With the routine, a replacement is promised only when it is really in the plan;
    without it, every replacement is assumed to be. The escalation is not here: the
    plan's advice puts it first of all (``advice``).
    """
    names = {key: exercise.name for key, exercise in catalog.exercises.items()}
    out = [recheck_text(cause) for cause in adjustments.recheck]
    planned = {item.exercise for item in routine.items} if routine else None
    for key in changed_keys(adjustments):
        name = names.get(key, key)
        reason = adjustments.reasons.get(key)
        instead = adjustments.replacements.get(key)
        note = exercise_note(key, adjustments, names, planned)
        if note is not None:
            out.append(f"{name}: {note.text}")
        elif reason is not None and reason.cause == "swapped" and instead is not None:
            if planned is not None and instead not in planned:
                out.append(
                    f"You swapped out {name}; {names.get(instead, instead)} did not fit this "
                    "plan, so the planner chose other exercises."
                )
            else:
                out.append(f"{name}: {change_text(reason, names, instead)}")
        elif (
            reason is None
            and instead is not None
            and planned is not None
            and (instead not in planned)
        ):
            out.append(
                f"{name}: Caused pain last time. {names.get(instead, instead)} does not suit "
                "this plan either, so it is left out."
            )
        elif reason is None and instead is not None:
            out.append(f"{name}: replaced by {names.get(instead, instead)}.")
        elif reason is None and key in adjustments.exclusions:
            out.append(f"{name}: {UNEXPLAINED_EXCLUSION}")
        elif reason is None and key in adjustments.variants and (planned is None or key in planned):
            once = ChangeReason("stopped_once")
            out.append(f"{name}: {change_text(once, names, variant=adjustments.variants[key])}")
    if adjustments.escalation is None:
        if adjustments.level_up is not None:
            out.append(adjustments.level_up.message)
        elif adjustments.offer_level is not None:
            level: Level = adjustments.offer_level
            out.append(
                f"Good, steady practice: if you feel ready, you can move up to the {level} level."
            )
    return out


def precaution_advice(catalog: Catalog, selection: Selection) -> list[str]:
    """What the person's answers left out or softened, worded from the recorded changes.

    One line per rule: what it left out (every exercise it removed), or the exercises
    in the routine it softened; a cut hold is mentioned only when the hold really is
    shorter, and a time budget only when a move it limits was allowed at all.
    """
    guarded = selection.precautions
    if guarded is None:
        return []
    names = {key: exercise.name for key, exercise in catalog.exercises.items()}
    chosen = {c.exercise: c for c in selection.choices}
    grouped: dict[tuple[str, str], list[str]] = {}
    for change in guarded.left_out:
        grouped.setdefault(("left", change.rule.id), []).append(names[change.exercise])
    # A move several avoid rules softened into the same variant is explained by the first
    # of them (the data's order) alone: a second reason about another position, such as
    # the upright crossed-leg rule on a twist done on a chair, would only confuse.
    explained: set[str] = set()
    for change in guarded.softened:
        choice = chosen.get(change.exercise)
        name = names[change.exercise]
        if choice is None:
            continue
        if change.rule.effect == "avoid":
            if change.exercise in explained:
                continue
            explained.add(change.exercise)
        if change.rule.effect == "shorter_holds":
            if choice.held_shorter:
                grouped.setdefault(("soft", change.rule.id), []).append(
                    f"{name} ({choice.hold_seconds} s)"
                )
        elif change.variant is None:
            grouped.setdefault(("soft", change.rule.id), []).append(name)
        else:
            grouped.setdefault(("soft", change.rule.id), []).append(f"{name} ({change.variant})")
    rules = {rule.id: rule for rule in guarded.triggered}
    out: list[str] = []
    for (what, rule_id), exercises in grouped.items():
        rule = rules[rule_id]
        moves = CLASS_WORDS[rule.movement_class]
        cue = f" {rule.cue}" if rule.cue else ""
        listed = _join(exercises)
        if what == "left":
            out.append(f"Left out: {moves} ({listed}), because {rule.reason}.")
        elif rule.effect == "shorter_holds":
            out.append(f"Shorter holds: {listed}, because {rule.reason}.{cue}")
        elif rule.effect == "avoid":
            out.append(
                f"Done as the easier version, without {moves}: {listed}, because "
                f"{rule.reason}.{cue}"
            )
        elif rule.effect == "cue":
            out.append(f"With care: {listed}, because {rule.reason}.{cue}")
        else:
            out.append(f"Easier version first: {listed}, because {rule.reason}.{cue}")
    for rule in guarded.budgets:
        limited = [
            c.name
            for c in selection.choices
            if rule.loads(c.record, guarded.variants.get(c.exercise))
        ]
        if limited:
            out.append(
                f"Kept short: {CLASS_WORDS[rule.movement_class]} ({_join(limited)}), "
                f"because {rule.reason}."
            )
    return out


UNANSWERED_ADVICE = (
    "Some questions are new or were not answered yet. No routine is offered until they "
    "are: answer them in the questions (Start on the web, or supple start in a terminal)."
)


def clearance_advice(screen: ScreenResult) -> str:
    """Why no routine, at urgent or see-clinician: what a clearance can and cannot do."""
    rules = default_rules()
    serious = [r for r in screen.reasons if r.level in CLEARABLE]
    blocked = [r.label for r in serious if not rules.by_id(r.rule).clearable]
    if blocked:
        return (
            f"No routine is offered: {_join(blocked)} needs care first, and no clearance "
            "can change that. Once you have been seen, answer the questions again."
        )
    return (
        "No routine is offered until a GP or physiotherapist has examined this pain. If "
        "one has, and said exercise is fine, answer the questions again (Start on the "
        "web, or supple start in a terminal) and give the date they said so: Supple "
        "will then offer a gentle routine."
    )


SHORT_SHARE = 0.85
"""Below this share of the requested time the person is told why the routine is short."""


def advice(
    *,
    screen: ScreenResult,
    answers: AnswersDocument,
    catalog: Catalog,
    routine: Routine | None,
    selection: Selection | None,
    adjustments: Adjustments,
) -> list[str]:
    """The advice to see a GP or physiotherapist first while the history says so, then
    the screen's, then what applies to the routine.

    Only an emergency or urgent screen goes before the history's escalation: "get help
    now" must never read second to "see a GP".
    """
    screened = [reason.advice for reason in screen.reasons]
    history = [adjustments.escalation] if adjustments.escalation else []
    urgent = screen.level in ("emergency", "urgent")
    out = [*screened, *history] if urgent else [*history, *screened]
    if screen.unanswered:
        out.append(UNANSWERED_ADVICE)
    if routine is None or selection is None:
        if screen.level in CLEARABLE and not screen.unanswered:
            out.append(clearance_advice(screen))
        return list(dict.fromkeys(out))
    if screen.max_minutes is not None and routine.minutes_requested >= screen.max_minutes:
        out.append(
            f"Sessions are kept to {screen.max_minutes} minutes for now, because of how much "
            "the pain is affecting you."
        )
    if not routine.items:
        out.append(
            "None of the exercises suit the positions and equipment you chose, so there is "
            "no routine to follow yet; a physiotherapist can suggest moves that work for you."
        )
        return list(dict.fromkeys(out))
    if not any(item.kind == "warmup" for item in routine.items):
        out.append(
            "None of the warm-up moves suit the positions you can do, so before you start, "
            "move gently for a few minutes in whatever way is comfortable."
        )
    requested = routine.minutes_requested * 60
    if routine.estimated_seconds < SHORT_SHARE * requested and routine.gentle:
        minutes = -(-routine.estimated_seconds // 60)
        out.append(
            f"This routine takes about {minutes} of the {routine.minutes_requested} minutes "
            "you asked for, because gentle mode keeps to a few moves at beginner doses "
            "while the pain settles; once the screen no longer asks for a gentle start, "
            "sessions fill more of the time."
        )
    elif routine.estimated_seconds < SHORT_SHARE * requested:
        minutes = -(-routine.estimated_seconds // 60)
        out.append(
            f"This routine takes about {minutes} of the {routine.minutes_requested} minutes "
            "you asked for, because the exercises that suit the positions and equipment you "
            "chose do not fill more without repeating the warm-up past ten minutes. Allowing "
            "more positions (floor, kneeling, a chair) or more equipment gives Supple more "
            "to choose from."
        )
    for contributor, cause in selection.uncovered:
        phrase = CONTRIBUTOR_PHRASES.get(contributor, contributor)
        if cause == "time":
            out.append(
                f"There was no time left for an exercise aimed at {phrase}; a longer session "
                "would include one."
            )
        else:
            out.append(
                f"None of the exercises aimed at {phrase} suit the positions and equipment "
                "you have; a physiotherapist can suggest one that does."
            )
    out.extend(precaution_advice(catalog, selection))
    out.extend(history_advice(catalog, adjustments, routine))
    if isinstance(answers, Answers):
        out.extend(principle_advice(catalog, answers, routine))
    return list(dict.fromkeys(out))
