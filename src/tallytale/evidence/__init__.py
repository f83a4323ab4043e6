"""Evidence: claims (every figure with its interval, n and disclosure control), pairing each
with the stories behind it, and reports in HTML, PDF, Markdown and JSON (see docs/methods.md)."""
