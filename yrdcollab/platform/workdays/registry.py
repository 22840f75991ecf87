"""Apps whose deadlines can be provisional register a recomputer here (typically in AppConfig.ready()).
When an administrator loads a year's official schedule, every recomputer is called with that year,
after the load has committed, from the task queue. Recomputers must be idempotent: they are retried."""

import logging
from collections.abc import Callable

logger = logging.getLogger("yrdcollab.platform.workdays")

Recomputer = Callable[[int], object]
_recomputers: list[Recomputer] = []


def register_provisional_recomputer(func: Recomputer) -> Recomputer:
    """Registers `func(year)`; usable as a decorator. Registering the same callable twice is a no-op."""
    if func not in _recomputers:
        _recomputers.append(func)
    return func


def unregister_provisional_recomputer(func: Recomputer) -> None:
    if func in _recomputers:
        _recomputers.remove(func)


def registered_recomputers() -> tuple[Recomputer, ...]:
    return tuple(_recomputers)


def run_provisional_recomputers(year: int) -> list[str]:
    """Calls every recomputer; one failing app does not stop the others. Returns the failed names,
    so the task can retry them."""
    failed = []
    for func in registered_recomputers():
        try:
            func(year)
        except Exception:
            name = getattr(func, "__qualname__", repr(func))
            logger.exception("provisional recomputer failed", extra={"recomputer": name, "year": year})
            failed.append(name)
    return failed
