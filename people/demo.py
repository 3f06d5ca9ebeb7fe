"""Demo data: departments, a realistic slice of the civil service, and one account per role.

`load_demo_data()` is idempotent: every record is found by its natural key
(department code, staff number, email address) and written only when it
differs from the definition here, so a second run changes nothing. It touches
only these records; anything else in the database is left alone. Demo records
that someone edited are put back as defined here, so the demo journeys always
work.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models, transaction

from people.models import Department, Employee, Grade, HRScope, Profession, User
from people.roles import HR_OFFICERS
from people.scopes import set_scope
from people.signals import announce_employees_changed

EMAIL_DOMAIN = "example.gov.uk"


class DemoDataError(Exception):
    """The database holds something that stops the demo data from loading as defined."""


# Departments -----------------------------------------------------------------


@dataclass(frozen=True)
class DemoDepartment:
    code: str
    name: str
    parent: str | None = None


DEPARTMENTS: list[DemoDepartment] = [
    DemoDepartment("CO", "Cabinet Office"),
    DemoDepartment("HMT", "HM Treasury"),
    DemoDepartment("DWP", "Department for Work and Pensions"),
    DemoDepartment("HMRC", "HM Revenue and Customs"),
    DemoDepartment("MOJ", "Ministry of Justice"),
    DemoDepartment("MOD", "Ministry of Defence"),
    DemoDepartment("HO", "Home Office"),
    DemoDepartment("DSIT", "Department for Science, Innovation and Technology"),
    DemoDepartment("DFE", "Department for Education"),
    DemoDepartment("DHSC", "Department of Health and Social Care"),
    DemoDepartment("DFT", "Department for Transport"),
    DemoDepartment("DEFRA", "Department for Environment, Food and Rural Affairs"),
    # Agencies and bodies under them (parents first).
    DemoDepartment("GDS", "Government Digital Service", parent="DSIT"),
    DemoDepartment("HMPPS", "HM Prison and Probation Service", parent="MOJ"),
    DemoDepartment("HMCTS", "HM Courts and Tribunals Service", parent="MOJ"),
    DemoDepartment("UKVI", "UK Visas and Immigration", parent="HO"),
    DemoDepartment("DVLA", "Driver and Vehicle Licensing Agency", parent="DFT"),
]


# People ----------------------------------------------------------------------


@dataclass(frozen=True)
class DemoPerson:
    staff_number: str
    given_name: str
    family_name: str
    grade: str
    department: str
    profession: str
    line_manager: str | None
    grade_since: date
    start_date: date
    end_date: date | None = None

    @property
    def work_email(self) -> str:
        """A demo account's own address for its person, otherwise given.family@department."""
        for account in DEMO_ACCOUNTS:
            if account.staff_number == self.staff_number:
                return account.email
        local = ".".join(re.sub(r"[^a-z]", "", part.lower()) for part in (self.given_name, self.family_name))
        return f"{local}@{self.department.lower()}.{EMAIL_DOMAIN}"

    @property
    def is_leaver(self) -> bool:
        return self.end_date is not None


def _person(
    staff_number: str,
    name: str,
    grade: str,
    department: str,
    profession: str,
    line_manager: str | None,
    grade_since: str,
    start_date: str,
    *,
    end_date: str | None = None,
) -> DemoPerson:
    given_name, family_name = name.rsplit(" ", 1)
    return DemoPerson(
        staff_number=staff_number,
        given_name=given_name,
        family_name=family_name,
        grade=grade,
        department=department,
        profession=profession,
        line_manager=line_manager,
        grade_since=date.fromisoformat(grade_since),
        start_date=date.fromisoformat(start_date),
        end_date=date.fromisoformat(end_date) if end_date else None,
    )


OPS = "operational-delivery"
SCIENCE = "science-engineering"

