"""Pages that need only the catalog: the start page, the exercise library and Learn's
reference (the course itself is ``pages_learn``)."""

from __future__ import annotations

import importlib
from typing import Any, cast

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from supple.catalog.models import KINDS, Exercise
from supple.dosage import level_dose_line
from supple.planning.changes import short_form
from supple.planning.stored import stored_escalation
from supple.web.deps import catalog_of, render
from supple.web.devices import PAIRED_NOTE_COOKIE
from supple.web.figure_files import (
    FIGURE_NAME,
    IMMUTABLE,
    REVALIDATE,
    SIDES,
    FigureDrawer,
    figure_file,
)
from supple.web.format import KIND_WORDS, POSITION_WORDS
from supple.web.lan import computer_name
from supple.web.limits import SafeJsonRoute
from supple.web.living import UPDATE_KEY, current_plan, plan_date
from supple.web.motion_files import MOTION_NAME, motion_file
from supple.web.standing import standing_warning, warning_context

router = APIRouter(include_in_schema=False, route_class=SafeJsonRoute)

NOT_A_DIAGNOSIS = (
    "These entries describe what is often involved; they are not a diagnosis. Pain that "
    "lasts, spreads down a leg or comes with numbness or weakness needs a professional "
    "assessment."
)


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


def figure_sides(exercise: Exercise) -> tuple[str, ...]:
    """The sides an exercise is drawn on: both when done per side, else the left."""
    return SIDES if exercise.per_side else ("left",)


def drawn_variant(exercise: Exercise, variant: str | None) -> tuple[str, str] | None:
    """(name, slug) of a variant the pose file draws; None for the exercise itself, or
    for a variant not drawn yet (then the exercise's own drawing is shown)."""
    if variant is None or exercise.variant(variant) is None:
        return None
    try:
        from supple.figures.draw import variant_slug
        from supple.figures.library import drawn_variants
    except Exception:
        return None
    return (variant, variant_slug(variant)) if variant in drawn_variants(exercise.id) else None


def variant_named(exercise: Exercise, slug: str | None) -> tuple[str, str] | None:
    """The drawn variant an address's slug names, or None when it names none."""
    for variant in exercise.variants:
        found = drawn_variant(exercise, variant.name)
        if found is not None and found[1] == slug:
            return found
    return None


def figure_url(
    request: Request, exercise: str, side: str, variant: tuple[str, str] | None = None
) -> str | None:
    """The versioned address of the animated drawing, or None when there is none."""
    drawer = figure_drawer(request)
    found = figure_file(drawer, exercise, side, "animated", variant) if drawer else None
    return found.url if found else None


def figure_slots(
    request: Request, exercise: Exercise, variant: str | None = None
) -> list[dict[str, Any]]:
    """Image slots for an exercise: one per side it is done on, drawn when possible;
    ``variant`` (the version a plan chose) is drawn instead when its pose exists."""
    drawn = drawn_variant(exercise, variant)
    name = f"{exercise.name} ({drawn[0]})" if drawn else exercise.name
    slots = []
    for side in figure_sides(exercise):
        side_words = f", {side} side" if exercise.per_side else ""
        slots.append(
            {
                "url": figure_url(request, exercise.id, side, drawn),
                "alt": f"{name}{side_words}: the position to aim for",
                "caption": f"{side.capitalize()} side" if exercise.per_side else None,
            }
        )
    return slots


