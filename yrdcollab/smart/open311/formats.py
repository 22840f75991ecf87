"""GeoReport v2 bodies in JSON and XML with the spec's element names. XML is built with ElementTree
(escaping done by the library); characters XML 1.0 cannot carry are dropped from text."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime

from django.http import HttpResponse

CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Open311Error(Exception):
    """An error answered as the spec's list of {code, description}; `code` is also the HTTP status."""

    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = str(description)


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return _XML_INVALID.sub("", str(value))


def _json_value(value):
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value


def _xml_element(parent, tag: str, value) -> None:
    child = ET.SubElement(parent, tag)
    if isinstance(value, list):  # e.g. attributes: none here, an empty element
        return
    text = _text(value)
    if text:
        child.text = text


def _xml_bytes(root: ET.Element) -> bytes:
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)


def render_list(fmt: str, root_tag: str, item_tag: str, items: list[dict], *, status: int = 200) -> HttpResponse:
    if fmt == "json":
        body = json.dumps([{k: _json_value(v) for k, v in item.items()} for item in items], ensure_ascii=False)
        return HttpResponse(body.encode(), content_type=CONTENT_TYPES["json"], status=status)
    root = ET.Element(root_tag)
    for item in items:
        element = ET.SubElement(root, item_tag)
        for key, value in item.items():
            _xml_element(element, key, value)
    return HttpResponse(_xml_bytes(root), content_type=CONTENT_TYPES["xml"], status=status)


def render_object(fmt: str, root_tag: str, item: dict) -> HttpResponse:
    if fmt == "json":
        body = json.dumps({k: _json_value(v) for k, v in item.items()}, ensure_ascii=False)
        return HttpResponse(body.encode(), content_type=CONTENT_TYPES["json"])
    root = ET.Element(root_tag)
    for key, value in item.items():
        _xml_element(root, key, value)
    return HttpResponse(_xml_bytes(root), content_type=CONTENT_TYPES["xml"])


def render_errors(fmt: str, errors: list[Open311Error]) -> HttpResponse:
    status = errors[0].status
    return render_list(
        fmt, "errors", "error", [{"code": e.status, "description": e.description} for e in errors], status=status
    )
