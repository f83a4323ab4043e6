"""Tallytale accounts."""