def viewer_slot(exercise: Exercise) -> dict[str, Any] | None:
    """The 3D viewer's motion addresses, one per side the exercise is drawn on, or None
    (no viewer, the drawings alone) when the motion cannot be worked out."""
    files = [motion_file(exercise.id, side) for side in figure_sides(exercise)]
    if any(found is None for found in files):
        return None
    urls = {found.side: found.url for found in files if found is not None}
    return {"urls": urls, "sides": list(urls)}


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    from supple.web.today import today_card

    warning = standing_warning(request)
    # A standing warning comes first: no plan is rebuilt or offered beneath it, and the
    # questions read as a re-check, as they do for someone with a plan.
    latest = current_plan(request) if warning is None else None
    context: dict[str, Any] = warning_context(warning) if warning is not None else {}
    today = today_card(request, latest) if latest else None
    returning = latest is not None or warning is not None
    context |= {"latest_plan": latest, "today": today, "returning": returning}
    if latest is not None:
        from supple.web.routes.pages_review import home_prompt

        context |= home_prompt(request)
    update = latest.document.get(UPDATE_KEY) if latest else None
    shown, more = short_form(update) if isinstance(update, dict) else ((), 0)
    context |= {
        "plan_date": plan_date(latest) if latest else "",
        "plan_updated": bool(update),
        "update_lines": shown,
        "update_more": more,
        "update_safety": bool(isinstance(update, dict) and update.get("safety")),
        # The history's advice to see a GP or physiotherapist comes before the session.
        "escalation": stored_escalation(latest.document) if latest else None,
    }
    # Just paired (pages_devices.pair): say so once, then forget it.
    just_paired = PAIRED_NOTE_COOKIE in request.cookies and request.state.device is not None
    if just_paired:
        context["paired_with"] = computer_name()
    response = render(request, "home.html", context)
    if PAIRED_NOTE_COOKIE in request.cookies:
        response.delete_cookie(
            PAIRED_NOTE_COOKIE,
            path="/",
            secure=request.url.scheme == "https",
            httponly=True,
            samesite="strict",
        )
    return response


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
        "figures": figure_slots(request, found),
        "viewer": viewer_slot(found),
        "sources": sources,
    }
    return render(request, "exercise.html", context)


@router.get("/figures/{name}")
def figure(request: Request, name: str) -> Response:
    """The exercise's drawing as an image, so its styles and animation stay inside it.

    At its versioned address (the hash of these very bytes) the browser may keep it for
    good; any other address (the old unversioned one, or a hash from before the drawing
    changed) is served too, but checked again on every use (ETag, 304).
    """
    wanted = FIGURE_NAME.fullmatch(name)
    drawer = figure_drawer(request)
    record = catalog_of(request).exercises.get(wanted["exercise"]) if wanted else None
    if wanted is None or drawer is None or record is None:
        raise HTTPException(404, "There is no drawing at this address.")
    variant = variant_named(record, wanted["variant"]) if wanted["variant"] else None
    if wanted["variant"] and variant is None:
        raise HTTPException(404, "There is no drawing at this address.")
    pose = wanted["pose"] or "animated"
    found = figure_file(drawer, record.id, wanted["side"], pose, variant)
    if found is None:
        raise HTTPException(404, "There is no drawing at this address.")
    current = wanted["digest"] == found.digest
    headers = {"etag": found.etag, "cache-control": IMMUTABLE if current else REVALIDATE}
    if not current and found.etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(found.svg, media_type="image/svg+xml", headers=headers)


@router.get("/figures/motion/{name}")
def figure_motion(request: Request, name: str) -> Response:
    """An exercise's motion for the 3D viewer: every part's end points in every
    keyframe, from the figure engine. Cached like the drawings: for good at its
    versioned address, checked again (ETag, 304) at any other."""
    wanted = MOTION_NAME.fullmatch(name)
    if wanted is None or wanted["exercise"] not in catalog_of(request).exercises:
        raise HTTPException(404, "There is no motion at this address.")
    found = motion_file(wanted["exercise"], wanted["side"])
    if found is None:
        raise HTTPException(404, "There is no motion at this address.")
    current = wanted["digest"] == found.digest
    headers = {"etag": found.etag, "cache-control": IMMUTABLE if current else REVALIDATE}
    if not current and found.etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(found.body, media_type="application/json", headers=headers)


@router.get("/learn/reference", response_class=HTMLResponse)
def learn_reference(request: Request) -> HTMLResponse:
    """The muscles, causes and safety principles in full: the reference beside the course."""
    catalog = catalog_of(request)
    conditions = sorted(catalog.conditions.values(), key=lambda c: c.kind != "cause")
    context = {
        "note": NOT_A_DIAGNOSIS,
        "muscles": list(catalog.muscles.values()),
        "muscle_names": {m.id: m.name for m in catalog.muscles.values()},
        "conditions": conditions,
        "principles": list(catalog.principles.values()),
    }
    return render(request, "learn_reference.html", context)
