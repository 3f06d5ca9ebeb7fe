"""Open data essentials: an awareness course on publishing government data that anyone can use."""

import csv
import io

DEPARTMENT = "Department for Example Services"
AGENCY = "Example Licensing Agency"

SPEND_HEADER = "Department family,Entity,Date,Expense type,Expense area,Supplier,Transaction number,Amount (GBP)"
# Entity, date, expense type, expense area, supplier, amount in pounds.
SPEND_ROWS = [
    (DEPARTMENT, "2026-03-02", "Software licences", "Digital services", "Example Cloud Services Ltd", 48250.00),
    (DEPARTMENT, "2026-03-03", "Facilities management", "Estates", "Example Facilities Management Ltd", 112400.00),
    (DEPARTMENT, "2026-03-05", "Consultancy", "Policy and strategy", "Example Research Partners LLP", 36500.00),
    (DEPARTMENT, "2026-03-06", "Electricity", "Estates", "Example Energy Supply plc", 27815.62),
    (AGENCY, "2026-03-09", "Temporary staff", "Operations", "Example Recruitment Ltd", 58920.00),
    (DEPARTMENT, "2026-03-10", "Legal services", "Legal", "Example Legal LLP", 31200.00),
    (AGENCY, "2026-03-12", "Printing and postage", "Operations", "Example Print and Post Ltd", 25640.18),
    (DEPARTMENT, "2026-03-13", "Cloud hosting", "Digital services", "Example Cloud Services Ltd", 74310.45),
    (DEPARTMENT, "2026-03-17", "Training", "People and capability", "Example Training Ltd", 29950.00),
    (AGENCY, "2026-03-18", "Security services", "Estates", "Example Security Services Ltd", 41775.00),
    (DEPARTMENT, "2026-03-20", "Travel", "Corporate services", "Example Travel Management Ltd", 26104.37),
    (DEPARTMENT, "2026-03-24", "Research", "Analysis", "Example Research Partners LLP", 89000.00),
    (DEPARTMENT, "2026-03-26", "Software development", "Digital services", "Example Digital Agency Ltd", 152600.00),
    (DEPARTMENT, "2026-03-31", "Facilities management", "Estates", "Example Facilities Management Ltd", 112400.00),
]


def _spend_csv() -> str:
    """The spend rows as CSV text, with one header row and a transaction number for each payment."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for number, (entity, *details, amount) in enumerate(SPEND_ROWS, start=301):
        writer.writerow([DEPARTMENT, entity, *details, f"EXS-2026-{number:04d}", f"{amount:.2f}"])
    return SPEND_HEADER + "\n" + buffer.getvalue()


SPEND_CSV = _spend_csv()

CHECK_CSV_CODE = """\
import pandas as pd

spend = pd.read_csv("spend-over-25000-march-2026.csv", encoding="utf-8")

# Every column needs a heading: pandas calls a blank one "Unnamed: 3".
assert not spend.columns.str.startswith("Unnamed").any(), "A column has no heading"

# Dates must be ISO 8601 (YYYY-MM-DD). Any other form raises an error here.
spend["Date"] = pd.to_datetime(spend["Date"], format="%Y-%m-%d")

# Amounts must be plain numbers, with no pound signs, commas or notes.
assert pd.api.types.is_numeric_dtype(spend["Amount (GBP)"]), "An amount contains text"

# A totals row or a stray note usually has no transaction number.
assert spend["Transaction number"].notna().all(), "A row has no transaction number"

print(f"{len(spend)} rows, total £{spend['Amount (GBP)'].sum():,.2f}")
"""

SUPPRESS_CODE = """\
import pandas as pd

THRESHOLD = 5  # agree the threshold with your statistics or data protection lead

counts = pd.read_csv("clinic-visits-by-ward-and-age.csv", encoding="utf-8")
small = counts["Visits"] < THRESHOLD

published = counts.astype({"Visits": "object"})
published.loc[small, "Visits"] = "[c]"  # [c] is the usual marker for "confidential"

