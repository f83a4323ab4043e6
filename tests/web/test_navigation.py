"""Home and the site navigation lead every role to its pages, and only to those."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

EXPECTED = {
    "participant": {"stories:list", "community:home", "community:reviews", "community:actions"},
    "researcher": {
        "web:research",
        "stories:collect",
        "web:hours",
        "stories:list",
        "stories:review",
        "coding:codebook",
        "coding:themes",
        "web:evaluate",
        "evidence:report",
        "community:home",
        "community:reviews",
        "community:actions",
    },
    "evaluator": {
        "stories:list",
        "coding:themes",
        "web:evaluate",
        "evidence:report",
        "community:home",
        "community:reviews",
        "community:actions",
    },
}


def _links(html: str) -> list[str]:
    return re.findall(r'<a [^>]*href="([^"]+)"', html)


def test_home_links_follow_capabilities(client, site):
    from tallytale.web.views import PROJECT_LINKS

    all_names = {name for _c, name, _l in PROJECT_LINKS}
    for role, names in EXPECTED.items():
        client.force_login(site["users"][role])
        html = client.get(reverse("web:home") + "?projects=1").content.decode()
        for name in all_names:
            url = reverse(name, args=["cwm"])
            assert (f'href="{url}"' in html) == (name in names), (role, name)
    client.force_login(site["users"]["coordinator"])
    html = client.get(reverse("web:home") + "?projects=1").content.decode()
    for name in all_names:  # a coordinator holds every capability the links need
        assert f'href="{reverse(name, args=["cwm"])}"' in html, name


@pytest.mark.parametrize("role", ["participant", "researcher", "coordinator", "evaluator"])
def test_every_link_on_home_opens(client, site, role):
    client.force_login(site["users"][role])
    html = client.get(reverse("web:home") + "?projects=1").content.decode()
    for url in _links(html):
        if url.startswith("/") and not url.startswith("/static/"):
            assert client.get(url, follow=True).status_code == 200, (role, url)


def test_navigation_for_everyone_signed_in(client, site):
    client.force_login(site["users"]["outsider"])
    html = client.get(reverse("web:home") + "?projects=1").content.decode()
    for name in ("web:me", "surveys:index", "stories:mine"):
        assert f'href="{reverse(name)}"' in html, name
    assert "/p/cwm/" not in html
    # API tokens are an account setting, under My Tallytale, not on a member's home
    html = client.get(reverse("web:me")).content.decode()
    assert f'href="{reverse("accounts:tokens")}"' in html
    client.logout()
    html = client.get(reverse("accounts:login")).content.decode()
    assert f'href="{reverse("surveys:index")}"' not in html
