"""The kernel's deadline rules as the matter catalogue shows and edits them (catalogue.deadlines is
the port; CollaborationConfig.ready() plugs this in)."""

from yrdcollab.platform.catalogue.deadlines import EffectiveDeadline, Step

from .deadlines import deadline_rule_for, step_defaults
from .models import DeadlineRule


class KernelDeadlineRules:
    def steps(self) -> list[Step]:
        return [Step(d.workflow, d.step, str(d.label)) for d in step_defaults()]

    def effective(self, matter) -> list[EffectiveDeadline]:
        result = []
        for default in step_defaults():
            rule = deadline_rule_for(workflow=default.workflow, step=default.step, matter=matter)
            source = "matter" if rule.matter_id == matter.pk else "parent" if rule.matter_id else "default"
            result.append(
                EffectiveDeadline(
                    default.workflow, default.step, str(default.label), rule.amount, rule.unit, rule.legal_basis, source
                )
            )
        return result

    def override(self, matter, *, workflow: str, step: str, amount: int, unit: str, legal_basis: str) -> bool:
        _rule, created = DeadlineRule.objects.update_or_create(
            workflow=workflow,
            step=step,
            matter=matter,
            defaults={"amount": amount, "unit": unit, "legal_basis": legal_basis},
        )
        return created

    def clear(self, matter, *, workflow: str, step: str) -> bool:
        deleted, _detail = DeadlineRule.objects.filter(workflow=workflow, step=step, matter=matter).delete()
        return bool(deleted)
