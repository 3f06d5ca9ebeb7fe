"""A synthetic civil service for benchmarks: people, line management and compulsory training, set-based.

PostgreSQL only. People are generated in Python (the management hierarchy needs it) and
loaded with COPY; enrolments, exemptions and extensions are written by INSERT … SELECT
over the loaded people, with per-person pseudo-random numbers from `hashint8extended`, so
no row goes through the ORM. Everything lives in a separate set of bench departments
(codes starting "B-", names ending " (bench)"), so it can be dropped and rebuilt without
touching demo data.

The compulsory training written here is what the engine itself would produce: running
`assign_requirements()` right after a build changes nothing (the build checks it).
"""

from __future__ import annotations

import io
import itertools
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from bench.catalogue import PREFIX, build_catalogue
from courses.models import CoursePage
from enrolment.models import Enrolment, Exemption, Extension, ModuleCompletion, Requirement
from people.models import Department, Employee, Grade, Profession

DEPARTMENT_PREFIX = "B-"
DEPARTMENT_SUFFIX = " (bench)"
STAFF_PREFIX = "B"
REQUIREMENT_PREFIX = "Bench: "
HR_EMAIL = "bench.hr@example.gov.uk"

# (code, name, parent code, share of all staff in %): departments and bodies named in domain.md and their peers.
DEPARTMENTS = [
    ("CO", "Cabinet Office", None, 2.0),
    ("CCS", "Crown Commercial Service", "CO", 0.5),
    ("HMT", "HM Treasury", None, 0.4),
    ("DWP", "Department for Work and Pensions", None, 17.5),
    ("HMRC", "HM Revenue and Customs", None, 12.0),
    ("VOA", "Valuation Office Agency", "HMRC", 0.8),
    ("MOJ", "Ministry of Justice", None, 2.0),
    ("HMPPS", "HM Prison and Probation Service", "MOJ", 10.0),
    ("HMCTS", "HM Courts and Tribunals Service", "MOJ", 3.5),
    ("MOD", "Ministry of Defence", None, 11.0),
    ("DES", "Defence Equipment and Support", "MOD", 2.5),
    ("HO", "Home Office", None, 5.0),
    ("UKVI", "UK Visas and Immigration", "HO", 2.0),
    ("BF", "Border Force", "HO", 2.0),
    ("HMPO", "HM Passport Office", "HO", 1.0),
    ("DSIT", "Department for Science, Innovation and Technology", None, 0.8),
    ("GDS", "Government Digital Service", "DSIT", 0.2),
    ("DFE", "Department for Education", None, 1.0),
    ("ESFA", "Education and Skills Funding Agency", "DFE", 0.4),
    ("DHSC", "Department of Health and Social Care", None, 0.5),
    ("UKHSA", "UK Health Security Agency", "DHSC", 1.2),
    ("MHRA", "Medicines and Healthcare products Regulatory Agency", "DHSC", 0.3),
    ("DFT", "Department for Transport", None, 0.6),
    ("DVLA", "Driver and Vehicle Licensing Agency", "DFT", 1.2),
    ("DVSA", "Driver and Vehicle Standards Agency", "DFT", 1.0),
    ("DEFRA", "Department for Environment, Food and Rural Affairs", None, 1.0),
    ("RPA", "Rural Payments Agency", "DEFRA", 0.6),
    ("APHA", "Animal and Plant Health Agency", "DEFRA", 0.6),
    ("FCDO", "Foreign, Commonwealth and Development Office", None, 3.5),
    ("DBT", "Department for Business and Trade", None, 1.0),
    ("DESNZ", "Department for Energy Security and Net Zero", None, 0.8),
    ("MHCLG", "Ministry of Housing, Communities and Local Government", None, 0.6),
    ("DCMS", "Department for Culture, Media and Sport", None, 0.3),
    ("AGO", "Attorney General's Office", None, 0.05),
    ("NIO", "Northern Ireland Office", None, 0.05),
]

# Share of people in each grade below the top of a department (%); each department's head is added on top.
GRADE_MIX = {
    "AA": 6.0,
    "AO": 23.0,
    "EO": 27.0,
    "HEO": 15.5,
    "SEO": 12.0,
    "G7": 10.0,
    "G6": 5.0,
    "SCS1": 1.15,
    "SCS2": 0.28,
    "SCS3": 0.06,
}

