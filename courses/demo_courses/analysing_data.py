"""Analysing data for policy — a practitioner course on using evidence to design and evaluate policy."""

OUTCOMES_CSV = """area,group,year,people_eligible,participants,people_into_work,into_work_rate_pct
Northmoor,pilot,2023,820,0,246,30.0
Northmoor,pilot,2024,850,612,323,38.0
Eastbridge,pilot,2023,640,0,179,28.0
Eastbridge,pilot,2024,610,430,220,36.1
Kingsfield,pilot,2023,1150,0,368,32.0
Kingsfield,pilot,2024,1180,851,460,39.0
Westhaven,pilot,2023,490,0,142,29.0
Westhaven,pilot,2024,520,377,187,36.0
Southdale,comparison,2023,760,0,251,33.0
Southdale,comparison,2024,780,0,273,35.0
Brookmere,comparison,2023,930,0,288,31.0
Brookmere,comparison,2024,900,0,306,34.0
Highcombe,comparison,2023,580,0,174,30.0
Highcombe,comparison,2024,600,0,198,33.0
Lowfield,comparison,2023,1020,0,337,33.0
Lowfield,comparison,2024,1050,0,368,35.0
"""

DID_CODE = """import pandas as pd

df = pd.read_csv("employment-support-outcomes-by-area.csv")

# Add up people first, then divide: averaging the area rates would give small areas too much weight
totals = df.groupby(["group", "year"])[["people_eligible", "people_into_work"]].sum()
totals["rate"] = 100 * totals["people_into_work"] / totals["people_eligible"]
rates = totals["rate"].unstack("year")  # one row per group, one column per year
print(rates.round(1))

change = rates[2024] - rates[2023]
did = change["pilot"] - change["comparison"]
print(f"Difference in differences: {did:.1f} percentage points")  # 5.0
"""

