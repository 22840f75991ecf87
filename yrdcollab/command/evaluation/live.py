"""The live computation of base measures, the reference: every agency at once, one GROUP BY per
source table (and per part counted alone), never a query per agency. The monthly table (months.py)
is read through the same functions and must give the same figures."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import DateField, Q
from django.db.models.functions import Trunc
from django.utils import timezone

from .measures import BY_NAME, Measure, Window, atoms_of

Raw = dict[str, dict[int, int]]  # {measure or part: {agency id: count, or microseconds of a summed duration}}


def by_source(atoms: Iterable[Measure]) -> dict[str, list[Measure]]:
    grouped: dict[str, list[Measure]] = defaultdict(list)
    for atom in atoms:
        grouped[atom.source.key].append(atom)
    return grouped


def month_of(moment: str) -> Trunc:
    """The first day of the month of `moment` in the platform's time zone (the periods' zone)."""
    return Trunc(moment, "month", output_field=DateField(), tzinfo=timezone.get_current_timezone())


def aggregate(
    atoms: list[Measure], window: Window, *, only: Q | None = None, by_month: bool = False
) -> list[tuple[str, int, date | None, int]]:
    """(atom, agency id, month or None, raw value) of atoms of ONE source: one GROUP BY for the atoms
    counted together, one per atom counted alone. `only` narrows the rows; `by_month` groups by the
    month of the source's moment too. Zeros are left out."""
    source = atoms[0].source
    agency = f"{source.agency}_id"
    rows = source.model._default_manager.all()
    if only is not None:
        rows = rows.filter(only)
    group = [agency]
    if by_month:
        assert source.monthly is not None
        rows = rows.annotate(_month=month_of(source.monthly.moment))
        group.append("_month")
    out: list[tuple[str, int, date | None, int]] = []

    def collect(queryset, keys: dict[str, Measure]) -> None:
        for row in queryset:
            for key, atom in keys.items():
                value = atom.raw(row[key])
                if value:
                    out.append((atom.name, row[agency], row.get("_month"), value))

    together = [a for a in atoms if not a.alone]
    if together:
        anything = reduce(or_, (a.condition(window) for a in together))
        queryset = rows.filter(anything).order_by().values(*group)
        collect(
            queryset.annotate(**{f"m_{a.name}": a.aggregate(window) for a in together}),
            {f"m_{a.name}": a for a in together},
        )
    for atom in atoms:
        if atom.alone:
            queryset = rows.filter(atom.condition(window)).order_by().values(*group)
            collect(queryset.annotate(m_alone=atom.aggregate()), {"m_alone": atom})
    return out


def add(raw: Raw, rows: Iterable[tuple[str, int, Any, int]]) -> None:
    for name, agency_id, _month, value in rows:
        raw[name][agency_id] = raw[name].get(agency_id, 0) + value


def compose(names: Iterable[str], raw: Raw) -> dict[str, dict[int, float]]:
    """{measure: {agency id: value}} from the raw values of atoms; agencies without a value are left out."""
    out: dict[str, dict[int, float]] = {}
    for name in names:
        measure = BY_NAME[name]
        if measure.parts:
            total: dict[int, int] = defaultdict(int)
            for part, coefficient in measure.parts:
                for agency_id, value in raw.get(part, {}).items():
                    total[agency_id] += coefficient * value
        else:
            total = raw.get(name, {})
        out[name] = {agency_id: measure.to_number(value) for agency_id, value in total.items() if value}
    return out


def compute(names: Iterable[str], window: Window) -> dict[str, dict[int, float]]:
    """{measure: {agency id: value}} for every agency with a record, live: one GROUP BY query per
    source (and per part counted alone), never a query per agency. The reference of months.compute."""
    names = set(names)
    raw: Raw = defaultdict(dict)
    for atoms in by_source(atoms_of(names)).values():
        add(raw, aggregate(atoms, window))
    return compose(names, raw)
