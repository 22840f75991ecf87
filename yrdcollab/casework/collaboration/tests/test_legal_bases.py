"""Issue #15 item 7: every step deadline cites what binds the acting agency's province."""

import pytest

from yrdcollab.casework.collaboration.deadlines import deadline_rule_for, step_default, step_defaults, step_legal_basis
from yrdcollab.casework.collaboration.legal_bases import province_of, regional_bases, regional_basis
from yrdcollab.casework.collaboration.legal_basis_table import TABLE
from yrdcollab.casework.collaboration.legal_citations import AGREED_DEFAULT_MARK, PROVINCES, BasisKind
from yrdcollab.casework.collaboration.models import DeadlineRule
from yrdcollab.platform.directory.models import Agency

SHANGHAI_ACT = "《上海市城市管理行政执法条例》"
CHINESE_DIGITS = {1: "一", 3: "三", 5: "五", 7: "七", 10: "十", 90: "九十"}


def test_every_registered_step_has_a_citation_for_all_four_regions():
    registered = {(d.workflow, d.step) for d in step_defaults()}
    assert registered and set(TABLE) == registered  # nothing missing, nothing stale
    for default in step_defaults():
        for province in ("31", "32", "33", "34"):
            basis = regional_basis(default.workflow, default.step, province)
            assert basis is not None, (default.workflow, default.step, province)
            assert 0 < len(basis.text) <= 300  # AssistanceRequest.legal_basis and DeadlineRule hold 300
            for citation in basis.citations:
                assert citation.kind in BasisKind and citation.title and citation.gist and citation.source
                if citation.kind == BasisKind.STATUTE:
                    assert citation.article.startswith("第") and citation.title.startswith("《")
                else:
                    assert AGREED_DEFAULT_MARK in citation.text and not citation.article


def test_the_cited_period_is_the_declared_default():
    """An agreed default states the step's own day count; a statutory period says it in words."""
    for default in step_defaults():
        for basis in regional_bases(default.workflow, default.step):
            for citation in basis.citations:
                if citation.kind == BasisKind.AGREED_DEFAULT:
                    assert f"{default.amount}个工作日" in citation.gist or f"{default.amount}日" in citation.gist
            if basis.is_statutory_period:
                assert any(f"{CHINESE_DIGITS[default.amount]}" in c.gist for c in basis.citations)


def test_only_shanghai_cites_the_shanghai_regulation():
    for default in step_defaults():
        for basis in regional_bases(default.workflow, default.step):
            if basis.province != "31":
                assert SHANGHAI_ACT not in basis.text, (basis.workflow, basis.step, basis.province)
    assert SHANGHAI_ACT in regional_basis("assistance", "respond", "31").text
    assert "第二十九条第二款" in regional_basis("assistance", "respond", "31").text
    zhejiang = regional_basis("transfer", "accept", "33")
    assert "《浙江省综合行政执法条例》第二十九条第二款" in zhejiang.text and not zhejiang.is_statutory_period
    jiangsu = regional_basis("assistance", "respond", "32")
    assert "《中华人民共和国行政处罚法》第二十六条" in jiangsu.text and AGREED_DEFAULT_MARK in jiangsu.text
    assert [b.province for b in regional_bases("transfer", "sign")] == list(PROVINCES)


def test_province_of_an_agency():
    assert province_of(Agency(division_id="320509")) == "32"
    assert province_of(Agency(division_id="110101")) == ""  # not one of the four regions
    assert province_of(None) == ""
    assert regional_basis("transfer", "accept", "") is None
    assert regional_basis("transfer", "teleport", "31") is None


@pytest.mark.django_db
def test_the_acting_agency_decides_and_a_matters_own_rule_wins(agency):
    from yrdcollab.platform.catalogue.models import Matter

    rule = deadline_rule_for(workflow="transfer", step="accept")
    assert rule.matter_id is None
    cite = lambda key: step_legal_basis(workflow="transfer", step="accept", rule=rule, agency=agency(key))  # noqa: E731
    assert SHANGHAI_ACT in cite("qingpu") and "第二十八条第二款" in cite("qingpu")
    assert "第二十二条" in cite("wujiang") and SHANGHAI_ACT not in cite("wujiang")
    assert "《浙江省综合行政执法条例》" in cite("jiashan") and SHANGHAI_ACT not in cite("jiashan")
    assert "第二十二条" in cite("hefei") and SHANGHAI_ACT not in cite("hefei")
    # No acting agency, or one outside the four regions: the rule's own text.
    assert step_legal_basis(workflow="transfer", step="accept", rule=rule) == rule.legal_basis
    outside = Agency(division_id="110101")
    assert step_legal_basis(workflow="transfer", step="accept", rule=rule, agency=outside) == rule.legal_basis

    matter = Matter.objects.create(code="T77", name="测试事项")
    own = DeadlineRule.objects.create(
        workflow="transfer", step="accept", matter=matter, amount=2, unit="working_day", legal_basis="《测试移送标准》"
    )
    mine = deadline_rule_for(workflow="transfer", step="accept", matter=matter)
    assert mine.pk == own.pk
    assert (
        step_legal_basis(workflow="transfer", step="accept", rule=mine, agency=agency("wujiang")) == "《测试移送标准》"
    )
    assert step_default("transfer", "accept").legal_basis.startswith("平台协作规程默认值")


def test_the_seeded_default_rows_no_longer_cite_one_region_for_all(db):
    """Migration 0004: the default rows hold the agreed platform default, and it matches what the
    workflows declare, so a deadline shown without an acting agency names no region's law."""
    from yrdcollab.casework.collaboration.deadlines import step_defaults
    from yrdcollab.casework.collaboration.models import DeadlineRule

    rows = {(r.workflow, r.step): r.legal_basis for r in DeadlineRule.objects.filter(matter=None)}
    assert len(rows) >= 8
    assert not [key for key, basis in rows.items() if "上海市城市管理行政执法条例" in basis]
    for default in step_defaults():
        if (default.workflow, default.step) in rows:
            assert rows[(default.workflow, default.step)] == default.legal_basis
