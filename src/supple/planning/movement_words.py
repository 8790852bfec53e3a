"""How each movement class reads in a sentence, for the plan's advice and its history notes.

Its own module because both ``supple.planning.explain`` and
``supple.planning.history_notes`` word movement classes, and explain depends on
history_notes: a raw class id such as ``spinal_rotation`` is never shown to anyone.
"""

from __future__ import annotations

from collections.abc import Mapping

# How each movement class reads after "Left out:", "so it does not involve" or "the
# same kind of movement".
CLASS_WORDS: Mapping[str, str] = {
    "hip_crossing": "bringing the thigh across the body",
    "deep_hip_flexion": "bending the hip far up",
    "hip_external_rotation_end_range": "turning the hip fully out",
    "spinal_flexion": "bending the back forward",
    "spinal_extension": "arching the back",
    "spinal_rotation": "twisting the trunk",
    "side_lying": "lying on your side",
    "prone": "lying on your front",
    "supine": "lying on your back",
    "single_leg_balance": "balancing on one leg",
    "kneeling_load": "weight on a knee",
    "neural_tension": "stretches that pull on the nerve down the leg",
    "upright_walking": "walking or marching on your feet",
}


def class_words(movement_class: str) -> str:
    """The readable words for a class; an unknown class reads as its id without
    underscores rather than failing a plan that is otherwise sound."""
    return CLASS_WORDS.get(movement_class, movement_class.replace("_", " "))


__all__ = ["CLASS_WORDS", "class_words"]