PROFESSION_MIX = {
    "operational-delivery": 45,
    "policy": 9,
    "ddat": 6,
    "tax": 5,
    "project-delivery": 4,
    "analysis": 4,
    "finance": 4,
    "hr": 3,
    "commercial": 3,
    "security": 3,
    "communications": 2,
    "legal": 2,
    "science-engineering": 3,
    "kim": 2,
    "counter-fraud": 2,
    "internal-audit": 1,
    "property": 1,
    "planning": 1,
}

GIVEN = ("Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Mia", "Arthur", "Ivy", "Leo", "Grace", "Harry", "Priya")
FAMILY = ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Khan", "Evans")

# Bench course numbers (bench-course-N): standing requirements use 1 to 4,
# `manage.py bench` 5 to 9, self-enrolment 20 to 199.
SELF_COURSES = range(20, 200)

# (name, course number, audience, due within days, renewal months, window days)
REQUIREMENTS = [
    ("Information management (all departments)", 1, {}, 60, 24, 30),
    ("Technology policy for senior leaders", 2, {"minimum_grade": "SCS1"}, 90, 12, 30),
    ("Security and data protection (all departments)", 3, {}, 30, 12, 30),
    (
        "Open data for digital and analytical staff",
        4,
        {"grades": ["HEO", "SEO", "G7"], "professions": ["ddat", "analysis"]},
        90,
        None,
        30,
    ),
]


@dataclass
class PopulationResult:
    employees: int = 0
    leavers: int = 0
    departments: int = 0
    enrolments: int = 0
    exemptions: int = 0
    extensions: int = 0
    settle_changed: int = -1
    build_seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


def bench_departments():
    return Department.objects.filter(code__startswith=DEPARTMENT_PREFIX)


def bench_employees():
    return Employee.objects.filter(department__code__startswith=DEPARTMENT_PREFIX)


def bench_requirements():
    return Requirement.objects.filter(name__startswith=REQUIREMENT_PREFIX)


def bench_course_ids(*, modules: int = 30) -> dict[int, int]:
    """Bench course number → page id, building the bench catalogue if it is missing."""
    ids = dict(CoursePage.objects.filter(slug__startswith=PREFIX).values_list("slug", "pk"))
    if len(ids) < 200:
        build_catalogue(courses=200, modules_per_course=modules)
        ids = dict(CoursePage.objects.filter(slug__startswith=PREFIX).values_list("slug", "pk"))
    return {int(slug.removeprefix(PREFIX)): pk for slug, pk in ids.items()}


def _superuser(cursor) -> bool:
    cursor.execute("SHOW is_superuser")
    return cursor.fetchone()[0] == "on"


def remove_population() -> None:
    """Drop every bench person, their enrolments, exemptions and the bench requirements; demo data stays."""
    t = {m: m._meta.db_table for m in (Enrolment, Exemption, Extension, ModuleCompletion, Requirement, Employee)}
    outermost = not connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if outermost and _superuser(cursor):
            # Children are deleted explicitly first, so the per-row foreign-key triggers can be skipped.
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("DROP TABLE IF EXISTS bench_gone_people, bench_gone_reqs, bench_gone_enrolments")
        cursor.execute(
            "CREATE TEMP TABLE bench_gone_people ON COMMIT DROP AS SELECT e.id FROM people_employee e "
            "JOIN people_department d ON d.id = e.department_id WHERE d.code LIKE %s",
            [DEPARTMENT_PREFIX + "%"],
        )
        cursor.execute(
            f"CREATE TEMP TABLE bench_gone_reqs ON COMMIT DROP AS SELECT id FROM {t[Requirement]} WHERE name LIKE %s",
            [REQUIREMENT_PREFIX + "%"],
        )
        cursor.execute(
            f"CREATE TEMP TABLE bench_gone_enrolments ON COMMIT DROP AS SELECT id FROM {t[Enrolment]} "
            "WHERE employee_id IN (SELECT id FROM bench_gone_people) "
            "OR requirement_id IN (SELECT id FROM bench_gone_reqs)"
        )
        for model in (Extension, ModuleCompletion):
            cursor.execute(f"DELETE FROM {t[model]} WHERE enrolment_id IN (SELECT id FROM bench_gone_enrolments)")
        cursor.execute(f"DELETE FROM {t[Enrolment]} WHERE id IN (SELECT id FROM bench_gone_enrolments)")
        cursor.execute(
            f"DELETE FROM {t[Exemption]} WHERE employee_id IN (SELECT id FROM bench_gone_people) "
            "OR requirement_id IN (SELECT id FROM bench_gone_reqs)"
        )
        for through in ("grades", "departments", "professions"):
            table = getattr(Requirement, through).through._meta.db_table
            cursor.execute(f"DELETE FROM {table} WHERE requirement_id IN (SELECT id FROM bench_gone_reqs)")
        cursor.execute(f"DELETE FROM {t[Requirement]} WHERE id IN (SELECT id FROM bench_gone_reqs)")
        cursor.execute(
            f"UPDATE {t[Employee]} SET line_manager_id = NULL WHERE line_manager_id IN "
            "(SELECT id FROM bench_gone_people) AND id NOT IN (SELECT id FROM bench_gone_people)"
        )
        cursor.execute(f"DELETE FROM {t[Employee]} WHERE id IN (SELECT id FROM bench_gone_people)")
        # Sub-departments first.
        cursor.execute(
            "DELETE FROM people_department WHERE code LIKE %s AND parent_id IS NOT NULL", [DEPARTMENT_PREFIX + "%"]
        )
        cursor.execute("DELETE FROM people_department WHERE code LIKE %s", [DEPARTMENT_PREFIX + "%"])


