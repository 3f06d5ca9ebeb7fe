"""Database expressions the enrolment workflows share."""

from django.db import models


class AddDays(models.Func):
    """A date plus a whole number of days, as a date, on PostgreSQL and SQLite alike."""

    output_field = models.DateField()

    def __init__(self, expression, days: int, **extra):
        self.days = int(days)
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql}) + {self.days})", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, '+{self.days} days')", params
