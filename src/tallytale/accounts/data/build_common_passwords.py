"""Rebuild `common-passwords.txt.gz`: run `python build_common_passwords.py` in this folder.

What is shipped (see docs/admin.md, Security): every entry of Django's bundled list
(`django/contrib/auth/common-passwords.txt.gz`, 20,000 passwords compiled by Royce Williams
from public breach corpora), plus a supplement generated here of long passwords built the
way people build them: common words and names, Welsh and local words, keyboard walks and
repeats, with the suffixes breach studies show most often (digits, years, "!"). Only
supplement entries of 12+ characters are kept (shorter ones fail the length rule anyway).
It is not a full breach corpus (no network access was available to compile one); the
validator takes any gzip of one password per line (`password_list_path`).
"""

from __future__ import annotations

import gzip
import itertools
from pathlib import Path

import django

WORDS = """password passw0rd p@ssword p@ssw0rd qwerty iloveyou welcome letmein monkey dragon
football baseball basketball soccer hockey sunshine princess trustno1 admin administrator
master shadow superman batman spiderman starwars pokemon michael jennifer jessica charlie
thomas daniel matthew andrew joshua william robert george oliver harry jack jacob emily
sophie chloe olivia amelia hannah lauren liverpool arsenal chelsea manchester united
tottenham everton celtic rangers swansea cardiff wrexham newport wales cymru england london
summer winter spring autumn changeme secret abc123 computer internet samsung iphone
google facebook whatever freedom flower flowers butterfly chocolate cookie cheese pepper
ginger tigger buster hunter ranger jordan michelle nicole ashley amanda tinkerbell
mustang harley ferrari porsche mercedes yankees cowboys eagles tigers lakers warriors
killer hello hellokitty lovely loveme love123 mylove babygirl angel angels friends
family happy smile forever blessed jesus christ heaven trinity matrix zxcvbnm asdfgh
qazwsx mynoob letmein1 login access master123 server default guest user test testing
tallytale timebank timecredit timecredits tempo volunteer volunteering community
communities project coordinator research researcher evaluator participant story stories
survey member members credits hours council health wellbeing valleys rhondda merthyr
caerphilly bridgend valley bore_da diolch croeso hiraeth cariad draig ddraig""".split()
SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "!", "1!", "123!", "01", "007", "69"]
SUFFIXES += [str(y) for y in range(1950, 2031)] + [f"{y}!" for y in range(2000, 2031)]
WALKS = """qwertyuiop qwertyuiop123 qwertyuiopasdf 1q2w3e4r5t6y 1q2w3e4r5t6y7u 1qaz2wsx3edc
1qaz2wsx3edc4rfv zaq12wsxcde3 zaq1zaq1zaq1 asdfghjkl123 asdfghjkl;' qwerty123456
qwertyqwerty qwerty12345678 abcdefghijkl abcdefghijklm abc123abc123 abcabcabcabc
aaaaaaaaaaaa zxcvbnm12345 zxcvbnmasdfghjkl qazwsxedcrfv !qaz@wsx#edc 1234qwerasdf
1234qwerasdfzxcv q1w2e3r4t5y6 a1b2c3d4e5f6 iloveyouiloveyou passwordpassword""".split()


def candidates():
    yield from WALKS
    for word in WORDS:
        for form in {word, word.capitalize(), word.replace("o", "0"), word.replace("a", "@")}:
            for suffix in SUFFIXES:
                yield form + suffix
            yield form + form
            yield form * 3
    for a, b in itertools.permutations(WORDS[:120], 2):
        yield a + b
    for n in range(12, 17):
        for digit in "0123456789":
            yield digit * n
        yield "".join(str(i % 10) for i in range(1, n + 1))


def main() -> None:
    django_list = Path(django.__file__).parent / "contrib/auth/common-passwords.txt.gz"
    base = gzip.decompress(django_list.read_bytes()).decode().splitlines()
    words = {p.strip().lower() for p in base if p.strip()}
    words |= {c.lower() for c in candidates() if len(c) >= 12}
    out = Path(__file__).with_name("common-passwords.txt.gz")
    with gzip.GzipFile(out, "wb", mtime=0) as f:
        f.write(("\n".join(sorted(words)) + "\n").encode())
    print(f"{len(words)} passwords -> {out}")


if __name__ == "__main__":
    main()
