"""The global search of the top bar (issue #14 item 5): one query over what the user may see, grouped
by type. Every group reads through its own app's scoped selector; nothing here re-states a scope rule."""
