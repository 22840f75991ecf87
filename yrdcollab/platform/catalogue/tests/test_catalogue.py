import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.catalogue.datafile import parse_matters, read_matters_file
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.testing.forms import form_tag

BASE = "/api/v1/matters"


def _json(client, method, path, body):
    return getattr(client, method)(path, data=json.dumps(body), content_type="application/json")


def test_committed_file_is_valid_and_covers_the_fields():
    rows = read_matters_file()
    tops = {r.code: r for r in rows if r.parent_code is None}
    names = " ".join(r.name for r in tops.values())
    for field in (
        "市容环境",
        "违法建设",
        "建筑垃圾",
        "户外广告",
        "占道经营",
        "噪声",
        "园林绿化",
        "市政设施",
        "河道水务",
        "燃气",
        "物业",
    ):
        assert field in names
    for top in tops.values():
        children = [r for r in rows if r.parent_code == top.code]
        assert top.legal_basis and top.scope_ref
        assert 2 <= len(children) <= 8 and all(c.code.startswith(top.code) and len(c.code) == 4 for c in children)


def test_parse_rejects_bad_files():
    with pytest.raises(InvalidInput):
        parse_matters("not json")
    bad = {
        "matters": [
            {"code": "1", "name": "x", "children": [{"code": "0201", "name": ""}]},
            {"code": "02", "name": "y"},
            {"code": "02", "name": "z"},
        ]
    }
    with pytest.raises(InvalidInput) as exc:
        parse_matters(json.dumps(bad))
    assert {e["error"] for e in exc.value.details["errors"]} == {"bad_code", "bad_name", "duplicate_code"}


@pytest.mark.django_db
def test_migration_loaded_and_command_idempotent(matters):
    total = Matter.objects.count()
    assert total == len(read_matters_file())
    assert Matter.objects.get(code="0303").parent.code == "03"
    Matter.objects.filter(code="0101").update(name="改过的名称")
    call_command("load_matters", verbosity=0)
    assert Matter.objects.count() == total and Matter.objects.get(code="0101").name == "改过的名称"
    call_command("load_matters", "--refresh", verbosity=0)
    assert Matter.objects.get(code="0101").name == "乱张贴乱涂写"
    assert AuditEntry.objects.filter(action="matter.loaded").count() == 1


@pytest.mark.django_db
def test_api_tree_search_and_detail(matters, api, officer):
    client = api(officer)
    tree = client.get(f"{BASE}/").json()
    assert tree[0]["code"] == "01" and tree[0]["children"][0]["code"] == "0101"
    flat = client.get(f"{BASE}/", {"q": "油烟"}).json()
    codes = [m["code"] for m in flat]
    assert "0603" in codes and "0101" not in codes
    assert [m["code"] for m in client.get(f"{BASE}/", {"q": "030"}).json()][:2] == ["0301", "0302"]
    detail = client.get(f"{BASE}/03").json()
    assert detail["level"] == 1 and len(detail["children"]) == 6 and "固体废物" in detail["legal_basis"]
    steps = {(d["workflow"], d["step"]): d for d in detail["deadlines"]}
    assert steps[("transfer", "conclude")]["amount"] == 90 and steps[("transfer", "conclude")]["source"] == "default"
    assert client.get(f"{BASE}/9999").status_code == 404
    assert api().get(f"{BASE}/").status_code == 401


@pytest.mark.django_db
def test_admin_creates_edits_deactivates_and_deletes(matters, api, officer, make_user):
    admin = api(make_user("platform_admin", "sh"))
    body = {"code": "0109", "name": "违规设置户外晾衣架", "parent_code": "01"}
    assert _json(api(officer), "post", f"{BASE}/", body).status_code == 403
    created = _json(admin, "post", f"{BASE}/", body)
    assert created.status_code == 201 and created.json()["parent_code"] == "01"
    assert _json(admin, "post", f"{BASE}/", body).status_code == 409
    assert _json(admin, "post", f"{BASE}/", {**body, "code": "0201"}).json()["code"] == "invalid_matter_code"
    assert _json(admin, "post", f"{BASE}/", {**body, "code": "13", "parent_code": ""}).status_code == 201
    assert _json(admin, "post", f"{BASE}/", {**body, "code": "123", "parent_code": ""}).status_code == 422
    assert _json(admin, "post", f"{BASE}/", {**body, "code": "0110", "name": ""}).json()["details"]["field"] == "name"
    assert _json(admin, "post", f"{BASE}/", {**body, "surprise": 1}).status_code == 422

    patched = _json(admin, "patch", f"{BASE}/0109", {"name": "违规设置晾衣架"})
    assert patched.status_code == 200 and patched.json()["name"] == "违规设置晾衣架"
    assert _json(api(officer), "patch", f"{BASE}/0109", {"name": "x"}).status_code == 403
    # Deactivating a first-level matter deactivates its children; a child cannot come back alone.
    assert _json(admin, "patch", f"{BASE}/07", {"is_active": False}).json()["is_active"] is False
    assert not Matter.objects.filter(code__startswith="07", is_active=True).exists()
    assert _json(admin, "patch", f"{BASE}/0701", {"is_active": True}).status_code == 422
    assert "07" not in [m["code"] for m in admin.get(f"{BASE}/").json()]
    assert "07" in [m["code"] for m in admin.get(f"{BASE}/", {"include_inactive": True}).json()]

    assert admin.delete(f"{BASE}/0109").status_code == 204
    # 02 (no sensing rule points at its children, unlike 01) still has children.
    assert admin.delete(f"{BASE}/02").json()["code"] == "matter_has_children"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"matter.created", "matter.updated", "matter.deactivated", "matter.deleted"} <= actions


