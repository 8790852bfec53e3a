"""The documents Supple hands out, as typed, versioned models (issue 13).

The plan, its routine, the session log (``supple history --json``) and the progress
report are each one pydantic model here. The CLI's ``--json`` output and the web API's
answers are both made by these models, and FastAPI publishes them as its
``response_model``s, so a program reading either sees one shape; their JSON Schemas are
published under ``docs/`` (``python -m supple.documents.schema docs``).

``version`` is the document's format: it changes only when a field changes meaning or
goes away, so a reader can refuse a format it does not know instead of misreading it.
A field added with a default keeps the version.
"""

from supple.documents.plan import PlanDocument, RoutineDocument, plan_document
from supple.documents.progress import ProgressDocument, progress_document
from supple.documents.session_log import SessionLogDocument, session_log_document

__all__ = [
    "PlanDocument",
    "ProgressDocument",
    "RoutineDocument",
    "SessionLogDocument",
    "plan_document",
    "progress_document",
    "session_log_document",
]
