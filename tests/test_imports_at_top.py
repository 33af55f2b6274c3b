"""Imports sit at the top of a module (issue 12, point 12). An import inside a function is
kept only where it must be, and each module that keeps one is named here with why; a new one
elsewhere fails, and so does a reason that no longer holds."""

import ast
from pathlib import Path

from django.conf import settings

from tests.test_layering import LAYERS

ROOT = Path(settings.BASE_DIR)

# Module: why its imports inside functions stay there.
KEPT = {
    "finance/views/queue.py": "a cycle: the overview imports this module's queue_context",
    "jobs/services.py": "a cycle: the task module imports job_execute from here",
    "organisations/roles.py": "a cycle: the models import roles_for from here",
    "reporting/selectors.py": "finance and portal are optional apps (apps.is_installed)",
    "reporting/opendata.py": "finance is an optional app (apps.is_installed)",
    "reporting/archive.py": "portal is an optional app (apps.is_installed)",
    "reporting/pades.py": "pyHanko takes seconds to load; only an upload needs it",
    "reporting/pdf.py": "WeasyPrint loads native libraries; only a PDF needs it",
}


def _function_imports(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if path.name == "apps.py" and node.name == "ready":
                continue  # an AppConfig registers its providers once the models are ready
            lines.extend(
                inner.lineno
                for inner in ast.walk(node)
                if isinstance(inner, ast.Import | ast.ImportFrom)
            )
    return sorted(set(lines))


def _app_modules():
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_imports_inside_functions_only_where_they_must_be():
    found = {}
    for path in _app_modules():
        lines = _function_imports(path)
        if lines:
            found[str(path.relative_to(ROOT))] = lines
    unexplained = {module: lines for module, lines in found.items() if module not in KEPT}
    assert not unexplained, (
        f"Move these imports to the top of the module, or name the module in KEPT with why: "
        f"{unexplained}"
    )
    stale = sorted(set(KEPT) - set(found))
    assert not stale, f"These modules import nothing inside a function any more: {stale}"
