"""The cockpit's pre-aggregation (its own tables, written only by services/, read by selectors/).

Why these tables, measured on 1,000,000 items / 5,000,000 alerts (bench/README, issue #14): the live
GROUP BYs took 5–15 s a refresh, all of it in the database.

* Level 1, per closed day (`RolledDay` says which days are rolled up): `ExchangeDay` (transfers and
  assistance requests sent that day, by kind, sender, receiver and matter) and `AlertResponseDay`
  (first responses to alerts logged that day, by the alert's division and the agencies it was routed
  to, with their count and summed waiting time). Rebuilt per day, idempotently (delete + INSERT …
  SELECT … GROUP BY in one transaction). What a row counts does not change after its day: an item
  counts on the day it was sent (its sender, receiver and matter are fixed once sent), a response on
  the day it was logged (the log is append-only; an alert's division and routing are set when it is
  raised). The one exception, a returned clue re-routed later (its sent_at and receiver move to the
  re-routing), is settled nightly and corrected at read time (services/rollup.py). Rows are keyed by
  agency ids, so any scope is a filter on them; a day not rolled up is read live.
* An exchange row is about as fine as the items themselves (~1,400 a day: one item per day, pair and
  matter), so summing a year of them for the whole delta is still ~0.3–0.5 s. Level 2, `ScopeWindow`,
  is therefore the closed part (every day before today) of each period's window per scope (the four
  regions, each province, each agency's subtree: a few hundred rows), summed nightly from level 1: a
  figure is one stored row plus today's rows, read live (~1,400 items). It is used only when whole and
  current (built for today, every day of its window rolled, no day rebuilt since, the scope's agencies
  unchanged); otherwise level 1 (still correct, a few hundred ms slower).
* `CreditSnapshot`: records under publicity per agency and severity, a current state that is a GROUP BY
  over ~0.8–1.5 M published rows (1 s): taken by the worker every few minutes, shown with its time, not
  used once older than YRD_COCKPIT_CREDIT_SNAPSHOT_MAX_AGE (then counted live).

The open pipeline, the live alerts and the map stay live: counts of current rows (thousands among
millions) through partial indexes of the apps that own them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.tenancy import ScopedQuerySet

# RollupState keys: re-routings before `at` are reflected in the rolled days (services/rollup.py);
# the credit snapshot was taken at `at` (services/credit.py).
EXCHANGES_SETTLED = "exchanges"
CREDIT_SNAPSHOT = "credit"
# A credit snapshot keeps the exact end of publicity of the windows ending within this many days of it
# (later ones as "later"), so its counts stay right over the days it may be used (its maximum age,
# YRD_COCKPIT_CREDIT_SNAPSHOT_MAX_AGE, is far shorter).
CREDIT_HORIZON_DAYS = 7
DAYS = "days"  # the ScopeWindow part holding the trends' per-day counts


def _agency(**kwargs) -> models.ForeignKey:
    """A counted agency: no database constraint and no index of its own (the rows are rebuilt from the
    source tables, which hold the constraints; the composite indexes below serve the reads)."""
    return models.ForeignKey(
        "directory.Agency", on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False, **kwargs
    )


class ExchangeDayQuerySet(ScopedQuerySet):
    # A sent item is seen by its sending and receiving agencies, the agencies above them and the command
    # centre (the rule of ClueTransfer and AssistanceRequest once they are no longer drafts).
    scope_fields = ("sender", "receiver")


class CreditSnapshotQuerySet(ScopedQuerySet):
    scope_fields = ("agency",)  # the cockpit counts the records of the determining agencies in its scope


class RolledDay(models.Model):
    """A closed day whose level-1 rows are complete (as of `built_at`). A day without a row is read live."""

    day = models.DateField(_("日期"), primary_key=True)
    built_at = models.DateTimeField(_("汇总时间"))

    class Meta:
        verbose_name = _("已汇总日")
        verbose_name_plural = _("已汇总日")

    def __str__(self) -> str:
        return self.day.isoformat()


class ExchangeDay(models.Model):
    """Transfers (kind transfer) or assistance requests (kind assistance) sent on `day` (Asia/Shanghai),
    drafts never counted, from `sender` to `receiver` (the requester and responder of a request) on
    `matter`."""

    day = models.DateField()
    kind = models.CharField(max_length=16)
    sender = _agency()
    receiver = _agency()
    matter = models.ForeignKey(
        "catalogue.Matter", on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False
    )
    n = models.PositiveIntegerField()

    objects = ExchangeDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("协作流向日汇总")
        verbose_name_plural = _("协作流向日汇总")
        indexes = [
            models.Index(fields=["day"], name="cockpit_exchange_day_idx"),
            models.Index(fields=["sender", "day"], name="cockpit_exchange_sender_idx"),
            models.Index(fields=["receiver", "day"], name="cockpit_exchange_receiver_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.kind} {self.sender_id}→{self.receiver_id}: {self.n}"


class AlertResponseDay(models.Model):
    """First responses (an alert leaving 待处置 by claim, check, transfer or dismissal) logged on `day`, by
    the alert's division and the agencies the alert was routed to (`agencies`: their ids, comma
    separated; "" for none): how many, and their waiting times (log time − alert creation) summed."""

    day = models.DateField()
    division = models.CharField(max_length=12, blank=True)
    agencies = models.CharField(max_length=1000, blank=True)
    n = models.PositiveIntegerField()
    total = models.DurationField()

    class Meta:
        verbose_name = _("预警响应日汇总")
        verbose_name_plural = _("预警响应日汇总")
        indexes = [models.Index(fields=["day"], name="cockpit_response_day_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.division}: {self.n}"


class ScopeWindow(models.Model):
    """The exchange figures of one scope over the closed days of a window ending yesterday, for the
    cockpit of `as_of` (today when built): part 30d|12m|year holds the pairs and matters of that
    period's window, part "days" the per-day counts of the trends. `agencies` is the digest of the
    scope's agency ids when built (a changed agency tree makes the row unusable)."""

    as_of = models.DateField()
    scope = models.CharField(max_length=48)
    part = models.CharField(max_length=8)
    agencies = models.CharField(max_length=64)
    first_day = models.DateField()
    last_day = models.DateField()
    built_at = models.DateTimeField()
    figures = models.JSONField()

    class Meta:
        verbose_name = _("驾驶舱统计窗口")
        verbose_name_plural = _("驾驶舱统计窗口")
        constraints = [models.UniqueConstraint(fields=["as_of", "scope", "part"], name="cockpit_scope_window_unique")]

    def __str__(self) -> str:
        return f"{self.as_of} {self.scope} {self.part}"


class CreditSnapshot(models.Model):
    """Records under publicity (published, window not ended) per determining agency and severity, as of
    RollupState "credit". `ends_on` is the end of publicity for the windows ending within the snapshot's
    horizon (so the count stays right as days pass), null for those ending later."""

    agency = _agency()
    severity = models.CharField(max_length=16)
    ends_on = models.DateField(null=True)
    n = models.PositiveIntegerField()

    objects = CreditSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("公示中信用记录快照")
        verbose_name_plural = _("公示中信用记录快照")

    def __str__(self) -> str:
        return f"{self.agency_id} {self.severity} {self.ends_on}: {self.n}"


class RollupState(models.Model):
    """Small facts about the pre-aggregation: "exchanges" (re-routings settled until `at`) and
    "credit" (the snapshot taken at `at`)."""

    key = models.CharField(max_length=16, primary_key=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("驾驶舱汇总状态")
        verbose_name_plural = _("驾驶舱汇总状态")

    def __str__(self) -> str:
        return f"{self.key}: {self.at.isoformat()}"
