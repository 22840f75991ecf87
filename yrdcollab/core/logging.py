import logging

from .request_context import current_request_id


class RequestIdFilter(logging.Filter):
    """Adds the request id to every log record so one request can be followed across lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True
