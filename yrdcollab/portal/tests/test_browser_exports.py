"""Exports in a browser (issue #14 item 6): a small list downloads at once as a real sheet; a large one
goes to the worker, and the progress page follows it by itself until the download link appears,
then 我的导出 keeps it."""

from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from huey.contrib.djhuey import HUEY

from yrdcollab.platform.exports.models import ExportJob
from yrdcollab.platform.exports.runner import export_job_run
from yrdcollab.testing import casework, duty
from yrdcollab.testing.browser import OVERFLOW_JS, log_in, new_page, shot

expect = pytest.importorskip("playwright.sync_api").expect

TITLES = ("汾湖大道夜间偷倒建筑垃圾", "渣土车沿途抛洒", "跨省偷倒建筑垃圾")


@pytest.fixture
def incoming(work_calendar):
    """Three clues from 吴江 to 青浦, and the 青浦 officer who exports them."""
    sender = duty.user_with_certificate("officer", "wujiang", "x_sender")
    for title in TITLES:
        casework.sent_transfer(sender, receiver_key="qingpu", title=title)
    return duty.user_with_certificate("officer", "qingpu", "x_officer")


def _sheet_titles(path: Path) -> list[str]:
    sheet = openpyxl.load_workbook(BytesIO(path.read_bytes())).active
    assert sheet.freeze_panes == "A2"  # the header stays in view
    header = [cell.value for cell in sheet[1]]
    column = header.index("标题") + 1
    return sorted(sheet.cell(row=r, column=column).value for r in range(2, sheet.max_row + 1))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_small_list_downloads_at_once(live_server, browser, incoming):
    page = new_page(browser, width=1440, height=900)
    log_in(page, live_server.url, incoming.username)
    page.goto(f"{live_server.url}/transfers/?tab=incoming")
    with page.expect_download() as download:
        page.locator("[data-testid='export-transfers.incoming'] button").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert _sheet_titles(Path(download.value.path())) == sorted(TITLES)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_large_list_runs_in_the_worker_and_the_page_follows_it(live_server, browser, incoming, settings):
    settings.YRD_EXPORT_INLINE_ROWS = 1  # three rows are "large" here
    page = new_page(browser, width=390, height=844)
    log_in(page, live_server.url, incoming.username)
    page.goto(f"{live_server.url}/transfers/?tab=incoming")
    HUEY.immediate = False  # the job waits in the queue, as it does for a busy worker
    try:
        page.locator("[data-testid='export-transfers.incoming'] button").click()
        page.wait_for_url("**/exports/jobs/**")
        job_card = page.locator("[data-testid=export-job]")
        expect(job_card).to_have_attribute("data-status", "queued")
        expect(job_card).to_contain_text("正在后台生成")
        shot(page, "export-queued-390.png")
    finally:
        HUEY.immediate = True
    job = ExportJob.objects.get()
    export_job_run(job.pk)  # what the worker does with the queued task
    # No reload: the page polls and swaps in the finished job.
    expect(page.locator("[data-testid=export-job]")).to_have_attribute("data-status", "done", timeout=10_000)
    with page.expect_download() as download:
        page.locator("[data-testid=download]").click()
    assert _sheet_titles(Path(download.value.path())) == sorted(TITLES)
    page.reload()
    size = page.evaluate(OVERFLOW_JS)  # the hash and the file name wrap on a phone
    assert size["scroll"] <= size["width"] and not size["wide"], size
    shot(page, "export-done-390.png")
    page.goto(f"{live_server.url}/exports/")
    expect(page.locator("[data-testid=export-job-row]")).to_have_count(1)
    expect(page.locator("[data-testid=export-jobs]")).to_contain_text("已完成")
