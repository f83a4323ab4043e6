"""Tallytale coding (see the open issues)."""
