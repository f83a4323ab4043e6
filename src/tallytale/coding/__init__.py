"""Qualitative coding: the hierarchical codebook, codings of story spans, memos, machine
suggestions, theme discovery, inter-coder agreement and REFI-QDA exchange (see docs/coding.md)."""