# Managers come before the people who report to them; DEMO_ACCOUNTS below says
# which of them have the demo accounts. Staff numbers are text: the leading
# zeros are part of them.
PEOPLE: list[DemoPerson] = [
    # DSIT: the permanent secretary and the chain down to the demo learner's team in GDS.
    _person("00900001", "Sarah Whitmore", "PS", "DSIT", "policy", None, "2023-02-01", "1998-09-01"),
    _person("00900002", "Rajesh Nair", "SCS3", "DSIT", "ddat", "00900001", "2022-06-01", "2004-01-05"),
    _person("00900003", "Helen Mackenzie", "SCS3", "DSIT", SCIENCE, "00900001", "2021-10-04", "2001-09-03"),
    _person("00900004", "Owen Davies", "SCS2", "GDS", "ddat", "00900002", "2023-04-03", "2011-05-16"),
    _person("00900005", "Charlotte Ellis", "SCS2", "DSIT", "policy", "00900002", "2022-01-10", "2006-09-04"),
    _person("00900006", "Catriona Murray", "SCS1", "GDS", "ddat", "00900004", "2024-03-01", "2013-02-11"),
    _person("00900007", "Marcus Oyelaran", "SCS1", "DSIT", "policy", "00900005", "2021-07-01", "2009-10-12"),
    _person("00900008", "Imogen Hart", "G6", "GDS", "ddat", "00900006", "2022-09-05", "2015-01-12"),
    _person("00900009", "Nadia Hussain", "G7", "GDS", "ddat", "00900008", "2021-04-01", "2016-06-20"),
    _person("00900010", "Chloe Adebayo", "EO", "GDS", "ddat", "00900009", "2024-09-02", "2022-09-05"),
    _person("00900011", "Connor Brady", "HEO", "GDS", "ddat", "00900009", "2023-01-09", "2019-03-04"),
    _person("00900012", "Priya Raman", "HEO", "GDS", "analysis", "00900009", "2022-05-03", "2020-01-06"),
    _person("00900013", "Tomasz Nowak", "EO", "GDS", "ddat", "00900009", "2025-02-03", "2025-02-03"),
    _person("00900014", "Ellie Robertson", "AO", "GDS", OPS, "00900009", "2023-08-14", "2023-08-14"),
    _person("00900015", "Gareth Llewellyn", "SEO", "GDS", "project-delivery", "00900008", "2020-11-02", "2014-04-07"),
    _person(
        "00900016", "Peter Simmons", "EO", "GDS", "ddat", "00900009", "2021-03-01", "2021-03-01", end_date="2025-06-30"
    ),
    _person("00900017", "Ben Carter", "G7", "GDS", "ddat", "00900008", "2023-06-01", "2017-09-04"),
    _person("00900018", "Mei Chen", "SEO", "GDS", "ddat", "00900017", "2022-02-14", "2018-02-12"),
    _person("00900019", "Kwame Mensah", "HEO", "GDS", "ddat", "00900017", "2024-01-08", "2021-11-01"),
    _person("00900020", "Ruth Sinclair", "EO", "GDS", "kim", "00900017", "2023-05-22", "2023-05-22"),
    _person("00900021", "Daniel Fitzgerald", "G6", "DSIT", "policy", "00900007", "2020-09-01", "2010-09-06"),
    _person("00900022", "Harriet Cole", "G7", "DSIT", "policy", "00900021", "2022-04-04", "2014-09-01"),
    _person("00900023", "Aisha Rahman", "SEO", "DSIT", "policy", "00900021", "2023-10-02", "2019-09-02"),
    _person("00900024", "James O'Connor", "HEO", "DSIT", "policy", "00900022", "2024-04-02", "2022-01-10"),
    _person("00900025", "Bethan Morgan", "HEO", "DSIT", "analysis", "00900022", "2021-09-06", "2018-09-03"),
    _person("00900026", "Hamza Iqbal", "EO", "DSIT", "policy", "00900022", "2025-01-06", "2024-01-08"),
    _person("00900062", "Yusuf Karim", "SEO", "DSIT", "policy", "00900021", "2024-07-01", "2020-07-06"),
    _person("00900027", "Fiona Grant", "G6", "DSIT", "hr", "00900003", "2021-02-01", "2008-03-03"),
    _person("00900028", "Gwen Pritchard", "HEO", "DSIT", "hr", "00900027", "2022-07-04", "2017-07-03"),
    _person("00900029", "Oliver Bennett", "EO", "DSIT", "hr", "00900027", "2024-06-03", "2024-06-03"),
    _person("00900030", "Zainab Ali", "AO", "DSIT", "hr", "00900027", "2023-03-13", "2023-03-13"),
    # Cabinet Office: the learning content team.
    _person("00900031", "Jonathan Reeves", "SCS2", "CO", "communications", None, "2019-05-01", "2003-10-06"),
    _person("00900032", "Eleanor Price", "SCS1", "CO", "kim", "00900031", "2022-11-07", "2008-01-14"),
    _person("00900033", "Folake Adeyemi", "G7", "CO", "kim", "00900032", "2021-06-01", "2012-09-03"),
    _person("00900034", "Tom Ashworth", "SEO", "CO", "communications", "00900033", "2023-02-06", "2018-06-04"),
    _person("00900035", "Siobhan Kelly", "HEO", "CO", "communications", "00900033", "2022-10-03", "2020-10-05"),
    _person("00900036", "Arjun Mehta", "EO", "CO", "kim", "00900033", "2024-11-04", "2023-04-03"),
    # HM Prison and Probation Service.
    _person("00900037", "Andrew Kerr", "SCS2", "HMPPS", OPS, None, "2020-04-01", "1996-08-05"),
    _person("00900038", "Rebecca Shaw", "G6", "HMPPS", OPS, "00900037", "2019-12-02", "2005-02-07"),
    _person("00900039", "Darren Hughes", "G7", "HMPPS", OPS, "00900038", "2021-01-04", "2007-06-11"),
    _person("00900063", "Sharon Booth", "SEO", "HMPPS", OPS, "00900038", "2022-12-05", "2011-04-04"),
    _person("00900064", "Callum MacLeod", "HEO", "HMPPS", "project-delivery", "00900038", "2024-02-19", "2021-02-15"),
    _person("00900040", "Leanne Carr", "EO", "HMPPS", OPS, "00900039", "2022-03-07", "2016-03-07"),
    _person("00900041", "Mohammed Akhtar", "EO", "HMPPS", OPS, "00900039", "2023-09-04", "2019-09-02"),
    _person("00900042", "Stacey Doyle", "AO", "HMPPS", OPS, "00900039", "2021-05-10", "2021-05-10"),
    _person("00900043", "Kieran Walsh", "AA", "HMPPS", OPS, "00900039", "2024-10-07", "2024-10-07"),
    _person(
        "00900044", "Grace Odhiambo", "AO", "HMPPS", OPS, "00900039", "2020-02-03", "2020-02-03", end_date="2025-11-28"
    ),
    # HM Revenue and Customs.
    _person("00900045", "Joanna Baxter", "G6", "HMRC", "tax", None, "2018-07-02", "2002-09-02"),
    _person("00900046", "Craig Henderson", "G7", "HMRC", "tax", "00900045", "2020-10-05", "2009-01-05"),
    _person("00900047", "Lucy Chambers", "HEO", "HMRC", "tax", "00900045", "2022-08-01", "2015-08-03"),
    _person("00900065", "Graham Pearce", "SEO", "HMRC", "counter-fraud", "00900045", "2021-11-01", "2013-05-13"),
    _person("00900048", "Bilal Chaudhry", "EO", "HMRC", "tax", "00900046", "2023-04-03", "2021-04-06"),
    _person("00900049", "Megan Lloyd", "AO", "HMRC", OPS, "00900046", "2022-11-14", "2022-11-14"),
    _person("00900050", "Nia Roberts", "AA", "HMRC", OPS, "00900046", "2025-03-03", "2025-03-03"),
    # Department for Work and Pensions: a jobcentre team.
    _person("00900051", "Paul Thornton", "G7", "DWP", OPS, None, "2019-03-04", "2006-05-08"),
    _person("00900052", "Sana Malik", "EO", "DWP", OPS, "00900051", "2021-08-02", "2017-08-07"),
    _person("00900053", "Ryan Foster", "EO", "DWP", OPS, "00900051", "2023-01-16", "2019-01-14"),
    _person("00900054", "Kerry Douglas", "AO", "DWP", OPS, "00900051", "2020-06-01", "2020-06-01"),
    _person("00900055", "Ewan Stewart", "AA", "DWP", OPS, "00900051", "2025-05-12", "2025-05-12"),
    # One person in each of a few other departments.
    _person("00900056", "Alexandra Grey", "SCS1", "HO", "security", None, "2023-09-01", "2010-04-06"),
    _person("00900058", "Eilidh Fraser", "SEO", "DFE", "finance", None, "2022-06-06", "2014-06-02"),
    _person("00900059", "Rhys Evans", "G7", "DHSC", "legal", None, "2020-03-02", "2012-03-05"),
    _person("00900060", "Hannah Whitfield", "SEO", "HMT", "analysis", None, "2023-07-03", "2019-09-02"),
]


