"""Spreadsheet exports: cells that a spreadsheet would run as a formula are neutralised.

A text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel and
LibreOffice as a formula (`=HYPERLINK(...)` in an activity report would become a link in the
staff's sheet). Such a cell gets a leading apostrophe, which spreadsheets show as text. Every CSV
and XLSX export goes through `safe_cell`: `csv_writer` for the csv module, `SafeExportResource`
for django-import-export (the admin's exports included).
"""

import csv
import re

from import_export import resources

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain negative number ("-1200.50") is data, not a formula.
_NUMBER = re.compile(r"-\d+(?:[.,]\d+)?")


def safe_cell(value):
    """The value as a cell that a spreadsheet shows as text, never runs."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(stream, **kwargs) -> _SafeWriter:
    """`csv.writer(stream, **kwargs)` whose rows are neutralised cell by cell."""
    return _SafeWriter(csv.writer(stream, **kwargs))


class SafeExportResource(resources.ModelResource):
    """Base of every import-export resource: exported cells are neutralised (CSV, XLSX, the
    admin's exports); imports are untouched."""

    def export_resource(self, instance, selected_fields=None, **kwargs):
        row = super().export_resource(instance, selected_fields=selected_fields, **kwargs)
        return [safe_cell(cell) for cell in row]