print(f"Suppressed {small.sum()} of {len(counts)} counts")
published.to_csv("clinic-visits-published.csv", index=False, encoding="utf-8")
"""

WHAT_OPEN_DATA_IS = {
    "slug": "what-open-data-is",
    "title": "What open data is and why government publishes it",
    "estimated_minutes": 20,
    "body": [
        (
            "text",
            "<h2>What open data is</h2>"
            "<p>Open data is data that anyone can access, use and share. For data to be open, it needs two things: "
            "a licence that lets people reuse it, and a form that people can actually work with.</p>"
            "<p>Government holds a great deal of data. Some of it is about the state itself: what it spends, "
            "what it owns and how its services perform. Some is about the country: roads, schools, air quality "
            "and house prices. Much of this can be published as open data. Data about identifiable people cannot, "
            "unless it has been properly anonymised. You will learn how to do that in module 4.</p>",
        ),
        (
            "glossary_term",
            {
                "term": "Open data",
                "definition": (
                    "<p>Data that anyone can access, use and share for any purpose, published under an open "
                    "licence and in a form that people and software can reuse.</p>"
                ),
            },
        ),
        (
            "text",
            "<h2>Why government publishes data</h2>"
            "<p>The UK has published open data at scale since 2010. There are three main reasons.</p>"
            "<h3>Transparency</h3>"
            "<p>Published data lets the public, Parliament and journalists see what government does and hold it "
            "to account. For example, central government departments publish every item of spending over "
            "£25,000. Anyone can check who was paid, how much, and by which part of a department.</p>"
            "<h3>Innovation and growth</h3>"
            "<p>Businesses, charities and researchers build products and services on government data. Journey "
            "planners use timetable and location data. Property websites use house price and flood risk data. "
            "Data that sits unused on a shared drive creates no value for anyone.</p>"
            "<h3>Efficiency</h3>"
            "<p>Open data saves time inside government too. When data is published in one place, other teams and "
            "departments can find and reuse it instead of asking for it or collecting it again. Publishing data "
            "routinely can also reduce the number of Freedom of Information requests you have to answer one by "
            "one.</p>",
        ),
        (
            "inset",
            {
                "text": (
                    '<p>"Open by default" does not mean that everything is published. It means that if there is no '
                    "good reason to keep data closed, you should plan to publish it.</p>"
                ),
            },
        ),
        (
            "text",
            "<h2>Where UK open data lives</h2>"
            '<p><a href="https://www.data.gov.uk/">data.gov.uk</a> is the catalogue of UK public data. '
            "It lists datasets from central government, local authorities and other public bodies. Each entry "
            "describes the data, says who publishes it and links to the files. The files themselves are often "
            "published on GOV.UK or an organisation's own website, with data.gov.uk helping people find them.</p>"
            "<h3>Closed, shared and open</h3>"
            "<p>Open data is not everything government holds. Think of a spectrum:</p>"
            "<ul>"
            "<li><b>closed</b> data, such as personal records or information that would harm national security, "
            "stays inside the organisation</li>"
            "<li><b>shared</b> data goes to named organisations for a specific purpose, under an agreement</li>"
            "<li><b>open</b> data is available to anyone, for any purpose</li>"
            "</ul>"
            "<p>Your job is to put each dataset in the right place on that spectrum, and to move it towards open "
            "whenever that is safe and lawful.</p>",
        ),
        (
            "check_understanding",
            {
                "question": (
                    "A team publishes its monthly service performance figures as open data. Which of these are "
                    "genuine benefits? Select all that apply."
                ),
                "options": [
                    {
                        "text": "The public and Parliament can see how the service is performing.",
                        "is_correct": True,
                        "feedback": "Transparency and accountability are central reasons for publishing data.",
                    },
                    {
                        "text": "Other teams can reuse the figures without having to ask for them.",
                        "is_correct": True,
                        "feedback": "Publishing once saves repeated requests and duplicated collection.",
                    },
                    {
                        "text": "Data protection law no longer applies to the figures once they are published.",
                        "is_correct": False,
                        "feedback": (
                            "Publishing removes no legal duties. If figures could identify people, data protection "
                            "law applies and they should not be published as they are."
                        ),
                    },
                    {
                        "text": "Developers and researchers can build tools and analysis on the figures.",
                        "is_correct": True,
                        "feedback": "Reuse by others is how open data creates wider value.",
                    },
                ],
            },
        ),
    ],
}

LICENCES = {
    "slug": "licences-and-copyright",
    "title": "Licences: the Open Government Licence and Crown copyright",
    "estimated_minutes": 20,
    "body": [
        (
            "text",
            "<h2>Why data needs a licence</h2>"
            "<p>Putting data on a website does not, on its own, give anyone the right to reuse it. Most "
            "information that government produces is protected by copyright. Without a licence, a careful user "
            "cannot be sure they may copy it, change it or build a business on it. A clear, standard licence "
            "removes that doubt.</p>"
            "<h2>Crown copyright</h2>"
            "<p>Information created by civil servants in the course of their work is Crown copyright. The "
            "copyright belongs to the Crown, not to you or your team. The National Archives manages Crown "
            "copyright and sets the policy for how it is licensed.</p>"
            "<p>Other public bodies, such as local authorities, own the copyright in their own information. Most "
            "of them use the same licence when they publish it.</p>"
            "<h2>The Open Government Licence</h2>"
            '<p>The <a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/">'
            "Open Government Licence v3.0</a> (OGL) is the default licence for public sector information in the "
            "UK. It is free, nobody has to sign or register, and it is designed to work alongside the Creative "
            "Commons Attribution 4.0 licence.</p>"
            "<h3>What the OGL allows</h3>"
            "<p>Anyone, anywhere in the world, may:</p>"
            "<ul>"
            "<li>copy, publish, distribute and transmit the information</li>"
            "<li>adapt it, for example by combining it with other data</li>"
            "<li>use it for commercial and non-commercial purposes</li>"
            "</ul>"
            "<h3>What the OGL requires</h3>"
            "<p>The main condition is attribution. Users must acknowledge the source by including the attribution "
            "statement the publisher specifies and, where possible, link to the licence. If the publisher gives "
            "no statement, users write: <i>Contains public sector information licensed under the Open Government "
            "Licence v3.0.</i></p>"
            "<p>The licence gives no right to suggest that the publisher endorses the user or their use. The "
            "information also comes with no warranty.</p>",
        ),
        (
            "glossary_term",
            {
                "term": "Attribution statement",
                "definition": (
                    "<p>The words a publisher asks users to include when they reuse its information, naming the "
                    "source and the licence.</p>"
                ),
            },
        ),
        (
            "inset",
            {
                "text": (
                    "<p>When you publish under the OGL, say so next to the data and give the attribution statement "
                    "you want people to use. For example: <i>Source: Department for Example Services. Licensed "
                    "under the Open Government Licence v3.0.</i></p>"
                ),
            },
        ),
        (
            "text",
            "<h2>When the OGL does not apply</h2>"
            "<p>The OGL covers only information the publisher has the right to license. It does not cover:</p>"
            "<ul>"
            "<li><b>personal data</b> contained in the information</li>"
            "<li><b>third-party rights</b> the publisher is not authorised to license, such as a map layer or a "
            "dataset bought from a supplier</li>"
            "<li>departmental logos, crests, the Royal Arms and military insignia</li>"
            "<li>other intellectual property, such as patents, trade marks and design rights</li>"
            "<li>identity documents, such as the British passport</li>"
            "</ul>"
            "<p>Check the rights before you publish. If a supplier's data is mixed into your dataset, you may need "
            "their permission, or you may need to take it out.</p>"
            "<h3>Security and other reasons not to publish</h3>"
            "<p>A licence cannot make safe something that should not be published. Information that would harm "
            "national security, law enforcement or commercial interests, or that could identify people, should "
            "not be released at all. Deciding whether to publish comes first; choosing the licence comes "
            "second.</p>",
        ),
        (
            "warning",
            {
                "text": (
                    "Never publish personal or security-sensitive data on the basis that the licence covers it. The "
                    "OGL does not license personal data, and once data is published you cannot take it back."
                ),
            },
        ),
        (
            "check_understanding",
            {
                "question": (
                    "A start-up wants to sell an app built on your department's dataset, which is published under "
                    "the OGL. What must it do? Select all that apply."
                ),
                "options": [
                    {
                        "text": "Get written permission from your department first.",
                        "is_correct": False,
                        "feedback": "The OGL is a standing permission. Nobody needs to ask, sign anything or pay.",
                    },
                    {
                        "text": "Acknowledge the source with your attribution statement and, where possible, link to "
                        "the licence.",
                        "is_correct": True,
                        "feedback": "Attribution is the main condition of the OGL.",
                    },
                    {
                        "text": "Give the app away free, because the data is free.",
                        "is_correct": False,
                        "feedback": "The OGL explicitly allows commercial use of the information.",
                    },
                    {
                        "text": "Avoid suggesting that your department endorses the app.",
                        "is_correct": True,
                        "feedback": "The OGL gives no right to imply official status or endorsement.",
                    },
                ],
            },
        ),
    ],
}

FORMATS = {
    "slug": "formats-and-five-stars",
    "title": "Formats and the five-star scheme",
    "estimated_minutes": 25,
    "body": [
        (
            "text",
            "<h2>Format matters as much as the licence</h2>"
            "<p>Data that people cannot easily process is only half open. A table inside a PDF can be read by a "
            "person, but software cannot reliably pull the numbers out. Anyone who wants to use it has to retype it "
            "or use error-prone conversion tools. The same data as a CSV file loads into a spreadsheet, a database "
            "or a script in seconds.</p>"
            "<h3>Machine-readable and open formats</h3>"
            "<p>An open format is one whose specification is published and free to use, so anyone can read it "
            "without buying particular software. CSV, JSON and OpenDocument Spreadsheet (ODS) are open formats. "
            "UK government's open standards name the OpenDocument Format for sharing editable documents.</p>"
            "<h3>Spreadsheets built for reading, not reuse</h3>"
            "<p>Many published spreadsheets are designed to be printed. They use colour to carry meaning, put "
            "several tables on one sheet, add footnote markers to numbers and hide rows. Each of these breaks "
            "reuse. A number with an asterisk becomes text, and colour is lost when the file is saved as CSV. "
            "Publish a clean data file alongside any formatted version for people to read.</p>",
        ),
        (
            "glossary_term",
            {
                "term": "Machine-readable",
                "definition": (
                    "<p>Structured so that software can find and process each value without a person having to "
                    "interpret it. A CSV file is machine-readable; a scanned table is not.</p>"
                ),
            },
        ),
        (
            "text",
            "<h2>The five-star scheme</h2>"
            "<p>Sir Tim Berners-Lee, who invented the World Wide Web, proposed a five-star scheme for open data in "
            "2010. Each star builds on the one before.</p>",
        ),
        (
            "image",
            {
                "image": "five-star-open-data",
                "alt_text": (
                    "A staircase of five steps rising from one star to five stars, showing that each level of the "
                    "five-star open data scheme builds on the one below it."
                ),
                "caption": "Each step adds to the one below, from an open licence at one star to linked data at five.",
            },
        ),
        (
            "table",
            {
                "caption": "The five-star scheme for open data, with examples",
                "columns": [("number", "Stars"), ("text", "What you do"), ("text", "Example")],
                "rows": [
                    [1, "Put the data on the web, in any format, under an open licence", "A table in a PDF"],
                    [2, "Publish it as structured data", "An Excel (XLSX) spreadsheet"],
                    [3, "Use a non-proprietary, open format", "A CSV file"],
                    [4, "Use web addresses (URIs) to identify things", "Each school has its own web address"],
                    [5, "Link your data to other data for context", "Schools link to their local authority"],
                ],
            },
        ),
        (
            "text",
            "<p>Three stars, a CSV file under the OGL, is a sensible target for most datasets. Four and five stars "
            "are linked data. They are most valuable for reference data used across government, such as lists of "
            "organisations or places, and need more specialist skills.</p>"
            "<p>Stars measure how easy data is to reuse, not how good it is. A five-star dataset can still be out "
            "of date or wrong.</p>"
            "<h2>What a good CSV looks like</h2>"
            "<ul>"
            "<li><b>One header row.</b> The first row holds the column names. Nothing sits above it: no titles, "
            "logos or notes.</li>"
            "<li><b>UTF-8 encoding.</b> Save as UTF-8 so that characters such as £ and é survive.</li>"
            "<li><b>ISO 8601 dates.</b> Write dates as YYYY-MM-DD, for example 2026-03-31. A date like 03/04/26 "
            "is ambiguous and sorts badly.</li>"
            "<li><b>No merged cells.</b> Repeat the value in every row instead.</li>"
            "<li><b>One kind of value per column.</b> Keep numbers plain, without pound signs, commas or notes "
            'such as "approx".</li>'
            "<li><b>No totals or blank rows.</b> Users can work out totals; a totals row gets counted as data.</li>"
            "</ul>"
            "<p>Put notes, definitions and caveats in the metadata or a separate file, not in the CSV.</p>",
        ),
        (
            "dataset",
            {
                "document": {
                    "title": "Spend over £25,000, Department for Example Services, March 2026 (fictional)",
                    "filename": "spend-over-25000-march-2026.csv",
                    "content": SPEND_CSV,
                },
                "description": (
                    "An illustrative dataset laid out like the spend over £25,000 that central government "
                    "publishes each month. The department, agency and suppliers are fictional. Notice the single "
                    "header row, ISO 8601 dates and plain numbers."
                ),
                "data_format": "CSV",
                "licence": "ogl-3",
            },
        ),
        (
            "code",
            {
                "language": "python",
                "caption": "Basic checks on the spend CSV with pandas before you publish it",
                "code": CHECK_CSV_CODE,
            },
        ),
        (
            "check_understanding",
            {
                "question": (
                    "Your team publishes a table of library visits as a PDF under the OGL. How does it rate, and "
                    "what is the simplest improvement?"
                ),
                "options": [
                    {
                        "text": "One star. Publishing the same data as a CSV would make it three stars.",
                        "is_correct": True,
                        "feedback": "A CSV is both structured and in an open format, so it meets stars 2 and 3.",
                    },
                    {
                        "text": "Three stars, because it is under an open licence.",
                        "is_correct": False,
                        "feedback": "An open licence earns only the first star. A PDF is not structured data.",
                    },
                    {
                        "text": "No stars, because a PDF cannot be open data.",
                        "is_correct": False,
                        "feedback": "Any format on the web under an open licence earns one star.",
                    },
                ],
            },
        ),
    ],
}

PUBLISHING = {
    "slug": "publishing-and-anonymisation",
    "title": "Publishing data safely: metadata and anonymisation",
    "estimated_minutes": 25,
    "body": [
        (
            "text",
            "<h2>Metadata</h2>"
            "<p>Metadata is data about your data. Without it, users cannot tell what a dataset covers, how "
            "current it is or whether they can trust it. Good metadata says:</p>"
            "<ul>"
            "<li>what the data is, in a clear title and a plain-English description</li>"
            "<li>who publishes it, and who to contact with questions</li>"
            "<li>the period and area it covers</li>"
            "<li>how often it is updated, and when the next update is due</li>"
            "<li>the licence</li>"
            "<li>how it was collected, and any known gaps or quality issues</li>"
            "</ul>"
            "<h3>Update frequency</h3>"
            '<p>Say how often you will update the data, then keep to it. A dataset marked "monthly" that has not '
            "changed for a year misleads users and erodes trust. If you stop updating a dataset, say so.</p>"
            "<h3>Listing on data.gov.uk</h3>"
            "<p>Publish the file on GOV.UK or your organisation's website, then make sure it is listed on "
            '<a href="https://www.data.gov.uk/">data.gov.uk</a> so people can find it. Your data or knowledge and '
            "information management team can tell you who manages your organisation's entries.</p>"
            "<h2>Anonymisation</h2>"
            "<p>Much useful government data is about people. You can publish it as open data only if nobody can "
            "be identified from it. Truly anonymous data is not personal data, so UK GDPR does not apply to it. "
            "Pseudonymised data, where names are replaced by reference numbers, is still personal data.</p>"
            "<h3>Assessing re-identification risk</h3>"
            "<p>Removing names is not enough. People can be identified from a mix of details, such as postcode, "
            "age and the date of an event, or by linking your data with other sources. Once data is open, anyone "
            "can combine it with anything, so assess the risk against everything already public.</p>"
            "<h3>Techniques that reduce the risk</h3>"
            "<ul>"
            "<li><b>Aggregation:</b> publish counts for groups, not rows about individuals, and use broader "
            "categories, such as age bands or local authorities instead of postcodes.</li>"
            "<li><b>Suppression of small numbers:</b> replace small counts, such as anything under 5, with a "
            "marker like [c]. Then suppress other cells where needed, so nobody can work out a hidden number "
            "from the totals.</li>"
            "<li><b>Rounding:</b> round counts, for example to the nearest 5.</li>"
            "</ul>",
        ),
        (
            "code",
            {
                "language": "python",
                "caption": "Suppressing small counts with pandas. It does no secondary suppression, so check totals.",
                "code": SUPPRESS_CODE,
            },
        ),
        (
            "text",
            "<h3>The motivated-intruder test</h3>"
            "<p>The Information Commissioner's Office recommends this test. Imagine someone who wants to identify "
            "a person in your data. They are reasonably competent, use the internet, libraries and public records, "
            "and will ask people questions. They have no specialist skills or inside knowledge. If they could "
            "identify someone, your data is not anonymous enough.</p>"
            "<h3>Data protection impact assessments</h3>"
            "<p>Preparing personal data for release is itself processing. Under UK GDPR you must carry out a data "
            "protection impact assessment (DPIA) before processing that is likely to result in a high risk to "
            "people. Involve your data protection officer early. The "
            '<a href="https://ico.org.uk/">Information Commissioner\'s Office</a> publishes detailed guidance on '
            "anonymisation.</p>",
        ),
        (
            "glossary_term",
            {
                "term": "Pseudonymised data",
                "definition": (
                    "<p>Personal data with direct identifiers, such as names, replaced by codes. Someone with the "
                    "key or other information could still identify people, so it remains personal data.</p>"
                ),
            },
        ),
        (
            "warning",
            {
                "text": (
                    "Published data cannot be recalled. If you are not sure whether a dataset could identify "
                    "someone, do not publish it until your data protection officer has reviewed it."
                ),
            },
        ),
        (
            "check_understanding",
            {
                "question": (
                    "You plan to publish clinic visits by ward and age band. One ward shows 2 visitors aged over "
                    "90. What should you do? Select all that apply."
                ),
                "options": [
                    {
                        "text": "Publish it as it is, because the table contains no names.",
                        "is_correct": False,
                        "feedback": "Local people could easily recognise 2 people aged over 90 in a small ward.",
                    },
                    {
                        "text": "Suppress the count, and check it cannot be worked out from the totals.",
                        "is_correct": True,
                        "feedback": "Primary and secondary suppression together protect the small group.",
                    },
                    {
                        "text": "Combine age bands or wards so that the counts are larger.",
                        "is_correct": True,
                        "feedback": "Aggregating into broader groups is often the simplest way to reduce risk.",
                    },
                    {
                        "text": "Publish it, with a note asking users not to try to identify anyone.",
                        "is_correct": False,
                        "feedback": "A request in the metadata cannot stop a motivated intruder.",
                    },
                ],
            },
        ),
    ],
}
QUIZ = {
    "title": "Open data essentials quiz",
    "slug": "quiz",
    "introduction": (
        "<p>The questions cover all four modules: what open data is and why government publishes it, the Open "
        "Government Licence, formats and the five-star scheme, and publishing data safely.</p>"
    ),
    "settings": {
        "pass_mark": 80,
        "draw_count": 8,
        "shuffle_choices": True,
        "max_attempts": 0,
        "wait_after_fail_minutes": 60,
        "time_limit_minutes": None,
        "review": "immediately",
    },
    "questions": [
        {
            "type": "single_choice",
            "question": "For data to be open, which two things does it need?",
            "choices": [
                (
                    "A page on data.gov.uk and a named contact for questions",
                    False,
                    "data.gov.uk is a catalogue that helps people find data. A listing does not make data open.",
                ),
                (
                    "A licence that lets people reuse it, and a form that people can actually work with",
                    True,
                    "Right. The licence gives the right to reuse the data; the form makes reuse practical.",
                ),
                (
                    "Approval from a minister and an announcement on GOV.UK",
                    False,
                    "Publishing open data needs neither. What makes it open is the licence and the form.",
                ),
                (
                    "A signed agreement with each person who wants to use it",
                    False,
                    "That describes shared data. Open data is available to anyone, for any purpose, with nothing "
                    "to sign.",
                ),
            ],
            "explanation": (
                "<p>Open data is data that anyone can access, use and share. It needs two things: a licence that "
                "lets people reuse it, and a form that people can actually work with. A table in a PDF under an "
                "open licence is only half open, because software cannot reliably pull the numbers out.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": (
                "Which of these are reasons the course gives for government publishing open data? Select all that "
                "apply."
            ),
            "choices": [
                (
                    "Transparency: the public, Parliament and journalists can see what government does",
                    True,
                    "Published data lets people hold government to account, such as spending over £25,000.",
                ),
                (
                    "Innovation and growth: businesses, charities and researchers build on the data",
                    True,
                    "Journey planners and property websites are built on government data.",
                ),
                (
                    "Efficiency: other teams can reuse the data instead of asking for it or collecting it again",
                    True,
                    "Publishing routinely can also reduce the Freedom of Information requests answered one by one.",
                ),
                (
                    "Once data is published, data protection law no longer applies to it",
                    False,
                    "Publishing removes no legal duties. Data that could identify people should not be published "
                    "as it is.",
                ),
            ],
            "explanation": (
                "<p>The course gives three main reasons: <b>transparency</b> (the public, Parliament and "
                "journalists can hold government to account), <b>innovation and growth</b> (others build products "
                "and services on the data) and <b>efficiency</b> (teams find and reuse data instead of asking for "
                "it or collecting it again). Publishing changes none of your legal duties.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": '"Open by default" means that everything government holds should be published.',
            "answer": False,
            "feedback_true": (
                "Not quite. Personal records and information that would harm national security stay closed."
            ),
            "feedback_false": "Right. Data with a good reason to stay closed stays closed.",
            "explanation": (
                '<p>"Open by default" does not mean that everything is published. It means that if there is no '
                "good reason to keep data closed, you should plan to publish it. Closed data, such as personal "
                "records, stays inside the organisation; shared data goes to named organisations under an "
                "agreement; open data is available to anyone.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "Who owns the copyright in information that civil servants create in the course of their work?",
            "choices": [
                (
                    "The civil servant who wrote it",
                    False,
                    "Work done in the course of your job is not yours to license.",
                ),
                ("The team or directorate that produced it", False, "The copyright does not belong to your team."),
                (
                    "The Crown: it is Crown copyright, managed by The National Archives",
                    True,
                    "Right. The National Archives also sets the policy for how it is licensed.",
                ),
                (
                    "Nobody: government information is free of copyright",
                    False,
                    "Most information government produces is protected by copyright, which is why it needs a licence.",
                ),
            ],
            "explanation": (
                "<p>Information created by civil servants in the course of their work is Crown copyright. It "
                "belongs to the Crown, not to you or your team, and The National Archives manages it and sets the "
                "policy for licensing it. Putting data on a website does not on its own give anyone the right to "
                "reuse it: a clear, standard licence such as the Open Government Licence does.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": (
                "What does the Open Government Licence v3.0 let anyone do with the information? Select all that apply."
            ),
            "choices": [
                (
                    "Copy, publish and distribute it",
                    True,
                    "The OGL allows copying, publishing, distributing and transmitting.",
                ),
                ("Adapt it, for example by combining it with other data", True, "Adapting the information is allowed."),
                (
                    "Use it in a product they sell",
                    True,
                    "The OGL allows commercial as well as non-commercial use.",
                ),
                (
                    "Say that the publishing department endorses their product",
                    False,
                    "The licence gives no right to suggest that the publisher endorses the user or their use.",
                ),
            ],
            "explanation": (
                "<p>Under the OGL anyone, anywhere, may copy, publish, distribute and transmit the information, "
                "adapt it, and use it for commercial and non-commercial purposes. Nobody has to sign, register or "
                "pay. The main condition is <b>attribution</b>: acknowledge the source with the publisher's "
                "attribution statement and, where possible, link to the licence. It gives no right to suggest "
                "endorsement, and the information comes with no warranty.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": (
                "Your department publishes a dataset under the OGL. Which of these in it does the OGL not cover? "
                "Select all that apply."
            ),
            "choices": [
                ("Personal data in the dataset", True, "The OGL does not license personal data."),
                (
                    "A map layer bought from a supplier",
                    True,
                    "Third-party rights the publisher is not authorised to license are not covered.",
                ),
                ("The department's logo and crest", True, "Logos, crests and the Royal Arms are outside the OGL."),
                (
                    "Spending figures the department produced itself",
                    False,
                    "Information the publisher has the right to license is exactly what the OGL covers.",
                ),
            ],
            "explanation": (
                "<p>The OGL covers only information the publisher has the right to license. It does not cover "
                "personal data, third-party rights such as a bought-in map layer or dataset, departmental logos, "
                "crests and the Royal Arms, other intellectual property such as patents and trade marks, or "
                "identity documents. Check the rights before you publish: a supplier's data mixed into yours may "
                "need their permission, or taking out.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": (
                "A team publishes its figures as an Excel (XLSX) spreadsheet under the OGL. How many stars does "
                "that earn on the five-star scheme?"
            ),
            "choices": [
                ("1 star", False, "More than that: a spreadsheet is structured data, which earns the second star."),
                ("2 stars", True, "Right. It is structured data, but Excel is not an open, non-proprietary format."),
                ("3 stars", False, "Three stars needs a non-proprietary, open format, such as CSV."),
                (
                    "5 stars",
                    False,
                    "Four and five stars are linked data: web addresses for things, and links to other data.",
                ),
            ],
            "explanation": (
                "<p>Each star builds on the one before: 1 star, on the web in any format under an open licence; "
                "2 stars, structured data (an Excel spreadsheet); 3 stars, a non-proprietary, open format (a CSV "
                "file); 4 stars, web addresses (URIs) to identify things; 5 stars, linked to other data. Three "
                "stars, a CSV under the OGL, is a sensible target for most datasets.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": "Stars on the five-star scheme measure how easy data is to reuse, not how accurate it is.",
            "answer": True,
            "feedback_true": "Right. A five-star dataset can still be out of date or wrong.",
            "feedback_false": "The stars say nothing about quality: a five-star dataset can still be wrong.",
            "explanation": (
                "<p>The five-star scheme, proposed by Sir Tim Berners-Lee in 2010, rates how easy data is to "
                "reuse. Stars measure how easy data is to reuse, not how good it is: a five-star dataset can still "
                "be out of date or wrong, so metadata about quality still matters.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": (
                "You are checking a CSV file before publishing it. Which of these should you fix? Select all that "
                "apply."
            ),
            "choices": [
                (
                    "A title and a logo in the rows above the column names",
                    True,
                    "A good CSV has one header row with nothing above it.",
                ),
                ("Dates written like 03/04/26", True, "Write dates as ISO 8601, YYYY-MM-DD: 03/04/26 is ambiguous."),
                ("A totals row at the bottom", True, "Users can work out totals; a totals row gets counted as data."),
                (
                    "The file is saved with UTF-8 encoding",
                    False,
                    "UTF-8 is right: it keeps characters such as £ and é.",
                ),
            ],
            "explanation": (
                "<p>A good CSV has one header row and nothing above it, is saved as UTF-8, writes dates as "
                "YYYY-MM-DD, has no merged cells, keeps one kind of value per column (plain numbers, without pound "
                "signs or notes) and has no totals or blank rows. Notes and caveats go in the metadata or a "
                "separate file.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": (
                'A dataset\'s metadata says it is updated "monthly", but it has not changed for a year. What should '
                "the publisher do?"
            ),
            "choices": [
                (
                    "Update it as promised, or say clearly that it is no longer updated",
                    True,
                    "Right. Say how often you will update the data, keep to it, and say so if you stop.",
                ),
                (
                    "Nothing, as long as the licence is still valid",
                    False,
                    "A stale dataset marked monthly misleads users and erodes trust, whatever its licence.",
                ),
                (
                    "Delete the dataset from data.gov.uk without saying why",
                    False,
                    "Users who rely on it need to know what has happened. Say so in the metadata.",
                ),
            ],
            "explanation": (
                "<p>Good metadata says how often a dataset is updated and when the next update is due. Say how "
                'often you will update the data, then keep to it: a dataset marked "monthly" that has not changed '
                "for a year misleads users and erodes trust. If you stop updating a dataset, say so.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": (
                "Pseudonymised data, where names are replaced by reference numbers, is no longer personal data."
            ),
            "answer": False,
            "feedback_true": "Not so: someone with the key or other information could still identify people.",
            "feedback_false": "Right. Pseudonymised data is still personal data, so UK GDPR applies to it.",
            "explanation": (
                "<p>Truly anonymous data is not personal data, so UK GDPR does not apply to it. Pseudonymised data "
                "is still personal data: someone with the key or other information could still identify people. "
                "Removing names is not enough either, because people can be identified from a mix of details, such "
                "as postcode, age and the date of an event.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "Who is the motivated intruder in the Information Commissioner's Office's test?",
            "choices": [
                (
                    "A reasonably competent person who wants to identify someone and uses the internet, libraries "
                    "and public records, but has no specialist skills or inside knowledge",
                    True,
                    "Right. If they could identify someone, the data is not anonymous enough.",
                ),
                (
                    "A skilled hacker with access to your department's systems",
                    False,
                    "The test imagines someone with no specialist skills or inside knowledge.",
                ),
                (
                    "A user who has read the note in the metadata asking them not to identify anyone",
                    False,
                    "A request in the metadata cannot stop a motivated intruder.",
                ),
            ],
            "explanation": (
                "<p>The motivated-intruder test imagines someone who wants to identify a person in your data. They "
                "are reasonably competent, use the internet, libraries and public records, and will ask people "
                "questions, but have no specialist skills or inside knowledge. If they could identify someone, "
                "your data is not anonymous enough: aggregate, suppress small numbers or round before you "
                "publish.</p>"
            ),
        },
    ],
}

COURSE = {
    "slug": "open-data-essentials",
    "title": "Open data essentials",
    "summary": (
        "What open data is, why government publishes it, and how to publish it well: the Open Government Licence, "
        "formats and the five-star scheme, metadata, and anonymising data so that nobody can be identified."
    ),
    "learning_outcomes": [
        "explain what open data is and why government publishes it",
        "describe what the Open Government Licence allows and requires, and when it does not apply",
        "rate a dataset on the five-star scheme and recognise a well-made CSV file",
        "list the metadata a published dataset needs",
        "spot re-identification risks and use aggregation and suppression to reduce them",
    ],
    "topics": ["open-data"],
    "level": "awareness",
    "duration_minutes": 90,
    "cpd_hours": "1.5",
    "audience": (
        "All civil servants, at any grade and in any profession. You do not need any technical or data skills."
    ),
    "prerequisites": [],
    "modules": [WHAT_OPEN_DATA_IS, LICENCES, FORMATS, PUBLISHING],
    "quiz": QUIZ,
}