# Accounts --------------------------------------------------------------------


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    staff_number: str
    groups: tuple[str, ...] = ()
    is_superuser: bool = False
    # An HR officer's scope: "*" for the whole civil service, else department codes. Set only when the
    # account has none, so an administrator's change stands.
    hr_scope: tuple[str, ...] = ()


DEMO_ACCOUNTS: list[DemoAccount] = [
    DemoAccount(f"learner@{EMAIL_DOMAIN}", "civil servant (EO) doing their own learning", "00900010"),
    DemoAccount(f"scs@{EMAIL_DOMAIN}", "senior civil servant (SCS1, deputy director)", "00900006"),
    DemoAccount(f"manager@{EMAIL_DOMAIN}", "line manager (G7) with a team, the demo learner among them", "00900009"),
    DemoAccount(
        f"hr@{EMAIL_DOMAIN}",
        "HR officer for the whole civil service",
        "00900028",
        groups=(HR_OFFICERS,),
        hr_scope=("*",),
    ),
    DemoAccount(
        f"hr-hmrc@{EMAIL_DOMAIN}",
        "HR officer for HM Revenue and Customs only",
        "00900048",
        groups=(HR_OFFICERS,),
        hr_scope=("HMRC",),
    ),
    DemoAccount(
        f"editor@{EMAIL_DOMAIN}",
        "content editor (writes courses in the Wagtail admin at /admin/)",
        "00900034",
        groups=("Course editors",),
    ),
    DemoAccount(
        f"reviewer@{EMAIL_DOMAIN}",
        "content reviewer (approves editors' changes)",
        "00900033",
        groups=("Course reviewers",),
    ),
    DemoAccount(
        f"admin@{EMAIL_DOMAIN}",
        "administrator (everything, including people and departments)",
        "00900017",
        is_superuser=True,
    ),
]


