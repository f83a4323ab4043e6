"""TOTP against the published test vectors (RFC 4226 appendix D, RFC 6238 appendix B)."""

from __future__ import annotations

import base64

import pytest

from tallytale.core import totp

SHA1_KEY = b"12345678901234567890"
KEYS = {
    "SHA1": SHA1_KEY,
    "SHA256": b"12345678901234567890123456789012",
    "SHA512": b"1234567890" * 6 + b"1234",
}


@pytest.mark.parametrize(
    "counter,expected",
    list(
        enumerate(
            ["755224", "287082", "359152", "969429", "338314"]
            + ["254676", "287922", "162583", "399871", "520489"]
        )
    ),
)
def test_hotp_rfc4226_vectors(counter, expected):
    assert totp.hotp(SHA1_KEY, counter) == expected


@pytest.mark.parametrize(
    "at,sha1,sha256,sha512",
    [
        (59, "94287082", "46119246", "90693936"),
        (1111111109, "07081804", "68084774", "25091201"),
        (1111111111, "14050471", "67062674", "99943326"),
        (1234567890, "89005924", "91819424", "93441116"),
        (2000000000, "69279037", "90698825", "38618901"),
        (20000000000, "65353130", "77737706", "47863826"),
    ],
)
def test_totp_rfc6238_vectors(at, sha1, sha256, sha512):
    for algorithm, expected in (("SHA1", sha1), ("SHA256", sha256), ("SHA512", sha512)):
        assert totp.hotp(KEYS[algorithm], totp.step(at), 8, algorithm) == expected


def test_verify_accepts_one_step_of_drift_and_refuses_reuse():
    secret = base64.b32encode(SHA1_KEY).decode()
    at = 1111111111
    code = totp.code_at(secret, at)
    assert code == "050471"
    used = totp.verify(secret, code, at + 30)
    assert used == totp.step(at)
    assert totp.verify(secret, code, at, after_step=used) is None
    assert totp.verify(secret, code, at + 90) is None
    assert totp.verify(secret, "12345", at) is None
    assert totp.verify(secret, "abcdef", at) is None


def test_new_secret_and_uri():
    secret = totp.new_secret()
    assert len(secret) == 32 and "=" not in secret
    uri = totp.provisioning_uri(secret, "c1", "Tallytale")
    assert uri.startswith("otpauth://totp/Tallytale%3Ac1?secret=" + secret)
    assert "issuer=Tallytale" in uri
