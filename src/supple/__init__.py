"""Supple: safe self-care for buttock and lower-back pain."""

__version__ = "0.1.0"