def _department_sizes(employees: int) -> list[int]:
    total = sum(share for *_, share in DEPARTMENTS)
    sizes = [max(3, round(employees * share / total)) for *_, share in DEPARTMENTS]
    largest = max(range(len(sizes)), key=sizes.__getitem__)
    sizes[largest] += employees - sum(sizes)
    return sizes


def _head_grade(parent: str | None, size: int) -> str:
    if parent is None:
        return "PS"
    return "SCS3" if size >= 5000 else "SCS2" if size >= 500 else "SCS1"


def _people(rng: random.Random, employees: int, departments: dict[str, Department], today: date):
    """Yield rows for every person, with managers, dates and leavers; ids are 0-based positions."""
    grades = {g.code: g for g in Grade.objects.all()}
    professions = {p.code: p.pk for p in Profession.objects.all()}
    profession_codes = [c for c in PROFESSION_MIX if c in professions]
    profession_weights = [PROFESSION_MIX[c] for c in profession_codes]
    people = []  # [department_id, grade_code, manager_index]
    for (code, _name, parent, _share), size in zip(DEPARTMENTS, _department_sizes(employees), strict=True):
        department_id = departments[code].pk
        head = _head_grade(parent, size)
        below = [c for c in GRADE_MIX if grades[c].rank < grades[head].rank]
        chosen = rng.choices(below, weights=[GRADE_MIX[c] for c in below], k=size - 1)
        by_grade = defaultdict(list)
        head_index = len(people)
        people.append([department_id, head, None])
        by_grade[head].append(head_index)
        for grade_code in chosen:
            by_grade[grade_code].append(len(people))
            people.append([department_id, grade_code, None])
        # From the top down, each grade reports to a handful of people in the nearest grade above it.
        ladder = sorted(by_grade, key=lambda c: grades[c].rank, reverse=True)
        for above, grade_code in itertools.pairwise(ladder):
            reports = by_grade[grade_code]
            pool = by_grade[above]
            wanted = max(1, round(len(reports) / rng.uniform(5, 10)))
            managers = rng.sample(pool, min(wanted, len(pool)))
            rng.shuffle(reports)
            for position, index in enumerate(reports):
                people[index][2] = managers[position % len(managers)]
    managers = {p[2] for p in people if p[2] is not None}
    for index, (department_id, grade_code, manager) in enumerate(people):
        years = min(40.0, rng.expovariate(1 / 9)) if rng.random() > 0.1 else rng.random()
        start = today - timedelta(days=int(years * 365.25))
        tenure = (today - start).days
        if rng.random() < 0.05:  # promoted recently
            since = today - timedelta(days=rng.randint(0, min(tenure, 180)))
        else:
            since = start + timedelta(days=int(tenure * rng.random() ** 0.5))
        leaver = manager is not None and index not in managers and rng.random() < 0.03
        end = None
        if leaver:
            end = today - timedelta(days=rng.randint(1, 365))
            if end < start:
                start = end - timedelta(days=rng.randint(30, 3000))
                since = min(since, end)
                since = max(since, start)
        yield (
            index,
            department_id,
            grades[grade_code].pk,
            professions[rng.choices(profession_codes, weights=profession_weights)[0]],
            manager,
            start,
            since,
            end,
            not leaver,
            rng.choice(GIVEN),
            rng.choice(FAMILY),
        )


