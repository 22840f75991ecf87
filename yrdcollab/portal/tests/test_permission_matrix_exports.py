"""The permission matrix of exports (/api/v1/exports/): a list may be exported by whoever reads it
(the source's capabilities — the source's own selector then scopes the rows), an unknown list is 404
for everyone, and a job is its requester's alone (anyone else's: 404, whatever their role)."""

import pytest
from django.core.files.storage import storages

from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.exports.models import ExportJob
from yrdcollab.platform.exports.runner import delete_job_files, export_job_run
from yrdcollab.platform.exports.services import export_start
from yrdcollab.testing import matrix
from yrdcollab.testing.fixtures import load_reference_data
from yrdcollab.testing.matrix import ANON, OK, Case, World, at, authenticated, case_id, fixed

ROSTER = matrix.Roster(matrix.PERSONAS, username_prefix="x_")
capability = ROSTER.capability
HANDLE, SUPERVISE = Capability.COLLABORATION_HANDLE, Capability.COLLABORATION_SUPERVISE
CREDIT_READ = (Capability.CREDIT_MEASURE, Capability.CREDIT_MANAGE, Capability.CREDIT_QUERY)


def owner_only(persona: str) -> set[int]:
    if persona == ANON:
        return {401}
    return OK if persona == "owner" else {404}


def unknown_list(persona: str) -> set[int]:
    return {401} if persona == ANON else {404}


@pytest.fixture(scope="module")
def world(module_db) -> World:
    load_reference_data()
    for key in ROSTER:
        ROSTER.user(key)
    job = export_start(actor=ROSTER.user("owner"), source_key="transfers.incoming", params={}, inline_allowed=False)
    assert export_job_run(job.pk) == "done"
    job = ExportJob.objects.get(pk=job.pk)
    assert storages["default"].exists(job.storage_name)
    yield World(ids={"job": job.public_id})
    delete_job_files(job)


def started(*caps: Capability):
    return capability(*caps, ok={201})


BODY = lambda w: {"params": {}}  # noqa: E731

CASES = [
    Case("POST", "/exports/{source}", started(HANDLE), fixed("/exports/transfers.incoming"), BODY),
    Case("POST", "/exports/{source}", started(HANDLE), fixed("/exports/assistance.outgoing"), BODY, note="assistance"),
    Case("POST", "/exports/{source}", started(HANDLE), fixed("/exports/sensing.alerts"), BODY, note="alerts"),
    Case(
        "POST", "/exports/{source}", started(SUPERVISE), fixed("/exports/supervision.items"), BODY, note="supervision"
    ),
    Case("POST", "/exports/{source}", started(*CREDIT_READ), fixed("/exports/credit.measures"), BODY, note="measures"),
    Case("POST", "/exports/{source}", unknown_list, fixed("/exports/no.such.list"), BODY, note="unknown"),
    Case("GET", "/exports/jobs", authenticated, fixed("/exports/jobs")),
    Case("GET", "/exports/jobs/{job_id}", owner_only, at("/exports/jobs/{job}")),
    Case("GET", "/exports/jobs/{job_id}/file", owner_only, at("/exports/jobs/{job}/file")),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_exports_permission_matrix(db, world, case):
    matrix.assert_row(case, world, ROSTER)
