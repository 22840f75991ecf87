"""The table of every application setting for docs/operations.md, generated from the declarations
(core.conf) so the documentation cannot drift from the code: `manage.py settings_reference --write`."""

import importlib
import json
from pathlib import Path

from django.apps import apps

from yrdcollab.core.conf import Setting, declared_settings

BEGIN = "<!-- settings-reference: begin (manage.py settings_reference --write) -->"
END = "<!-- settings-reference: end -->"


def declarations() -> dict[str, tuple[str, Setting]]:
    """name → (app label, setting), importing every app's conf.py."""
    owners: dict[str, str] = {}
    for config in apps.get_app_configs():
        if config.name.startswith("yrdcollab.") and (Path(config.path) / "conf.py").exists():
            module = importlib.import_module(f"{config.name}.conf")
            for setting in getattr(module, "SETTINGS", ()):
                owners[setting.name] = config.label
    return {name: (owners.get(name, "?"), setting) for name, setting in declared_settings().items()}


def _default(setting: Setting) -> str:
    value = setting.default
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return f"`{value[0]}/{value[1]}`"
    if isinstance(value, dict | list):
        return f"`{json.dumps(value, ensure_ascii=False)}`"
    return f"`{value}`"


def settings_table() -> str:
    rows = ["| setting | app | default | why |", "|---|---|---|---|"]
    for name, (label, setting) in sorted(declarations().items(), key=lambda item: (item[1][0], item[0])):
        why = " ".join(setting.why.split()).replace("|", "\\|")
        rows.append(f"| `{name}` | {label} | {_default(setting)} | {why} |")
    return "\n".join([BEGIN, *rows, END])


def write_into(path: Path) -> bool:
    """Replaces the generated section of `path`; True when the file changed."""
    text = path.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    updated = text[:start] + settings_table() + text[end:]
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return updated != text
