"""Existing parties (ADR 0021): every name on the platform so far was typed by whichever officer
registered the party first, so every party is `name_source=officer` (the field's database default
did that in 0003) and every organisation's name gets a pending claim, origin "migration", of its
registering agency. Reviewers work through them, or `parties_import_register` settles them from the
register. Nothing is verified by the migration itself: the public credit page shows these
organisations with their masked USCC until then (docs/operations.md)."""

from django.db import migrations

BATCH = 2000


def claims_for_existing_organisations(apps, schema_editor):
    Party = apps.get_model("parties", "Party")
    PartyNameClaim = apps.get_model("parties", "PartyNameClaim")
    batch = []
    rows = (
        Party.objects.filter(kind="organisation", name_source="officer")
        .order_by("id")
        .values_list("id", "name", "created_by_agency_id")
    )
    for party_id, name, agency_id in rows.iterator(chunk_size=BATCH):
        batch.append(PartyNameClaim(party_id=party_id, proposed_name=name, origin="migration", agency_id=agency_id))
        if len(batch) >= BATCH:
            PartyNameClaim.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    if batch:
        PartyNameClaim.objects.bulk_create(batch, ignore_conflicts=True)


def no_claims(apps, schema_editor):
    apps.get_model("parties", "PartyNameClaim").objects.filter(origin="migration").delete()


class Migration(migrations.Migration):
    dependencies = [("parties", "0003_party_name_authority")]

    operations = [migrations.RunPython(claims_for_existing_organisations, no_claims)]
