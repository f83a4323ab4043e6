"""`tallytale redact [FILE]`: mask personal data in text (stdin if no file)."""

import sys
from pathlib import Path

from tallytale.commands import TallytaleCommand, add_format
from tallytale.core.textsafe import TextError, decode_text
from tallytale.errors import InvalidInput
from tallytale.stories.text import MAX_STORY_CHARS, clean_language


class Command(TallytaleCommand):
    stealth_options = ("stdin",)
    help = "Print text with personal data masked ([NAME], [PHONE], ...); --format json lists spans."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="UTF-8 text file (default: standard input)")
        parser.add_argument("--language", metavar="CODE", help="BCP 47 code, e.g. cy, ar")
        add_format(parser)

    def handle(self, *args, **o):
        from tallytale.core import redact

        if o["file"]:
            p = Path(o["file"])
            if not p.is_file():
                raise InvalidInput(f"no such file: {o['file']}")
            data = p.read_bytes()
        else:
            stream = o.get("stdin") or sys.stdin
            data = getattr(stream, "buffer", stream).read()
            if isinstance(data, str):
                data = data.encode("utf-8")
        try:
            text = decode_text(data)
        except TextError as exc:
            raise InvalidInput(f"the input: {exc}") from None
        if len(text) > 10 * MAX_STORY_CHARS:
            raise InvalidInput(f"the input is longer than {10 * MAX_STORY_CHARS:,} characters")
        language = clean_language(o.get("language")) or None
        result = redact.redact(text, language=language)
        if o["format"] == "json":
            spans = [{"start": s.start, "end": s.end, "type": s.type} for s in result.spans]
            self.emit(spans, "json")
            if result.needs_review:
                self.stderr.write("needs review: the detector may have missed names")
        else:
            self.stdout.write(result.text, ending="" if result.text.endswith("\n") else "\n")
