from django.db.models import Q

from yrdcollab.core.errors import NotFound

from .default_rules import DEFAULT_RULES
from .models import DeadlineRule, TrackedItem
from .visibility import visible_q


def deadline_rule_for(*, workflow: str, step: str, matter=None) -> DeadlineRule:
    """The matter's own rule, else its parent matter's, else the default for the step."""
    candidates = [matter.pk, matter.parent_id] if matter is not None else []
    rules = {rule.matter_id: rule for rule in DeadlineRule.objects.filter(
        Q(matter_id__in=[c for c in candidates if c]) | Q(matter__isnull=True), workflow=workflow, step=step)}
    for key in [*candidates, None]:
        if key in rules:
            return rules[key]
    # No row (an administrator removed the default, or a test flushed the seeded rows): the cited
    # default in code applies, exactly as the migration seeded it.
    for rule_workflow, rule_step, amount, unit, basis in DEFAULT_RULES:
        if (rule_workflow, rule_step) == (workflow, step):
            return DeadlineRule(workflow=workflow, step=step, amount=amount, unit=unit, legal_basis=basis)
    raise NotFound(code="deadline_rule_missing", details={"workflow": workflow, "step": step})


def tracked_items_visible_to(actor):
    return TrackedItem.objects.filter(visible_q(actor, "sender", "receiver")).select_related(
        "sender", "receiver", "waiting_on")
