"""The published JSON Schemas of the documents (docs/*.schema.json).

Generated from the models, so they cannot drift from what the CLI prints and the API
answers; a test checks that the published files are exactly these. Regenerate them
with ``python -m supple.documents.schema docs``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from supple.documents.base import Document
from supple.documents.plan import PlanDocument, RoutineDocument
from supple.documents.progress import ProgressDocument
from supple.documents.review import ReviewDocument
from supple.documents.session_log import SessionLogDocument

# File name -> (model, title, what it is).
PUBLISHED: dict[str, tuple[type[Document], str, str]] = {
    "plan.schema.json": (
        PlanDocument,
        "Supple plan document, version 1",
        "What `supple plan --json` prints and `POST /api/plan` answers; saved plans too.",
    ),
    "routine.schema.json": (
        RoutineDocument,
        "Supple routine",
        "The `routine` of a plan: timed exercises in the order they are done.",
    ),
    "session-log.schema.json": (
        SessionLogDocument,
        "Supple session log, version 1",
        "What `supple history --json` prints: every session as it went.",
    ),
    "progress.schema.json": (
        ProgressDocument,
        "Supple progress document, version 1",
        "What `supple progress --json` prints and `GET /api/progress` answers.",
    ),
    "review.schema.json": (
        ReviewDocument,
        "Supple 4-week review document, version 1",
        "What `supple review --json` prints: goals, PEG-3 and pain, first against now.",
    ),
}


def document_schema(name: str) -> dict[str, Any]:
    model, title, description = PUBLISHED[name]
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    schema["description"] = description
    return schema


def schema_text(name: str) -> str:
    return json.dumps(document_schema(name), indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python -m supple.documents.schema FOLDER (e.g. docs)", file=sys.stderr)
        return 2
    for name in PUBLISHED:
        (Path(argv[0]) / name).write_text(schema_text(name), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
