"""The kernel's deadline rules as the matter catalogue shows and edits them (catalogue.deadlines is
the port; CollaborationConfig.ready() plugs this in)."""

from yrdcollab.platform.catalogue.deadlines import EffectiveDeadline, RegionalCitation, Step

from .deadlines import deadline_rule_for, step_defaults
from .legal_bases import regional_bases
from .models import DeadlineRule


def _regional(workflow: str, step: str) -> tuple[RegionalCitation, ...]:
    return tuple(
        RegionalCitation(b.province, b.province_label, b.text, b.is_statutory_period)
        for b in regional_bases(workflow, step)
    )


class KernelDeadlineRules:
    def steps(self) -> list[Step]:
        return [Step(d.workflow, d.step, str(d.label)) for d in step_defaults()]

    def effective(self, matter) -> list[EffectiveDeadline]:
        result = []
        for default in step_defaults():
            rule = deadline_rule_for(workflow=default.workflow, step=default.step, matter=matter)
            source = "matter" if rule.matter_id == matter.pk else "parent" if rule.matter_id else "default"
            basis = rule.legal_basis
            regional: tuple[RegionalCitation, ...] = ()
            if source == "default":  # each region cites what binds it (legal_bases)
                basis, regional = default.legal_basis, _regional(default.workflow, default.step)
            result.append(
                EffectiveDeadline(
                    default.workflow,
                    default.step,
                    str(default.label),
                    rule.amount,
                    rule.unit,
                    basis,
                    source,
                    regional,
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
