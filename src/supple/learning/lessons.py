"""The Learn course as validated data (lessons.toml): short lessons with a check each.

The lessons are knowledge, so they live in a data file a reviewer can read in one
place; this module only checks and resolves them. Loading is strict (unknown fields,
a missing picture, a source no lesson defines, a check whose answer is not one of its
choices are all errors) so a typo stops the program instead of showing a broken lesson.

The "when to get help" lesson has no screens of its own: ``screens_from = "screening"``
builds one screen per level of the safety screen (its title, and its action unless the
lesson words it for someone already on a routine; never for an emergency). The signs
are short lines written for the lesson, each naming the screen's rules it stands for;
every rule at a taught level must be named by exactly one line, so a rule added to the
screen cannot be silently left out of the lesson.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from supple.datafile import load_toml_model
from supple.learning.diagrams import DIAGRAMS
from supple.screening.rules import Rules, ScreenLevel, default_rules

LESSONS_PATH = Path(__file__).with_name("lessons.toml")
# The course runs over the first weeks of a plan; nothing opens later than this.
LAST_RELEASE_DAY = 84
# The levels the help lesson teaches, most serious first: those at which no routine is
# offered until someone has acted, and the check to book in the coming days.
HELP_LEVELS: tuple[ScreenLevel, ...] = ("emergency", "urgent", "see_clinician", "book_review")
HELP_INTRO = "Do this if any of these are true for you:"
HELP_START = r"^If any of these are true for you, "

Text = Annotated[str, Field(min_length=3, max_length=400)]
LessonId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{1,62}$")]


# Where a source is (its URL or article file) and its title.
Location = tuple[str, str]


class LessonsError(ValueError):
    """lessons.toml is invalid; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class SourceData(_Strict):
    title: Text
    url: Annotated[str, Field(pattern=r"^https://")] | None = None
    file: Annotated[str, Field(pattern=r"^\d{3}_[0-9a-f]+\.txt$")] | None = None

    @model_validator(mode="after")
    def _one_location(self) -> SourceData:
        if (self.url is None) == (self.file is None):
            raise ValueError("a source has either a url or an article file, not both")
        return self


class Screen(_Strict):
    """One phone screen: a heading, a few short paragraphs and, at most, a list."""

    heading: Text
    paragraphs: list[Text] = Field(min_length=1, max_length=4)
    points: list[Text] = Field(default=[], max_length=30)


class Question(_Strict):
    """A multiple-choice question; ``answer`` is the index of the right choice."""

    question: Text
    choices: list[Text] = Field(min_length=2, max_length=4)
    answer: Annotated[int, Field(ge=0)]
    why: Text

    @model_validator(mode="after")
    def _answer_is_a_choice(self) -> Question:
        if self.answer >= len(self.choices):
            raise ValueError(f"answer {self.answer} is not one of the {len(self.choices)} choices")
        if len(set(self.choices)) != len(self.choices):
            raise ValueError("two choices have the same wording")
        return self


class HelpSign(_Strict):
    """One plain line of the help lesson and the screen's rules it stands for; a line
    with no rules is advice the lesson adds (it triggers nothing on the screen)."""

    say: Text
    rules: list[str] = []


class HelpLevel(_Strict):
    """The help lesson's screen for one level of the safety screen."""

    level: ScreenLevel
    # Said in place of the level's action (which speaks to someone being screened) and
    # of HELP_INTRO, so it starts with HELP_START; an emergency keeps the screen's words.
    action: Annotated[str, Field(min_length=3, max_length=400, pattern=HELP_START)] | None = None
    signs: list[HelpSign] = Field(min_length=1, max_length=12)

    @model_validator(mode="after")
    def _emergency_keeps_its_words(self) -> HelpLevel:
        if self.level == "emergency" and self.action is not None:
            raise ValueError("the emergency level keeps the screen's own action")
        return self


class LessonData(_Strict):
    id: LessonId
    title: Text
    release_day: Annotated[int, Field(ge=0, le=LAST_RELEASE_DAY)]
    picture: str
    alt: Text
    sources: list[str] = Field(min_length=1)
    screens: list[Screen] = Field(default=[], max_length=3)
    screens_from: Literal["screening"] | None = None
    help: list[HelpLevel] = []
    check: list[Question] = Field(min_length=2, max_length=2)

    @model_validator(mode="after")
    def _screens_once(self) -> LessonData:
        if bool(self.screens) == (self.screens_from is not None):
            raise ValueError("a lesson has either its own screens or screens_from, not both")
        if self.screens_from is not None and self.release_day != 0:
            # Knowing when to get help is never held back behind a schedule.
            raise ValueError("a lesson built from the screen's rules opens on day 0")
        if (self.screens_from is not None) and tuple(h.level for h in self.help) != HELP_LEVELS:
            raise ValueError(f"a lesson built from the screen's rules has help for {HELP_LEVELS}")
        if self.screens_from is None and self.help:
            raise ValueError("help is only for a lesson built from the screen's rules")
        if self.picture not in DIAGRAMS:
            raise ValueError(f"picture {self.picture!r} is not one of {sorted(DIAGRAMS)}")
        return self


