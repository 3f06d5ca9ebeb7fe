"""The civil-service grades (lowest to highest) and professions.

A frozen copy: later changes to these lists belong in a new migration. Safe to
run on a database that already has some of them (update_or_create by code).
"""

from django.db import migrations

# (code, name, rank): ranks leave gaps so a grade can be slotted in later.
GRADES = [
    ("AA", "Administrative Assistant", 10),
    ("AO", "Administrative Officer", 20),
    ("EO", "Executive Officer", 30),
    ("HEO", "Higher Executive Officer", 40),
    ("SEO", "Senior Executive Officer", 50),
    ("G7", "Grade 7", 60),
    ("G6", "Grade 6", 70),
    ("SCS1", "Deputy Director (SCS1)", 80),
    ("SCS2", "Director (SCS2)", 90),
    ("SCS3", "Director General (SCS3)", 100),
    ("PS", "Permanent Secretary", 110),
]

PROFESSIONS = [
    ("policy", "Policy"),
    ("operational-delivery", "Operational Delivery"),
    ("ddat", "Digital, Data and Technology"),
    ("kim", "Knowledge and Information Management"),
    ("analysis", "Analysis"),
    ("finance", "Finance"),
    ("commercial", "Commercial"),
    ("communications", "Communications"),
    ("hr", "Human Resources"),
    ("project-delivery", "Project Delivery"),
    ("legal", "Legal"),
    ("tax", "Tax"),
    ("security", "Security"),
    ("science-engineering", "Science and Engineering"),
    ("internal-audit", "Internal Audit"),
    ("counter-fraud", "Counter Fraud"),
    ("property", "Property"),
    ("planning", "Planning"),
]


def seed(apps, schema_editor):
    Grade = apps.get_model("people", "Grade")
    Profession = apps.get_model("people", "Profession")
    for code, name, rank in GRADES:
        Grade.objects.update_or_create(code=code, defaults={"name": name, "rank": rank})
    for code, name in PROFESSIONS:
        Profession.objects.update_or_create(code=code, defaults={"name": name})


def unseed(apps, schema_editor):
    # Grades and professions in use are protected; leave any that are.
    Grade = apps.get_model("people", "Grade")
    Profession = apps.get_model("people", "Profession")
    Grade.objects.filter(code__in=[code for code, _n, _r in GRADES], employees__isnull=True).delete()
    Profession.objects.filter(code__in=[code for code, _n in PROFESSIONS], employees__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0002_departments_grades_professions_employees")]

    operations = [migrations.RunPython(seed, unseed)]
