"""Where each catalog muscle sits on the body, so a figure can colour the target area.

A muscle is drawn as a region ON a body part (its host): a band along part of the
host's length, lying toward one face of it (the back of the lower back, the outer side
of the buttock). Because the band is drawn right after its host and inside its outline,
any part nearer the viewer hides it, and a band on the face turned away from the viewer
is not drawn at all: the body itself hides muscles, as it does in life. Muscles that lie
under others (piriformis under gluteus maximus, multifidus under erector spinae) are
marked as deep. Placement follows the ``location`` text in ``muscles.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass

from supple.figures.skeleton import Body, Capsule, Vec, add, apply

# Okabe & Ito's colour-blind-safe palette: vermillion for the main target, blue for the
# second. Both keep at least 3:1 contrast against every body fill (a test checks it).
PRIMARY = "#D55E00"
SECONDARY = "#0072B2"
RANK_COLOURS = (PRIMARY, SECONDARY)

# The bone whose frame orients a host part's faces ("{side}_" is added for limbs).
HOST_BONE = {
    "lower_back": "lumbar",
    "lumbar": "upper_lumbar",
    "mid_back": "thorax",
    "chest": "upper_thorax",
    "buttock": "pelvis",
    "pelvis": "pelvis",
    "thigh": "thigh",
}
SIDED = frozenset({"buttock", "pelvis", "thigh"})


@dataclass(frozen=True)
class Piece:
    """One band on one host part: from ``start`` to ``end`` (shares of the host's length
    from its first end), each toward a face given in the host bone's frame (x forward,
    y up, z outward on the marked side); ``share`` is the band's width as a share of the
    host's thickness."""

    host: str
    start: float
    start_face: Vec
    end: float
    end_face: Vec
    share: float


@dataclass(frozen=True)
class Region:
    pieces: tuple[Piece, ...]
    deep: bool


BACK, FRONT, OUT = (-1.0, 0.0, 0.0), (1.0, 0.0, 0.0), (0.0, 0.0, 1.0)


def _along(hosts: tuple[str, ...], face: Vec, share: float) -> tuple[Piece, ...]:
    return tuple(Piece(h, 0.0, face, 1.0, face, share) for h in hosts)


REGIONS: dict[str, Region] = {
    # the big outer muscle that shapes the buttock
    "gluteus-maximus": Region(
        (Piece("buttock", 0.0, (-1, -0.2, 0.6), 1.0, (-1, -0.4, 0.6), 0.85),), False
    ),
    # the outer, upper buttock along the side of the hip, under the rim of the pelvis
    "gluteus-medius": Region(
        (Piece("pelvis", 0.1, (0, -0.6, 1), 0.75, (0, -0.6, 1), 0.85),), False
    ),
    # under the medius, toward the front of the hip
    "gluteus-minimus": Region(
        (Piece("pelvis", 0.5, (0.3, -0.6, 1), 1.0, (0.3, -0.6, 1), 0.6),), True
    ),
    # deep under the maximus, from the sacrum across to the top of the thigh bone
    "piriformis": Region((Piece("buttock", 0.3, (-1, 0, 0.2), 0.45, (0.1, -0.2, 1), 0.35),), True),
    # deep at the side of the lower back, from the pelvis up to the last rib
    "quadratus-lumborum": Region(_along(("lower_back", "lumbar"), (-0.2, 0, 1), 0.4), True),
    # the long muscles beside the spine, the whole length of the back
    "erector-spinae": Region(
        _along(("lower_back", "lumbar", "mid_back"), (-1, 0, 0.35), 0.4), False
    ),
    # short deep muscles right against the spine, under the erector spinae
    "multifidus": Region(_along(("lower_back", "lumbar"), (-1, 0, 0.1), 0.3), True),
    # the front of the hip and the top of the thigh
    "hip-flexors": Region(
        (
            Piece("lower_back", 0.0, (1, -0.3, 0.5), 0.4, (1, 0, 0.5), 0.35),
            Piece("thigh", 0.0, FRONT, 0.4, FRONT, 0.5),
        ),
        False,
    ),
    # the side of the waist, between the pelvis and the ribs
    "obliques": Region(_along(("lumbar", "mid_back"), (0.4, 0, 1), 0.45), False),
    # the front wall of the belly, from the ribs to the pubic bone
    "abdominals": Region(_along(("lower_back", "lumbar", "mid_back"), (1, 0, 0.1), 0.5), False),
}


@dataclass(frozen=True)
class Band:
    """One piece of a muscle placed in the room: the host part it lies on, its two ends
    (on the host's surface), the outward direction at each end, and its width."""

    host: Capsule
    start: Vec
    end: Vec
    normals: tuple[Vec, Vec]
    width: float


def host_name(piece: Piece, side: str) -> str:
    return f"{side}_{piece.host}" if piece.host in SIDED else piece.host


def _unit(v: Vec) -> Vec:
    size = sum(c * c for c in v) ** 0.5 or 1.0
    return (v[0] / size, v[1] / size, v[2] / size)


def bands(body: Body, muscle: str, side: str) -> list[Band]:
    """The pieces of one muscle on one side, placed on the posed body."""
    sign = -1.0 if side == "left" else 1.0
    out: list[Band] = []
    for piece in REGIONS[muscle].pieces:
        host = body.capsule(host_name(piece, side))
        bone_name = HOST_BONE[piece.host]
        bone = body.bones[f"{side}_{bone_name}" if bone_name == "thigh" else bone_name]
        width = 2 * host.radius * piece.share
        inset = host.radius - width / 4  # the band's middle lies just under the surface

        normals = (
            _unit(apply(bone.rotation, lateral(piece.start_face, sign))),
            _unit(apply(bone.rotation, lateral(piece.end_face, sign))),
        )
        ends = []
        for share, normal in zip((piece.start, piece.end), normals, strict=True):
            axis: Vec = (
                host.a[0] + (host.b[0] - host.a[0]) * share,
                host.a[1] + (host.b[1] - host.a[1]) * share,
                host.a[2] + (host.b[2] - host.a[2]) * share,
            )
            ends.append(add(axis, (normal[0] * inset, normal[1] * inset, normal[2] * inset)))
        out.append(Band(host, ends[0], ends[1], normals, width))
    return out


def lateral(face: Vec, sign: float) -> Vec:
    return (face[0], face[1], face[2] * sign)