def _copy_people(cursor, rows, first_id: int) -> tuple[int, int]:
    buffer = io.StringIO()
    count = leavers = 0
    for index, department, grade, profession, manager, start, since, end, active, given, family in rows:
        staff = f"{STAFF_PREFIX}{index + 1:07d}"
        buffer.write(
            f"{first_id + index}\t{staff}\t{given}\t{family}\t{staff.lower()}@bench.example.gov.uk\t{grade}\t"
            f"{since.isoformat()}\t{department}\t{profession}\t"
            f"{'' if manager is None else first_id + manager}\t{start.isoformat()}\t"
            f"{end.isoformat() if end else ''}\t{'t' if active else 'f'}\n"
        )
        count += 1
        leavers += not active
    buffer.seek(0)
    with cursor.cursor.copy(
        f"COPY {Employee._meta.db_table} (id, staff_number, given_name, family_name, email, grade_id, grade_since, "
        "department_id, profession_id, line_manager_id, start_date, end_date, is_active) "
        "FROM STDIN WITH (NULL '')"
    ) as copy:
        while chunk := buffer.read(1 << 20):
            copy.write(chunk)
    return count, leavers


# Per-person pseudo-random numbers in [0, 1): stable for a seed, computed inside PostgreSQL.
def _u(column: str, salt: str) -> str:
    return f"(abs(hashint8extended({column}, {salt})) %% 1000003) / 1000003.0"


