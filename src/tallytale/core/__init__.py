"""The pure domain core: plain values in, plain values out; no Django, no I/O.

Everything here is tested without a database, in milliseconds.
"""
