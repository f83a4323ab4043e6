"""Encrypt authenticator (TOTP) secrets at rest: `MfaDevice.secret` becomes `encrypted_secret`.

Forward: every plain base32 secret is encrypted with the current key (see
`tallytale.accounts.fieldcrypt`). Backward: every secret is decrypted again; this stops with
an error if a secret cannot be decrypted (reset that user's device first).
"""

from django.db import migrations, models

from tallytale.accounts import fieldcrypt


def encrypt_secrets(apps, schema_editor):
    MfaDevice = apps.get_model("accounts", "MfaDevice")
    for dev in MfaDevice.objects.using(schema_editor.connection.alias).only("id", "encrypted_secret"):
        if not fieldcrypt.is_encrypted(dev.encrypted_secret):
            dev.encrypted_secret = fieldcrypt.encrypt(dev.encrypted_secret, fieldcrypt.MFA_SECRET)
            dev.save(update_fields=["encrypted_secret"])


def decrypt_secrets(apps, schema_editor):
    MfaDevice = apps.get_model("accounts", "MfaDevice")
    for dev in MfaDevice.objects.using(schema_editor.connection.alias).only("id", "encrypted_secret"):
        if fieldcrypt.is_encrypted(dev.encrypted_secret):
            try:
                plain = fieldcrypt.decrypt(dev.encrypted_secret, fieldcrypt.MFA_SECRET)
            except fieldcrypt.UnreadableSecret as exc:
                raise RuntimeError(
                    f"MfaDevice {dev.pk} (user {dev.user_id}): {exc}; reset that device first"
                ) from None
            dev.encrypted_secret = plain
            dev.save(update_fields=["encrypted_secret"])


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_security'),
    ]

    operations = [
        migrations.RenameField(
            model_name='mfadevice',
            old_name='secret',
            new_name='encrypted_secret',
        ),
        migrations.AlterField(
            model_name='mfadevice',
            name='encrypted_secret',
            field=models.CharField(max_length=255),
        ),
        migrations.RunPython(encrypt_secrets, decrypt_secrets, elidable=False),
    ]
