"""HTTP Digest (RFC 7616, MD5, qop=auth), as ODK Collect and KoboCollect use it, checked
with Python's own Digest client (urllib) against a live server, and its refusals."""

from __future__ import annotations

import hashlib
import re
import urllib.error
import urllib.request

import pytest

from tallytale.openrosa import services
from tallytale.openrosa.models import AppCredential
from tallytale.programmes.permissions import Actor
from tallytale.surveys.models import Response

from .conftest import answers, instance


def opener(url: str, username: str, password: str) -> urllib.request.OpenerDirector:
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, url, username, password)
    return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(manager))


def multipart(xml: bytes) -> tuple[bytes, str]:
    boundary = "tallytale-boundary-1"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="xml_submission_file"; '
            f'filename="submission.xml"\r\nContent-Type: text/xml\r\n\r\n'
        ).encode()
        + xml
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.mark.django_db(transaction=True)
def test_a_digest_client_lists_forms_and_submits_once(live_server, cwm, role_users, forms):
    credential, password = services.create_credential(cwm, "R1", actor=Actor.cli())
    base = f"{live_server.url}/openrosa/cwm"
    client = opener(base, credential.username, password)
    with client.open(f"{base}/formList") as r:
        assert r.status == 200
        assert b"swemwbs_collect" in r.read()
    body, kind = multipart(instance("swemwbs_collect", "1", answers(), "uuid:digest-1"))
    statuses = []
    for _ in range(2):
        request = urllib.request.Request(
            f"{base}/submission", data=body, headers={"Content-Type": kind}
        )
        with client.open(request) as r:
            statuses.append(r.status)
    assert statuses == [201, 202]
    assert Response.objects.get().submission_id == "digest-1"
    with pytest.raises(urllib.error.HTTPError) as refused:
        opener(base, credential.username, "wrong").open(f"{base}/formList")
    assert refused.value.code == 401


def _answer(challenge: str, username: str, password: str, uri: str, method: str = "GET") -> str:
    nonce = re.search(r'nonce="([^"]+)"', challenge)[1]
    md5 = lambda s: hashlib.md5(s.encode()).hexdigest()  # noqa: E731
    ha1 = md5(f"{username}:{services.REALM}:{password}")
    response = md5(f"{ha1}:{nonce}:00000001:abc:auth:{md5(f'{method}:{uri}')}")
    return (
        f'Digest username="{username}", realm="{services.REALM}", nonce="{nonce}", '
        f'uri="{uri}", qop=auth, nc=00000001, cnonce="abc", response="{response}"'
    )


@pytest.mark.django_db
def test_digest_refusals(client, cwm, role_users, forms, monkeypatch):
    credential, password = services.create_credential(cwm, "R1", actor=Actor.cli())
    challenge = client.get("/openrosa/cwm/formList")["WWW-Authenticate"]
    assert challenge.startswith('Digest realm="Tallytale OpenRosa", qop="auth"')
    assert 'Basic realm="Tallytale OpenRosa"' in challenge
    ok = _answer(challenge, credential.username, password, "/openrosa/cwm/formList")
    assert client.get("/openrosa/cwm/formList", HTTP_AUTHORIZATION=ok).status_code == 200
    # the answer is bound to its path, its project and the password
    assert client.get("/openrosa/cwm/submission", HTTP_AUTHORIZATION=ok).status_code == 401
    wrong = _answer(challenge, credential.username, "nope", "/openrosa/cwm/formList")
    assert client.get("/openrosa/cwm/formList", HTTP_AUTHORIZATION=wrong).status_code == 401
    town = _answer(challenge, credential.username, password, "/openrosa/town/formList")
    assert client.get("/openrosa/town/formList", HTTP_AUTHORIZATION=town).status_code == 401
    # a nonce this server did not make
    forged = ok.replace(re.search(r'nonce="([^"]+)"', ok)[1], "123.abc")
    assert client.get("/openrosa/cwm/formList", HTTP_AUTHORIZATION=forged).status_code == 401
    # an old nonce of ours: stale, so the phone retries with a fresh one
    monkeypatch.setattr(services.time, "time", lambda: 10**10)
    r = client.get("/openrosa/cwm/formList", HTTP_AUTHORIZATION=ok)
    assert r.status_code == 401 and "stale=true" in r["WWW-Authenticate"]
    # the stored HA1 is encrypted, not the md5 itself
    stored = AppCredential.objects.get().digest_ha1
    ha1 = hashlib.md5(f"{credential.username}:{services.REALM}:{password}".encode()).hexdigest()
    assert ha1 not in stored
