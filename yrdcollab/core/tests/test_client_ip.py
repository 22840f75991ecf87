from django.test import RequestFactory, override_settings

from yrdcollab.core.client_ip import client_ip_from_request

rf = RequestFactory()


def test_without_proxies_the_forwarded_header_is_ignored():
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip_from_request(request) == "10.0.0.5"


@override_settings(YRD_TRUSTED_PROXY_COUNT=1)
def test_one_proxy_takes_the_rightmost_forwarded_address():
    # The client forged "6.6.6.6"; the balancer appended the real peer 203.0.113.7.
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_ip_from_request(request) == "203.0.113.7"


@override_settings(YRD_TRUSTED_PROXY_COUNT=2)
def test_too_few_forwarded_entries_fall_back_to_the_peer():
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_ip_from_request(request) == "10.0.0.5"


@override_settings(YRD_TRUSTED_PROXY_COUNT=1)
def test_garbage_in_the_header_falls_back_to_the_peer():
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_ip_from_request(request) == "10.0.0.5"
