"""Tallytale surveys (see the open issues)."""
