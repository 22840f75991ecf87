"""How credit reacts to what the apps below it announce (connected in CreditConfig.ready())."""

from .services.records import credit_record_open


def open_credit_record(
    sender, *, actor, decision, credit_severity=None, special_sector=False, publicity_ends_on=None, **kwargs
) -> None:
    """Every penalty decision opens its credit record in the same transaction (recognition.hooks)."""
    credit_record_open(
        actor=actor,
        decision=decision,
        severity=credit_severity,
        special_sector=special_sector,
        publicity_ends_on=publicity_ends_on,
    )
