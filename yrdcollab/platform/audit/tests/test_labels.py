"""The audit log reads in Chinese (issue #15): every operation code the platform writes has its own
label, every workflow move written as f"<prefix>{action}" is labelled from its table, object kinds
show their model's name, and summaries read "字段：旧 → 新" — walked over the source, so a new code
without a label fails here."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.utils.translation import override

from yrdcollab.core.workflow import TransitionTable
from yrdcollab.platform.audit.labels import ACTION_LABELS, WORKFLOW_CODES, action_label
from yrdcollab.platform.audit.summaries import KEY_LABELS, object_type_label, summary_lines

SOURCE = Path(__file__).resolve().parents[3]
LITERAL = re.compile(r'action="([a-z_]+\.[a-z_.]+)"|return "([a-z_]+\.[a-z_]+)", \{')
FORMATTED = re.compile(r'action=f"([a-z_]+\.[a-z_]*)\{')


def _sources():
    for path in SOURCE.rglob("*.py"):
        if "tests" not in path.parts and "migrations" not in path.parts:
            yield path, path.read_text(encoding="utf-8")


def test_every_literal_audit_code_has_its_own_label():
    codes = {a or b for _, text in _sources() for a, b in LITERAL.findall(text)}
    assert len(codes) > 100
    assert not sorted(codes - set(ACTION_LABELS))


def test_every_formatted_audit_code_is_labelled_from_its_workflow_table():
    prefixes = {p for _, text in _sources() for p in FORMATTED.findall(text)}
    known = {prefix for prefix, _, _ in WORKFLOW_CODES}
    # reinforcement.{granted,declined,withdrawn} have their own labels (the service maps its answers)
    assert not sorted(prefixes - known - {"reinforcement."})
    for prefix, name, kind in WORKFLOW_CODES:
        table = TransitionTable.named(name)
        assert table is not None, name
        for value in table.actions if kind == "action" else table.statuses:
            label = action_label(prefix + value)
            assert " · " in label or prefix + value in ACTION_LABELS, prefix + value


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("duty.checked_in", "巡查打卡"),
        ("transfer.return", "线索移送 · 退回"),
        ("credit.record_withdrawn", "撤销信用记录"),
        ("alert.dismiss", "感知预警 · 误报排除"),
        ("token.revoked", "吊销 API 令牌"),
    ],
)
def test_labels_read_in_chinese(code, label):
    with override("zh-hans"):
        assert action_label(code) == label


def test_object_kinds_are_their_models_names():
    with override("zh-hans"):
        for model in apps.get_models():
            if model.__module__.startswith("yrdcollab."):
                label = object_type_label(model.__name__)
                assert label and not re.fullmatch(r"[A-Za-z ]+", label), model.__name__
        assert object_type_label("CheckIn") == "巡查打卡" and object_type_label("TransferEvent") == "移送办理过程"
        # kinds written by name (object_type="…") read in Chinese too
        named = {n for _, text in _sources() for n in re.findall(r'object_type="([A-Za-z]+)"', text)}
        assert len(named) > 15
        assert not [n for n in named if re.fullmatch(r"[A-Za-z ]+", object_type_label(n))]


def test_summaries_read_field_old_to_new():
    with override("zh-hans"):
        assert summary_lines(
            "transfer.return", {"from": "signed", "to": "returned", "doc_number": "沪青城移〔2026〕3号"}
        ) == [
            "状态：已签收 → 已退回",
            "文号：沪青城移〔2026〕3号",
        ]
        assert summary_lines("bulletin.updated", {"fields": ["title", "body"], "urgent": True}, "Bulletin")[0] == (
            "修改的字段：title、body"
        )
        assert summary_lines("x.y", {"note": None, "rows": 3}) == ["说明：—", "行数：3"]
        assert summary_lines("x.y", {}) == [] and summary_lines("x.y", None) == []
        # a notification kind in a summary reads as its area, never as the code
        assert summary_lines("notification.created", {"kind": "duty.check_in_flagged"}) == ["类别：联勤联动"]
        assert all(len(line) < 80 for line in summary_lines("x.y", {"note": "长" * 500}))


def test_every_summary_key_the_services_write_is_labelled():
    keys = set()
    for _, text in _sources():
        for block in re.findall(r"summary=\{([^}]*)\}", text):
            keys |= set(re.findall(r'"([a-z_]+)":', block))
    assert len(keys) > 60
    # … and those of the directory's load report (summary=counts)
    keys |= {"divisions", "agencies", "zones", "adjacent_pairs", "pairings", "mechanism_memberships"}
    assert not sorted(keys - set(KEY_LABELS) - {"from", "to"})
