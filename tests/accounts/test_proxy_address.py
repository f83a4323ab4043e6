"""Behind a proxy, lockouts and rate limits must count the client's address, not the proxy's,
and a client cannot choose its address by sending its own X-Forwarded-For."""

from axes.helpers import get_client_ip_address
from django.test import RequestFactory, override_settings

factory = RequestFactory()


@override_settings(TALLYTALE_PROXY_COUNT=1)
def test_one_proxy_the_entry_it_appended_is_the_client():
    a = factory.post("/accounts/login/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="81.2.69.160")
    spoofed = factory.post(
        "/accounts/login/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 86.150.12.34"
    )
    assert get_client_ip_address(a) == "81.2.69.160"
    assert get_client_ip_address(spoofed) == "86.150.12.34"


@override_settings(TALLYTALE_PROXY_COUNT=2)
def test_two_proxies():
    r = factory.post(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 81.2.69.160, 10.0.0.9"
    )
    assert get_client_ip_address(r) == "81.2.69.160"


def test_without_a_proxy_the_socket_address_counts():
    r = factory.post("/accounts/login/", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert get_client_ip_address(r) == "192.0.2.9"
