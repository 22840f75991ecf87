"""The kernel's own model signals: a saved or deleted deadline rule drops the cached rules of its
step (deadlines.RULES), so the next deadline counts with the change."""

from .deadlines import deadline_rules_forget


def deadline_rule_changed(sender, instance, **kwargs) -> None:
    deadline_rules_forget(instance.workflow, instance.step)
