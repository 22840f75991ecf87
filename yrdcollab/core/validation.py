"""Small input checks shared by every app."""

from uuid import UUID

from django.db import models
from django.utils.translation import gettext as _

from .dates import DATE_MAX, DATE_MIN, date_out_of_range
from .errors import InvalidInput


def invalid(field_name: str, message, code: str = "invalid_input", **details) -> InvalidInput:
    """The 422 of one bad field: its code, a localized message and the field in `details`."""
    return InvalidInput(message, code=code, details={"field": field_name, **details})


def text(value, field_name: str, *, max_length: int, required: bool = True, label=None) -> str:
    """A stripped text input, required and bounded; `label` names the field in the message."""
    cleaned = str(value or "").strip()
    shown = label or field_name
    if required and not cleaned:
        raise invalid(field_name, _("请填写“%(f)s”。") % {"f": shown}, code="required")
    if len(cleaned) > max_length:
        raise invalid(field_name, _("“%(f)s”不能超过 %(n)d 个字。") % {"f": shown, "n": max_length}, code="too_long")
    return cleaned


def is_uuid(value) -> bool:
    try:
        UUID(str(value))
    except ValueError:
        return False
    return True


def in_date_range(value, field_name: str):
    """A date or datetime a service stores, inside core.dates.DATE_MIN–DATE_MAX (and a UTC offset
    within ±14:00): 422 `date_out_of_range` otherwise, so a form's 9999-12-31 is never stored to
    break every page that shows it. None passes (required-ness is the caller's)."""
    if value is not None and date_out_of_range(value):
        raise invalid(
            field_name,
            _("日期须在 %(min)s 至 %(max)s 之间。") % {"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()},
            code="date_out_of_range",
        )
    return value


def refuse_stored_dates_out_of_range(sender, instance, raw=False, **kwargs) -> None:
    """pre_save of every model of the platform: each date and datetime it is about to store passes
    `in_date_range`, so no form, import or service that forgot to bound a date can store one that
    breaks the pages showing it (a roster dated 9999 once did). Fixture loading (`raw`) is trusted."""
    if raw or not sender.__module__.startswith("yrdcollab."):
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.DateField):
            in_date_range(getattr(instance, field.attname), field.name)
