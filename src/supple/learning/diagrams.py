"""The lessons' pictures: simple diagrams drawn in code as SVG.

One picture per lesson makes an idea stick better than words alone, and a diagram drawn
here needs no image files, scales to any screen and keeps its words in real text. Each
is a pure function returning SVG; the shells serve it (the web) or name it (the CLI).
The shapes are pictures of ideas, not charts of data, and say so where that matters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape

WIDTH, HEIGHT = 360, 240
INK = "#1f2933"
CALM = "#2f6f4f"
ALARM = "#b3261e"
AMBER = "#8a5a00"
MUTED = "#52606d"
FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif"


def _svg(title: str, body: Sequence[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" font-family="{FONT}">'
        f"<title>{escape(title)}</title>"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>' + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, words: str, size: int = 16, colour: str = INK, **extra: str) -> str:
    attributes = "".join(f' {key.replace("_", "-")}="{value}"' for key, value in extra.items())
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" fill="{colour}"{attributes}>'
        f"{escape(words)}</text>"
    )


def _line(
    points: Sequence[tuple[float, float]], colour: str, width: int = 4, dash: str = ""
) -> str:
    path = " ".join(f"{x:g},{y:g}" for x, y in points)
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{width}" '
        f'stroke-linejoin="round" stroke-linecap="round"{dashes}/>'
    )


def _axes(label_x: str, label_y: str) -> list[str]:
    return [
        _line([(40, 30), (40, 200), (340, 200)], MUTED, 2),
        _text(190, 228, label_x, 14, MUTED, text_anchor="middle"),
        _text(20, 115, label_y, 14, MUTED, text_anchor="middle", transform="rotate(-90 20 115)"),
    ]


def pain_alarm() -> str:
    """Harm and pain as two bars: a small harm, a loud alarm."""
    return _svg(
        "Pain can be louder than the harm",
        [
            _text(20, 40, "Harm to the body", 16, INK, font_weight="bold"),
            f'<rect x="20" y="52" width="60" height="34" rx="6" fill="{CALM}"/>',
            _text(92, 75, "often small", 16, CALM),
            _text(20, 130, "Pain alarm", 16, INK, font_weight="bold"),
            f'<rect x="20" y="142" width="300" height="34" rx="6" fill="{ALARM}"/>',
            _text(30, 165, "can ring loud", 16, "#ffffff", font_weight="bold"),
            _text(20, 215, "A loud alarm does not mean more damage.", 15, MUTED),
        ],
    )


def move_or_rest() -> str:
    """Pain over two weeks: keeping active falls faster than staying in bed."""
    return _svg(
        "Moving helps pain settle sooner than bed rest",
        [
            *_axes("Days", "Pain"),
            _line([(45, 50), (110, 95), (180, 140), (260, 170), (335, 180)], CALM),
            _line([(45, 50), (110, 70), (180, 95), (260, 120), (335, 140)], ALARM, 4, "8 6"),
            _text(200, 192, "Keep moving", 15, CALM, font_weight="bold"),
            _text(335, 62, "Long bed rest", 15, ALARM, font_weight="bold", text_anchor="end"),
            _text(190, 24, "A picture of the idea, not real data", 13, MUTED, text_anchor="middle"),
        ],
    )


def pacing_steps() -> str:
    """Boom and bust as a zig-zag, pacing as a gentle staircase."""
    stairs = [(45, 180)]
    for step in range(6):
        x, y = 45 + step * 50, 180 - step * 22
        stairs += [(x + 50, y), (x + 50, y - 22)]
    return _svg(
        "Small steady steps beat boom and bust",
        [
            *_axes("Weeks", "What you can do"),
            _line(
                [(45, 120), (90, 50), (125, 185), (170, 60), (205, 185), (250, 70), (285, 185)],
                ALARM,
                3,
                "6 5",
            ),
            _line(stairs[:-1], CALM),
            _text(60, 40, "Boom and bust", 15, ALARM, font_weight="bold"),
            _text(220, 40, "Step by step", 15, CALM, font_weight="bold"),
        ],
    )


def flare_curve() -> str:
    """A steady line that rises for a few days in a flare-up and settles again."""
    return _svg(
        "A flare-up rises for a few days and then settles",
        [
            *_axes("Days", "Pain"),
            _line(
                [(45, 150), (130, 150), (160, 60), (200, 80), (240, 130), (280, 150), (335, 152)],
                AMBER,
            ),
            _text(165, 48, "Flare-up", 16, AMBER, font_weight="bold"),
            _text(235, 185, "settles again", 15, CALM, font_weight="bold"),
            _text(190, 24, "A picture of the idea, not real data", 13, MUTED, text_anchor="middle"),
        ],
    )


def _arrow_head(x: float, y: float, colour: str, centre: tuple[float, float]) -> str:
    """A triangle at (x, y) on a circle round ``centre``, pointing clockwise along it,
    so the loop reads as one way round (a dot said nothing about direction)."""
    angle = math.atan2(y - centre[1], x - centre[0])
    ahead = (-math.sin(angle), math.cos(angle))
    side = (math.cos(angle), math.sin(angle))
    tip = (x + 12 * ahead[0], y + 12 * ahead[1])
    back = (x - 6 * ahead[0], y - 6 * ahead[1])
    left = (back[0] + 6 * side[0], back[1] + 6 * side[1])
    right = (back[0] - 6 * side[0], back[1] - 6 * side[1])
    points = " ".join(f"{px:.1f},{py:.1f}" for px, py in (tip, left, right))
    return f'<polygon points="{points}" fill="{colour}"/>'


def sleep_stress_loop() -> str:
    """Poor sleep, more pain and stress as a circle that feeds itself."""
    nodes = [(180, 50, "Poor sleep"), (290, 180, "More pain"), (70, 180, "Stress")]
    body = [
        f'<circle cx="180" cy="135" r="85" fill="none" stroke="{MUTED}" stroke-width="3" '
        'stroke-dasharray="10 8"/>'
    ]
    for x, y, words in nodes:
        body.append(
            f'<rect x="{x - 62}" y="{y - 20}" width="124" height="36" rx="18" fill="#eef2f6" '
            f'stroke="{INK}" stroke-width="2"/>'
        )
        body.append(_text(x, y + 4, words, 16, INK, text_anchor="middle", font_weight="bold"))
    centre = (180.0, 135.0)
    body += [_arrow_head(x, y, ALARM, centre) for x, y in ((250, 75), (180, 220), (110, 75))]
    body.append(_text(180, 140, "each one feeds", 14, MUTED, text_anchor="middle"))
    body.append(_text(180, 158, "the next", 14, MUTED, text_anchor="middle"))
    return _svg("Sleep, pain and stress feed each other", body)


def desk_setup() -> str:
    """A person at a desk: back supported, screen at eye height, feet flat."""
    return _svg(
        "A desk set-up that is kind to the back",
        [
            # screen and desk
            f'<rect x="250" y="40" width="70" height="50" rx="4" fill="#eef2f6" stroke="{INK}" '
            'stroke-width="3"/>',
            _line([(285, 90), (285, 120)], INK, 3),
            _line([(200, 120), (345, 120)], INK, 5),
            _line([(335, 120), (335, 210)], INK, 3),
            # chair
            _line([(70, 60), (70, 150), (150, 150)], MUTED, 6),
            _line([(110, 150), (110, 210)], MUTED, 4),
            # person: head, back, thigh, shin, arm
            f'<circle cx="95" cy="55" r="16" fill="none" stroke="{CALM}" stroke-width="4"/>',
            _line([(90, 72), (84, 145)], CALM, 6),
            _line([(84, 145), (170, 145), (170, 208), (195, 208)], CALM, 6),
            _line([(88, 95), (140, 118), (210, 116)], CALM, 4),
            _line([(112, 55), (250, 62)], AMBER, 2, "5 5"),
            _text(150, 30, "Screen at eye height", 14, AMBER, font_weight="bold"),
            _text(4, 180, "Back", 14, INK),
            _text(4, 196, "supported", 14, INK),
            _text(160, 232, "Feet flat on the floor", 14, INK, text_anchor="middle"),
        ],
    )


def help_levels() -> str:
    """The four levels of help, most urgent first, as coloured signs."""
    rows = [
        (ALARM, "999 / 112", "Emergency: get help now"),
        (AMBER, "Today", "See a doctor today"),
        (CALM, "Book", "Book a GP or physio"),
        (MUTED, "Soon", "Book a check in a few days"),
    ]
    body = []
    for index, (colour, tag, words) in enumerate(rows):
        y = 12 + index * 57
        body.append(f'<rect x="12" y="{y}" width="104" height="46" rx="10" fill="{colour}"/>')
        body.append(_text(64, y + 29, tag, 17, "#ffffff", text_anchor="middle", font_weight="bold"))
        body.append(_text(126, y + 29, words, 15, INK, font_weight="bold"))
    return _svg("When to get help, most urgent first", body)


DIAGRAMS: dict[str, Callable[[], str]] = {
    "pain-alarm": pain_alarm,
    "move-or-rest": move_or_rest,
    "pacing-steps": pacing_steps,
    "flare-curve": flare_curve,
    "sleep-stress-loop": sleep_stress_loop,
    "desk-setup": desk_setup,
    "help-levels": help_levels,
}


def diagram_svg(name: str) -> str | None:
    """The named diagram as SVG text, or None when there is no such diagram."""
    draw = DIAGRAMS.get(name)
    return None if draw is None else draw()
