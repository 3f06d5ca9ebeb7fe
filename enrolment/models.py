"""Enrolments, progress and compulsory-training requirements. Arrives with issues #3 and #4."""
