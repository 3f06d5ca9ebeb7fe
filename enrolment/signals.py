"""Domain signals offered to the apps above enrolment.

course_completed
    Sent once, after the transaction that completed an enrolment commits, with
    ``enrolment`` (the completed Enrolment). The certificates app issues a
    certificate when it hears it.
"""

from django.dispatch import Signal

course_completed = Signal()
