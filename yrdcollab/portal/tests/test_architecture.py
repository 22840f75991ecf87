"""The architecture, as tests (docs/CONVENTIONS.md, ADR 0019). Each test walks the whole source tree,
so a new module is checked the day it is added:

* the import contract (import-linter, pyproject.toml) holds, and fails on an upward import;
* no cross-app import hides inside a function body (except AppConfig.ready(), where apps register);
* no app's tests import another app's tests (shared fixtures live in yrdcollab.testing);
* every module imports;
* views and endpoints never touch the ORM (reads go through selectors, writes through services);
* every workflow's moves are a core.workflow.TransitionTable, and nothing else encodes them;
* every configurable number is declared once (core.conf) and listed in docs/operations.md.
"""

import ast
import importlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGE = ROOT / "yrdcollab"
LAYERS = ("core", "platform", "casework", "credit", "smart", "field", "portal", "testing")


def _modules(*, tests: bool) -> list[Path]:
    paths = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "migrations" in parts:
            continue
        if ("tests" in parts) != tests:
            continue
        paths.append(path)
    return paths


def _dotted(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _app_of(module: str) -> str:
    """yrdcollab.casework.transfers.services → yrdcollab.casework.transfers (credit, core, portal,
    testing are apps or packages of their own at the top)."""
    parts = module.split(".")
    if len(parts) > 2 and parts[1] in ("platform", "casework", "smart", "field"):
        return ".".join(parts[:3])
    return ".".join(parts[:2])


def _imports(tree: ast.AST, module: str):
    """(imported module, line, inside a function, function name) of every import in the tree."""
    package = module if module.endswith("__init__") else module.rsplit(".", 1)[0]

    def resolve(node: ast.ImportFrom) -> list[str]:
        if node.level:
            base = package.split(".")
            base = base[: len(base) - node.level + 1]
            prefix = ".".join(base + ([node.module] if node.module else []))
        else:
            prefix = node.module or ""
        return [prefix] if node.module else [f"{prefix}.{alias.name}" for alias in node.names]

    def walk(node, function):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name, child.lineno, function
            elif isinstance(child, ast.ImportFrom):
                for name in resolve(child):
                    yield name, child.lineno, function
            yield from walk(child, inner)

    yield from walk(tree, None)


def _parsed(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


# --- the import contract -------------------------------------------------------------------------


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run([str(lint), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_the_import_contract_holds():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("yrdcollab/core/errors.py", "from yrdcollab.platform.directory import models"),
        ("yrdcollab/platform/geo/distance.py", "from yrdcollab.casework.transfers import states"),
        ("yrdcollab/field/duty/rules.py", "from yrdcollab.field.events import states"),
    ],
)
def test_the_import_contract_fails_on_an_upward_import(tmp_path, module, upward):
    copy = tmp_path / "tree"
    copy.mkdir()
    shutil.copytree(PACKAGE, copy / "yrdcollab", ignore=shutil.ignore_patterns("__pycache__", "static", "templates"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{upward}  # noqa\n", encoding="utf-8")
    result = _lint_imports(copy)
    assert result.returncode != 0 and "BROKEN" in result.stdout, result.stdout[-2000:]


# --- imports inside functions, tests importing tests ----------------------------------------------

# Function-body imports of another app that a registry or hook needs, each with its reason.
ALLOWED_FUNCTION_IMPORTS: dict[tuple[str, str], str] = {}


def test_no_cross_app_import_hides_inside_a_function():
    found = []
    for path in _modules(tests=False):
        module = _dotted(path)
        if module.startswith("yrdcollab.testing"):
            continue  # fixtures load before Django's apps are ready, so they import models when they run
        for imported, line, function in _imports(_parsed(path), module):
            if function is None or not imported.startswith("yrdcollab."):
                continue
            if _app_of(imported) == _app_of(module):
                continue
            if path.name == "apps.py" and function == "ready":
                continue  # an app registers into the registries of the apps below it when Django starts
            if (module, imported) in ALLOWED_FUNCTION_IMPORTS:
                continue
            found.append(f"{path.relative_to(ROOT)}:{line} {function}() imports {imported}")
    assert not found, "move these imports to the top of the module:\n" + "\n".join(found)


def test_no_app_imports_another_apps_tests():
    found = []
    for path in _modules(tests=True) + _modules(tests=False):
        module = _dotted(path)
        for imported, line, _function in _imports(_parsed(path), module):
            if ".tests" in imported and _app_of(imported) != _app_of(module):
                found.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    assert not found, "shared test helpers belong in yrdcollab/testing/:\n" + "\n".join(found)


def test_every_module_imports():
    for path in _modules(tests=False):
        if path.parts[-3:-1] == ("management", "commands") or path.name == "__init__.py":
            continue
        importlib.import_module(_dotted(path))


# --- views and endpoints -------------------------------------------------------------------------


def _is_entry_point(path: Path) -> bool:
    """Modules that turn HTTP into calls: views, pages, API routers (files or packages)."""
    name = path.stem
    return (
        name.startswith(("views", "api", "pages", "admin_views")) or path.parent.name in ("views", "api")
    ) and name != "api_helpers"


def test_views_and_endpoints_never_touch_the_orm():
    found = []
    for path in _modules(tests=False):
        if not _is_entry_point(path) or _app_of(_dotted(path)) == "yrdcollab.core":
            continue
        for node in ast.walk(_parsed(path)):
            if isinstance(node, ast.Attribute) and node.attr in ("objects", "_default_manager", "_base_manager"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, "read through a selector (scoped to the actor), write through a service:\n" + "\n".join(found)


def _scoped_models() -> dict[str, set[str]]:
    """Model name → the scope methods of its ScopedQuerySet (visible_to and the model's own)."""
    from django.db.models import QuerySet

    from yrdcollab.core.tenancy import ScopedQuerySet

    scoped = {}
    for model in apps.get_models():
        queryset = type(model._default_manager.get_queryset())
        if issubclass(queryset, ScopedQuerySet):
            own = {
                name
                for klass in queryset.__mro__
                if klass not in (QuerySet, object)
                for name in vars(klass)
                if not name.startswith("_")
            }
            scoped[model.__name__] = own | {"none"}
    return scoped


SCOPED_READ = ("visible_to", "AgencyScope", "_scoped", "access_")


def test_selectors_read_agency_rows_through_the_scope():
    """Every read of a model whose rows belong to agencies, in a selector, presenter or map-marker
    module, goes through its scope (visible_to, AgencyScope, or another scoped selector) — or its
    function says why it reads across agencies (@core.tenancy.unscoped("…"))."""
    scoped, found = _scoped_models(), []
    for path in _modules(tests=False):
        if not (path.stem.startswith(("selectors", "presenters", "markers")) or path.parent.name == "selectors"):
            continue
        source = path.read_text(encoding="utf-8")
        for function in ast.walk(ast.parse(source)):
            if not isinstance(function, ast.FunctionDef):
                continue
            decorators = {ast.unparse(d).split("(")[0] for d in function.decorator_list}
            body = ast.get_source_segment(source, function) or ""
            for node in ast.walk(function):
                if not (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.value, ast.Attribute)
                    and node.value.attr == "objects"
                    and isinstance(node.value.value, ast.Name)
                ):
                    continue
                model = node.value.value.id
                if model not in scoped or node.attr in scoped[model]:
                    continue
                if "unscoped" in decorators or any(marker in body for marker in SCOPED_READ):
                    continue
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {function.name}(): {model}.objects.{node.attr}")
    assert not found, "\n".join(found)


# --- workflows -------------------------------------------------------------------------------------


def _states_modules():
    for config in apps.get_app_configs():
        if config.name.startswith("yrdcollab.") and (Path(config.path) / "states.py").exists():
            yield importlib.import_module(f"{config.name}.states")


def test_every_transition_table_is_one_of_the_engine():
    from yrdcollab.core.workflow import TransitionTable

    tables = 0
    for module in _states_modules():
        for name, value in vars(module).items():
            if "TRANSITIONS" in name:
                assert isinstance(value, TransitionTable), f"{module.__name__}.{name} is not a TransitionTable"
                tables += 1
    assert tables >= 15


TABLE_NAME = re.compile(r"\w*TRANSITIONS")


def test_nothing_but_the_table_answers_what_may_follow_what():
    """Outside the engine and the states modules, a table is only asked through its methods: never
    subscripted, iterated or copied into another rule."""
    found = []
    for path in _modules(tests=False):
        if path.name == "states.py" or _dotted(path) == "yrdcollab.core.workflow":
            continue
        tree = _parsed(path)
        asked = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and TABLE_NAME.fullmatch(node.id) and id(node) not in asked:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} uses {node.id} other than by its methods")
    assert not found, "\n".join(found)


STATUS_TEST = re.compile(r"\{%\s*(?:el)?if\s+([^%]*?\b[\w.]*status\b\s*(?:==|!=|in|not in)[^%]*)%\}")
BRANCH_END = re.compile(r"\{%\s*(?:endif|else|elif)[^%]*%\}")


def test_templates_never_decide_an_action_from_a_status():
    """A form or button is shown on a flag the view got from a presenter or permission (which ask the
    table), never on a status compared in the template; showing a status (a tag, a banner) is fine."""
    found = []
    for path in sorted(PACKAGE.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for match in STATUS_TEST.finditer(text):
            rest = text[match.end() :]
            end = BRANCH_END.search(rest)
            branch = rest[: end.start()] if end else rest
            if "<form" in branch or "<button" in branch or "hx-post" in branch:
                line = text[: match.start()].count("\n") + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {match.group(1).strip()}")
    assert not found, "\n".join(found)


# --- settings --------------------------------------------------------------------------------------


def _declared():
    """Every declared setting (importing every app's conf.py, as the operations guide's table does)."""
    from yrdcollab.portal.settings_reference import declarations

    return {name: setting for name, (_app, setting) in declarations().items()}


def _deployment_settings() -> set[str]:
    """YRD_ names that config/settings/base.py reads from the environment itself (secrets, hosts,
    proxies, lockout): the deployment's, not an app's."""
    tree = ast.parse((ROOT / "config" / "settings" / "base.py").read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("YRD_")
    } | {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id.startswith("YRD_")
    }


def test_every_setting_is_declared_once_and_documented():
    declared, deployment = _declared(), _deployment_settings()
    assert not set(declared) & deployment, "declared in an app's conf.py and in config/settings/base.py"
    operations = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    missing = sorted(name for name in [*declared, *deployment] if name not in operations)
    assert not missing, f"list these settings in docs/operations.md: {missing}"
    for setting in declared.values():
        assert setting.why.strip(), f"{setting.name} has no reason for its default"


def test_no_setting_is_read_around_its_declaration():
    """Apps read their numbers through their conf.py (core.conf), never from django.conf.settings or
    os.environ; Django settings of the deployment are read as settings."""
    declared, deployment = _declared(), _deployment_settings()
    found = []
    for path in _modules(tests=False):
        if path.name == "conf.py":
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"(?:settings\.|getattr\(settings, \"|environ(?:\.get)?\(\")(YRD_\w+)", text):
            if match.group(1) not in deployment:
                found.append(f"{path.relative_to(ROOT)}: reads {match.group(1)} around its conf.py")
        for name in set(re.findall(r"\b(YRD_[A-Z0-9_]+)\b", text)) - set(declared) - deployment:
            found.append(f"{path.relative_to(ROOT)}: {name} is declared nowhere")
        for name in re.findall(r"getattr\(settings, \"([A-Z_]+)\"", text):
            if not name.startswith("YRD_") and not hasattr(settings, name):
                found.append(f"{path.relative_to(ROOT)}: {name} is an undeclared setting (declare it YRD_… in conf.py)")
    assert not found, "\n".join(found)


def test_the_settings_table_in_the_operations_guide_is_current():
    from yrdcollab.portal.settings_reference import settings_table

    operations = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    assert settings_table() in operations, "run: manage.py settings_reference --write"


def test_the_benchmarks_name_only_what_exists():
    """bench/ scripts import the platform inside their functions (they set Django up first); every
    name they import must still exist after a refactoring."""
    missing = []
    for path in sorted((ROOT / "bench").glob("*.py")):
        for node in ast.walk(_parsed(path)):
            if not (isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("yrdcollab")):
                continue
            module = importlib.import_module(node.module)
            for alias in node.names:
                if not hasattr(module, alias.name):
                    try:
                        importlib.import_module(f"{node.module}.{alias.name}")
                    except ImportError:
                        missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module}.{alias.name}")
    assert not missing, "\n".join(missing)
