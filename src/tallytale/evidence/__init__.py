"""Tallytale evidence (see the open issues)."""
