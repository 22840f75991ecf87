"""The dashboard's filters, parsed once for the page and the API alike. Bad values are 422 naming
the field."""

import re
import uuid
from dataclasses import dataclass, fields

from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.deadlines import DeadlineState
from yrdcollab.casework.collaboration.models import Workflow
from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.directory.models import Agency

from .states import EscalationLevel

MAX_LEVEL = max(EscalationLevel.values)
_PROVINCE = re.compile(r"^\d{2}0000$")


@dataclass(frozen=True)
class ItemFilters:
    kind: str | None = None
    deadline: str | None = None
    sender_province: str | None = None
    receiver_province: str | None = None
    waiting_on: int | None = None  # agency pk, resolved from its public id
    level: int | None = None

    @classmethod
    def build(
        cls,
        *,
        kind=None,
        deadline=None,
        sender_province=None,
        receiver_province=None,
        waiting_on=None,
        level=None,
        **_ignored,
    ) -> "ItemFilters":
        def blank(value):
            return value is None or str(value).strip() == ""

        def bad(field: str, message: str):
            return InvalidInput(message, details={"field": field})

        if not blank(kind) and kind not in Workflow.values:
            raise bad("kind", _("事项类型无效。"))
        if not blank(deadline) and deadline not in [s.value for s in DeadlineState]:
            raise bad("deadline", _("期限状态无效。"))
        for name, value in (("sender_province", sender_province), ("receiver_province", receiver_province)):
            if not blank(value) and not _PROVINCE.match(str(value)):
                raise bad(name, _("省份须为六位省级区划代码，如 310000。"))
        agency_id = None
        if not blank(waiting_on):
            try:
                agency_uuid = uuid.UUID(str(waiting_on))
            except ValueError:
                raise bad("waiting_on", _("待办机构编号无效。")) from None
            agency_id = Agency.objects.filter(public_id=agency_uuid).values_list("id", flat=True).first()
            if agency_id is None:
                raise bad("waiting_on", _("待办机构不存在。"))
        parsed_level = None
        if not blank(level):
            try:
                parsed_level = int(str(level))
            except ValueError:
                parsed_level = -1
            if not 0 <= parsed_level <= MAX_LEVEL:
                raise bad("level", _("督办级别须为 0、1 或 2。"))
        return cls(
            kind=kind or None,
            deadline=deadline or None,
            sender_province=sender_province or None,
            receiver_province=receiver_province or None,
            waiting_on=agency_id,
            level=parsed_level,
        )

    def without(self, name: str) -> "ItemFilters":
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values[name] = None
        return ItemFilters(**values)
