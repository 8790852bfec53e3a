"""What every published document model shares: strict fields and one way to dump."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Document(BaseModel):
    """Unknown fields are errors, so a field added on one side only fails a test."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def to_json(self) -> dict[str, Any]:
        """The document as JSON values; fields a producer leaves out stay out (the
        screen's ``clearances`` appear only when there are some), ``null`` stays."""
        out = self.model_dump(mode="json", exclude_unset=True)
        version = getattr(self, "version", None)
        return {"version": version, **out} if version is not None else out
