"""Extraction: one module per question (what, did it happen, who, when, where, how many)."""
