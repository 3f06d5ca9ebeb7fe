"""Compliance reporting over enrolments and certificates (read side; no tables of its own yet)."""
