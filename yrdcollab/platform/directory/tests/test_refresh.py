import pytest
from django.core.management import CommandError, call_command

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.directory.datafiles import DATA_DIR
from yrdcollab.platform.directory.models import Agency, Division
from yrdcollab.platform.directory.selectors import DivisionFilters, division_search
from yrdcollab.platform.directory.services import divisions_refresh

pytestmark = pytest.mark.django_db


def _newer_file(tmp_path, edit):
    lines = (DATA_DIR / "divisions.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "divisions-2026.csv"
    path.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")
    return path


def test_refresh_renames_adds_and_deactivates(directory, tmp_path, officer):
    def edit(lines):
        out = [
            line.replace("310118,青浦区,", "310118,青浦新区,") for line in lines if not line.startswith("330421112,")
        ]
        return [*out, "330421113,新设镇,town,330421"]

    report = divisions_refresh(path=_newer_file(tmp_path, edit))
    assert report["added"] == ["330421113"]
    assert report["renamed"] == [{"code": "310118", "old": "青浦区", "new": "青浦新区"}]
    assert report["deactivated"] == ["330421112"]
    vanished = Division.objects.get(code="330421112")
    assert vanished.is_active is False  # never deleted
    # the renamed division is found by its new name through the index
    found = division_search(actor=officer, filters=DivisionFilters(q="青浦新"))
    assert [d.code for d in found] == ["310118"]
    assert AuditEntry.objects.filter(action="directory.divisions_refreshed").exists()


def test_refresh_reactivates_a_code_that_comes_back(directory, tmp_path):
    divisions_refresh(path=_newer_file(tmp_path, lambda lines: [x for x in lines if not x.startswith("330421112,")]))
    report = divisions_refresh(path=DATA_DIR / "divisions.csv")
    assert report["reactivated"] == ["330421112"]


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("code,name\n310000,上海市\n", "表头"),
        ("code,name,level,parent_code\n310000,上海市,city,\n", "未知层级"),
        ("code,name,level,parent_code\n3100,上海市,province,\n", "与层级不符"),
        ("code,name,level,parent_code\n999901001,某镇,town,999901\n", "不存在"),
        ("code,name,level,parent_code\n310000,上海市,province,\n310000,上海市,province,\n", "重复"),
    ],
)
def test_malformed_file_is_rejected_without_changes(directory, tmp_path, content, fragment):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    before = Division.objects.filter(is_active=True).count()
    with pytest.raises(InvalidInput) as err:
        divisions_refresh(path=path)
    assert err.value.code == "malformed_division_file"
    assert fragment in str(err.value.message) + str(err.value.details)
    assert Division.objects.filter(is_active=True).count() == before


def test_refresh_command_reports_and_errors(directory, tmp_path, capsys):
    path = _newer_file(tmp_path, lambda lines: [x.replace(",吴江区,", ",吴江新区,") for x in lines])
    call_command("refresh_divisions", str(path))
    assert "320509 吴江区 → 吴江新区" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,level,parent_code\nabc,坏,county,310000\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 2"):
        call_command("refresh_divisions", str(bad))
    with pytest.raises(CommandError, match="无法读取"):
        call_command("refresh_divisions", str(tmp_path / "missing.csv"))
    assert Agency.objects.filter(division_id="320509").exists()
