"""Tallytale: no numbers without stories, and no stories without numbers."""

__version__ = "0.1.0"
