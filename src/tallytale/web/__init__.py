"""Tallytale web (see the open issues)."""
