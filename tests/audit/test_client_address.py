"""The client's address behind the reverse proxy: read from X-Forwarded-For only as far back as TRUSTED_PROXIES."""

from django.test import RequestFactory

from xunchar.audit.services import client_address


def _request(remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_connection_address_counts(settings):
    settings.TRUSTED_PROXIES = 0
    assert client_address(_request(forwarded="1.2.3.4")) == "10.0.0.1"


def test_behind_one_proxy_the_address_it_saw_counts_and_a_forged_entry_is_not_read(settings):
    settings.TRUSTED_PROXIES = 1
    assert client_address(_request(forwarded="192.168.5.20")) == "192.168.5.20"
    # The client wrote "6.6.6.6" itself; the proxy appended what it saw.
    assert client_address(_request(forwarded="6.6.6.6, 192.168.5.21")) == "192.168.5.21"


def test_a_malformed_or_missing_header_falls_back_to_the_connection(settings):
    settings.TRUSTED_PROXIES = 1
    assert client_address(_request(forwarded="not-an-address")) == "10.0.0.1"
    assert client_address(_request()) == "10.0.0.1"
    settings.TRUSTED_PROXIES = 2
    assert client_address(_request(forwarded="192.168.5.20")) == "10.0.0.1"
