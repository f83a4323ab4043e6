"""Authenticator (TOTP) secrets are encrypted at rest, survive a key rotation with the old
key as a fallback, and a secret no key opens refuses codes without a server error."""

from __future__ import annotations

import time
import zipfile

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from tallytale.accounts import fieldcrypt, mfa
from tallytale.accounts.models import MfaDevice
from tallytale.audit.models import AuditEvent
from tallytale.core import totp
from tests.passwords import with_password

GOOD = "a long enough pass phrase"
OLD_KEY = "old-secret-key-" + "q" * 40
NEW_KEY = "new-secret-key-" + "z" * 40


def _enrol(user) -> tuple[str, list[str]]:
    dev = mfa.start_enrolment(user)
    codes = mfa.confirm_enrolment(user, totp.code_at(dev.secret, time.time() - 30))
    return dev.secret, codes


def _stored(user) -> str:
    """The raw column, read with SQL (no model code in between)."""
    table = connection.ops.quote_name(MfaDevice._meta.db_table)
    with connection.cursor() as cur:
        cur.execute(f"SELECT encrypted_secret FROM {table} WHERE user_id = %s", [user.pk])
        return cur.fetchone()[0]


def _tamper(token: str) -> str:
    i = len(fieldcrypt.PREFIX) + (len(token) - len(fieldcrypt.PREFIX)) // 2
    return token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1 :]


def test_the_database_holds_no_plain_secret(role_users):
    user = role_users["coordinator"]
    secret, _ = _enrol(user)
    assert len(secret) == 32 and secret.isupper()  # 160-bit base32
    raw = _stored(user)
    assert raw.startswith(fieldcrypt.PREFIX)
    assert secret not in raw and secret.lower() not in raw.lower()
    with connection.cursor() as cur:  # nor in any other column of the row
        table = connection.ops.quote_name(MfaDevice._meta.db_table)
        cur.execute(f"SELECT * FROM {table} WHERE user_id = %s", [user.pk])  # noqa: S608
        assert not any(secret in str(value) for value in cur.fetchone())
    # two encryptions of one secret differ (random IV), so equal secrets do not show
    assert fieldcrypt.encrypt(secret, fieldcrypt.MFA_SECRET) != raw


def test_a_code_from_the_secret_still_verifies(role_users):
    user = role_users["coordinator"]
    secret, _ = _enrol(user)
    reloaded = MfaDevice.objects.get(user=user)
    assert reloaded.secret == secret
    assert mfa.check_code(user, totp.code_at(secret, time.time()))
    assert mfa.provisioning_uri(user, reloaded).count(f"secret={secret}") == 1


def test_the_purpose_label_separates_keys(role_users):
    token = fieldcrypt.encrypt("JBSWY3DPEHPK3PXP", fieldcrypt.MFA_SECRET)
    with pytest.raises(fieldcrypt.UnreadableSecret):
        fieldcrypt.decrypt(token, "some other purpose")


def test_a_changed_secret_key_with_the_old_one_as_fallback_still_decrypts(role_users, settings):
    user = role_users["coordinator"]
    settings.SECRET_KEY = OLD_KEY
    secret, _ = _enrol(user)
    made_with_old_key = _stored(user)

    settings.SECRET_KEY = NEW_KEY
    settings.SECRET_KEY_FALLBACKS = [OLD_KEY]
    assert MfaDevice.objects.get(user=user).secret == secret
    assert fieldcrypt.needs_rotation(made_with_old_key, fieldcrypt.MFA_SECRET)
    # a good code re-encrypts the secret with the current key
    assert mfa.check_code(user, totp.code_at(secret, time.time()))
    assert _stored(user) != made_with_old_key
    assert not fieldcrypt.needs_rotation(_stored(user), fieldcrypt.MFA_SECRET)

    settings.SECRET_KEY_FALLBACKS = []  # the old key can go now
    assert MfaDevice.objects.get(user=user).secret == secret
    assert mfa.check_code(user, totp.code_at(secret, time.time() + 30))


def test_a_dedicated_field_key_replaces_secret_key(role_users, settings):
    user = role_users["coordinator"]
    secret, _ = _enrol(user)  # with a key from SECRET_KEY
    settings.FIELD_ENCRYPTION_KEY = "dedicated-field-key-" + "k" * 40
    assert MfaDevice.objects.get(user=user).secret == secret  # SECRET_KEY still opens it
    token = fieldcrypt.encrypt(secret, fieldcrypt.MFA_SECRET)
    settings.SECRET_KEY = NEW_KEY  # a new SECRET_KEY no longer matters to new values
    assert fieldcrypt.decrypt(token, fieldcrypt.MFA_SECRET) == secret
    settings.FIELD_ENCRYPTION_KEY = "another-field-key-" + "m" * 40
    with pytest.raises(fieldcrypt.UnreadableSecret):
        fieldcrypt.decrypt(token, fieldcrypt.MFA_SECRET)
    settings.FIELD_ENCRYPTION_KEY_FALLBACKS = ["dedicated-field-key-" + "k" * 40]
    assert fieldcrypt.decrypt(token, fieldcrypt.MFA_SECRET) == secret


