"""manage.py import_employees FILE [--dry-run] [--full-sync [--allow-many-leavers]]: bring employees in step
with an HR export.

A full sync that would make more than 10% of the active people leavers (and more than 20 people) is refused
unless --allow-many-leavers is given; one with no accepted row is always refused. A dry run says so.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from people.hr_import import HrFileError, ImportPlan, plan_file
from people.import_runs import (
    CHANGES_HEADER,
    ImportInProgress,
    apply_import,
    change_lines,
    changes_stream,
    receive_file,
    start_applying,
)
from people.models import EmployeeImport

LABELS = (
    ("created", "Created"),
    ("updated", "Updated"),
    ("unchanged", "Unchanged"),
    ("leavers", "Leavers"),
    ("rejected", "Rejected rows"),
    ("departments_created", "Departments created"),
)


class Command(BaseCommand):
    help = (
        "Import employees from an HR export (CSV, UTF-8, with a header row). Rejected rows are listed with their "
        "row number, column and reason; every other row is applied. Use - to read standard input."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file, or - for standard input.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")
        parser.add_argument(
            "--full-sync", action="store_true", help="Mark active people who are absent from the file as leavers."
        )
        parser.add_argument(
            "--allow-many-leavers",
            action="store_true",
            help=(
                "Apply a full sync even if it makes more than 10%% of the active people (and more than 20) "
                "leavers. Without it, such a file is refused and nothing is written."
            ),
        )

    def handle(self, *args, file, dry_run, full_sync, allow_many_leavers, verbosity, **options):
        name = "standard input" if file == "-" else Path(file).name
        try:
            stream = sys.stdin.buffer if file == "-" else open(file, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise CommandError(f"Cannot open {file}: {exc.strerror}.") from None
        with stream:
            if dry_run:
                try:
                    plan = plan_file(stream, today=timezone.localdate(), full_sync=full_sync)
                except HrFileError as exc:
                    raise CommandError(f"{name}: {exc} Nothing was imported.") from None
                self._report(plan, verbosity=verbosity)
                if plan.refusal:
                    self.stderr.write(f"Applying this file would be refused: {plan.refusal}")
                elif plan.leavers_to_confirm and not allow_many_leavers:
                    self.stderr.write(
                        f"Applying this file would be refused: {plan.many_leavers_warning()} If they really have "
                        "left, apply it with --allow-many-leavers."
                    )
                self.stdout.write("Dry run: nothing was written.")
                return
            employee_import = receive_file(
                stream=stream, file_name=name, full_sync=full_sync, source=EmployeeImport.Source.COMMAND
            )
        try:
            start_applying(employee_import)
        except ImportInProgress as exc:
            employee_import.delete()
            raise CommandError(str(exc)) from None
        employee_import = apply_import(employee_import, allow_many_leavers=allow_many_leavers, reassign_now=True)
        if employee_import.status != EmployeeImport.Status.APPLIED:
            raise CommandError(f"{name}: {employee_import.error}")
        self._print(
            summary=employee_import.summary,
            warnings=employee_import.warnings,
            departments=[(d["name"], d["code"]) for d in employee_import.new_departments],
            rejections=employee_import.problems.values_list("row", "column", "reason").iterator(),
            changes=csv.reader(io.TextIOWrapper(changes_stream(employee_import), encoding="utf-8", newline="")),
            verbosity=verbosity,
        )
        self.stdout.write(self.style.SUCCESS(f"Imported {name}: import {employee_import.pk} holds the details."))
        if employee_import.reassignment == EmployeeImport.Reassignment.FAILED:
            self.stderr.write(
                f"{employee_import.reassignment_error} The import's page in the admin (HR imports) has a button "
                "to do it."
            )

    def _report(self, plan: ImportPlan, *, verbosity: int) -> None:
        self._print(
            summary=plan.summary(),
            warnings=plan.warnings,
            departments=[(d.name, d.code) for d in plan.new_departments],
            rejections=((r.row, r.column, r.reason) for r in plan.rejections),
            changes=iter([CHANGES_HEADER, *change_lines(plan)]),
            verbosity=verbosity,
        )

    def _print(self, *, summary, warnings, departments, rejections, changes, verbosity: int) -> None:
        for warning in warnings:
            self.stderr.write(f"Warning: {warning}")
        width = max(len(label) for _, label in LABELS)
        for key, label in LABELS:
            self.stdout.write(f"{label:<{width}}  {summary[key]:>9,}")
        for department_name, code in departments:
            self.stdout.write(f"New department: {department_name} ({code})")
        for row, column, reason in rejections:
            where = f"Row {row}, {column}" if column else f"Row {row}"
            self.stderr.write(f"{where}: {reason}")
        if verbosity >= 2:
            next(changes, None)  # the header
            for row, staff_number, change, field, old, new in changes:
                where = f"row {row}, " if row else ""
                detail = f" {field}: {old or '(blank)'} → {new or '(blank)'}" if field else ""
                self.stdout.write(f"{where}{staff_number} {change}{detail}")
