"""Shared test helpers of party names (ADR 0021).

    from yrdcollab.testing.parties import names_registered

`names_registered` gives organisations their names the authoritative way, as a register extract
does (services_register.party_register_import), so pages that show only verified names show them."""

from yrdcollab.platform.parties.services_register import RegisterImportResult, party_register_import


def names_registered(*parties: dict) -> RegisterImportResult:
    """`parties`: dicts with `uscc` and `name` (e.g. testing.credit.organisation("xunfei"))."""
    return party_register_import(
        actor=None,
        rows=[(line, p["uscc"], p["name"]) for line, p in enumerate(parties, start=2)],
        source_label="测试：登记机关名录摘录",
    )
