"""The append-only, hash-chained audit log: every change, and every read of a story's original
words, with who did it (see docs/backup.md)."""
