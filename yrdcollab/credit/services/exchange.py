"""Bulk import of penalty credit information from provincial credit systems (CSV, XLSX or API rows).

* Idempotent by (determining agency, decision number): an identical row changes nothing; a row
  with other data updates the decision and recomputes its window, unless the record was repaired or
  withdrawn (the row fails: conflict); an unknown key creates the decision and its credit record
  (source "import").
* The determining agency of a row must be the actor's agency or one below it (a provincial
  integrator imports for its province's agencies).
* Every bad row is reported (row number as in the file, field, code, localized message) while
  the good rows are imported. A row is all or nothing: a row is checked completely before it is
  written, and each chunk of rows is written in one transaction (a failing chunk is retried row by
  row, so one conflicting row never takes others down with it).
* Fast: rows are checked in Python against in-memory lookups, in a thread that runs a chunk ahead
  of the writer (the checks of one chunk overlap the database's work on the previous one); parties
  and decisions are looked up per chunk (on PostgreSQL with one array parameter per lookup); new
  rows are written as plain tuples (COPY on PostgreSQL, executemany / multi-row INSERT on SQLite,
  no model instances), updates with bulk_update. One audit entry per batch.
"""

import queue
import threading
from collections import Counter

from django.db import connections, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from yrdcollab.core.errors import ApplicationError, InvalidInput, PermissionDenied
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.audit.services import audit_record

from ..models import ImportBatch
from .exchange_parse import ParsedFile, parse_file, rows_from_api
from .exchange_rows import GoodRow, ImportContext, check_row
from .exchange_write import write_rows

CHUNK_SIZE = 2000
API_ROWS_MAX = 5000
ERRORS_KEPT = 5000  # errors stored on the batch; failed_rows always counts them all
AUDIT_LIST_MAX = 200
FILENAME_MAX = 200


def _parse(rows_source, file_format: str) -> ParsedFile:
    if isinstance(rows_source, (bytes, bytearray)):
        parsed = parse_file(bytes(rows_source))
        if file_format not in ("auto", parsed.file_format):
            raise ApplicationError(
                _("文件内容是 %(d)s 格式，与声明的 %(f)s 格式不符。")
                % {"d": parsed.file_format.upper(), "f": file_format.upper()},
                code="file_type_mismatch",
                details={"detected": parsed.file_format},
            )
        return parsed
    if isinstance(rows_source, list) and file_format in ("api", "auto"):
        if not rows_source:
            raise InvalidInput(_("请至少提交一行数据。"), code="no_rows", details={"field": "rows"})
        if len(rows_source) > API_ROWS_MAX:
            raise InvalidInput(
                _("每次最多提交%(n)d行，请分批提交。") % {"n": API_ROWS_MAX},
                code="too_many_rows",
                details={"field": "rows", "max_rows": API_ROWS_MAX},
            )
        return rows_from_api(rows_source)
    raise InvalidInput(_("导入数据格式无效。"), code="invalid_input", details={"field": "file_format"})


class _Checker(threading.Thread):
    """Checks the rows (pure Python over the in-memory lookups of ImportContext, no query) and
    hands the good ones over in chunks of CHUNK_SIZE, ahead of the writer: while the database works
    on one chunk (COPY, the deferred foreign-key checks at commit; psycopg releases the GIL while
    it waits), this thread checks the next. The rows go through check_row in file order, exactly as
    when checked first, in the caller's language."""

    def __init__(self, ctx: ImportContext, rows: list[tuple[int, dict]]):
        super().__init__(name="credit-import-check", daemon=True)
        self.ctx, self.rows = ctx, rows
        self.language = translation.get_language()
        self.errors: list[dict] = []
        self.failed_rows: set[int] = set()
        self.chunks: queue.Queue = queue.Queue(maxsize=2)
        self.stopped = threading.Event()
        self.exception: BaseException | None = None

    def run(self) -> None:
        try:
            with translation.override(self.language):
                chunk: list[GoodRow] = []
                for number, values in self.rows:
                    if self.stopped.is_set():
                        return
                    row, row_errors = check_row(self.ctx, number, values)
                    if row is None:
                        self.failed_rows.add(number)
                        self.errors += row_errors
                        continue
                    chunk.append(row)
                    if len(chunk) == CHUNK_SIZE:
                        self._hand_over(chunk)
                        chunk = []
                if chunk:
                    self._hand_over(chunk)
        except BaseException as exc:  # re-raised in the writer's thread
            self.exception = exc
        finally:
            connections.close_all()  # no query is meant to run here; if one ever does, no connection leaks
            self._hand_over(None)

    def _hand_over(self, chunk) -> None:
        while not self.stopped.is_set():
            try:
                self.chunks.put(chunk, timeout=0.1)
                return
            except queue.Full:
                continue

    def next_chunk(self) -> list[GoodRow] | None:
        """The next chunk of good rows, None once every row is checked."""
        chunk = self.chunks.get()
        if chunk is None and self.exception is not None:
            raise self.exception
        return chunk

    def stop(self) -> None:
        self.stopped.set()
        self.join()


def credit_import(*, actor, rows_source, file_format: str = "auto", filename: str = "") -> ImportBatch:
    """Imports an exchange file (bytes of a CSV or XLSX, told apart by content) or API rows (a list
    of dicts) and returns the batch with its report. A file that cannot be read at all is refused
    as a whole (400/422) and leaves no batch."""
    require_capability(actor, Capability.CREDIT_EXCHANGE)
    if actor.agency_id is None:
        raise PermissionDenied(_("账号未归属任何机构。"))
    parsed = _parse(rows_source, file_format)
    checker = _Checker(ImportContext(actor), parsed.rows)
    totals = Counter()
    changes: list[dict] = []
    write_errors: list[dict] = []
    checker.start()
    try:
        while (chunk := checker.next_chunk()) is not None:
            part = write_rows(actor, chunk, checker.ctx.today)
            totals.update(
                created=part.created, updated=part.updated, unchanged=part.unchanged, parties=part.parties_created
            )
            write_errors += part.errors
            changes += part.changes
    finally:
        checker.stop()
    errors = checker.errors + write_errors
    failed_rows = checker.failed_rows | {e["row"] for e in write_errors}
    errors.sort(key=lambda e: e["row"])
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            agency_id=actor.agency_id,
            imported_by=actor,
            file_format=parsed.file_format,
            filename=(filename or "").strip()[:FILENAME_MAX],
            total_rows=len(parsed.rows),
            created_rows=totals["created"],
            updated_rows=totals["updated"],
            unchanged_rows=totals["unchanged"],
            failed_rows=len(failed_rows),
            errors=errors[:ERRORS_KEPT],
        )
        audit_record(
            actor=actor,
            action="credit.import_batch",
            obj=batch,
            summary={
                "file_format": batch.file_format,
                "filename": batch.filename,
                "encoding": parsed.encoding,
                "total": batch.total_rows,
                "created": batch.created_rows,
                "updated": batch.updated_rows,
                "unchanged": batch.unchanged_rows,
                "failed": batch.failed_rows,
                "parties_created": totals["parties"],
                "updated_decisions": changes[:AUDIT_LIST_MAX],
                "updated_truncated": len(changes) > AUDIT_LIST_MAX,
            },
        )
    return batch