def _write_requirement(
    cursor,
    requirement: Requirement,
    *,
    audience_sql: str,
    grade_based: bool,
    seed: int,
    today: date,
    now: datetime,
    hr_user_id: int,
) -> None:
    """Completions, renewals, open and withdrawn enrolments, exemptions and extensions for one requirement."""
    e = Enrolment._meta.db_table
    salt = seed * 100 + requirement.pk % 97
    renewal = requirement.renewal_months
    window = requirement.recertification_window_days
    days = requirement.due_within_days
    cycle = int(renewal * 30.44) if renewal else 3 * 365
    entered = "GREATEST(e.start_date, e.grade_since)" if grade_based else "e.start_date"
    cursor.execute("DROP TABLE IF EXISTS bench_c")
    cursor.execute(
        f"""CREATE TEMP TABLE bench_c AS
        SELECT e.id, e.is_active, e.start_date, e.end_date, {entered} AS entered,
               {_u("e.id", str(salt))} AS u, {_u("e.id", str(salt + 1))} AS v
        FROM people_employee e JOIN people_department d ON d.id = e.department_id
        JOIN people_grade g ON g.id = e.grade_id
        WHERE d.code LIKE %(prefix)s AND {audience_sql}""",
        {"prefix": DEPARTMENT_PREFIX + "%"},
    )
    cursor.execute("ALTER TABLE bench_c ADD COLUMN bucket text")
    cursor.execute(
        """UPDATE bench_c SET bucket = CASE
            WHEN entered > %(today)s::date - 150 THEN CASE WHEN v < 0.3 THEN 'new_done' ELSE 'new' END
            WHEN u < 0.55 THEN 'compliant'
            WHEN u < 0.63 THEN 'expiring'
            WHEN u < 0.68 THEN 'lapsed'
            WHEN u < 0.80 THEN 'due'
            WHEN u < 0.97 THEN 'overdue'
            ELSE 'exempt' END""",
        {"today": today},
    )
    cursor.execute("ANALYZE bench_c")
    expiry = f"(c.done + interval '{renewal} months')::date" if renewal else "NULL::date"
    # Completions: the current one for compliant, expiring and lapsed people (and new starters who were quick),
    # and for some of them the one from the cycle before.
    cursor.execute(
        f"""WITH c AS (
            SELECT c.id, c.start_date, GREATEST(c.start_date, LEAST(COALESCE(c.end_date, %(today)s::date), CASE c.bucket
                WHEN 'compliant' THEN %(today)s::date - 1 - (c.v * %(compliant_max)s)::int
                WHEN 'expiring' THEN %(today)s::date - %(expiring_min)s - (c.v * %(expiring_span)s)::int
                WHEN 'lapsed' THEN %(today)s::date - %(lapsed_min)s - (c.v * 200)::int
                ELSE c.entered + ((%(today)s::date - c.entered) * c.u)::int END)) AS done, c.v
            FROM bench_c c
            WHERE c.bucket IN ('compliant', 'expiring', 'lapsed', 'new_done')
              AND (c.end_date IS NULL OR c.bucket <> 'new_done')
        ), cycles AS (
            SELECT c.id, c.done, c.v FROM c
            UNION ALL
            SELECT c.id, (c.done - %(cycle)s) AS done, c.v FROM c
            WHERE c.v < 0.4 AND c.done - %(cycle)s > c.start_date
        )
        INSERT INTO {e} (employee_id, course_id, source, requirement_id, enrolled_at, due_on, completed_at,
                         expires_on, updated_at)
        SELECT c.id, %(course)s, 'requirement', %(req)s,
               (c.done - (c.v * 20)::int)::timestamp + interval '9 hours',
               c.done + 10,
               c.done::timestamp + interval '10 hours' + (c.v * 400)::int * interval '1 minute',
               {expiry}, %(now)s
        FROM cycles c""",
        {
            "today": today,
            "course": requirement.course_id,
            "req": requirement.pk,
            "now": now,
            "cycle": cycle,
            "compliant_max": max(1, cycle - window - 8),
            "expiring_min": cycle - window + 3,
            "expiring_span": max(1, window - 8),
            "lapsed_min": cycle + 5,
        },
    )
    # Open enrolments: new starters and people due or overdue; leavers' ones were withdrawn on their last day.
    cursor.execute(
        f"""WITH c AS (
            SELECT c.*, CASE c.bucket
                WHEN 'new' THEN c.entered + %(days)s
                WHEN 'due' THEN %(today)s::date + 1 + (c.v * (%(days)s - 1))::int
                ELSE %(today)s::date - 1 - (c.v * 200)::int END AS due
            FROM bench_c c WHERE c.bucket IN ('new', 'due', 'overdue')
        )
        INSERT INTO {e} (employee_id, course_id, source, requirement_id, enrolled_at, due_on, withdrawn_at,
                         updated_at)
        SELECT c.id, %(course)s, 'requirement', %(req)s,
               GREATEST(c.start_date, LEAST(c.due - %(days)s, %(today)s::date))::timestamp + interval '7 hours',
               c.due,
               CASE WHEN c.is_active THEN NULL
                    ELSE GREATEST(c.end_date, LEAST(c.due - %(days)s, %(today)s::date))::timestamp
                         + interval '18 hours' END,
               %(now)s
        FROM c""",
        {"today": today, "days": days, "course": requirement.course_id, "req": requirement.pk, "now": now},
    )
    cursor.execute(f"ANALYZE {e}")
    if renewal:
        # Renewals open when the window opens: due on the day the completion expires.
        cursor.execute(
            f"""INSERT INTO {e} (employee_id, course_id, source, requirement_id, enrolled_at, due_on, updated_at)
            SELECT c.id, %(course)s, 'requirement', %(req)s, (x.latest - %(window)s)::timestamp + interval '6 hours',
                   x.latest, %(now)s
            FROM bench_c c
            JOIN LATERAL (SELECT max(expires_on) AS latest FROM {e} x
                          WHERE x.employee_id = c.id AND x.course_id = %(course)s AND x.completed_at IS NOT NULL) x
              ON true
            WHERE c.is_active AND c.bucket IN ('expiring', 'lapsed') AND x.latest <= %(today)s::date + %(window)s""",
            {"today": today, "window": window, "course": requirement.course_id, "req": requirement.pk, "now": now},
        )
    # Exemptions in force (long-term leave, secondment), and some that ended, for overdue people.
    cursor.execute(
        f"""INSERT INTO {Exemption._meta.db_table} (employee_id, requirement_id, until, reason, granted_by_id,
                                                    granted_at, revoke_reason)
        SELECT c.id, %(req)s,
               CASE WHEN c.bucket = 'exempt' THEN %(today)s::date + 30 + (c.v * 300)::int
                    ELSE %(today)s::date - 10 - (c.v * 100)::int END,
               CASE WHEN c.v < 0.5 THEN 'Parental leave' ELSE 'Secondment outside the civil service' END,
               %(hr)s, %(now)s - (c.v * 200)::int * interval '1 day', ''
        FROM bench_c c
        WHERE c.is_active AND (c.bucket = 'exempt' OR (c.bucket = 'overdue' AND c.v < 0.1))""",
        {"today": today, "req": requirement.pk, "hr": hr_user_id, "now": now},
    )
    # Extensions granted by HR on some open enrolments (the enrolment carries the new date).
    cursor.execute(
        f"""INSERT INTO {Extension._meta.db_table} (enrolment_id, previous_due_on, due_on, reason, granted_by_id,
                                                    granted_at)
        SELECT x.id, x.due_on - 30, x.due_on, 'Long-term sickness absence', %(hr)s, %(now)s - interval '20 days'
        FROM {e} x JOIN bench_c c ON c.id = x.employee_id
        WHERE x.requirement_id = %(req)s AND x.completed_at IS NULL AND x.withdrawn_at IS NULL
          AND c.bucket IN ('due', 'overdue') AND c.v BETWEEN 0.1 AND 0.16""",
        {"req": requirement.pk, "hr": hr_user_id, "now": now},
    )


