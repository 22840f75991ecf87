"""The scopes the cockpit's page offers (scopes.py): the command centre the four regions, each
province and every agency; an agency's leaders their own scope and each agency below theirs (none
to offer when there is none below)."""

from django.utils.translation import gettext as _

from yrdcollab.core.pinyin import search_keywords
from yrdcollab.core.widgets import PickerChoices
from yrdcollab.platform.directory.choices import agency_choices
from yrdcollab.platform.directory.models import Agency

from ..scopes import PROVINCE_CODES, own_scope
from ._common import View, province_name


def scope_choices(view: View) -> PickerChoices | None:
    own = own_scope(view.actor)
    if own.agencies.everything:
        regions = [("", _("沪苏浙皖四地")), *[(code, province_name(code)) for code in PROVINCE_CODES]]
        agencies = agency_choices(Agency.objects.all())
        keywords = {code: search_keywords(name) for code, name in regions}
        return PickerChoices(
            kind="agency",
            choices=[(_("四地与各省"), regions), *agencies.choices],
            keywords={**agencies.keywords, **keywords},
        )
    if own.agency_id is None:
        return None
    below = own.agencies.ids - {own.agency_id}
    if not below:
        return None
    mine = Agency.objects.filter(pk=own.agency_id).values_list("name", flat=True).first() or ""
    agencies = agency_choices(Agency.objects.filter(pk__in=below))
    return PickerChoices(
        kind="agency",
        choices=[(_("本机构"), [("", _("%(agency)s及下级机构") % {"agency": mine})]), *agencies.choices],
        keywords={**agencies.keywords, "": search_keywords(mine)},
    )