@pytest.mark.django_db
def test_deadline_override(matters, api, officer, make_user):
    admin = api(make_user("platform_admin", "sh"))
    path = f"{BASE}/03/deadlines/transfer/accept"
    body = {
        "amount": 2,
        "unit": "working_day",
        "legal_basis": "《长三角区域城市管理执法领域建筑垃圾案件移送标准（试行）》",
    }
    assert _json(api(officer), "put", path, body).status_code == 403
    response = _json(admin, "put", path, body)
    assert response.status_code == 200 and response.json()["source"] == "matter"
    assert _json(admin, "put", path, {**body, "amount": 3}).status_code == 200
    own = {(d["workflow"], d["step"]): d for d in api(officer).get(f"{BASE}/03").json()["deadlines"]}
    assert own[("transfer", "accept")]["amount"] == 3 and own[("transfer", "accept")]["source"] == "matter"
    # Inherited by the children, shown with its source.
    child = {(d["workflow"], d["step"]): d for d in api(officer).get(f"{BASE}/0306").json()["deadlines"]}
    assert child[("transfer", "accept")]["amount"] == 3 and child[("transfer", "accept")]["source"] == "parent"
    for bad in ({**body, "amount": 0}, {**body, "amount": 3651}, {**body, "unit": "week"}, {**body, "legal_basis": ""}):
        assert _json(admin, "put", path, bad).status_code == 422
    assert _json(admin, "put", f"{BASE}/03/deadlines/transfer/teleport", body).json()["code"] == "unknown_step"
    assert _json(admin, "put", f"{BASE}/03/deadlines/payroll/accept", body).status_code == 422
    assert admin.delete(path).status_code == 204
    assert admin.delete(path).status_code == 404
    assert {"matter.deadline_set", "matter.deadline_cleared"} <= set(
        AuditEntry.objects.values_list("action", flat=True)
    )


@pytest.mark.django_db
def test_pages(matters, officer, make_user):
    client = Client()
    client.force_login(officer)
    html = client.get(reverse("catalogue:list")).content.decode()
    assert 'data-testid="matter-tree"' in html and "建筑垃圾/渣土" in html and "新增事项" not in html
    found = client.get(reverse("catalogue:list"), {"q": "渣土"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in found and "0301" in found
    detail = client.get(reverse("catalogue:detail", args=["0303"])).content.decode()
    assert "运输车辆未密闭撒漏" in detail and "九十日" in detail and "设置专门期限" not in detail
    assert (
        client.post(
            reverse("catalogue:deadline_set", args=["03"]),
            {"step": "transfer.accept", "amount": "2", "unit": "working_day", "legal_basis": "x"},
        ).status_code
        == 403
    )
    assert client.get(reverse("catalogue:detail", args=["9999"])).status_code == 404

    admin = Client()
    admin.force_login(make_user("platform_admin", "sh"))
    assert "新增事项" in admin.get(reverse("catalogue:list")).content.decode()
    response = admin.post(
        reverse("catalogue:deadline_set", args=["03"]),
        {"step": "transfer.accept", "amount": "2", "unit": "working_day", "legal_basis": "协作协议"},
    )
    assert response.status_code == 302
    assert "本事项专门规定" in admin.get(reverse("catalogue:detail", args=["03"])).content.decode()
    bad = admin.post(
        reverse("catalogue:deadline_set", args=["03"]),
        {"step": "transfer.accept", "amount": "0", "unit": "working_day", "legal_basis": "x"},
    )
    assert bad.status_code == 422
    created = admin.post(reverse("catalogue:create"), {"parent_code": "05", "code": "0506", "name": "占道堆放经营货物"})
    assert created.status_code == 302 and Matter.objects.filter(code="0506").exists()
    dup = admin.post(reverse("catalogue:create"), {"parent_code": "05", "code": "0506", "name": "再来"})
    assert dup.status_code == 422 and "已存在" in dup.content.decode()
    edited = admin.post(
        reverse("catalogue:edit", args=["0506"]),
        {"name": "占道堆放货物", "sort_order": "60", "description": "", "legal_basis": "", "scope_ref": ""},
    )
    assert edited.status_code == 302 and Matter.objects.get(code="0506").is_active is False


@pytest.mark.django_db
def test_deleting_and_clearing_a_deadline_are_confirmed_and_saving_is_not(matters, make_user):
    admin = Client()
    admin.force_login(make_user("platform_admin", "sh"))
    admin.post(
        reverse("catalogue:deadline_set", args=["03"]),
        {"step": "transfer.accept", "amount": "2", "unit": "working_day", "legal_basis": "协作协议"},
    )
    html = admin.get(reverse("catalogue:detail", args=["03"])).content.decode()
    name = Matter.objects.get(code="03").name
    delete = form_tag(html, reverse("catalogue:delete", args=["03"]))
    assert "删除后不能恢复" in delete and f'data-confirm-party="{name}"' in delete
    clear = form_tag(html, reverse("catalogue:deadline_clear", args=["03"]))
    assert "改按上级事项或默认期限计算" in clear and "data-confirm-party=" in clear
    assert "onsubmit" not in html and "data-confirm" not in form_tag(html, reverse("catalogue:edit", args=["03"]))
