"""The 日报 PDF with long data (issue #15 item 8): Chinese line breaking, numbers and periods whole,
no heading last on a page."""

from datetime import date, datetime
from types import SimpleNamespace

from django.utils import timezone

from yrdcollab.field.events.services.pdf import render_report
from yrdcollab.field.events.states import IncidentStatus, ZoneLevel
from yrdcollab.testing.pdf import kinsoku_breaches, page_texts

AGENCY = "上海市青浦区城市管理行政执法局（长三角生态绿色一体化发展示范区执法协作专班）"


def _figures() -> dict:
    counts = {"change": 3}
    keys = ("shifts", "officers_on_duty", "staffing_gap", "check_ins", "flagged_check_ins", "incidents")
    keys += ("urgent_incidents", "overdue_incidents", "reinforcement_officers")
    return {
        "participants": [AGENCY, "苏州市吴江区综合行政执法局", "嘉兴市嘉善县综合行政执法局"] * 4,
        **{k: 1234567 for k in keys},
        "previous_day": {k: counts for k in keys},
        "average_response_minutes": 12.5,
        "reinforcement_vehicles": 36,
        "reinforcement_pending": 2,
        "by_agency": [
            {"agency": AGENCY, "officers": 120456, "assignments": 9876543, "check_ins": 50000, "flagged_check_ins": 7}
        ]
        * 40,
        "incidents_by_level": {value: 1234 for value in ZoneLevel.values},
        "untagged_incidents": 5,
        "incidents_by_status": {value: 4321 for value in IncidentStatus.values},
        "reinforcements": [
            {
                "number": f"沪青城管增〔2026〕{i}号",
                "requester": AGENCY,
                "provider": "苏州市吴江区综合行政执法局",
                "status": "partly_granted",
                "officers_granted": 120,
                "officers_requested": 1500,
                "vehicles_granted": 30,
                "vehicles_requested": 450,
                "starts_on": "2026-11-05",
                "ends_on": "2026-11-12",
            }
            for i in range(30)
        ],
    }


def test_daily_report_reads_as_officials_expect():
    event = SimpleNamespace(
        name="第九届中国国际进口博览会",
        edition="城市管理保障",
        starts_on=date(2026, 11, 5),
        ends_on=date(2026, 11, 10),
        venue="国家会展中心（上海）及周边区域，含青浦区徐泾镇、华新镇、赵巷镇、嘉定区江桥镇、闵行区华漕镇",
        lead_agency=SimpleNamespace(name=AGENCY),
    )
    pdf = render_report(
        event=event,
        report_title="城市管理保障日报",
        number="进博保障日报〔2026〕第3期",
        figures=_figures(),
        compiled_at=timezone.make_aware(datetime(2026, 11, 7, 18, 30)),
    )
    pages = page_texts(pdf)
    assert len(pages) >= 2 and kinsoku_breaches(pdf) == []
    lines = [line for page in pages for line in page.splitlines()]
    assert sum(line.count("1234567") for line in lines) == 9
    assert sum(line.count("9876543") for line in lines) == 40
    assert sum(line.count("2026年11月12日") for line in lines) == 30  # each date of a period whole
    assert sum(line.count("2026年11月5日") for line in lines) == 31  # and the event's own period
    for page in pages:
        body = [line.strip() for line in page.splitlines() if line.strip()]
        assert not body[-1].startswith(("一、", "二、", "三、", "四、")), body[-1]