def demo_accounts() -> list[tuple[str, str]]:
    """(email, role) for every demo account, in the order the README and the command show them."""
    return [(account.email, account.role) for account in DEMO_ACCOUNTS]


# Loading ---------------------------------------------------------------------


@dataclass
class DemoResult:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    accounts: list[tuple[str, str]] = field(default_factory=list)
    passwords_set: bool = False
    missing_groups: list[str] = field(default_factory=list)
    changed_employee_ids: list[int] = field(default_factory=list)
    created_employee_ids: set[int] = field(default_factory=set)

    @property
    def changed_anything(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))


def _upsert(
    instance: models.Model | None, model: type[models.Model], values: dict, result: DemoResult, label: str
) -> tuple[models.Model, bool]:
    """Create the record, or write only the fields that differ from the definition."""
    if instance is None:
        instance = model(**values)
        instance.save()
        result.created[label] += 1
        return instance, True
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
        result.updated[label] += 1
    return instance, bool(changed)


def _check_no_conflicts() -> None:
    """Refuse, with a reason, rather than take over records that are not demo records."""
    by_email = {person.work_email.lower(): person.staff_number for person in PEOPLE}
    clashes = (
        Employee.objects.filter(email__in=by_email)
        .exclude(staff_number__in=[person.staff_number for person in PEOPLE])
        .values_list("email", "staff_number")
    )
    if clash := clashes.first():
        email, staff_number = clash
        raise DemoDataError(
            f"The email address {email} belongs to employee {staff_number}, "
            f"not to the demo employee {by_email[email]}. Change or remove that employee first."
        )
    demo_staff = {account.email: account.staff_number for account in DEMO_ACCOUNTS}
    linked = Employee.objects.filter(user__email__in=demo_staff).values_list("user__email", "staff_number")
    for email, staff_number in linked:
        if demo_staff[email] != staff_number:
            raise DemoDataError(
                f"The account {email} is linked to employee {staff_number}, not to the demo employee "
                f"{demo_staff[email]}. Unlink it first."
            )


def _load_departments(result: DemoResult) -> dict[str, Department]:
    existing = {d.code: d for d in Department.objects.filter(code__in=[d.code for d in DEPARTMENTS])}
    for spec in DEPARTMENTS:
        parent = existing[spec.parent] if spec.parent else None
        existing[spec.code], _ = _upsert(
            existing.get(spec.code),
            Department,
            {"code": spec.code, "name": spec.name, "parent_id": parent.pk if parent else None},
            result,
            "departments",
        )
    return existing


