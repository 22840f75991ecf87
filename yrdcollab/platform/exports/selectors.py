"""Reads of export jobs: a job is its requester's alone — anyone else's is NotFound (404), whatever
their role or agency (an export holds what that person's lists showed them)."""

from django.db.models import QuerySet

from yrdcollab.core.tenancy import get_by_public_id

from .models import ExportJob


def export_jobs_of(actor) -> QuerySet[ExportJob]:
    if not getattr(actor, "is_authenticated", False):
        return ExportJob.objects.none()
    return ExportJob.objects.filter(requested_by_id=actor.pk).order_by("-created_at", "-id")


def access_export_job(*, actor, public_id) -> ExportJob:
    return get_by_public_id(export_jobs_of(actor), public_id)
