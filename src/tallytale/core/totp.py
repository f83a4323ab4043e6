"""Time-based one-time passwords (TOTP, RFC 6238) over HOTP (RFC 4226).

Pure standard library: the accounts app keeps the secrets and the last step used; this
module only derives and checks codes. Secrets travel as unpadded base32, as authenticator
apps expect in an `otpauth://` URI (Google Authenticator "Key Uri Format").
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
from urllib.parse import quote, urlencode

DIGITS = 6
PERIOD = 30  # seconds per step
ALGORITHMS = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}


def new_secret(nbytes: int = 20) -> str:
    """A random secret as unpadded base32 (20 bytes = 160 bits, RFC 4226 section 4)."""
    return base64.b32encode(secrets.token_bytes(nbytes)).decode("ascii").rstrip("=")


def _key(secret: str) -> bytes:
    text = secret.replace(" ", "").upper()
    return base64.b32decode(text + "=" * (-len(text) % 8))


def hotp(key: bytes, counter: int, digits: int = DIGITS, algorithm: str = "SHA1") -> str:
    """HOTP value for a raw key and counter: dynamic truncation of an HMAC (RFC 4226 5.3)."""
    digest = hmac.new(key, struct.pack(">Q", counter), ALGORITHMS[algorithm]).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(code % 10**digits).zfill(digits)


def step(at: float, period: int = PERIOD) -> int:
    """The time step a Unix time falls in (RFC 6238 section 4.2, T0 = 0)."""
    return int(at // period)


def code_at(secret: str, at: float, digits: int = DIGITS, algorithm: str = "SHA1") -> str:
    """The code a base32 secret gives at Unix time `at`."""
    return hotp(_key(secret), step(at), digits, algorithm)


def verify(
    secret: str, code: str, at: float, *, window: int = 1, after_step: int | None = None
) -> int | None:
    """The step a presented code matches within +-`window` steps of `at`, else None.

    Steps at or before `after_step` (the last one accepted) are refused, so a code cannot
    be used twice (RFC 6238 section 5.2). Comparison is in constant time.
    """
    code = (code or "").replace(" ", "").strip()
    if len(code) != DIGITS or not code.isdigit():
        return None
    key = _key(secret)
    now = step(at)
    for candidate in range(now - window, now + window + 1):
        if after_step is not None and candidate <= after_step:
            continue
        if hmac.compare_digest(hotp(key, candidate), code):
            return candidate
    return None


def provisioning_uri(secret: str, account: str, issuer: str) -> str:
    """The `otpauth://totp/...` URI authenticator apps read (as text or from a QR code)."""
    label = quote(f"{issuer}:{account}", safe="")
    query = urlencode({"secret": secret, "issuer": issuer, "digits": DIGITS, "period": PERIOD})
    return f"otpauth://totp/{label}?{query}"
