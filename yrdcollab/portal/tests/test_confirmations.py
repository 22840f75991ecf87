"""Every consequential action asks before it acts (issue #15 item 2): the class walked over every
template and every workflow table, so a new form or a new action cannot slip past.

* Every POST form of every template either carries the confirmation (`{% confirm_attrs %}`, which
  states the consequence and the receiving party) or is named below as harmless — making a draft,
  searching, signing for, marking read.
* Every action of every workflow table either has a consequence (shown in the dialog) or is named
  below as harmless; an action that returns, refuses or dismisses also needs a written note, and the
  service refuses it without one.
"""

import re
from pathlib import Path

import pytest

from yrdcollab.core.workflow import TransitionTable

ROOT = Path(__file__).resolve().parents[3]

# POST forms that need no confirmation: they make something new that its maker can still change or
# withdraw, read or search, or acknowledge receipt. Keyed by URL name (plus the literal action
# argument when the URL carries one), or by template path for a form that posts to its own page.
HARMLESS_FORMS = {
    # sign in and out, language
    "accounts:login", "accounts:logout", "set_language", "accounts:token_create",
    # creating drafts and records their maker still controls
    "transfers:create", "assistance/create.html", "bulletins/form.html", "supervision/order_new.html",
    "supervision:order_reply", "evidence:item_add", "evidence:custody_add", "evidence:manifest_issue",
    "recognition/decision_form.html", "events/event_form.html", "events/incident_list.html",
    "events/report_list.html", "events/reinforcement_form.html", "events/zone_form.html",
    "events:participant_add", "duty/roster_form.html", "duty:shift_create", "duty/check_in_form.html",
    "operations/authorization_form.html", "operations/campaign_form.html", "operations:campaign_invite",
    "operations:task_assign", "operations/finding_form.html", "sensing/device_form.html",
    "open311/keys.html", "fleet/truck_form.html", "fleet/area_form.html", "catalogue:create",
    "catalogue:edit", "catalogue:deadline_set", "directory:adjacent_pair_add", "credit/list_propose.html",
    "credit:repair_file", "bulletins:attachment_upload",
    # reading, searching, checking
    "credit:query", "credit:exchange", "audit:verification_run", "exports:start",
    "notifications:open", "notifications:mark_read", "notifications:mark_all_read",
    # receipt and recognition: the receiving side takes the item on, nothing is lost
    "bulletins:acknowledge", "events:incident_act claim", "events:incident_act resolve",
    "events:event_act activate", "operations:campaign_respond accept", "operations:campaign_action start",
    "operations:task_action complete", "operations:decision_recognize", "recognition:recognize",
    "evidence:recognize", "sensing:device_review",
}  # fmt: skip

# Workflow actions that need no confirmation, per table: taking an item on, acknowledging, asking;
# and the moves only the platform itself makes (expiry, publication on schedule, escalation), which
# no page offers.
HARMLESS_ACTIONS = {
    "transfer": {"sign", "accept", "start_investigation"},
    "assistance": {"acknowledge", "follow_up", "request_extension"},
    "assistance_extension": {"lapse"},
    "bulletin": {"edit", "read", "acknowledge"},
    "alert": {"claim", "check"},
    "campaign": {"start"},
    "campaign_participant": {"accept", "invite"},
    "campaign_task": {"complete"},
    "credit_list": {"expire"},
    "credit_record": {"expire", "publish", "unpublish", "import_update"},
    "credit_repair": {"accept"},
    "incident": {"claim", "resolve"},
    "major_event": {"activate"},
    "party_name_claim": {"supersede"},
    "supervision_order": {"reply"},
    "tracked_item_escalation": {"escalate"},
    "truck_stop": {"site_found", "route_found", "nothing_found"},
}

FORM_TAG = re.compile(r"<form\b[^>]*>", re.S)
URL_TAG = re.compile(r"""action="\{%\s*url\s+'([^']+)'((?:\s+[^\s%]+)*)\s*%\}""")


def _templates():
    return sorted(p for p in (ROOT / "yrdcollab").rglob("*.html") if "templates" in p.parts)


def _post_forms():
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        for tag in FORM_TAG.findall(text):
            if 'method="post"' not in tag:
                continue
            url = URL_TAG.search(tag)
            if url:
                literals = [a.strip("'\"") for a in url.group(2).split() if a[0] in "'\""]
                key = " ".join([url.group(1), *literals])
            elif "action=" in tag:
                key = f"{path.parent.name}/{path.name} {tag}"
            else:
                key = f"{path.parent.name}/{path.name}"
            yield path, key, tag


def test_every_post_form_confirms_or_is_named_harmless():
    assert sum(1 for _ in _post_forms()) > 80
    unconfirmed = []
    for path, key, tag in _post_forms():
        confirmed = "confirm_attrs" in tag or "data-confirm" in tag
        if not confirmed and key not in HARMLESS_FORMS and key.split(" ")[0] not in HARMLESS_FORMS:
            unconfirmed.append(f"{path.relative_to(ROOT)}: {key}")
    assert not unconfirmed, "consequential forms without a confirmation:\n" + "\n".join(unconfirmed)


def test_the_harmless_list_names_only_forms_that_exist():
    keys = {key for _, key, _ in _post_forms()} | {key.split(" ")[0] for _, key, _ in _post_forms()}
    assert not HARMLESS_FORMS - keys


def _tables():
    import gc

    return sorted({id(t): t for t in gc.get_objects() if isinstance(t, TransitionTable)}.values(), key=lambda t: t.name)


def test_every_workflow_action_has_a_consequence_or_is_named_harmless():
    tables = [t for t in _tables() if not t.name.startswith("test")]
    assert len(tables) >= 15  # every app's table was imported by django.setup()
    missing = []
    for table in tables:
        harmless = HARMLESS_ACTIONS.get(table.name, set())
        for action in table.actions:
            if not table.consequence(action) and action not in harmless:
                missing.append(f"{table.name}.{action}")
            if table.consequence(action) and action in harmless:
                missing.append(f"{table.name}.{action} is both consequential and harmless")
    assert not missing, "workflow actions without a consequence:\n" + "\n".join(missing)


@pytest.mark.parametrize("word", ["return", "decline", "reject", "deny", "dismiss", "refuse"])
def test_returns_refusals_and_dismissals_need_a_note(word):
    for table in _tables():
        for action in table.actions:
            if action == word or action.startswith(word + "_"):
                assert table.note_required(action), f"{table.name}.{action} must need a note"
