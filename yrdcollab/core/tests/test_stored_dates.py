"""No model of the platform stores a date outside 1900–2100 (issue #13 item 1, the class behind "a
roster dated 9999 breaks its own page for everyone"): the pre_save guard of core.validation walks
every date and datetime field of every model, whichever form, import or service wrote it."""

from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.db import models

from yrdcollab.core.errors import InvalidInput
from yrdcollab.core.validation import refuse_stored_dates_out_of_range

DATE_FIELDS = [
    (model, field)
    for model in apps.get_models()
    if model.__module__.startswith("yrdcollab.")
    for field in model._meta.concrete_fields
    if isinstance(field, models.DateField)
]


def test_the_platform_has_date_fields_to_guard():
    assert len(DATE_FIELDS) > 50


@pytest.mark.parametrize("model,field", DATE_FIELDS, ids=[f"{m._meta.label}.{f.name}" for m, f in DATE_FIELDS])
def test_every_date_field_refuses_year_9999_and_year_1(model, field):
    for value in (date(9999, 12, 31), date(1, 1, 1)):
        if isinstance(field, models.DateTimeField):
            value = datetime(value.year, value.month, value.day, tzinfo=UTC)
        instance = model()
        setattr(instance, field.attname, value)
        with pytest.raises(InvalidInput) as refused:
            refuse_stored_dates_out_of_range(sender=model, instance=instance)
        assert refused.value.code == "date_out_of_range"
        assert refused.value.details["field"] == field.name


def test_dates_inside_the_range_and_fixture_loading_pass():
    model, field = DATE_FIELDS[0]
    instance = model()
    setattr(
        instance,
        field.attname,
        datetime(2026, 12, 7, tzinfo=UTC) if isinstance(field, models.DateTimeField) else date(2026, 12, 7),
    )
    refuse_stored_dates_out_of_range(sender=model, instance=instance)
    setattr(instance, field.attname, date(9999, 1, 1))
    refuse_stored_dates_out_of_range(sender=model, instance=instance, raw=True)