def test_a_changed_key_without_fallback_refuses_codes_but_not_recovery_codes(
    role_users, settings, caplog
):
    user = role_users["coordinator"]
    secret, codes = _enrol(user)
    settings.SECRET_KEY = NEW_KEY
    with pytest.raises(fieldcrypt.UnreadableSecret):
        MfaDevice.objects.get(user=user).secret  # noqa: B018
    assert not mfa.check_code(user, totp.code_at(secret, time.time()))
    assert "cannot be decrypted" in caplog.text and secret not in caplog.text
    assert AuditEvent.objects.filter(action="account.mfa_secret_unreadable").exists()
    assert mfa.check_code(user, codes[0])  # the way back in without the authenticator


@pytest.fixture
def tampered(role_users):
    user = role_users["coordinator"]
    with_password(user, GOOD)
    secret, codes = _enrol(user)
    MfaDevice.objects.filter(user=user).update(encrypted_secret=_tamper(_stored(user)))
    return user, secret, codes


def test_a_tampered_secret_fails_clearly(tampered, caplog):
    user, secret, _ = tampered
    with pytest.raises(fieldcrypt.UnreadableSecret, match="altered"):
        MfaDevice.objects.get(user=user).secret  # noqa: B018
    assert not mfa.check_code(user, totp.code_at(secret, time.time()))
    assert "cannot be decrypted" in caplog.text
    assert AuditEvent.objects.filter(action="account.mfa_secret_unreadable", actor=user).exists()


def test_a_tampered_secret_is_a_refused_code_not_a_server_error(tampered, client, settings):
    settings.MFA_ENFORCED = True
    user, secret, codes = tampered
    r = client.post(reverse("accounts:login"), {"username": "c1", "password": GOOD})
    assert r.status_code == 302
    code = totp.code_at(secret, time.time())
    r = client.post(reverse("accounts:mfa_verify"), {"code": code})
    assert r.status_code == 400 and "does not match" in r.content.decode()
    assert client.get(reverse("web:me")).url.startswith(reverse("accounts:mfa_verify"))
    r = client.post(reverse("accounts:mfa_verify"), {"code": codes[0], "next": "/me/"})
    assert r.status_code == 302 and r.url == "/me/"


def test_an_unreadable_unfinished_enrolment_starts_again(role_users, settings, client):
    user = role_users["participant"]
    first = mfa.start_enrolment(user).secret
    settings.SECRET_KEY = NEW_KEY
    client.force_login(user)
    r = client.get(reverse("accounts:mfa_enrol"))
    assert r.status_code == 200 and r.context["secret"] != first
    r = client.post(
        reverse("accounts:mfa_enrol"), {"code": totp.code_at(r.context["secret"], time.time())}
    )
    assert r.status_code == 200 and len(r.context["codes"]) == 10


def test_the_admin_never_shows_the_secret(role_users, client):
    user = role_users["coordinator"]
    secret, _ = _enrol(user)
    raw = _stored(user)
    boss = User.objects.create_superuser("boss", "boss@example.org", GOOD + " 1")
    client.force_login(boss)
    dev = MfaDevice.objects.get(user=user)
    for url in (
        reverse("admin:accounts_mfadevice_changelist"),
        reverse("admin:accounts_mfadevice_change", args=[dev.pk]),
    ):
        r = client.get(url)
        assert r.status_code == 200, url
        page = r.content.decode()
        assert secret not in page and raw[len(fieldcrypt.PREFIX) :][:20] not in page, url


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_plain_secrets_and_its_reverse_decrypts_them():
    before = [("accounts", "0002_security")]
    after = [("accounts", "0003_encrypt_mfa_secret")]
    secret = totp.new_secret()
    try:
        old = _migrate(before)
        owner = old.get_model("auth", "User").objects.create(username="mig")
        old.get_model("accounts", "MfaDevice").objects.create(user_id=owner.pk, secret=secret)

        _migrate(after)
        raw = _stored(owner)
        assert raw.startswith(fieldcrypt.PREFIX) and secret not in raw
        assert MfaDevice.objects.get(user_id=owner.pk).secret == secret

        back = _migrate(before)
        assert back.get_model("accounts", "MfaDevice").objects.get(user_id=owner.pk).secret == (
            secret
        )
    finally:
        executor = MigrationExecutor(connection)
        _migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_backups_carry_the_secret_encrypted(role_users, tmp_path, settings):
    from tallytale.ops import backup, restore
    from tests.reliability._databases import scratch_sqlite

    settings.MEDIA_ROOT = tmp_path / "media"
    user = role_users["coordinator"]
    secret, _ = _enrol(user)
    archive = tmp_path / "b.zip"
    backup.create_backup(archive, verify=False)
    with zipfile.ZipFile(archive) as zf:
        assert not any(secret.encode() in zf.read(name) for name in zf.namelist())
    with scratch_sqlite("restored", tmp_path / "restored.sqlite3"):
        restore.restore_backup(archive, using="restored", restore_media=False)
        copy = MfaDevice.objects.using("restored").get(user_id=user.pk)
        assert copy.encrypted_secret == _stored(user)
        assert copy.secret == secret
