import pytest
from django.contrib.auth.models import User

from tallytale.ledger import services as ledger


@pytest.mark.django_db
def test_back_office_lists_and_refuses_ledger_edits(scheme, actor, client):
    import datetime as dt

    t = ledger.earn("M1", "library", 2, actor=actor, today=dt.date(2025, 6, 30))
    User.objects.create_superuser("boss", "boss@example.org", "a long enough password 1")
    client.login(username="boss", password="a long enough password 1")
    for url in (
        "/admin/programmes/person/",
        "/admin/programmes/project/",
        "/admin/programmes/organisation/",
        "/admin/ledger/transfer/",
        "/admin/ledger/account/",
        "/admin/ledger/contribution/",
        "/admin/audit/auditevent/",
    ):
        assert client.get(url).status_code == 200, url
    # change and add forms draw every widget, the admin's own (template language) ones too
    person, partner = t.credit.person, t.debit.organisation
    for url in (
        f"/admin/programmes/person/{person.pk}/change/",
        f"/admin/programmes/organisation/{partner.pk}/change/",
        f"/admin/programmes/project/{partner.project_id}/change/",
        "/admin/programmes/person/add/",
    ):
        page = client.get(url)
        assert page.status_code == 200 and b"related-widget-wrapper" in page.content, url
    assert b'name="password1"' in client.get("/admin/auth/user/add/").content
    assert client.get(f"/admin/ledger/transfer/{t.pk}/delete/").status_code == 403
    assert client.post(f"/admin/ledger/transfer/{t.pk}/change/", {"amount": 1}).status_code == 403
