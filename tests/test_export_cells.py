"""Cells a spreadsheet would run as a formula are neutralised in every CSV and XLSX export."""

import importlib

import pytest
from django.contrib import admin
from import_export.admin import ExportMixin

from common.exports import SafeExportResource, csv_writer, safe_cell


@pytest.mark.parametrize(
    "text",
    ["=HYPERLINK(\"https://evil.example\";\"klicka\")", "+1+2", "-2+3", "@SUM(A1:A9)",
     "\tindrag", "\rradbrytning"],
)  # fmt: skip
def test_a_formula_becomes_text(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Bris", "-1200.50", "-7", "", 12, None, "a=b"])
def test_ordinary_values_are_left_alone(value):
    assert safe_cell(value) == value


def test_the_csv_writer_neutralises_every_cell(tmp_path):
    path = tmp_path / "out.csv"
    with path.open("w", newline="") as stream:
        csv_writer(stream, delimiter=";").writerow(["=1+1", "Bris", 3])
    assert path.read_bytes() == b"'=1+1;Bris;3\r\n"


def test_every_admin_export_uses_the_neutralising_resource():
    """django-import-export's admin exports go through the resources of `resource_classes`."""
    exporting = [
        model_admin
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, ExportMixin)
    ]
    assert exporting, "the admin has import-export pages"
    for model_admin in exporting:
        for resource in model_admin.get_resource_classes(request=None):
            assert issubclass(resource, SafeExportResource), (model_admin, resource)


def test_every_resource_module_builds_on_the_neutralising_resource():
    from import_export.resources import ModelResource

    for app in ("organisations", "partnerships", "finance"):
        module = importlib.import_module(f"{app}.resources")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, ModelResource):
                assert issubclass(value, SafeExportResource), value
