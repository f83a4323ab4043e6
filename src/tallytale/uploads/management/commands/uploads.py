"""`tallytale uploads clean`: delete expired and imported uploads from private storage."""

from __future__ import annotations

from tallytale.commands import TallytaleCommand, add_format
from tallytale.uploads import services


class Command(TallytaleCommand):
    help = "uploaded import files: clean (delete expired and imported ones)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        clean = sub.add_parser("clean", help="delete expired and imported uploads and their files")
        add_format(clean)

    def handle(self, *args, action: str, format: str = "text", **options):
        deleted = services.clean()
        self.emit({"deleted": deleted}, format, f"deleted {deleted} uploads")