def _write_self_enrolments(cursor, courses: dict[int, int], *, seed: int, today: date, now: datetime) -> None:
    """Courses people chose themselves: 0 to 7 each, most completed, some in progress, a few abandoned."""
    ids = [courses[n] for n in SELF_COURSES]
    began = _u("p.id * 10 + j", str(seed * 100 + 3))
    cursor.execute(
        f"""WITH p AS (
            SELECT e.id, e.start_date, COALESCE(e.end_date, %(today)s::date) AS last_day,
                   {_u("e.id", str(seed * 100 + 1))} AS u, {_u("e.id", str(seed * 100 + 2))} AS base
            FROM people_employee e JOIN people_department d ON d.id = e.department_id WHERE d.code LIKE %(prefix)s
        ), r AS (
            SELECT p.id, j, (%(courses)s::int[])[1 + ((p.base * 180)::int + j * 7) %% 180] AS course,
                   p.last_day - ((p.last_day - p.start_date) * {began})::int AS began,
                   {_u("p.id * 10 + j", str(seed * 100 + 4))} AS w
            FROM p CROSS JOIN LATERAL generate_series(0, (p.u * 7)::int - 1) AS j
        )
        INSERT INTO {Enrolment._meta.db_table} (employee_id, course_id, source, enrolled_at, completed_at,
                                                 withdrawn_at, updated_at)
        SELECT r.id, r.course, 'self', r.began::timestamp + interval '8 hours',
               CASE WHEN r.w < 0.6 AND r.began < %(today)s::date - 31
                    THEN r.began::timestamp + interval '8 hours' + (r.w * 30)::int * interval '1 day' END,
               CASE WHEN r.w >= 0.93 AND r.began < %(today)s::date - 31
                    THEN r.began::timestamp + interval '20 days' END,
               %(now)s
        FROM r""",
        {"today": today, "prefix": DEPARTMENT_PREFIX + "%", "courses": ids, "now": now},
    )


