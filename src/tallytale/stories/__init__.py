"""Tallytale stories (see the open issues)."""
