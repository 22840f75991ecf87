"""Registered names of organisations from the register (ADR 0021): a CSV extract of the
国家企业信用信息公示系统 (or a provincial market-regulation register) with a USCC column and a name
column. Every organisation on the platform whose code is in the file takes the register's name,
`name_source=register`, audited per party (`party.name_registered`) and for the file
(`party.register_imported`). Codes of no party on the platform are counted and skipped.

    manage.py parties_import_register extract.csv --source "国家企业信用信息公示系统 2026-11-30 摘录"

Headers (first row, either language): `uscc` / 统一社会信用代码, `name` / 企业名称 / 名称 / 主体名称.
Encoding UTF-8 (with or without BOM) or GB18030 (what spreadsheet programs in China write)."""

import csv
import hashlib
import io
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from yrdcollab.core.errors import ApplicationError
from yrdcollab.platform.parties.services_register import party_register_import

USCC_HEADERS = ("uscc", "统一社会信用代码")
NAME_HEADERS = ("name", "企业名称", "名称", "主体名称", "企业（机构）名称")
MAX_BYTES = 200 * 1024 * 1024
ERRORS_SHOWN = 20


def _text(data: bytes) -> str:
    if b"\x00" in data:
        raise CommandError("the file contains NUL bytes: not a CSV text file")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CommandError("the file is neither UTF-8 nor GB18030 text")


def _column(header: list[str], names: tuple[str, ...]) -> int:
    cleaned = [h.strip().lower() for h in header]
    for name in names:
        if name in cleaned:
            return cleaned.index(name)
    raise CommandError(f"no column named {' / '.join(names)} in the header: {header}")


def read_register_csv(data: bytes) -> list[tuple[int, str, str]]:
    """(line number, USCC, name) of every data row."""
    reader = csv.reader(io.StringIO(_text(data), newline=""))
    header = next(reader, None)
    if not header:
        raise CommandError("the file is empty")
    uscc_at, name_at = _column(header, USCC_HEADERS), _column(header, NAME_HEADERS)
    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        rows.append((reader.line_num, _cell(values, uscc_at), _cell(values, name_at)))
    return rows


def _cell(values: list[str], at: int) -> str:
    return values[at] if at < len(values) else ""


class Command(BaseCommand):
    help = "Sets organisations' names from a register extract (CSV: uscc,name); the register's names win."

    def add_arguments(self, parser):
        parser.add_argument("csv", help="path of the CSV extract")
        parser.add_argument(
            "--source", required=True, help="where the extract comes from and its date (kept in the audit trail)"
        )

    def handle(self, *args, **options):
        path = Path(options["csv"])
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MB: split it")
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        rows = read_register_csv(data)
        try:
            result = party_register_import(
                actor=None,
                rows=rows,
                source_label=options["source"],
                filename=path.name,
                sha256=hashlib.sha256(data).hexdigest(),
            )
        except ApplicationError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        self.stdout.write(
            f"rows {result.rows}: names set {result.updated}, unchanged {result.unchanged}, "
            f"not on the platform {result.not_registered}, refused {result.failed_rows}"
        )
        for error in result.errors[:ERRORS_SHOWN]:
            self.stderr.write(f"line {error['row']} {error['field']}: {error['code']} {error['message']}")
