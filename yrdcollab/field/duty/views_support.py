"""Choices of the roster form: agencies to take part, and the campaigns and events the actor's agency
may organise duty for. Campaigns and events are read through their own apps' scoped selectors; the
service checks the same rules again (duty.contexts)."""

from yrdcollab.platform.directory.models import Agency

from .contexts import roster_context


def agency_choices(actor) -> list[tuple[str, str]]:
    agencies = Agency.objects.filter(is_active=True).exclude(pk=actor.agency_id).order_by("division_id", "name")
    return [(str(a.public_id), a.name) for a in agencies[:500]]


def campaign_choices(actor) -> list[tuple[str, str]]:
    return [(str(c.public_id), f"{c.title}（{c.starts_on} 至 {c.ends_on}）") for c in roster_context("campaign").organisable(actor)[:100]]


def event_choices(actor) -> list[tuple[str, str]]:
    return [(str(e.public_id), f"{e}（{e.starts_on} 至 {e.ends_on}）") for e in roster_context("event").organisable(actor)[:100]]
