"""Actors for tests: an operator (the command line's powers) builds fixtures, as `tallytale`
commands would; tests of permissions build web actors from users."""

from tallytale.programmes.permissions import Actor

OPERATOR = Actor.cli("test:operator")
