"""Publicity windows of penalty credit information: which regime applies, which severity class a
decision falls in, and when its publication may end early (repair) and ends by itself.

Pure: no database. The figures live in data/publicity_regimes.json with their sources.

* The regime is chosen by the decision date: NDRC Order No. 36 from 2026-04-01, Order No. 58 from
  2023-05-01. A decision dated before the earliest regime on file (or after today) has no rule to be
  published under and is refused when it is recorded or imported (decision_date_check); regime_for
  still answers Order 58 for such a date, so a record that predates the check can be reclassified.
* The window starts on the decision date and is half-open: published on [starts_on, ends_on).
* Without an explicit class the decision takes the most severe class of its penalty types, so
  the longest window applies where a decision holds several types.
"""

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput

from .models import Severity

RULES_FILE = Path(__file__).resolve().parent / "data" / "publicity_regimes.json"
SEVERITY_ORDER = {Severity.MINOR: 0, Severity.GENERAL: 1, Severity.SERIOUS: 2}


@dataclass(frozen=True)
class ClassRule:
    publish: bool
    min_months: int
    max_months: int


@dataclass(frozen=True)
class RegimeRule:
    code: str
    effective_from: date
    source: str
    classes: dict[str, ClassRule]
    special_sector_min_months: int | None


@dataclass(frozen=True)
class Window:
    regime: str
    severity: str
    published: bool
    starts_on: date
    repairable_from: date
    ends_on: date | None  # first day no longer published; None when never published
    source: str


@cache
def _rules() -> tuple[tuple[RegimeRule, ...], dict[str, str]]:
    raw = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    regimes = tuple(
        sorted(
            (
                RegimeRule(
                    code=r["code"],
                    effective_from=date.fromisoformat(r["effective_from"]),
                    source=r["source"],
                    classes={name: ClassRule(**rule) for name, rule in r["classes"].items()},
                    special_sector_min_months=r.get("special_sector_min_months"),
                )
                for r in raw["regimes"]
            ),
            key=lambda r: r.effective_from,
        )
    )
    type_severity = {k: v for k, v in raw["penalty_type_severity"].items() if not k.startswith("_")}
    return regimes, type_severity


def regimes() -> tuple[RegimeRule, ...]:
    return _rules()[0]


def regime_for(decided_on: date) -> RegimeRule:
    applicable = [r for r in regimes() if r.effective_from <= decided_on]
    return applicable[-1] if applicable else regimes()[0]


def decision_date_check(decided_on: date, *, today: date, field: str = "decided_on") -> None:
    """A credit-relevant decision must fall under a regime on file and not lie in the future:
    422 `decided_before_regime` / `date_in_future` naming `field` (the API, the pages and the
    import all record decisions through services that call this)."""
    first = regimes()[0]
    if decided_on < first.effective_from:
        raise InvalidInput(
            _("决定日期%(d)s早于可适用的公示规则（%(code)s，%(from)s起施行），无法确定公示期限，请核对日期。")
            % {"d": decided_on.isoformat(), "code": first.code, "from": first.effective_from.isoformat()},
            code="decided_before_regime",
            details={
                "field": field,
                "earliest": first.effective_from.isoformat(),
                "regime": first.code,
                "rule": first.source,
            },
        )
    if decided_on > today:
        raise InvalidInput(
            _("决定日期不能晚于今天。"), code="date_in_future", details={"field": field, "latest": today.isoformat()}
        )


def default_severity(penalty_types: list[str]) -> str:
    """The most severe class among the decision's penalty types (the longest-window rule)."""
    type_severity = _rules()[1]
    classes = [type_severity.get(t, Severity.GENERAL) for t in penalty_types] or [Severity.GENERAL]
    return max(classes, key=lambda s: SEVERITY_ORDER[s])


def _out_of_range(message: str, rule: RegimeRule, **details) -> InvalidInput:
    return InvalidInput(
        message,
        code="publicity_window_out_of_range",
        details={"field": "publicity_ends_on", "rule": rule.source, **details},
    )


def publicity_window(
    *,
    decided_on: date,
    penalty_types: list[str],
    severity: str | None = None,
    special_sector: bool = False,
    ends_on: date | None = None,
) -> Window:
    """The window of a decision. `ends_on` shortens (or, for a minor record, opens) publication and
    must stay within the class's minimum and maximum; anything else is refused with the rule."""
    rule = regime_for(decided_on)
    severity = severity or default_severity(penalty_types)
    if severity not in SEVERITY_ORDER:
        raise InvalidInput(_("失信程度应为轻微、一般或严重。"), code="invalid_severity", details={"field": "severity"})
    class_rule = rule.classes[severity]
    min_months = class_rule.min_months
    if special_sector and rule.special_sector_min_months:
        min_months = max(min_months, rule.special_sector_min_months)
    earliest_end = decided_on + relativedelta(months=min_months)
    latest_end = decided_on + relativedelta(months=class_rule.max_months)
    published = class_rule.publish
    if ends_on is None:
        ends_on = latest_end if published else None
    else:
        if ends_on > latest_end:
            raise _out_of_range(
                _("公示截止日不能晚于%(d)s（该类信息最长公示%(m)d个月）。")
                % {"d": latest_end.isoformat(), "m": class_rule.max_months},
                rule,
                latest=latest_end.isoformat(),
            )
        earliest_allowed = max(earliest_end, decided_on + relativedelta(days=1))
        if ends_on < earliest_allowed:
            raise _out_of_range(
                _("公示截止日不能早于%(d)s（该类信息最短公示%(m)d个月）。")
                % {"d": earliest_allowed.isoformat(), "m": min_months},
                rule,
                earliest=earliest_allowed.isoformat(),
            )
        published = True  # an explicit end date publishes even a minor record (确需公示的)
    return Window(
        regime=rule.code,
        severity=severity,
        published=published,
        starts_on=decided_on,
        repairable_from=earliest_end if published else decided_on,
        ends_on=ends_on,
        source=rule.source,
    )


def is_published_on(*, status: str, ends_on: date | None, day: date) -> bool:
    """Published on `day`: the status says so and the window has not ended (it ends by itself)."""
    return status == "published" and ends_on is not None and day < ends_on
