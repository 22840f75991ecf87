"""Choices of the roster form for the campaigns and events the actor's agency may organise duty for,
read through the contexts their own apps registered (with those apps' scoped selectors); the agencies
to take part come from duty's selectors. The service checks the same rules again (duty.contexts)."""

from .contexts import roster_context

CONTEXT_CHOICES_MAX = 100  # campaigns or events offered (those still running that the agency takes part in)


def campaign_choices(actor) -> list[tuple[str, str]]:
    return [
        (str(c.public_id), f"{c.title}（{c.starts_on} 至 {c.ends_on}）")
        for c in roster_context("campaign").organisable(actor)[:CONTEXT_CHOICES_MAX]
    ]


def event_choices(actor) -> list[tuple[str, str]]:
    return [
        (str(e.public_id), f"{e}（{e.starts_on} 至 {e.ends_on}）")
        for e in roster_context("event").organisable(actor)[:CONTEXT_CHOICES_MAX]
    ]
