"""The catalogue's own model signals: a saved or deleted matter drops its cached row and its
children's (selectors.ACTIVE: each child carries its parent), so the next action sees the change."""

from .selectors import active_matters_forget


def matter_changed(sender, instance, **kwargs) -> None:
    children = list(type(instance).objects.filter(parent_id=instance.pk).values_list("code", flat=True))
    active_matters_forget(instance.code, *children)
