"""A row lock takes only the row it means (the class of the deadlock the fault test found, issue #13).

`select_for_update()` with `select_related(...)` locks every joined row on PostgreSQL — the agency,
the matter, the initiator. A move that then waits for the audit-chain lock holds those rows, while a
create holding the audit lock waits at COMMIT for its foreign-key checks on the same rows: a
deadlock, one side aborted with a 500. Every lock that joins names what it locks (`of=("self",)`)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _chain(node: ast.AST) -> list[ast.Call]:
    calls = []
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        calls.append(node)
        node = node.func.value
    return calls


def _unscoped_locks(tree: ast.AST) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        calls = _chain(node)
        names = {call.func.attr for call in calls}  # type: ignore[attr-defined]
        if "select_related" not in names:
            continue
        for call in calls:
            if call.func.attr == "select_for_update" and not any(k.arg == "of" for k in call.keywords):  # type: ignore[attr-defined]
                lines.add(call.lineno)
    return lines


def test_no_lock_takes_the_rows_it_joins():
    offenders = [
        f"{path.relative_to(ROOT.parent)}:{line}"
        for path in sorted(ROOT.rglob("*.py"))
        if "tests" not in path.parts
        for line in sorted(_unscoped_locks(ast.parse(path.read_text(), str(path))))
    ]
    assert not offenders, "select_for_update() with select_related() must say of=('self',): " + ", ".join(offenders)


def test_the_walker_sees_an_unscoped_lock():
    tree = ast.parse('Alert.objects.select_for_update().select_related("matter").get(pk=1)')
    assert _unscoped_locks(tree) == {1}
    scoped = ast.parse('Alert.objects.select_for_update(of=("self",)).select_related("matter").get(pk=1)')
    assert _unscoped_locks(scoped) == set()
