"""Seeding from the maintained PyPI package `chinese-calendar`. Works with the real models or with the
historical models of a data migration, so both the migration and `manage.py calendar_seed` use it."""

from collections import defaultdict
from datetime import date

# The package names holidays in English; these are the names used in the State Council's notices.
CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chinese-calendar")
    except PackageNotFoundError:
        return "unknown"


def _chinese(name: str) -> str:
    if name in CHINESE_NAMES:
        return CHINESE_NAMES[name]
    from chinese_calendar import Holiday

    try:
        return Holiday(name).chinese[:32]
    except ValueError:
        return name[:32]


def package_schedule() -> dict[int, dict[str, dict[date, str]]]:
    """{year: {"holiday": {date: 名称}, "makeup_workday": {date: 名称}}} for every year the package knows."""
    from chinese_calendar import constants

    years: dict[int, dict[str, dict[date, str]]] = defaultdict(lambda: {"holiday": {}, "makeup_workday": {}})
    for day, name in constants.holidays.items():
        years[day.year]["holiday"][day] = _chinese(str(name))
    for day, name in constants.workdays.items():
        years[day.year]["makeup_workday"][day] = _chinese(str(name))
    return dict(sorted(years.items()))


def seed_from_package(year_model, day_model, *, now) -> dict[int, str]:
    """Idempotent upsert of the package's years. A year loaded from a State Council notice is never
    touched (the administrator's data wins). Returns {year: "created" | "updated" | "unchanged" | "kept_notice"}."""
    title = f"chinese-calendar {package_version()}"
    result: dict[int, str] = {}
    existing = {row.year: row for row in year_model.objects.all()}
    for year, days in package_schedule().items():
        wanted = {(d, kind, name) for kind, by_date in days.items() for d, name in by_date.items()}
        row = existing.get(year)
        if row is not None and row.source == "notice":
            result[year] = "kept_notice"
            continue
        if row is not None:
            have = set(day_model.objects.filter(calendar_year=row).values_list("date", "kind", "name"))
            if have == wanted:
                result[year] = "unchanged"
                continue
            day_model.objects.filter(calendar_year=row).delete()
            row.notice_title, row.loaded_at = title, now
            row.save(update_fields=["notice_title", "loaded_at"])
            result[year] = "updated"
        else:
            row = year_model.objects.create(year=year, source="package", notice_title=title, loaded_at=now)
            result[year] = "created"
        day_model.objects.bulk_create(
            [day_model(calendar_year=row, date=d, kind=kind, name=name) for d, kind, name in sorted(wanted)]
        )
    return result
