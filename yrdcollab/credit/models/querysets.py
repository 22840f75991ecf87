"""Who sees which credit rows (core.tenancy): a credit decision belongs to its determining agency
itself, not to the agencies above it; what is published is shared with every region."""

from django.db import models
from django.utils import timezone

from yrdcollab.core.tenancy import AgencyScope, ScopedQuerySet

from ..states import ListStatus, RecordStatus

_NOTHING = models.Q(pk__in=[])


# 严重失信主体名单 entries every credit role of the four regions may read.
SHARED_LIST_STATUSES = (ListStatus.PUBLISHED, ListStatus.REMOVED)


def _signed_in(actor) -> bool:
    return bool(getattr(actor, "is_authenticated", False) and getattr(actor, "is_active", True))


def _own(scope: AgencyScope) -> models.Q:
    return models.Q(agency_id=scope.agency_id) if scope.agency_id is not None else _NOTHING


class CreditQuerySet(ScopedQuerySet):
    """Credit rows belong to one agency itself — the determining agency (认定机构) of a record or a
    list entry, the applying agency of a measure, the importing agency of a batch — not to the
    agencies above it: a credit decision is that agency's own (谁认定、谁修复). By default a row is
    seen by its own agency only (the measures it applied, the batches it imported)."""

    def visible_to(self, actor):
        return self.of_own_agency(actor)

    def of_own_agency(self, actor):
        """The rows of the actor's own agency (the command centre too is held to its own here)."""
        agency_id = AgencyScope.for_actor(actor).agency_id
        return self.filter(agency_id=agency_id) if agency_id is not None else self.none()


class CreditRecordQuerySet(CreditQuerySet):
    def visible_to(self, actor):
        """A record published today is shared with every region; the rest of its history (not
        published, expired, repaired, withdrawn) only with its determining agency and the command
        centre."""
        scope = AgencyScope.for_actor(actor)
        if scope.everything:
            return self.all()
        return self.filter(published_q() | _own(scope)) if _signed_in(actor) else self.none()

    def known_to(self, actor):
        """The records the actor may name as the basis of a measure: every record that was ever
        published (one that ended is then refused as such, 409) and the agency's own history."""
        scope = AgencyScope.for_actor(actor)
        if scope.everything:
            return self.all()
        shared = ~models.Q(status=RecordStatus.NOT_PUBLISHED)
        return self.filter(shared | _own(scope)) if _signed_in(actor) else self.none()


def published_q(today=None) -> models.Q:
    """Records shared across regions on `today`: published and inside the window."""
    return models.Q(status=RecordStatus.PUBLISHED, publicity_ends_on__gt=today or timezone.localdate())


class SeriousListEntryQuerySet(CreditQuerySet):
    def visible_to(self, actor):
        """A published or removed entry is shared with every region; proposals, decisions not yet
        published and withdrawn proposals only with the determining agency and the command centre."""
        if AgencyScope.for_actor(actor).everything:
            return self.all()
        return self.shared_with(actor)

    def shared_with(self, actor):
        """The shared entries of the four regions and every entry of the actor's own agency (the
        command centre too is held to its own here)."""
        if not _signed_in(actor):
            return self.none()
        return self.filter(models.Q(status__in=SHARED_LIST_STATUSES) | _own(AgencyScope.for_actor(actor)))


class RepairApplicationQuerySet(ScopedQuerySet):
    """Seen by the window agency that filed it and by the determining agency it was routed to, the
    agencies above them and the command centre."""

    scope_fields = ("filed_at", "determining_agency")