COURSE = {
    "slug": "analysing-data-for-policy",
    "title": "Analysing data for policy",
    "summary": (
        "Turn policy questions into questions data can answer, then find, clean, compare and present evidence "
        "honestly, and judge whether a policy made a difference."
    ),
    "learning_outcomes": [
        "turn a broad policy question into a precise analytical question, using a logic model",
        "find suitable data, including official statistics and data on data.gov.uk, and check its quality",
        "clean data by dealing with missing values and inconsistent categories, and arrange it in tidy form",
        "compare groups fairly using medians, rates and confidence intervals, and spot Simpson's paradox",
        "explain how counterfactuals, randomised controlled trials and difference in differences estimate impact",
        "present findings in clear, accessible charts and tables that show uncertainty, using reproducible methods",
    ],
    "topics": ["data-analysis", "open-data"],
    "level": "practitioner",
    "duration_minutes": 125,
    "cpd_hours": "2.0",
    "audience": (
        "Policy professionals and analysts who use evidence to design and evaluate policy, in any department or "
        "public body."
    ),
    "prerequisites": ["open-data-essentials"],
    "modules": [
        {
            "slug": "asking-the-right-question",
            "title": "Asking the right question",
            "estimated_minutes": 20,
            "body": [
                (
                    "text",
                    "<h2>From policy question to analytical question</h2>"
                    '<p>Policy questions are broad. "Is our employment support working?" matters to ministers, '
                    "but data cannot answer it as it stands. Your first job is to turn it into analytical questions "
                    "that data can answer.</p>"
                    "<p>A good analytical question says:</p>"
                    "<ul>"
                    "<li><b>who</b>: the population, such as people out of work for 6 months or more</li>"
                    "<li><b>what</b>: an outcome you can measure, such as starting a job that lasts at least 13 "
                    "weeks</li>"
                    "<li><b>when</b>: the time period, such as within 12 months of starting support</li>"
                    "<li><b>compared with what</b>: such as similar people who did not get the support</li>"
                    "</ul>"
                    "<p>Agree the question with policy colleagues before you touch the data. It can save weeks of "
                    "work on the wrong thing.</p>"
                    "<h2>Map how the policy is meant to work</h2>"
                    "<p>A logic model sets out the chain from what you put in to what you hope to change. A theory "
                    "of change adds the reasoning: why each step should lead to the next, and what must be true for "
                    "that to happen. Writing one down shows where to look for evidence and exposes weak links "
                    "early.</p>",
                ),
                (
                    "table",
                    {
                        "caption": "A simple logic model for a fictional employment support programme",
                        "columns": [("text", "Stage"), ("text", "Example")],
                        "rows": [
                            ["Inputs", "Funding, work coaches and training places"],
                            ["Activities", "One-to-one coaching, CV workshops and help with travel costs"],
                            ["Outputs", "Number of people who start the programme and sessions attended"],
                            ["Outcomes", "More people start jobs that last at least 13 weeks"],
                            ["Impact", "Higher employment and incomes, and less spent on out-of-work benefits"],
                        ],
                    },
                ),
                (
                    "text",
                    "<p>Each link is an assumption you can test. If few people attend coaching, there is no point "
                    "measuring job outcomes yet: the problem is earlier in the chain.</p>"
                    "<p>A logic model also helps you pick measures for each stage. Outputs tell you whether the "
                    "programme is running as planned. Outcomes tell you whether it is working.</p>"
                    "<h2>Find out what data exists</h2>"
                    "<p>Before you plan new data collection, find out what already exists:</p>"
                    "<ul>"
                    "<li><b>administrative data</b>: records created by running a service, such as benefit "
                    "claims</li>"
                    "<li><b>management information</b>: regular operational figures, quick but often not quality "
                    "assured for publication</li>"
                    "<li><b>surveys</b>, such as the Labour Force Survey run by the Office for National "
                    "Statistics (ONS)</li>"
                    "<li><b>official statistics</b> published by departments and the ONS</li>"
                    "</ul>"
                    "<h2>Official statistics and the Code of Practice</h2>"
                    "<p>Official statistics are produced under the Code of Practice for Statistics, published by the "
                    "UK Statistics Authority. The Code is built on 3 ideas: <b>trustworthiness</b>, meaning "
                    "confidence in the people and organisations that produce statistics; <b>quality</b>, meaning "
                    "sound data and methods; and <b>value</b>, meaning statistics that meet society's needs.</p>"
                    "<p>The Office for Statistics Regulation checks that producers follow the Code. Statistics it has "
                    "assessed as meeting the highest standards are called accredited official statistics. You can "
                    'read the Code at <a href="https://code.statisticsauthority.gov.uk/">'
                    "code.statisticsauthority.gov.uk</a>.</p>",
                ),
                (
                    "inset",
                    {
                        "text": (
                            "<p>Many teams apply the Code voluntarily to analysis that is not official statistics. "
                            "Its habits suit any policy analysis: be open about your methods, say what the data can "
                            "and cannot show, and release results to everyone at the same time.</p>"
                        )
                    },
                ),
                (
                    "glossary_term",
                    {
                        "term": "Theory of change",
                        "definition": (
                            "<p>A description of how and why a policy is expected to lead to the change you want, "
                            "step by step, including the assumptions each step depends on.</p>"
                        ),
                    },
                ),
                (
                    "check_understanding",
                    {
                        "question": "Which of these is the best analytical question?",
                        "options": [
                            {
                                "text": "Is the employment support programme a success?",
                                "is_correct": False,
                                "feedback": "This is a policy question. It does not say who, which outcome, over "
                                "what period or compared with what.",
                            },
                            {
                                "text": "Did people out of work for 6 months or more who joined the programme start "
                                "a job lasting 13 weeks within a year more often than similar people who did not?",
                                "is_correct": True,
                                "feedback": "Right. It names the population, a measurable outcome, a time period "
                                "and a comparison.",
                            },
                            {
                                "text": "How many people have joined the programme so far?",
                                "is_correct": False,
                                "feedback": "This is a useful output measure, but it cannot tell you whether the "
                                "programme changed anything.",
                            },
                            {
                                "text": "Do participants like the programme?",
                                "is_correct": False,
                                "feedback": "Satisfaction matters for a process evaluation, but it does not show "
                                "whether people got jobs because of the programme.",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "finding-and-cleaning-data",
            "title": "Finding and cleaning data",
            "estimated_minutes": 25,
            "body": [
                (
                    "text",
                    "<h2>Where to look</h2>"
                    '<p><a href="https://www.data.gov.uk/">data.gov.uk</a> is the catalogue of UK public data. It '
                    "lists datasets from central government, local councils and other public bodies, with links to "
                    "download them. Most are published under the Open Government Licence, so you can use and share "
                    "them freely as long as you acknowledge the source. Official statistics are also published on "
                    "GOV.UK and by the ONS, often with more detailed tables.</p>"
                    "<h2>Check quality before you rely on it</h2>"
                    "<p>Every dataset was collected for a purpose, which may not be yours. Ask:</p>"
                    "<ul>"
                    "<li>Who collected it, how and why?</li>"
                    "<li>Does it cover the whole population you care about, or only part of it, such as people who "
                    "claimed a benefit?</li>"
                    "<li>How are the key terms defined, and have the definitions changed over time?</li>"
                    "<li>What period does it cover, and are figures revised later?</li>"
                    "<li>Is there a quality or methods note? Read it.</li>"
                    "</ul>"
                    "<p>Record where each dataset came from, which version you used and when you downloaded it. "
                    "Published figures are often revised, and you need to be able to repeat your analysis.</p>"
                    "<h2>Missing values</h2>"
                    "<p>A blank can mean zero, not known, not applicable or withheld. Government statistics often "
                    "use shorthand such as [c] for a figure suppressed to protect confidentiality and [x] for one "
                    "that is not available. Read the notes to find out which is which.</p>"
                    "<p>Then decide what to do, and write it down. You can leave the value out, use another source "
                    "or estimate it. Whatever you choose, report how many values were missing. Missing values are "
                    "rarely random: places with gaps are often different from the rest, for example smaller or more "
                    "rural.</p>",
                ),
                (
                    "warning",
                    {
                        "text": (
                            "Never replace missing values with zero unless you know the true value is zero. Turning "
                            "'not known' into 0 pulls totals and averages down, and nobody reading your chart will "
                            "be able to tell."
                        )
                    },
                ),
                (
                    "text",
                    "<h2>Consistent categories</h2>"
                    '<p>The same thing is often written in different ways: "North East", "NE" and '
                    '"north-east". A computer treats these as 3 different places. Standardise categories before '
                    "you count anything. For places, join datasets on official ONS area codes rather than names, "
                    "and check for boundary changes, because councils merge and split over time.</p>"
                    "<h2>Tidy data</h2>"
                    "<p>Analysis is much easier when data is tidy:</p>"
                    "<ul>"
                    "<li>each variable has its own column</li>"
                    "<li>each observation has its own row</li>"
                    "<li>each value has its own cell</li>"
                    "</ul>"
                    "<p>Spreadsheets made for reading often break these rules, with a column for each year, merged "
                    "headings and notes in cells. Keep the original file, and reshape a copy into tidy form before "
                    "you analyse it. Tidy data works directly with tools such as pandas and R, and makes grouping "
                    "and joining straightforward.</p>",
                ),
                (
                    "table",
                    {
                        "caption": "Tidy data: one row for each area and year, one column for each variable",
                        "columns": [
                            ("text", "Area"),
                            ("text", "Year"),
                            ("number", "People eligible"),
                            ("number", "People into work"),
                        ],
                        "rows": [
                            ["Northmoor", "2023", 820, 246],
                            ["Northmoor", "2024", 850, 323],
                            ["Eastbridge", "2023", 640, 179],
                            ["Eastbridge", "2024", 610, 220],
                        ],
                    },
                ),
                (
                    "glossary_term",
                    {
                        "term": "Metadata",
                        "definition": (
                            "<p>Data about data: what each column means, where the data came from, when it was "
                            "collected and under what licence. Good metadata lets others use your data correctly "
                            "without having to ask you.</p>"
                        ),
                    },
                ),
                (
                    "check_understanding",
                    {
                        "question": "Some councils have blanks in the 'number of referrals' column of a dataset. "
                        "What should you do first?",
                        "options": [
                            {
                                "text": "Replace the blanks with zero so the totals add up.",
                                "is_correct": False,
                                "feedback": "A blank may mean 'not known' or 'withheld', not zero. Filling in zeros "
                                "would understate the totals.",
                            },
                            {
                                "text": "Find out from the notes or the publisher what the blanks mean.",
                                "is_correct": True,
                                "feedback": "Right. Once you know why values are missing, you can choose how to "
                                "handle them and explain your choice.",
                            },
                            {
                                "text": "Drop those councils from the analysis without mentioning it.",
                                "is_correct": False,
                                "feedback": "Dropping them may be reasonable, but only once you know why they are "
                                "missing, and you must always report it.",
                            },
                            {
                                "text": "Fill each blank with the average of the other councils.",
                                "is_correct": False,
                                "feedback": "Estimating can be valid, but not as a first step. Councils with gaps "
                                "are often unlike the rest, so the average may mislead.",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "describing-and-comparing",
            "title": "Describing and comparing",
            "estimated_minutes": 30,
            "body": [
                (
                    "text",
                    "<h2>Averages and medians</h2>"
                    "<p>The mean adds up the values and divides by how many there are. The median is the middle "
                    "value when you put them in order. When data is skewed, they tell different stories. A few very "
                    "high earners pull the mean up, so the ONS uses median earnings as the typical figure. If 5 "
                    "people earn £20,000, £22,000, £25,000, £28,000 and £150,000, the mean is £49,000 but the "
                    "median is £25,000.</p>"
                    "<h2>Look at the distribution</h2>"
                    "<p>A single number hides the shape of the data, so plot it before you summarise it. A "
                    "histogram or dot plot shows whether values cluster or spread widely, and whether there are "
                    "outliers. Two areas can have the same average and very different experiences.</p>"
                    "<h2>Rates, not counts</h2>"
                    "<p>Bigger places have more of almost everything. To compare them, divide by the population. "
                    "Area A has 1,200 claims and 240,000 residents: 5.0 per 1,000. Area B has only 900 claims but "
                    "120,000 residents: 7.5 per 1,000. Area B has fewer claims but a higher rate. Choose a "
                    "population that fits the question, such as people of working age for employment.</p>"
                    "<h2>Confidence intervals</h2>"
                    "<p>Most figures are estimates, often from a sample. A confidence interval gives a range of "
                    "plausible values for the true figure. A survey might find 42% of people used a service, with a "
                    "95% confidence interval of 38% to 46%. In plain terms, the data is consistent with a true "
                    "figure anywhere in that range. Wider intervals mean more uncertainty, often because the sample "
                    "is small. Report the interval, not just the headline.</p>"
                    "<h2>Correlation is not causation</h2>"
                    "<p>Two things can move together without one causing the other. Areas with more jobcentres may "
                    "have higher unemployment, because jobcentres are put where they are needed. Treat a "
                    "correlation as a reason to ask why, not as proof.</p>"
                    "<h2>Simpson's paradox</h2>"
                    "<p>Sometimes a pattern in every group reverses when you combine the groups. The table shows 2 "
                    "fictional providers of employment support. Provider A gets better results for both "
                    "short-term and long-term unemployed people. Yet overall, Provider B looks far better.</p>",
                ),
                (
                    "table",
                    {
                        "caption": (
                            "Simpson's paradox: people into work by provider and time out of work (fictional data)"
                        ),
                        "columns": [
                            ("text", "Participants"),
                            ("number", "Provider A: people"),
                            ("number", "Provider A: into work"),
                            ("number", "Provider A: rate (%)"),
                            ("number", "Provider B: people"),
                            ("number", "Provider B: into work"),
                            ("number", "Provider B: rate (%)"),
                        ],
                        "rows": [
                            ["Out of work under 12 months", 100, 90, 90, 400, 340, 85],
                            ["Out of work 12 months or more", 400, 120, 30, 100, 25, 25],
                            ["All participants", 500, 210, 42, 500, 365, 73],
                        ],
                    },
                ),
                (
                    "text",
                    "<p>The reason is the mix of participants. Most of Provider A's participants have been out of "
                    "work a long time, and that group finds work less often whoever helps them. Most of Provider "
                    "B's are closer to work. Comparing the totals compares the caseloads, not the providers. When "
                    "groups differ in make-up, compare like with like.</p>",
                ),
                (
                    "glossary_term",
                    {
                        "term": "Confounding factor",
                        "definition": (
                            "<p>A third factor that affects both things you are comparing, creating a link that is "
                            "not real or hiding one that is. In the table, time out of work is a confounding "
                            "factor.</p>"
                        ),
                    },
                ),
                (
                    "check_understanding",
                    {
                        "question": "Using the table, which provider helps people into work more successfully?",
                        "options": [
                            {
                                "text": "Provider A, because it does better for each type of participant.",
                                "is_correct": True,
                                "feedback": "Right. Comparing like with like, A's rates are higher in both groups: "
                                "90% against 85%, and 30% against 25%.",
                            },
                            {
                                "text": "Provider B, because 73% of its participants got jobs against 42% for A.",
                                "is_correct": False,
                                "feedback": "The overall figures mostly reflect who each provider works with. B's "
                                "caseload is mainly people closer to work.",
                            },
                            {
                                "text": "Neither, because both helped 500 people.",
                                "is_correct": False,
                                "feedback": "The number of participants is the same, but the outcomes are not. "
                                "Compare the rates within each group.",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "evaluating-policy",
            "title": "Evaluating policy",
            "estimated_minutes": 30,
            "body": [
                (
                    "text",
                    "<h2>The counterfactual</h2>"
                    "<p>To know whether a policy made a difference, you need to know what would have happened "
                    "without it. You can never observe this directly, because the same people cannot both receive "
                    "and not receive the policy. Evaluation methods are ways of estimating it.</p>"
                    "<p>A simple before-and-after comparison is not enough. If the jobs market improves, employment "
                    "rises among participants whether or not the programme works. You need a comparison group that "
                    "faced the same conditions but not the policy.</p>"
                    "<h2>Randomised controlled trials</h2>"
                    "<p>In a randomised controlled trial (RCT), chance decides who gets the policy. With enough "
                    "people, random assignment makes the groups alike on average in every respect, measured or not. "
                    "So any difference in outcomes can be put down to the policy. RCTs give the strongest evidence "
                    "of impact.</p>"
                    "<p>They are not always possible or ethical. You cannot randomly withhold a legal entitlement. "
                    "But you can often randomise the order in which areas start a new service, so that everyone "
                    "gets it in the end.</p>"
                    "<h2>Difference in differences</h2>"
                    "<p>When you cannot randomise, you can still find a comparison group another way. Difference in "
                    "differences is one of the most common methods. It compares the change over time in places "
                    "that got the policy with the change in similar places that did not.</p>"
                    "<ol>"
                    "<li>Work out the change in the outcome in the pilot areas, from before to after.</li>"
                    "<li>Work out the change in the comparison areas over the same period.</li>"
                    "<li>Subtract the second from the first. The result is the estimated effect.</li>"
                    "</ol>"
                    "<p>This rests on an assumption called parallel trends: without the policy, outcomes in both "
                    "groups would have changed by the same amount. Check it against several years of data from "
                    "before the policy. If the groups were already drifting apart, the estimate is unreliable.</p>",
                ),
                (
                    "dataset",
                    {
                        "document": {
                            "title": "Employment support programme outcomes by area, 2023 and 2024 (fictional)",
                            "filename": "employment-support-outcomes-by-area.csv",
                            "content": OUTCOMES_CSV,
                        },
                        "description": (
                            "Fictional data, made up for this course. The programme started in 4 pilot areas in "
                            "2024; 4 similar comparison areas did not get it. Each row is one area and year. "
                            "people_eligible counts people out of work for 6 months or more; participants counts "
                            "those who joined the programme; people_into_work counts those who started a job "
                            "lasting 13 weeks within the year. into_work_rate_pct is people_into_work divided by "
                            "people_eligible, as a percentage to 1 decimal place."
                        ),
                        "data_format": "CSV",
                        "licence": "ogl-3",
                    },
                ),
                (
                    "code",
                    {
                        "language": "python",
                        "caption": "Difference in differences for the fictional programme, using pandas",
                        "code": DID_CODE,
                    },
                ),
                (
                    "table",
                    {
                        "caption": (
                            "Into-work rates for all eligible people, by group and year (fictional data). The "
                            "difference in differences is 7.5 minus 2.5: 5.0 percentage points"
                        ),
                        "columns": [
                            ("text", "Group"),
                            ("number", "2023 rate (%)"),
                            ("number", "2024 rate (%)"),
                            ("number", "Change (percentage points)"),
                        ],
                        "rows": [
                            ["Pilot areas", 30.2, 37.7, 7.5],
                            ["Comparison areas", 31.9, 34.4, 2.5],
                        ],
                    },
                ),
                (
                    "text",
                    "<p>The rate rose by 7.5 percentage points in the pilot areas and by 2.5 points in the "
                    "comparison areas, so the estimated effect is about 5 points. The code adds up people before "
                    "dividing, rather than averaging area rates, so each area counts in proportion to its size. "
                    "Because it compares everyone eligible, not just participants, it estimates the effect of "
                    "offering the programme.</p>"
                    "<h2>The Magenta Book</h2>"
                    '<p>The <a href="https://www.gov.uk/government/publications/the-magenta-book">Magenta Book</a>, '
                    "published by HM Treasury, is the government's guide to evaluation. It covers process "
                    "evaluation (was the policy delivered as planned?), impact evaluation (what difference did it "
                    "make?) and value-for-money evaluation (was it worth the cost?). Its central advice: plan the "
                    "evaluation when you design the policy. Once a policy is everywhere, a fair comparison group "
                    "may no longer exist.</p>",
                ),
                (
                    "glossary_term",
                    {
                        "term": "Counterfactual",
                        "definition": (
                            "<p>What would have happened without the policy. Impact is the difference between what "
                            "did happen and the counterfactual.</p>"
                        ),
                    },
                ),
                (
                    "check_understanding",
                    {
                        "question": "In pilot areas a rate rose from 30% to 38%. In comparison areas it rose from "
                        "32% to 35%. What is the difference-in-differences estimate of the effect?",
                        "options": [
                            {
                                "text": "8 percentage points",
                                "is_correct": False,
                                "feedback": "That is the change in the pilot areas alone. Some of it would have "
                                "happened anyway, as the comparison areas show.",
                            },
                            {
                                "text": "5 percentage points",
                                "is_correct": True,
                                "feedback": "Right. The pilot areas rose by 8 points and the comparison areas by 3. "
                                "8 minus 3 is 5.",
                            },
                            {
                                "text": "3 percentage points",
                                "is_correct": False,
                                "feedback": "That is the change in the comparison areas, which estimates what would "
                                "have happened without the programme.",
                            },
                            {
                                "text": "11 percentage points",
                                "is_correct": False,
                                "feedback": "This adds the 2 changes. Subtract the comparison change from the "
                                "pilot change: 8 minus 3 is 5.",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "communicating-findings",
            "title": "Communicating findings",
            "estimated_minutes": 20,
            "body": [
                (
                    "text",
                    "<h2>Start with the message</h2>"
                    "<p>Decision makers are busy. Lead with what you found and what it means, then give the detail. "
                    'Give each chart a title that states the finding, such as "Into-work rates rose faster in '
                    'pilot areas", rather than a label such as "Into-work rates by area, 2023 to 2024".</p>'
                    "<h2>Charts that tell the truth</h2>"
                    "<ul>"
                    "<li>Start the value axis of a bar chart at zero. Bars show size by length, so a cut axis "
                    "exaggerates differences.</li>"
                    "<li>Use the same scale on charts that readers will compare.</li>"
                    "<li>Choose the simplest chart that fits: bars to compare categories, lines for change over "
                    "time.</li>"
                    "<li>Avoid 3D effects, and pie charts with more than a few slices.</li>"
                    "<li>Label lines and bars directly rather than relying on a legend.</li>"
                    "<li>Show the comparison that matters. A rise in pilot areas means little without the "
                    "comparison areas beside it.</li>"
                    "</ul>"
                    "<h2>Show uncertainty</h2>"
                    '<p>Do not present estimates as more precise than they are. "About 5 percentage points" is '
                    'more honest than "5.03". Show confidence intervals as error bars or shaded bands, and explain '
                    'them in words. If you use words such as "likely", use them the same way every time. Say what the '
                    "analysis cannot tell you, such as whether an effect will last.</p>"
                    "<h2>Accessible charts and tables</h2>"
                    "<p>Public sector websites must meet WCAG 2.2 AA. The same habits make analysis clearer for "
                    "everyone.</p>"
                    "<ul>"
                    "<li>Do not rely on colour alone to carry meaning. Add labels or patterns, and check "
                    "contrast.</li>"
                    "<li>Give every chart a text alternative that states its main message, and publish the data "
                    "behind it.</li>"
                    "<li>In tables, use one header row, no merged or empty cells, and put units in the "
                    "headings.</li>"
                    "<li>Offer a table as well as a chart for readers who need exact figures. Well-built tables "
                    "are easy to navigate with a screen reader.</li>"
                    "<li>Write in plain English and explain technical terms.</li>"
                    "</ul>"
                    "<h2>Reproducible analysis</h2>"
                    "<p>Analysis copied between spreadsheets by hand is slow to update and easy to get wrong. A "
                    "reproducible analytical pipeline (RAP) uses code for every step, from raw data to finished "
                    "tables and charts. The code is kept under version control and checked by a colleague. When new "
                    "data arrives, you run the pipeline again instead of redoing the work by hand.</p>"
                    "<p>RAP also makes quality assurance easier. A reviewer can see exactly what was done, and "
                    "automated checks can catch errors such as totals that do not add up.</p>"
                    "<p>The Analysis Function promotes RAP across government. Start small: script one table you "
                    "produce every month, then build from there.</p>",
                ),
                (
                    "inset",
                    {
                        "text": (
                            "<p>Before you publish, ask a colleague who has not seen the analysis to look at your "
                            "main chart and tell you what it shows. If they cannot say the message in one sentence, "
                            "simplify the chart.</p>"
                        )
                    },
                ),
                (
                    "glossary_term",
                    {
                        "term": "Reproducible analytical pipeline (RAP)",
                        "definition": (
                            "<p>A way of producing analysis in which every step is done by code that anyone with "
                            "access can rerun, review and test, so the same inputs always give the same "
                            "results.</p>"
                        ),
                    },
                ),
                (
                    "check_understanding",
                    {
                        "question": "Which of these chart choices could mislead readers? Select all that apply.",
                        "options": [
                            {
                                "text": "A bar chart whose axis starts at 30% to show rates of 32% and 38%.",
                                "is_correct": True,
                                "feedback": "Right. Cutting the axis makes the 38% bar 4 times as long as the 32% "
                                "bar, when the real difference is much smaller.",
                            },
                            {
                                "text": "A line chart that shows only the pilot areas, with no comparison group.",
                                "is_correct": True,
                                "feedback": "Right. Without the comparison, readers will assume all the rise was "
                                "caused by the programme.",
                            },
                            {
                                "text": "A bar chart with error bars showing 95% confidence intervals.",
                                "is_correct": False,
                                "feedback": "This is good practice. Error bars show readers how certain the "
                                "estimates are.",
                            },
                            {
                                "text": "A chart titled with its main finding, with the data in a table below.",
                                "is_correct": False,
                                "feedback": "This is good practice. The title gives the message and the table makes "
                                "the data accessible.",
                            },
                        ],
                    },
                ),
            ],
        },
    ],
}

QUIZ = {
    "title": "Analysing data for policy quiz",
    "slug": "quiz",
    "introduction": (
        "<p>The questions cover all five modules, and some ask you to work out a figure: have a pen and paper or "
        "a calculator ready. You see the correct answers once you have passed, or used all your attempts.</p>"
    ),
    "settings": {
        "pass_mark": 80,
        "draw_count": 8,
        "shuffle_choices": True,
        "max_attempts": 3,
        "wait_after_fail_minutes": 60,
        "time_limit_minutes": 15,
        "review": "once_done",
    },
    "questions": [
        {
            "type": "single_choice",
            "question": (
                "A good analytical question says who, what, when and compared with what. Which is missing from "
                '"Did people out of work for 6 months or more who joined the programme start a job lasting 13 '
                'weeks within a year?"'
            ),
            "choices": [
                (
                    "Compared with what",
                    True,
                    "Right. Without a comparison, such as similar people who did not join, you cannot tell whether "
                    "the programme made a difference.",
                ),
                ("Who", False, "The population is there: people out of work for 6 months or more who joined."),
                ("What", False, "The outcome is there: starting a job that lasts at least 13 weeks."),
                ("When", False, "The time period is there: within a year."),
            ],
            "explanation": (
                "<p>A good analytical question names <b>who</b> (the population), <b>what</b> (an outcome you can "
                "measure), <b>when</b> (the time period) and <b>compared with what</b>, such as similar people who "
                "did not get the support. Agree the question with policy colleagues before you touch the data.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": (
                'In a logic model for an employment programme, which stage is "the number of people who start the '
                'programme"?'
            ),
            "choices": [
                ("Inputs", False, "Inputs are what you put in: funding, work coaches and training places."),
                ("Outputs", True, "Right. Outputs tell you whether the programme is running as planned."),
                ("Outcomes", False, "Outcomes are the changes you hope for, such as more people starting jobs."),
                ("Impact", False, "Impact is the long-term change, such as higher employment and incomes."),
            ],
            "explanation": (
                "<p>A logic model runs from inputs (funding, coaches) through activities (coaching, workshops) and "
                "outputs (people who start, sessions attended) to outcomes (more people in lasting jobs) and impact "
                "(higher employment and incomes). Outputs tell you whether the programme is running as planned; "
                "outcomes tell you whether it is working. Each link is an assumption you can test.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": (
                "Official statistics that the Office for Statistics Regulation has assessed as meeting the highest "
                "standards are called accredited official statistics."
            ),
            "answer": True,
            "feedback_true": "Right. The Office for Statistics Regulation checks that producers follow the Code.",
            "feedback_false": "They are: that is the name for statistics assessed as meeting the highest standards.",
            "explanation": (
                "<p>Official statistics are produced under the Code of Practice for Statistics, built on "
                "trustworthiness, quality and value. The Office for Statistics Regulation checks that producers "
                "follow it, and statistics it has assessed as meeting the highest standards are called accredited "
                "official statistics.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": "Before you rely on a dataset, which of these should you check? Select all that apply.",
            "choices": [
                (
                    "Who collected it, how and why",
                    True,
                    "Every dataset was collected for a purpose, which may not be yours.",
                ),
                (
                    "Whether it covers the whole population you care about",
                    True,
                    "It may cover only part, such as people who claimed a benefit.",
                ),
                (
                    "Whether the definitions of key terms have changed over time",
                    True,
                    "A changed definition can look like a real change in the figures.",
                ),
                (
                    "Whether it supports the conclusion your policy team expects",
                    False,
                    "Quality is about how the data was made, not whether its answer is welcome.",
                ),
            ],
            "explanation": (
                "<p>Ask who collected the data, how and why; whether it covers the whole population you care "
                "about; how key terms are defined and whether that has changed; what period it covers and whether "
                "figures are revised later; and read any quality or methods note. Record where each dataset came "
                "from, which version you used and when you downloaded it.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": "A blank in a published table can safely be read as zero.",
            "answer": False,
            "feedback_true": "A blank can mean zero, not known, not applicable or withheld. Read the notes first.",
            "feedback_false": "Right. Find out what the blanks mean before you decide what to do with them.",
            "explanation": (
                "<p>A blank can mean zero, not known, not applicable or withheld; government statistics often use "
                "[c] for a suppressed figure and [x] for one not available. Never replace missing values with zero "
                "unless you know the true value is zero: it pulls totals and averages down. Whatever you do, report "
                "how many values were missing.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": "Which of these are rules of tidy data? Select all that apply.",
            "choices": [
                (
                    "Each variable has its own column",
                    True,
                    "For example, one column for Year and one for each measure.",
                ),
                ("Each observation has its own row", True, "For example, one row for each area and year."),
                ("Each value has its own cell", True, "No merged cells, and no notes in cells with numbers."),
                (
                    "Each year has its own column",
                    False,
                    "That is a layout made for reading. In tidy form, Year is one column.",
                ),
            ],
            "explanation": (
                "<p>Data is tidy when each variable has its own column, each observation its own row and each "
                "value its own cell. Spreadsheets made for reading often break these rules, with a column for each "
                "year, merged headings and notes in cells. Keep the original and reshape a copy before you "
                "analyse it.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": (
                "Five people earn £20,000, £22,000, £25,000, £28,000 and £150,000. Which figure best describes a "
                "typical earner?"
            ),
            "choices": [
                (
                    "The median, £25,000",
                    True,
                    "Right. The median is the middle value, and one high earner does not move it.",
                ),
                ("The mean, £49,000", False, "One very high earner pulls the mean up, so it describes nobody here."),
                ("The total, £245,000, divided by 4", False, "That is neither the mean nor the median."),
            ],
            "explanation": (
                "<p>The mean adds up the values and divides by how many there are; the median is the middle value "
                "when you put them in order. When data is skewed, a few very high values pull the mean up, which "
                "is why the ONS uses median earnings as the typical figure. Plot the distribution before you "
                "summarise it.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": (
                "Area C has 600 claims and 150,000 residents. Area D has 450 claims and 90,000 residents. Which has "
                "the higher claim rate?"
            ),
            "choices": [
                (
                    "Area D: 5.0 claims per 1,000 residents, against 4.0 in Area C",
                    True,
                    "Right. Divide claims by residents.",
                ),
                (
                    "Area C, because it has more claims",
                    False,
                    "Bigger places have more of almost everything: compare rates.",
                ),
                ("They are the same", False, "Work out each rate: 600 ÷ 150 is 4.0 per 1,000; 450 ÷ 90 is 5.0."),
            ],
            "explanation": (
                "<p>To compare places of different sizes, divide by the population: 600 claims for 150,000 "
                "residents is 4.0 per 1,000, and 450 for 90,000 is 5.0 per 1,000. Area D has fewer claims but a "
                "higher rate. Choose a population that fits the question, such as people of working age for "
                "employment.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": (
                "If one provider gets a higher success rate than another overall, it must also do better for each "
                "kind of participant."
            ),
            "answer": False,
            "feedback_true": "Not so: a pattern in every group can reverse when the groups are combined.",
            "feedback_false": "Right. That reversal is Simpson's paradox.",
            "explanation": (
                "<p>In the course's example, Provider A did better for both short-term and long-term unemployed "
                "people, yet Provider B looked far better overall, because most of B's participants were closer to "
                "work. This is Simpson's paradox, and time out of work is a confounding factor. When groups differ "
                "in make-up, compare like with like.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": (
                "In pilot areas an into-work rate rose from 40% to 46%. In comparison areas it rose from 41% to 43%. "
                "What is the difference-in-differences estimate of the effect?"
            ),
            "choices": [
                (
                    "6 percentage points",
                    False,
                    "That is the change in the pilot areas alone; some would have happened anyway.",
                ),
                ("4 percentage points", True, "Right. The pilot areas rose by 6 points and the comparison areas by 2."),
                (
                    "2 percentage points",
                    False,
                    "That is the change in the comparison areas, the estimate of what would have happened.",
                ),
                ("8 percentage points", False, "That adds the two changes. Subtract the comparison change instead."),
            ],
            "explanation": (
                "<p>Difference in differences takes the change in the pilot areas (46 minus 40: 6 points) and "
                "subtracts the change in the comparison areas over the same period (43 minus 41: 2 points): an "
                "estimated effect of 4 points. It rests on parallel trends, the assumption that without the policy "
                "both groups would have changed by the same amount; check it against earlier years.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": "Which of these are true of randomised controlled trials? Select all that apply.",
            "choices": [
                (
                    "With enough people, random assignment makes the groups alike on average, in measured and "
                    "unmeasured ways",
                    True,
                    "So a difference in outcomes can be put down to the policy.",
                ),
                (
                    "You can often randomise the order in which areas start a new service",
                    True,
                    "Everyone gets it in the end, and the early and late areas give a fair comparison.",
                ),
                (
                    "They are always possible when the sample is large enough",
                    False,
                    "They are not always possible or ethical: you cannot randomly withhold a legal entitlement.",
                ),
                (
                    "A before-and-after comparison of participants gives the same strength of evidence",
                    False,
                    "Before and after cannot separate the policy from changes such as an improving jobs market.",
                ),
            ],
            "explanation": (
                "<p>To know whether a policy made a difference you need the counterfactual: what would have "
                "happened without it. In a randomised controlled trial chance decides who gets the policy, so the "
                "groups are alike on average and any difference can be put down to the policy. RCTs give the "
                "strongest evidence of impact, but are not always possible or ethical.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": "Which of these make a chart clearer and more accessible? Select all that apply.",
            "choices": [
                (
                    'A title that states the finding, such as "Into-work rates rose faster in pilot areas"',
                    True,
                    "Lead with the message, then give the detail.",
                ),
                (
                    "A text alternative that states the chart's main message, with the data published beside it",
                    True,
                    "Everyone can then get the message and the exact figures.",
                ),
                (
                    "Labels or patterns as well as colour",
                    True,
                    "Do not rely on colour alone to carry meaning.",
                ),
                (
                    "A 3D effect and a value axis starting just below the smallest bar",
                    False,
                    "Both mislead: bars show size by length, so start the axis at zero and avoid 3D.",
                ),
            ],
            "explanation": (
                "<p>Give each chart a title that states the finding, start a bar chart's axis at zero, avoid 3D "
                "effects and label lines and bars directly. Public sector websites must meet WCAG 2.2 AA: do not "
                "rely on colour alone, give every chart a text alternative with its main message, and publish the "
                "data behind it.</p>"
            ),
        },
    ],
}

COURSE["quiz"] = QUIZ
