"""Pages that need only the catalog: the start page, the exercise library and Learn."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, cast

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from supple.catalog.models import KINDS, Exercise
from supple.dosage import level_dose_line
from supple.web.deps import catalog_of, profile_of, render, store_of
from supple.web.format import KIND_WORDS, POSITION_WORDS
from supple.web.limits import SafeJsonRoute

router = APIRouter(include_in_schema=False, route_class=SafeJsonRoute)

NOT_A_DIAGNOSIS = (
    "These entries describe what is often involved; they are not a diagnosis. Pain that "
    "lasts, spreads down a leg or comes with numbness or weakness needs a professional "
    "assessment."
)
SIDES = ("left", "right")


FigureDrawer = Callable[[str, str], str]


def find_figure_drawer() -> FigureDrawer | None:
    """``supple.figures.figure_svg`` once the figure engine provides it, else None.

    The library works without drawings (each slot is labelled as waiting for one), so a
    missing or half-installed engine must never take the pages down with it.
    """
    try:
        module = importlib.import_module("supple.figures")
    except Exception:
        return None
    drawer = getattr(module, "figure_svg", None)
    return cast(FigureDrawer, drawer) if callable(drawer) else None


def figure_drawer(request: Request) -> FigureDrawer | None:
    return cast(FigureDrawer | None, request.app.state.figure_svg)


def figure_slots(
    exercise: Exercise, drawn: bool, sides: tuple[str, ...] | None = None
) -> list[dict[str, Any]]:
    """Image slots for an exercise: one per side it is done on, drawn when possible."""
    wanted = sides or (SIDES if exercise.per_side else ("left",))
    slots = []
    for side in wanted:
        side_words = f", {side} side" if exercise.per_side else ""
        slots.append(
            {
                "url": f"/figures/{exercise.id}-{side}.svg" if drawn else None,
                "alt": f"{exercise.name}{side_words}: the position to aim for",
                "caption": f"{side.capitalize()} side" if exercise.per_side else None,
            }
        )
    return slots


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    latest = store_of(request).latest_plan(profile_of(request))
    return render(request, "home.html", {"latest_plan": latest})


@router.get("/exercises", response_class=HTMLResponse)
def exercises(request: Request) -> HTMLResponse:
    catalog = catalog_of(request)
    groups: dict[str, list[Exercise]] = {kind: [] for kind in KINDS}
    for exercise in sorted(catalog.exercises.values(), key=lambda e: e.name):
        groups[exercise.kind].append(exercise)
    kinds = [(kind, KIND_WORDS[kind]) for kind in KINDS]
    return render(
        request,
        "exercises.html",
        {"groups": groups, "kinds": kinds, "positions": POSITION_WORDS},
    )


@router.get("/exercises/{exercise_id}", response_class=HTMLResponse)
def exercise(request: Request, exercise_id: str) -> HTMLResponse:
    catalog = catalog_of(request)
    found = catalog.exercises.get(exercise_id)
    if found is None:
        raise HTTPException(404, f"There is no exercise called '{exercise_id}'.")
    sources = [
        catalog.articles[name].title if name in catalog.articles else name for name in found.sources
    ]
    context = {
        "exercise": found,
        "kind_label": KIND_WORDS[found.kind],
        "positions": POSITION_WORDS,
        "doses": [
            (lvl, level_dose_line(dose, found.per_side)) for lvl, dose in found.dosage.levels()
        ],
        "targets": [catalog.muscles[m] for m in found.targets if m in catalog.muscles],
        "regression": catalog.exercises.get(found.regression or ""),
        "progression": catalog.exercises.get(found.progression or ""),
        "figures": figure_slots(found, figure_drawer(request) is not None),
        "sources": sources,
    }
    return render(request, "exercise.html", context)


@router.get("/figures/{exercise_id}-{side}.svg")
def figure(request: Request, exercise_id: str, side: str) -> Response:
    """The exercise's drawing as an image, so its styles and animation stay inside it."""
    catalog = catalog_of(request)
    drawer = figure_drawer(request)
    if exercise_id not in catalog.exercises or side not in SIDES or drawer is None:
        raise HTTPException(404, "There is no drawing at this address.")
    svg = drawer(exercise_id, side)
    return Response(svg, media_type="image/svg+xml")


@router.get("/learn", response_class=HTMLResponse)
def learn(request: Request) -> HTMLResponse:
    catalog = catalog_of(request)
    conditions = sorted(catalog.conditions.values(), key=lambda c: c.kind != "cause")
    context = {
        "note": NOT_A_DIAGNOSIS,
        "muscles": list(catalog.muscles.values()),
        "muscle_names": {m.id: m.name for m in catalog.muscles.values()},
        "conditions": conditions,
        "principles": list(catalog.principles.values()),
    }
    return render(request, "learn.html", context)
