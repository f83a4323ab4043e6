"""Operating a Tallytale installation: backups and restores (see docs/backup.md)."""
