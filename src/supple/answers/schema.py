"""The published JSON Schema of the version-2 answers document (docs/answers.schema.json).

It is generated from the model, so it cannot drift from what ``read_answers`` accepts; a
test checks that the published file is exactly this. Regenerate it with
``python -m supple.answers.schema docs/answers.schema.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from supple.answers.model import QUESTION_FIELDS, Answers


def answers_schema() -> dict[str, Any]:
    """The model's schema, plus the optional ``unanswered`` list of field paths."""
    schema = Answers.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Supple answers document, version 2"
    schema["description"] = (
        "What a person answered, as supple screen, supple plan and the web app read it. "
        "A document may list questions still to answer in `unanswered`; those fields may "
        "then be missing, and no routine is built until they are answered."
    )
    schema["properties"]["unanswered"] = {
        "type": "array",
        "items": {"enum": list(QUESTION_FIELDS)},
        "uniqueItems": True,
    }
    return schema


def schema_text() -> str:
    return json.dumps(answers_schema(), indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m supple.answers.schema PATH", file=sys.stderr)
        return 2
    Path(argv[0]).write_text(schema_text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
