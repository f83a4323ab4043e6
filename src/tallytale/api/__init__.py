"""Tallytale api (see the open issues)."""