def build_population(
    *,
    employees: int,
    seed: int = 1,
    today: date | None = None,
    settle: bool = True,
    catalogue_modules: int = 30,
    log=lambda message: None,
) -> PopulationResult:
    """Replace the bench population with `employees` people (plus their compulsory and chosen training)."""
    if connection.vendor != "postgresql":
        raise RuntimeError("bench_populate writes PostgreSQL SQL (COPY, hashint8extended): use a PostgreSQL database.")
    today = today or timezone.localdate()
    now = timezone.now()
    rng = random.Random(seed)
    result = PopulationResult()
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        result.timings[name] = time.perf_counter() - clock
        log(f"  {name}: {result.timings[name]:.1f} s")
        clock = time.perf_counter()

    courses = bench_course_ids(modules=catalogue_modules)
    lap("catalogue")
    remove_population()
    lap("remove previous population")
    hr_user, _ = get_user_model().objects.get_or_create(
        email=HR_EMAIL, defaults={"first_name": "Bench", "last_name": "HR", "is_staff": True}
    )
    outermost = not connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if outermost and _superuser(cursor):
            # The generator writes consistent rows; skip per-row foreign-key triggers (superuser only).
            cursor.execute("SET LOCAL session_replication_role = replica")
        departments: dict[str, Department] = {}
        for code, name, parent, _share in DEPARTMENTS:
            departments[code] = Department.objects.create(
                code=DEPARTMENT_PREFIX + code,
                name=name + DEPARTMENT_SUFFIX,
                parent=departments[parent] if parent else None,
            )
        result.departments = len(departments)
        table = Employee._meta.db_table
        cursor.execute(f"SELECT pg_get_serial_sequence('{table}', 'id')")
        sequence = cursor.fetchone()[0]
        cursor.execute(f"SELECT GREATEST((SELECT COALESCE(max(id), 0) FROM {table}), nextval(%s)) + 1", [sequence])
        first_id = cursor.fetchone()[0]
        cursor.execute("SELECT setval(%s, %s)", [sequence, first_id + employees])
        result.employees, result.leavers = _copy_people(cursor, _people(rng, employees, departments, today), first_id)
        lap(f"people ({result.employees:,}, COPY)")
        cursor.execute(f"ANALYZE {table}")

        grades = {g.code: g for g in Grade.objects.all()}
        professions = {p.code: p for p in Profession.objects.all()}
        tops = [d for d in departments.values() if d.parent_id is None]
        for name, number, audience, days, renewal, window in REQUIREMENTS:
            requirement = Requirement.objects.create(
                name=REQUIREMENT_PREFIX + name,
                course_id=courses[number],
                minimum_grade=grades[audience["minimum_grade"]] if "minimum_grade" in audience else None,
                due_within_days=days,
                renewal_months=renewal,
                recertification_window_days=window,
                starts_on=today - timedelta(days=3 * 365),
            )
            requirement.departments.set(tops)
            conditions = ["e.is_active OR e.end_date IS NOT NULL"]
            if "minimum_grade" in audience:
                conditions.append(f"g.rank >= {int(grades[audience['minimum_grade']].rank)}")
            if "grades" in audience:
                requirement.grades.set([grades[c] for c in audience["grades"]])
                conditions.append("g.code IN ({})".format(", ".join(f"'{c}'" for c in audience["grades"])))
            if "professions" in audience:
                chosen = [professions[c] for c in audience["professions"]]
                requirement.professions.set(chosen)
                conditions.append("e.profession_id IN ({})".format(", ".join(str(p.pk) for p in chosen)))
            _write_requirement(
                cursor,
                requirement,
                audience_sql=" AND ".join(f"({c})" for c in conditions),
                grade_based="minimum_grade" in audience or "grades" in audience,
                seed=seed,
                today=today,
                now=now,
                hr_user_id=hr_user.pk,
            )
            lap(f"compulsory training: {name}")
        _write_self_enrolments(cursor, courses, seed=seed, today=today, now=now)
        lap("self-chosen courses")
        cursor.execute("DROP TABLE IF EXISTS bench_c")
    lap("commit")
    with connection.cursor() as cursor:
        for model in (Employee, Enrolment, Exemption, Extension):
            # VACUUM cannot run inside a transaction (as in tests); ANALYZE can.
            cursor.execute(f"{'VACUUM (ANALYZE)' if outermost else 'ANALYZE'} {model._meta.db_table}")
    lap("vacuum analyze")
    with connection.cursor() as cursor:
        # Planner estimates after ANALYZE: exact counts of millions of rows would cost seconds.
        cursor.execute(
            "SELECT relname, reltuples::bigint FROM pg_class WHERE relname IN (%s, %s, %s)",
            [Enrolment._meta.db_table, Exemption._meta.db_table, Extension._meta.db_table],
        )
        estimates = dict(cursor.fetchall())
    result.enrolments = estimates.get(Enrolment._meta.db_table, 0)
    result.exemptions = estimates.get(Exemption._meta.db_table, 0)
    result.extensions = estimates.get(Extension._meta.db_table, 0)
    result.build_seconds = sum(result.timings.values())
    if settle:
        from enrolment.assignment import assign_requirements

        settled = assign_requirements(today=today, requirements=list(bench_requirements()))
        result.settle_changed = settled.changed
        lap(f"assign_requirements() on the bench requirements: {settled.changed} changes")
        if outermost:  # the settle's writes leave dead rows and stale statistics: start the benches analysed
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM (ANALYZE) {Enrolment._meta.db_table}")
            lap("vacuum analyze after the settle")
    return result
