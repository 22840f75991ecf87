"""Takes screenshots of the running platform for the README and for review:
    .venv/bin/python scripts/screenshots.py [--base http://127.0.0.1:8000] [--out docs/screenshots]
Logs in as demo users (password Yrd@2026demo) and captures the main pages in headless Chromium."""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

SHOTS = [
    ("qingpu_officer", "/", "home"),
    ("qingpu_officer", "/directory/?q=青浦", "directory-search"),
    ("qingpu_officer", "/directory/divisions/", "divisions"),
    ("qingpu_officer", "/directory/zones/", "zones"),
    ("qingpu_officer", "/directory/pairings/", "pairings"),
    ("wujiang_officer", "/accounts/verify/", "certificate-verify"),
    ("qingpu_officer", "/accounts/profile/", "profile"),
    ("qingpu_officer", "/inbox/", "inbox"),
    ("sh_admin", "/calendar/", "calendar"),
    ("sh_auditor", "/audit/", "audit"),
    ("wujiang_officer", "/transfers/", "transfers-incoming"),
    ("qingpu_officer", "/transfers/new/", "transfer-create"),
    ("qingpu_officer", "/assistance/", "assistance-incoming"),
    ("qingpu_officer", "/bulletins/", "bulletins"),
    ("qingpu_officer", "/recognition/", "recognition"),
    ("qingpu_officer", "/matters/", "matters"),
    ("qingpu_officer", "/evidence/verify/", "evidence-verify-lookup"),
    ("sh_supervisor", "/supervision/", "supervision"),
    ("qingpu_leader", "/credit/records/", "credit-records"),
    ("qingpu_leader", "/credit/list/", "credit-list"),
    ("sh_credit", "/credit/measures/", "credit-measures"),
    ("jiashan_credit", "/credit/repair/", "credit-repair"),
    ("jiashan_credit", "/credit/exchange/", "credit-exchange"),
    ("anonymous", "/public/credit/?q=合肥恒达", "credit-public"),
    ("wujiang_officer", "/geo/map/", "map"),
    ("wujiang_officer", "/sensing/alerts/", "alerts"),
    ("qingpu_leader", "/sensing/devices/", "devices"),
    ("anonymous", "/public/devices/", "devices-public"),
    ("qingpu_squad", "/fleet/", "trucks"),
    ("sh_admin", "/sensing/dead-letters/", "dead-letters"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="var/screenshots")
    parser.add_argument("--only", default="")
    parser.add_argument("--lang", default="zh-hans")
    options = parser.parse_args()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        contexts = {}
        for username, path, name in SHOTS:
            if options.only and options.only not in name:
                continue
            if username not in contexts:
                context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
                page = context.new_page()
                if username == "anonymous":  # public pages: no login
                    contexts[username] = page
                    page.goto(options.base + path)
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=str(out / f"{name}.png"), full_page=True)
                    print(out / f"{name}.png")
                    continue
                page.goto(options.base + "/accounts/login/")
                page.fill("#id_username", username)
                page.fill("#id_password", "Yrd@2026demo")
                page.click("button[type=submit]")
                page.wait_for_load_state("networkidle")
                if options.lang != "zh-hans":
                    context.add_cookies([{"name": "django_language", "value": options.lang, "url": options.base}])
                contexts[username] = page
            page = contexts[username]
            page.goto(options.base + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
            print(out / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
