"""Assertions about API responses that several apps' tests share."""


def assert_rate_limited(response) -> None:
    """A 429 that says when to retry, in the error body and in the Retry-After header (issue #13)."""
    assert response.status_code == 429, response.content
    body = response.json()
    assert body["code"] == "rate_limited"
    assert body["details"]["retry_after_seconds"] > 0
    assert int(response["Retry-After"]) == body["details"]["retry_after_seconds"]
