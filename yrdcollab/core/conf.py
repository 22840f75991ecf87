"""One way to declare a configurable number. Each app declares its settings once, in its `conf.py`,
with the default and the reason for it (a law, a standard, or the operational judgement behind it):

    SETTINGS = AppSettings(
        Setting("YRD_DUTY_CHECKIN_TOLERANCE_M", 500, int,
                "GPS in a street canyon errs by tens of metres; 500 m leaves room to reach the beat's edge"),
    )
    SETTINGS.YRD_DUTY_CHECKIN_TOLERANCE_M        # read where it is used

A value comes from, in this order: Django settings (a deployment's settings module, or a test's
override_settings), then the environment variable of the same name (read here and nowhere else),
then the declared default. docs/operations.md lists every declared setting (a test checks it).
"""

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured


def parse_bool(raw: str) -> bool:
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def parse_rate(raw: str) -> tuple[int, int]:
    """ "120/60" → (120 calls, per 60 seconds)."""
    calls, _sep, seconds = raw.partition("/")
    return int(calls), int(seconds or 60)


PARSERS: dict[type, Callable[[str], Any]] = {int: int, float: float, str: str, bool: parse_bool}


@dataclass(frozen=True)
class Setting:
    name: str  # YRD_…: the Django setting and the environment variable
    default: Any
    parse: Callable[[str], Any] | type  # how the environment's text becomes a value (int, float, parse_rate …)
    why: str  # the citation: the law or standard, or the operational reason for the default

    def read(self) -> Any:
        if hasattr(django_settings, self.name):
            return getattr(django_settings, self.name)
        raw = os.environ.get(self.name)
        if raw is None or raw.strip() == "":
            return self.default
        try:
            if self.parse in (dict, list, tuple):
                value = json.loads(raw)
                return tuple(value) if self.parse is tuple else value
            parse: Callable[[str], Any] = (
                PARSERS.get(self.parse, self.parse) if isinstance(self.parse, type) else self.parse
            )
            return parse(raw.strip())
        except (ValueError, TypeError) as exc:
            raise ImproperlyConfigured(f"environment variable {self.name}={raw!r} is not valid: {exc}") from exc


_DECLARED: dict[str, Setting] = {}


class AppSettings:
    """The settings one app declares; read them as attributes."""

    def __init__(self, *declared: Setting):
        self._settings = {s.name: s for s in declared}
        for setting in declared:
            other = _DECLARED.get(setting.name)
            if other is not None and other is not setting:
                raise ValueError(f"setting {setting.name} is declared twice")
            _DECLARED[setting.name] = setting

    def __getattr__(self, name: str) -> Any:
        try:
            return self._settings[name].read()
        except KeyError:
            raise AttributeError(name) from None

    def __iter__(self) -> Iterator[Setting]:
        return iter(self._settings.values())


def declared_settings() -> dict[str, Setting]:
    """Every setting declared so far (import the apps' conf modules first)."""
    return dict(_DECLARED)
