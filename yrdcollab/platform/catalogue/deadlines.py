"""Each matter has a deadline for every step of the cross-regional workflows, but the deadline rules
belong to the casework kernel, one layer above the catalogue. The kernel plugs its rules in here
(`register_deadline_rules` in its AppConfig.ready()); the catalogue shows and edits them through
this port without importing the kernel."""

from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Step:
    workflow: str  # "transfer"
    step: str  # "accept"
    label: str  # 线索移送·受理或退回

    @property
    def key(self) -> str:
        return f"{self.workflow}.{self.step}"


@dataclass(frozen=True)
class RegionalCitation:
    """What a default deadline cites for an agency of one of the four regions."""

    province: str  # "31" 上海, "32" 江苏, "33" 浙江, "34" 安徽
    province_label: str
    text: str
    statutory: bool  # the period itself is set by statute, not only agreed on the platform


@dataclass(frozen=True)
class EffectiveDeadline:
    workflow: str
    step: str
    label: str
    amount: int
    unit: str  # workdays.rules.Unit
    legal_basis: str
    source: str  # "matter" (own override), "parent" (inherited override) or "default"
    # A default cites what binds the acting agency's province; an override cites its own legal_basis.
    regional: tuple[RegionalCitation, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.workflow}.{self.step}"


class DeadlineRules(Protocol):
    def steps(self) -> list[Step]: ...

    def effective(self, matter) -> list[EffectiveDeadline]: ...

    def override(self, matter, *, workflow: str, step: str, amount: int, unit: str, legal_basis: str) -> bool:
        """Sets the matter's own rule; True when it was created, False when it replaced one."""

    def clear(self, matter, *, workflow: str, step: str) -> bool:
        """Removes the matter's own rule; False when it had none."""


_rules: DeadlineRules | None = None


def register_deadline_rules(rules: DeadlineRules) -> None:
    global _rules
    _rules = rules


def deadline_rules() -> DeadlineRules:
    if _rules is None:
        raise ImproperlyConfigured("no deadline rules registered (the collaboration app registers them)")
    return _rules
