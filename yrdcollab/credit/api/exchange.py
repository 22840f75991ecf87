"""/api/v1/credit/exchange/: bulk exchange with provincial credit systems — import of penalty
credit information (file or JSON rows) with a per-row report, the import batches of one's agency,
and the change feed (JSON pages or CSV) a provincial system polls to stay in step."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.http import HttpResponse
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from yrdcollab.core.downloads import harden_download
from yrdcollab.core.schemas import BoundedDateTime, InputSchema

from ..conf import SETTINGS
from ..services.exchange import API_ROWS_MAX, credit_import
from ..services.exchange_changes import (
    CHANGES_LIMIT_MAX,
    CSV_LIMIT_MAX,
    changes_csv_lines,
    credit_changes,
    import_batch_get,
    import_batch_list,
)

router = Router(tags=["credit"])

RowValue = str | int | float | bool | None


class RowsIn(InputSchema):
    rows: list[dict[str, RowValue]] = Field(
        max_length=API_ROWS_MAX,
        description="每行一个对象，键为英文字段名（agency, decision_number, decided_on, subject_kind, subject_name, "
        "uscc, id_number, matter, penalty_types, fine_amount, severity, special_sector, "
        "publicity_ends_on, summary）或导入模板的中文表头",
    )
    source_name: str = Field("", max_length=200, description="来源说明（如省信用平台批次号）")


class RowErrorOut(Schema):
    row: int
    field: str
    code: str
    message: str


class BatchOut(Schema):
    id: UUID = Field(alias="public_id")
    agency: str
    imported_by: str
    created_at: datetime
    file_format: str
    filename: str
    total_rows: int
    created_rows: int
    updated_rows: int
    unchanged_rows: int
    failed_rows: int
    errors: list[RowErrorOut]


class BatchSummaryOut(Schema):
    id: UUID = Field(alias="public_id")
    created_at: datetime
    file_format: str
    filename: str
    total_rows: int
    created_rows: int
    updated_rows: int
    unchanged_rows: int
    failed_rows: int


def batch_out(batch) -> dict:
    return {
        "public_id": batch.public_id,
        "agency": batch.agency.name,
        "imported_by": getattr(batch.imported_by, "full_name", "") or "",
        "created_at": batch.created_at,
        "file_format": batch.file_format,
        "filename": batch.filename,
        "total_rows": batch.total_rows,
        "created_rows": batch.created_rows,
        "updated_rows": batch.updated_rows,
        "unchanged_rows": batch.unchanged_rows,
        "failed_rows": batch.failed_rows,
        "errors": batch.errors,
    }


class ChangesQuery(Schema):
    since: BoundedDateTime | None = Field(None, description="起始时间（ISO 8601，不含该时刻）；与 cursor 二选一")
    cursor: str | None = Field(None, max_length=500, description="上一页返回的 next_cursor")
    limit: int = Field(CHANGES_LIMIT_MAX, ge=1, le=CHANGES_LIMIT_MAX)


class CsvChangesQuery(ChangesQuery):
    limit: int = Field(10_000, ge=1, le=CSV_LIMIT_MAX)


class ExchangeAgencyRefOut(Schema):
    id: UUID
    name: str
    doc_prefix: str


class ExchangeSubjectOut(Schema):
    kind: str
    name: str
    uscc: str
    id_number: str


class ChangeOut(Schema):
    id: UUID
    decision_id: UUID
    updated_at: datetime
    agency: ExchangeAgencyRefOut
    decision_number: str
    decided_on: date
    matter: str
    penalty_types: list[str]
    fine_amount: Decimal | None
    summary: str
    subject: ExchangeSubjectOut
    status: Literal["published", "not_published", "expired", "repaired", "withdrawn"]
    regime: str
    severity: str
    special_sector: bool
    publicity_starts_on: date
    repairable_from: date
    publicity_ends_on: date | None
    status_changed_at: datetime
    repaired_at: datetime | None
    source: str


class ChangesOut(Schema):
    items: list[ChangeOut]
    next_cursor: str | None
    has_more: bool
    full_identifiers: bool = Field(description="true：公民身份号码为完整号码（持有个人信息完整查看权限）；否则已脱敏")


@router.post(
    "/import",
    response={201: BatchOut},
    summary="导入处罚信用信息文件（CSV 或 XLSX，按内容识别；逐行报告错误，正确的行照常导入）",
)
def import_file(request, file: File[UploadedFile]):
    data = file.read(SETTINGS.YRD_CREDIT_IMPORT_MAX_BYTES + 1)  # parse_file refuses anything beyond the limit
    batch = credit_import(actor=request.auth, rows_source=data, file_format="auto", filename=file.name or "")
    return Status(201, batch_out(batch))


@router.post(
    "/import/rows", response={201: BatchOut}, summary=f"以 JSON 提交处罚信用信息（每次最多 {API_ROWS_MAX} 行）"
)
def import_rows(request, payload: RowsIn):
    batch = credit_import(actor=request.auth, rows_source=payload.rows, file_format="api", filename=payload.source_name)
    return Status(201, batch_out(batch))


@router.get("/imports", response=list[BatchSummaryOut], summary="本机构的导入批次（最近50个）")
def list_imports(request):
    return import_batch_list(actor=request.auth)


@router.get("/imports/{uuid:batch_id}", response=BatchOut, summary="导入批次报告（含错误明细）")
def get_import(request, batch_id: UUID):
    return batch_out(import_batch_get(actor=request.auth, batch_id=batch_id))


@router.get(
    "/changes",
    response=ChangesOut,
    summary="变更信用记录（自 since 或 cursor 之后，按变更时间排序；含修复、期满、撤回）",
)
def list_changes(request, query: Query[ChangesQuery]):
    page = credit_changes(actor=request.auth, since=query.since, cursor=query.cursor, limit=query.limit)
    return {
        "items": page.items,
        "next_cursor": page.next_cursor,
        "has_more": page.has_more,
        "full_identifiers": page.full_identifiers,
    }


@router.get(
    "/changes.csv", summary="变更信用记录导出（CSV，UTF-8 BOM；下一页游标见响应头 X-Next-Cursor）", response={200: None}
)
def export_changes(request, query: Query[CsvChangesQuery]) -> HttpResponse:
    page = credit_changes(actor=request.auth, since=query.since, cursor=query.cursor, limit=query.limit)
    response = HttpResponse("".join(changes_csv_lines(page)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="credit-changes.csv"'
    response["X-Next-Cursor"] = page.next_cursor or ""
    response["X-Has-More"] = "true" if page.has_more else "false"
    return harden_download(response)
