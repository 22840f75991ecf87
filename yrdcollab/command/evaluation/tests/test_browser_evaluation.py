"""The evaluation page in a browser: the trend charts with the peers' band are drawn (ECharts, no
inline script), a score drills down to its records, and nothing reaches past a phone's right edge."""

import importlib

import pytest
from django.apps import apps

from yrdcollab.testing import personas
from yrdcollab.testing.browser import OVERFLOW_JS, log_in, new_page, shot

from .builders import world

expect = pytest.importorskip("playwright.sync_api").expect


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("width", "height"), [(1440, 1000), (390, 844)], ids=["desktop", "phone"])
def test_evaluation_page(live_server, browser, width, height):
    # A transactional test starts from an emptied database: the data migration's indicators again.
    if not apps.get_model("evaluation", "Indicator").objects.exists():
        importlib.import_module("yrdcollab.command.evaluation.migrations.0002_indicators_v1").forwards(apps, None)
    data = world()
    leader = personas.make_user("bureau_leader", "qingpu")
    page = new_page(browser, width=width, height=height)
    log_in(page, live_server.url, leader.username)
    page.goto(live_server.url + "/evaluation/?period=2026-11")
    expect(page.locator("h1")).to_have_text("综合评价")
    expect(page.locator("[data-testid=value-on_time_rate]")).to_have_text("60.0%")
    expect(page.locator("[data-chart=on_time_rate][data-drawn=true] svg")).to_be_visible()
    result = page.evaluate(OVERFLOW_JS)
    assert result["scroll"] <= result["width"], result
    shot(page, f"evaluation-{width}.png")
    page.locator("[data-testid=drill-on_time_rate]").click()
    expect(page.locator("[data-testid=measure-due]")).to_contain_text("超期未办")
    expect(page.locator("[data-testid=drill-value]")).to_have_text("60.0%")
    assert data["qingpu"].name