def _load_people(result: DemoResult, departments: dict[str, Department]) -> dict[str, Employee]:
    grades = dict(Grade.objects.values_list("code", "pk"))
    professions = dict(Profession.objects.values_list("code", "pk"))
    missing = {p.grade for p in PEOPLE} - grades.keys() | {p.profession for p in PEOPLE} - professions.keys()
    if missing:
        raise DemoDataError(
            f"Grades or professions {', '.join(sorted(missing))} are missing. Run `manage.py migrate` first."
        )
    employees = {e.staff_number: e for e in Employee.objects.filter(staff_number__in=[p.staff_number for p in PEOPLE])}
    existing_staff = set(employees)
    for person in PEOPLE:
        manager = employees[person.line_manager] if person.line_manager else None
        employees[person.staff_number], changed = _upsert(
            employees.get(person.staff_number),
            Employee,
            {
                "staff_number": person.staff_number,
                "given_name": person.given_name,
                "family_name": person.family_name,
                "email": person.work_email,
                "grade_id": grades[person.grade],
                "grade_since": person.grade_since,
                "department_id": departments[person.department].pk,
                "profession_id": professions[person.profession],
                "line_manager_id": manager.pk if manager else None,
                "start_date": person.start_date,
                "end_date": person.end_date,
                "is_active": not person.is_leaver,
            },
            result,
            "employees",
        )
        if changed:
            result.changed_employee_ids.append(employees[person.staff_number].pk)
        if person.staff_number not in existing_staff:
            result.created_employee_ids.add(employees[person.staff_number].pk)
    return employees


def _load_accounts(result: DemoResult, employees: dict[str, Employee], *, set_passwords: bool) -> None:
    users = {u.email: u for u in User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS])}
    groups = {g.name: g for g in Group.objects.filter(name__in={n for a in DEMO_ACCOUNTS for n in a.groups})}
    result.missing_groups = sorted({n for a in DEMO_ACCOUNTS for n in a.groups} - groups.keys())
    for account in DEMO_ACCOUNTS:
        employee = employees[account.staff_number]
        user = users.get(account.email)
        created = user is None
        if created:
            user = User(email=account.email)
        values = {
            "first_name": employee.given_name,
            "last_name": employee.family_name,
            "is_active": True,
            "is_staff": account.is_superuser,
            "is_superuser": account.is_superuser,
        }
        changed = [name for name, value in values.items() if getattr(user, name) != value]
        for name in changed:
            setattr(user, name, values[name])
        # The published demo password works only in development. Without DEBUG,
        # an account still holding it loses it; a password someone chose is kept.
        if set_passwords:
            if created or not user.check_password(settings.DEMO_PASSWORD):
                user.set_password(settings.DEMO_PASSWORD)
                changed.append("password")
        elif created or user.check_password(settings.DEMO_PASSWORD):
            user.set_unusable_password()
            changed.append("password")
        if created:
            user.save()
        elif changed:
            user.save(update_fields=changed)

        # Groups are added, never removed: an administrator may have given a demo account more.
        wanted = [groups[name] for name in account.groups if name in groups]
        present = set(user.groups.filter(pk__in=[g.pk for g in wanted]).values_list("pk", flat=True))
        if to_add := [g for g in wanted if g.pk not in present]:
            user.groups.add(*to_add)
            changed.append("groups")

        if account.hr_scope and not HRScope.objects.filter(user=user).exists():
            codes = [code for code in account.hr_scope if code != "*"]
            set_scope(
                user,
                whole_service="*" in account.hr_scope,
                departments=Department.objects.filter(code__in=codes),
                changed_by=None,
            )
            changed.append("HR scope")

        if created:
            result.created["accounts"] += 1
        elif changed:
            result.updated["accounts"] += 1

        _verified_primary_address(user, account.email, result)

        if employee.user_id != user.pk:
            employee.user = user
            employee.save(update_fields=["user"])
            if employee.pk not in result.created_employee_ids:
                result.updated["employees"] += 1
                result.changed_employee_ids.append(employee.pk)
        result.accounts.append((account.email, account.role))


def _verified_primary_address(user: User, email: str, result: DemoResult) -> None:
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is not None and address.verified and address.primary:
        return
    EmailAddress.objects.filter(user=user, primary=True).exclude(email__iexact=email).update(primary=False)
    if address is None:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        result.created["email addresses"] += 1
    else:
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
        result.updated["email addresses"] += 1


@transaction.atomic
def load_demo_data(*, set_passwords: bool) -> DemoResult:
    """Put the demo departments, people and accounts in place, changing only what differs from their definition.

    The demo accounts get the published demo password only when `set_passwords`
    (development); otherwise they cannot sign in with a password at all.
    """
    _check_no_conflicts()
    result = DemoResult(passwords_set=set_passwords)
    departments = _load_departments(result)
    employees = _load_people(result, departments)
    _load_accounts(result, employees, set_passwords=set_passwords)
    announce_employees_changed(result.changed_employee_ids)
    return result
