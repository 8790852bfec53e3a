"""The knowledge base: exercises, muscles, causes and safety principles, as validated data."""

from supple.catalog.loader import (
    Catalog,
    CatalogError,
    UnknownIdError,
    default_catalog,
    load_catalog,
)

__all__ = ["Catalog", "CatalogError", "UnknownIdError", "default_catalog", "load_catalog"]
