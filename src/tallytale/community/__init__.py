"""Tallytale community (see the open issues)."""
