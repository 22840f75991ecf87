"""The directory's own model signals: a saved or deleted agency drops the cached agency tree and its
cached row (tree.py), so visibility and look-ups follow the change at once."""

from .tree import agency_tree_forget


def agency_changed(sender, instance, **kwargs) -> None:
    agency_tree_forget(instance.public_id)
