"""The stored result of one credit query (公共信用信息查询报告): what the screen showed, kept with its
报告编号 so the PDF renders the same result without querying again (issue #15 item 8)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.personal_data import EncryptedCharField

from .querysets import CreditQuerySet

# The snapshot of a name search (20 subjects with their records) stays far below this.
SNAPSHOT_MAX_CHARS = 4_000_000


class CreditQueryReport(models.Model):
    """One query's result as the report shows it (subjects, records, list entries, measures, already
    formatted), encrypted at rest: it may hold an ID number shown in full. Read back only by the
    user who ran the query (selectors/query.py `credit_query_report_of`)."""

    report_number = models.CharField(_("报告编号"), max_length=32, unique=True)
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("查询机构")
    )
    queried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("查询人")
    )
    queried_at = models.DateTimeField(_("查询时间"))
    snapshot = EncryptedCharField(_("查询结果"), max_length=SNAPSHOT_MAX_CHARS)

    objects = CreditQuerySet.as_manager()

    class Meta:
        ordering = ["-queried_at", "-id"]
        verbose_name = _("信用查询报告")
        verbose_name_plural = _("信用查询报告")

    def __str__(self) -> str:
        return self.report_number
