"""The one body every API error has, and the OpenAPI entries that document it.

Every refusal the JSON API answers (400, 404, 405, 409, 413, 415, 422, 503) is an
:class:`ApiError`: ``detail`` is one line saying what was wrong, ``problems`` names each
problem on its own readable line (a field's dotted path first), and ``errors`` gives
the same problems as locations and types for programs. The exception handlers in
``supple.web.app`` and the body-limit middleware build their bodies with
:func:`error_body`, and the routers document their answers with :func:`error_responses`,
so the published schema and the real bodies cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException


class FieldProblem(BaseModel):
    """One problem with a request, located the way FastAPI locates validation errors."""

    loc: list[str | int] = Field(description='Where: ["body", "pain_before"], ["path", "plan_id"]')
    msg: str
    type: str = Field(description="A short code: int_type, missing, not_found, conflict, ...")


class ApiError(BaseModel):
    """Why a request was refused."""

    detail: str = Field(description="What was wrong, in one line.")
    problems: list[str] = Field(description="Each problem on its own line, the field named first.")
    errors: list[FieldProblem] = Field(description="The same problems for programs.")


ERROR_TEXT = {
    400: "The request is malformed (Content-Length, Host or body encoding).",
    404: "There is no such record for this profile.",
    409: "The request conflicts with the record as it is now.",
    413: "The request body is larger than the limit.",
    415: "The request body is not JSON (Content-Type: application/json).",
    422: "A value is missing, of the wrong type or out of range; each problem is named.",
    503: "The records cannot be read or saved now (the message says how to fix it).",
}
ERROR_TYPES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    503: "store_unavailable",
}


def error_body(
    status: int, message: str, problems: Sequence[str] = (), errors: Sequence[FieldProblem] = ()
) -> dict[str, Any]:
    """An :class:`ApiError` as JSON-ready values; ``problems`` defaults to ``[message]``."""
    lines = list(problems) or [message]
    located = list(errors) or [
        FieldProblem(loc=[], msg=line, type=ERROR_TYPES.get(status, "invalid")) for line in lines
    ]
    return ApiError(detail=message, problems=lines, errors=located).model_dump(mode="json")


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: each status documented with the :class:`ApiError` body."""
    return {status: {"model": ApiError, "description": ERROR_TEXT[status]} for status in statuses}


class Refusal(HTTPException):
    """An HTTP error with more than one problem to name (the 422 of a bad answers file)."""

    def __init__(self, status: int, problems: Sequence[str]) -> None:
        super().__init__(status, "; ".join(problems))
        self.problems = list(problems)


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s JSON schema with its ``$defs`` written in place.

    For a request body whose route reads it as plain JSON (so the domain's own
    messages answer a 422) but whose published schema must say what is accepted.
    """
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def expand(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return expand(defs[ref.removeprefix("#/$defs/")])
            return {key: expand(value) for key, value in node.items()}
        if isinstance(node, list):
            return [expand(item) for item in node]
        return node

    expanded: dict[str, Any] = expand(schema)
    return expanded
