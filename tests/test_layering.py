"""The import graph has one direction: the kernel at the bottom imports no app of ours, and
each app imports only the apps below it. An app that needs to show something from a higher
app offers a registry instead (the partnership page's panels, the dashboard's deadline
providers, the partnership guards) and the higher app registers itself in `ready()`."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

# From the bottom up. An app may import the apps listed before it, never those after it.
LAYERS = [
    "common",  # the kernel: money, forms, uploads, formatting, panels, transitions
    "jobs",  # background work: the job row, its runner and progress page
    "organisations",  # the register of organisations, their people and roles
    "accounts",  # sign-in: lockout, the sign-in log, second factor, single sign-on
    "bodies",  # each public body's settings, its staff pages and onboarding
    "partnerships",  # partnerships, parties, appendices, lifecycle
    "governance",  # groups, chair draws, meetings, the deadline dashboard
    "finance",  # budgets, payments, SIE, termination
    "portal",  # the organisations' accounts and activity reports
    "reporting",  # documents, signing, open data
    "api",  # the JSON API and its tokens
    "feeds",  # calendar feeds (iCalendar) of the dashboard's deadlines and the meetings
    "search",  # one search box across the register
    "pages",  # the frame: help, contact, accessibility statement
    "demo",  # the seeds' demo data, built with every app's services
    "iop",  # settings, URLs and wiring: may import anything
]

ROOT = Path(settings.BASE_DIR)


def _project_apps() -> set[str]:
    return {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == ROOT.resolve()
    }


def _imported_apps(app: str) -> dict[str, list[str]]:
    """{imported app: ["file:line", ...]} over every module of `app`, migrations included."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in LAYERS and top != app:
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    found.setdefault(top, []).append(where)
    return found


def test_every_project_app_has_a_place_in_the_layers():
    missing = _project_apps() - set(LAYERS)
    assert not missing, (
        f"Add {sorted(missing)} to LAYERS in tests/test_layering.py, above the apps it imports."
    )


def test_the_kernel_imports_no_app():
    assert _imported_apps("common") == {}


def test_each_app_imports_only_apps_below_it():
    wrong = []
    for index, app in enumerate(LAYERS):
        below = set(LAYERS[:index])
        for imported, places in _imported_apps(app).items():
            if imported not in below:
                wrong.append(f"{app} imports {imported} (above it): {', '.join(places)}")
    assert not wrong, "\n".join(wrong)