class CourseData(_Strict):
    sources: dict[str, SourceData]
    lesson: list[LessonData] = Field(min_length=1)

    @model_validator(mode="after")
    def _linked(self) -> CourseData:
        ids = [lesson.id for lesson in self.lesson]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"lesson ids must be unique; repeated {repeated}")
        for lesson in self.lesson:
            unknown = [name for name in lesson.sources if name not in self.sources]
            if unknown:
                raise ValueError(f"lesson '{lesson.id}' cites unknown sources {unknown}")
        return self


@dataclass(frozen=True)
class Lesson:
    """A lesson ready to show: screens resolved and sources named by title."""

    id: str
    title: str
    release_day: int
    picture: str
    alt: str
    screens: tuple[Screen, ...]
    check: tuple[Question, ...]
    sources: tuple[str, ...]
    from_screening: bool = False


@dataclass(frozen=True)
class Course:
    """Every lesson, in the order they are taken (release day, then file order)."""

    lessons: tuple[Lesson, ...]

    def get(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    @property
    def ids(self) -> list[str]:
        return [lesson.id for lesson in self.lessons]


def help_screens(
    rules: Rules, levels: Sequence[HelpLevel]
) -> tuple[tuple[Screen, ...], tuple[Location, ...]]:
    """The help lesson's screens and the rules' sources, one screen per level: its
    title, what to do, and the lesson's lines for that level's signs. Every rule at
    the level must be named by exactly one line, and no line may name another rule."""
    screens = []
    cited: list[Location] = []
    for help_level in levels:
        info = rules.levels[help_level.level]
        wanted = [rule.id for rule in rules.at_level(help_level.level)]
        named = [rule_id for sign in help_level.signs for rule_id in sign.rules]
        missing = [rule_id for rule_id in wanted if rule_id not in named]
        extra = sorted({rule_id for rule_id in named if rule_id not in wanted})
        twice = sorted({rule_id for rule_id in named if named.count(rule_id) > 1})
        if missing or extra or twice:
            raise LessonsError(
                f"help for '{help_level.level}': rules not covered {missing}, "
                f"not at this level {extra}, covered twice {twice}"
            )
        screens.append(
            Screen(
                heading=info.title,
                paragraphs=[help_level.action] if help_level.action else [info.action, HELP_INTRO],
                points=[sign.say for sign in help_level.signs],
            )
        )
        for rule in rules.at_level(help_level.level):
            for name in rule.sources:
                source = rules.sources[name]
                cited.append((source.url or source.file or name, source.title))
    return tuple(screens), tuple(cited)


def _by_location(sources: Sequence[Location]) -> tuple[str, ...]:
    """Titles of the sources, each place (URL or article) named once, first title kept."""
    first: dict[str, str] = {}
    for location, title in sources:
        first.setdefault(location, title)
    return tuple(first.values())


def resolve(data: CourseData, rules: Rules) -> Course:
    lessons = []
    for lesson in data.lesson:
        own = [data.sources[name] for name in lesson.sources]
        located: list[Location] = [(s.url or s.file or s.title, s.title) for s in own]
        screens: Sequence[Screen] = lesson.screens
        if lesson.screens_from == "screening":
            screens, cited = help_screens(rules, lesson.help)
            located += cited
        titles = _by_location(located)
        lessons.append(
            Lesson(
                id=lesson.id,
                title=lesson.title,
                release_day=lesson.release_day,
                picture=lesson.picture,
                alt=lesson.alt,
                screens=tuple(screens),
                check=tuple(lesson.check),
                sources=titles,
                from_screening=lesson.screens_from is not None,
            )
        )
    ordered = sorted(enumerate(lessons), key=lambda pair: (pair[1].release_day, pair[0]))
    return Course(tuple(lesson for _, lesson in ordered))


def load_course(path: Path = LESSONS_PATH, rules: Rules | None = None) -> Course:
    """Read, validate and resolve a lessons file; LessonsError names file and field."""
    data = load_toml_model(path, CourseData, LessonsError)
    return resolve(data, rules or default_rules())


@cache
def default_course() -> Course:
    """The packaged course, loaded once per process."""
    return load_course()
