"""Shipped word lists for :mod:`tallytale.core.redact` (read via importlib.resources)."""
