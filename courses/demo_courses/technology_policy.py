"""Demo course: technology policy for senior leaders (compulsory for the Senior Civil Service)."""

COURSE = {
    "slug": "technology-policy-for-senior-leaders",
    "title": "Technology policy for senior leaders",
    "summary": (
        "How the internet changes what government does and how it works, and the technology decisions you own as a "
        "senior leader: buying and building, using data and AI fairly, managing cyber risk and leading digital teams. "
        "Compulsory for the Senior Civil Service."
    ),
    "learning_outcomes": [
        (
            "explain how services designed around users, shared platforms and open standards change the way government "
            "works"
        ),
        (
            "challenge decisions to reuse, buy or build technology, taking account of lock-in, open source, cloud "
            "first, the cost of legacy and spend controls"
        ),
        (
            "set the conditions for using data, algorithms and AI lawfully, fairly and transparently, with meaningful "
            "human oversight"
        ),
        (
            "own cyber risk in your area, including risk appetite, incident response and the security of your supply "
            "chain"
        ),
        "lead multidisciplinary digital teams and govern agile delivery without slowing it down",
    ],
    "topics": ["technology-policy"],
    "level": "practitioner",
    "duration_minutes": 120,
    "cpd_hours": "2.0",
    "audience": (
        "The Senior Civil Service: deputy directors (SCS1) and above, in every profession. This course is compulsory "
        "for all members of the SCS and must be renewed every 12 months."
    ),
    "prerequisites": [],
    "modules": [
        {
            "slug": "how-the-internet-changes-government",
            "title": "How the internet changes government",
            "estimated_minutes": 20,
            "body": [
                (
                    "text",
                    (
                        "<h2>From departments to services</h2>"
                        "<p>For most of its history, government organised its work around its own structures. Each "
                        "department ran its own forms, offices and computer systems. People had to work out which part "
                        "of government to contact, and how.</p>"
                        "<p>The internet changes that. People expect to deal with government the way they deal with "
                        "their bank: quickly, at any time and on a phone. They do not care which department owns a "
                        "process. They care whether they can renew a passport, register a business or claim a benefit "
                        "without having to phone anyone.</p>"
                        "<p>This is not only about websites. A policy that cannot be turned into a simple, working "
                        "service will not achieve its aims. As a senior leader, you are responsible for both the "
                        "policy and how it reaches people.</p>"
                        "<h2>Services designed around users</h2>"
                        "<p>A user-centred service starts with what people need to do, not with how the organisation "
                        "is arranged. Teams find this out through user research. They watch real people use the "
                        "service, including disabled people and people who are not confident online. Then they test "
                        "and improve it in small steps.</p>"
                        "<p>For you as a leader, this means:</p><ul>"
                        "<li>asking what evidence the team has about users before you approve a solution</li>"
                        "<li>funding a short discovery before committing to a large build</li>"
                        "<li>accepting that the first version will change as the team learns</li>"
                        "<li>making sure there is help for people who cannot use the online service</li>"
                        "</ul>"
                    ),
                ),
                (
                    "inset",
                    {
                        "text": (
                            "<p>Accessibility is a legal duty, not an extra. Under the Public Sector Bodies "
                            "Accessibility Regulations 2018, public sector websites and apps must be accessible. "
                            "Government services are expected to meet WCAG 2.2 at level AA.</p>"
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h2>Platforms and open standards</h2>"
                        "<p>Government does the same things again and again. It checks identity, takes payments, sends "
                        "messages and publishes information. When every team builds its own version, government pays "
                        "many times for the same thing, and users meet a different design each time.</p>"
                        "<p>Shared platforms fix this. GOV.UK Pay, GOV.UK Notify and GOV.UK Forms are common "
                        "components that any public sector team can reuse. GOV.UK itself replaced hundreds of separate "
                        "government websites with a single place to find information and services.</p>"
                        "<p>Open standards make sharing possible. When systems follow them, they can exchange data, "
                        "and you can replace one part without starting again.</p>"
                    ),
                ),
                (
                    "glossary_term",
                    {
                        "term": "Open standard",
                        "definition": (
                            "<p>A published specification that anyone can use freely, without paying royalties or "
                            "depending on one supplier. HTML for web pages and the OpenDocument Format for documents "
                            "are examples.</p>"
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h2>Two standards every leader should know</h2>"
                        "<h3>The Service Standard</h3>"
                        "<p>The Service Standard sets out 14 points that help government teams create and run good "
                        "public services. They include understanding users and their needs, solving a whole problem "
                        "for users, making the service accessible, having a multidisciplinary team, iterating and "
                        "improving frequently, and operating a reliable service. Many services are assessed against it "
                        "as they move through the alpha, beta and live phases. You can read it in the <a "
                        'href="https://www.gov.uk/service-manual">Service Manual</a>.</p>'
                        "<h3>The Technology Code of Practice</h3>"
                        "<p>The Technology Code of Practice is a set of criteria for designing, building and buying "
                        "technology. It asks teams to define user needs, use open source and open standards, use cloud "
                        "first, make things secure, make privacy integral, and share and reuse what already exists. "
                        "Spend control assessments use it to test proposals for technology spending.</p>"
                        "<p>Neither standard is a box-ticking exercise. Both describe how good digital work is done. "
                        "If a team cannot show how it meets them, treat that as a warning sign about the project, not "
                        "a gap in the paperwork.</p>"
                    ),
                ),
                (
                    "check_understanding",
                    {
                        "question": (
                            "A team asks you to approve a new online service. Which question best reflects the Service "
                            "Standard?"
                        ),
                        "options": [
                            {
                                "text": "What have you learned from research with the people who will use it?",
                                "is_correct": True,
                                "feedback": (
                                    "Understanding users and their needs is the first point of the Service Standard. "
                                    "It should shape every decision that follows."
                                ),
                            },
                            {
                                "text": "Which supplier can deliver the whole system fastest?",
                                "is_correct": False,
                                "feedback": (
                                    "Speed matters, but choosing a supplier before you understand user needs risks "
                                    "building the wrong thing quickly."
                                ),
                            },
                            {
                                "text": "Will the service match the way our department is organised?",
                                "is_correct": False,
                                "feedback": (
                                    "Users should not need to understand how government is organised. The Service "
                                    "Standard asks teams to solve a whole problem for users, which often crosses "
                                    "organisational lines."
                                ),
                            },
                            {
                                "text": "Can we launch everything at once so that we only need one approval?",
                                "is_correct": False,
                                "feedback": (
                                    "The Service Standard expects teams to iterate and improve frequently. A single "
                                    "big launch concentrates risk and delays learning from real use."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "making-decisions-about-technology",
            "title": "Making decisions about technology",
            "estimated_minutes": 25,
            "body": [
                (
                    "text",
                    (
                        "<h2>Your part in technology decisions</h2>"
                        "<p>You do not need to be a technologist to make good technology decisions. You do need to ask "
                        "the right questions, understand the long-term costs and listen to your digital, data and "
                        "technology (DDaT) specialists. Many costly failures in government technology began with a big "
                        "decision made too early, on too little evidence, and locked in for too long.</p>"
                        "<h2>Reuse, buy or build</h2>"
                        "<p>For most needs you have three broad options. Reuse comes first: check whether another team "
                        "or a cross-government platform already meets the need. Buy commodity things such as email, "
                        "office software and hosting, because they are not where government adds unique value. Build, "
                        "or commission bespoke work, only where the need is specific to government and central to your "
                        "service.</p>"
                    ),
                ),
                (
                    "table",
                    {
                        "caption": "Reuse, buy or build: when each option fits",
                        "columns": [
                            ("text", "Option"),
                            ("text", "Fits best when"),
                            ("text", "Watch out for"),
                        ],
                        "rows": [
                            [
                                "Reuse a government platform",
                                "Another team has solved the same problem, such as payments or notifications",
                                "The platform's roadmap and support model, before you depend on it",
                            ],
                            [
                                "Buy a product",
                                "The need is common to many organisations, such as email or finance",
                                "Heavy customisation, which turns a product into a costly bespoke system",
                            ],
                            [
                                "Build",
                                "The need is specific to your service and central to what users do",
                                ("The cost of a team to run and improve it for its whole life, not only to launch it"),
                            ],
                        ],
                    },
                ),
                (
                    "text",
                    (
                        "<h2>Avoiding lock-in</h2>"
                        "<p>Lock-in happens when leaving a supplier or product becomes so hard or costly that you no "
                        "longer have a real choice. It creeps in through long contracts, proprietary data formats and "
                        "knowledge that only one supplier holds. To reduce it:</p>"
                        "<ul>"
                        "<li>keep contracts short, and break large programmes into smaller parts</li>"
                        "<li>make sure your data can be exported in open formats</li>"
                        "<li>keep enough in-house expertise to understand how your systems work</li>"
                        "<li>plan how you would leave before you sign</li>"
                        "</ul><h2>Open source and cloud first</h2>"
                        "<p>Government uses open source software widely. By default, it also publishes the code it "
                        "writes, so that others can reuse it. Some code should stay closed, such as code for fraud "
                        "detection or for policy not yet announced.</p>"
                        "<p>The cloud first policy means teams should consider public cloud services before other "
                        "options. It does not mean cloud only. It means that anyone who wants to run their own data "
                        "centre needs a good reason.</p>"
                    ),
                ),
                (
                    "glossary_term",
                    {
                        "term": "Open source software",
                        "definition": (
                            "<p>Software whose source code is published under a licence that lets anyone use, study, "
                            "change and share it.</p>"
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h2>The cost of legacy</h2>"
                        "<p>Legacy systems are old technology that is hard to change, costly to run or no longer "
                        "supported by its supplier. A 2025 review of the state of digital government found that more "
                        "than a quarter of central government systems met the definition of legacy. Such systems are "
                        "hard to secure and slow to change when policy changes.</p>"
                        "<p>Legacy is a leadership issue because fixing it rarely feels urgent until it is too late. "
                        "Know which of your systems are at risk, and put a funded plan in place to replace them.</p>"
                    ),
                ),
                (
                    "dataset",
                    {
                        "document": {
                            "title": "Legacy systems register of a fictional department",
                            "filename": "legacy-systems-register-fictional-department.csv",
                            "content": (
                                "system,business_function,age_years,annual_run_cost_gbp,supplier_support,risk_rating\n"
                                "Grants Case Manager,Grant applications and payments,19,1450000,Ends in 12 months,Red\n"
                                "Licensing Register,Issuing and renewing licences,24,2100000,Ended,Red\n"
                                "Payroll Interface,Sending pay data to payroll,12,310000,Supported,Amber\n"
                                "Correspondence Tracker,Ministerial and public correspondence,15,95000,Ended,Amber\n"
                                "Inspections Scheduler,Planning site inspections,9,180000,Supported,Green\n"
                                "Finance Ledger,Accounts and budgets,17,880000,Extended support at extra cost,Amber\n"
                                "Complaints Database,Recording and answering complaints,21,60000,Ended,Red\n"
                                "Document Store,Storing case files and records,14,520000,Supported,Amber\n"
                                "Fees Calculator,Working out fees for applicants,11,40000,Built in-house,Amber\n"
                                "Statistics Warehouse,Producing official statistics,8,390000,Supported,Green\n"
                                "Appeals Tracker,Managing appeals against decisions,26,730000,Ended,Red\n"
                                "Staff Directory,Finding colleagues and contact details,6,25000,Supported,Green\n"
                            ),
                        },
                        "description": (
                            "A fictional register of 12 systems in an imaginary department, made up for this course. "
                            "It does not describe any real department. Use it to practise: which three systems would "
                            "you replace first, and why? Look at age, annual run cost, supplier support and risk "
                            "rating together, not one at a time."
                        ),
                        "data_format": "CSV",
                        "licence": "ogl-3",
                    },
                ),
                (
                    "text",
                    (
                        "<h2>Spend controls</h2>"
                        "<p>Government has central controls on digital and technology spending. Above set thresholds, "
                        "departments need approval from the centre of government before they commit money. Assessors "
                        "test proposals against the Service Standard and the Technology Code of Practice. The aim is "
                        "to stop duplication, avoid lock-in and make sure money goes on things users need. Your "
                        "department will also have its own delegated limits. Treat spend control as free expert "
                        "challenge, and involve it early.</p>"
                    ),
                ),
                (
                    "warning",
                    {
                        "text": (
                            "Do not commit to digital or technology spending until you have every approval you need, "
                            "including any central spend control approval. Talk to your spend control contacts at the "
                            "start of discovery, not after you have chosen a supplier."
                        ),
                    },
                ),
                (
                    "check_understanding",
                    {
                        "question": (
                            "Your directorate's case management system is 18 years old, and its supplier will end "
                            "support in two years. What is the best first step?"
                        ),
                        "options": [
                            {
                                "text": "Extend the current contract for another ten years to avoid disruption",
                                "is_correct": False,
                                "feedback": (
                                    "A long extension deepens lock-in and only delays the problem. A short extension "
                                    "may be needed, but only as part of a plan to move."
                                ),
                            },
                            {
                                "text": (
                                    "Commission a discovery into user needs, the data held and the options to reuse, "
                                    "buy or build"
                                ),
                                "is_correct": True,
                                "feedback": (
                                    "A discovery gives you evidence about what users need now and which option fits, "
                                    "before you commit large sums."
                                ),
                            },
                            {
                                "text": ("Buy the replacement the current supplier recommends, with the same features"),
                                "is_correct": False,
                                "feedback": (
                                    "Copying an old system's features recreates old processes and old lock-in. Start "
                                    "with what users need, and test the market."
                                ),
                            },
                            {
                                "text": ("Move the system unchanged to a public cloud and treat the problem as solved"),
                                "is_correct": False,
                                "feedback": (
                                    "Moving an old system to the cloud can help with hosting, but the software stays "
                                    "hard to change and still loses its supplier support."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "data-ai-and-automated-decisions",
            "title": "Data, AI and automated decisions",
            "estimated_minutes": 30,
            "body": [
                (
                    "text",
                    (
                        "<h2>Why this is a leadership issue</h2>"
                        "<p>Data and automation can make services faster, fairer and cheaper. They can also cause harm "
                        "at scale. A flawed rule applied by hand affects one case at a time. A flawed rule built into "
                        "software can affect thousands of people before anyone notices. Choosing to use data and "
                        "algorithms in this way is a leadership decision, and so is the responsibility when things go "
                        "wrong.</p><h2>Data ethics</h2>"
                        "<p>Being lawful is the minimum. Ethical use of data also asks whether a use is fair, "
                        "proportionate and what the public would reasonably expect. The government's Data Ethics "
                        "Framework helps teams think this through. It rests on three principles: transparency, "
                        "accountability and fairness. Ask your teams:</p>"
                        "<ul>"
                        "<li>what problem are we solving, and is data the right way to solve it?</li>"
                        "<li>what is our lawful basis, and are we using only the data we need?</li>"
                        "<li>how good is the data, and who is missing from it?</li>"
                        "<li>how would we explain this to the people affected?</li>"
                        "</ul><h2>Bias</h2>"
                        "<p>Algorithms are built on past data. If past decisions were unfair, or some groups are "
                        "under-represented, an algorithm can repeat and amplify that unfairness. Bias can also come "
                        "from what you choose to measure. A model that uses postcode to predict risk may act as a "
                        "stand-in for ethnicity or income.</p>"
                        "<p>The Public Sector Equality Duty in the Equality Act 2010 applies to automated tools as it "
                        "does to any other decision. Test for bias before launch, and keep testing afterwards.</p>"
                        "<h2>Transparency</h2>"
                        "<p>People should be able to understand how decisions about them are made. The Algorithmic "
                        "Transparency Recording Standard gives public sector bodies a consistent way to publish "
                        "information about the algorithmic tools they use: what a tool does, why it is used, how it "
                        "works and what human oversight there is. Its use is required for central government "
                        "departments, and records are published on GOV.UK. If a team is uncomfortable publishing how a "
                        "tool works, ask why.</p>"
                        "<p>The same principles apply to AI, including generative AI. The government's AI Playbook "
                        "sets out how to use AI lawfully, safely and responsibly.</p>"
                    ),
                ),
                (
                    "glossary_term",
                    {
                        "term": "Solely automated decision",
                        "definition": (
                            "<p>A decision made by technology with no meaningful human involvement before it takes "
                            "effect. A person who simply confirms the system's output, without weighing the case, does "
                            "not make it a human decision.</p>"
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h2>Automated decisions and UK GDPR</h2>"
                        "<p>Article 22 of UK GDPR protects people from decisions based solely on automated processing, "
                        "including profiling, that have legal or similarly significant effects on them. Refusing a "
                        "benefit, a licence or a job are examples. In plain terms: if a computer alone makes a "
                        "decision that seriously affects someone, strict conditions apply. The person must be told, "
                        "and must be able to ask for a human to review the decision, to give their view and to "
                        "challenge it.</p>"
                        "<p>The Data (Use and Access) Act 2025 reforms these rules. It keeps these safeguards, with "
                        "tighter limits where special category data, such as health data, is involved. Check the "
                        "current position with your data protection officer before you approve a service that makes "
                        "automated decisions.</p>"
                        "<h2>Human oversight</h2>"
                        "<p>Meaningful oversight means the reviewer understands how the tool works and where it is "
                        "weak, has the time and authority to disagree, and looks at all the relevant information, not "
                        "only the tool's output. Keep track of how often staff overturn the tool. If the answer is "
                        "never, find out why.</p>"
                    ),
                ),
                (
                    "warning",
                    {
                        "text": (
                            "A person who routinely accepts a system's output, without the time, information or "
                            "authority to change it, is not meaningful human oversight. The decision may still count "
                            "as solely automated in law."
                        ),
                    },
                ),
                (
                    "check_understanding",
                    {
                        "question": (
                            "A team proposes a tool that automatically refuses grant applications scoring below a "
                            "threshold, with no one reviewing the refusals. What should you do?"
                        ),
                        "options": [
                            {
                                "text": "Approve it, because automation will make decisions more consistent",
                                "is_correct": False,
                                "feedback": (
                                    "Consistency does not make a decision lawful or fair. A consistently biased rule "
                                    "harms people at scale."
                                ),
                            },
                            {
                                "text": (
                                    "Ask for a design in which a trained person meaningfully reviews refusals, and "
                                    "check the legal position with your data protection officer"
                                ),
                                "is_correct": True,
                                "feedback": (
                                    "Refusing a grant can significantly affect someone. Meaningful human review and "
                                    "legal advice protect applicants and the department."
                                ),
                            },
                            {
                                "text": "Approve it, as long as the privacy notice mentions automated processing",
                                "is_correct": False,
                                "feedback": (
                                    "Telling people is necessary but not enough. They must also be able to get human "
                                    "review and challenge the decision."
                                ),
                            },
                            {
                                "text": "Ask a member of staff to click approve on each refusal the tool makes",
                                "is_correct": False,
                                "feedback": (
                                    "Rubber-stamping is not meaningful oversight. The decision would still be, in "
                                    "effect, solely automated."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "cyber-security-and-resilience",
            "title": "Cyber security and resilience",
            "estimated_minutes": 25,
            "body": [
                (
                    "text",
                    (
                        "<h2>Cyber risk is a business risk</h2>"
                        "<p>Government holds data about almost everyone in the country and runs services people rely "
                        "on. That makes it a target for criminals, hostile states and activists. A serious cyber "
                        "incident can stop payments, expose personal data and damage trust in government for years.</p>"
                        "<p>Cyber security is not only a job for your technology team or your department's security "
                        "function. You own the services and information in your area, so you own the risks to them.</p>"
                        "<h2>Risk appetite</h2>"
                        "<p>You cannot remove all cyber risk. You can decide how much risk you will accept to meet "
                        "your objectives, and make sure your teams know. That is your risk appetite. A public payments "
                        "service should have a much lower appetite for security risk than an internal prototype that "
                        "uses only public data.</p>"
                        "<p>Good risk decisions are explicit. They are written down, owned by a named person and "
                        "reviewed. If a team asks to accept a risk, such as delaying a security update to hit a "
                        "deadline, someone with the authority to accept that risk should decide.</p>"
                    ),
                ),
                (
                    "table",
                    {
                        "caption": "Extract from a fictional directorate's cyber risk decision log",
                        "columns": [
                            ("text", "Risk"),
                            ("text", "Decision"),
                            ("text", "Risk owner"),
                            ("text", "Review"),
                        ],
                        "rows": [
                            [
                                "Grants server runs an operating system that is no longer supported",
                                (
                                    "Accept for six months while migration completes; cut the server off from the main "
                                    "network"
                                ),
                                "Deputy director, grants",
                                "Monthly until closed",
                            ],
                            [
                                "Preferred supplier cannot show Cyber Essentials certification",
                                "Do not award the contract until the supplier provides evidence",
                                "Commercial lead",
                                "Before contract award",
                            ],
                            [
                                "Backups of the licensing system have never been test-restored",
                                "Run a full restore test this quarter",
                                "Service owner, licensing",
                                "After the test",
                            ],
                        ],
                    },
                ),
                (
                    "text",
                    (
                        "<h2>The basics stop most attacks</h2>"
                        "<p>Most successful attacks exploit simple weaknesses: unpatched software, weak or reused "
                        "passwords, phishing emails and accounts with more access than they need. The National Cyber "
                        "Security Centre's Cyber Essentials scheme covers five technical controls: firewalls, secure "
                        "configuration, user access control, malware protection and security update management.</p>"
                        "<p>You set the example. Use multi-factor authentication, report suspicious emails and never "
                        "ask for an exception to security rules for your own convenience.</p>"
                    ),
                ),
                (
                    "glossary_term",
                    {
                        "term": "Senior Information Risk Owner (SIRO)",
                        "definition": (
                            "<p>A board-level person in each department who owns information risk, including cyber "
                            "risk, and advises the accounting officer on it.</p>"
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h2>Incident response</h2>"
                        "<p>Assume an incident will happen. What matters is how quickly you detect it, contain it and "
                        "recover. Make sure that:</p><ul>"
                        "<li>each service has a tested incident plan that says who decides what, and how you will "
                        "communicate if email is down</li>"
                        "<li>backups are kept separate from your main systems and have been restored in a test</li>"
                        "<li>staff know how to report an incident quickly and without fear of blame</li>"
                        "<li>your senior team has rehearsed a scenario, such as a ransomware attack</li>"
                        "</ul>"
                    ),
                ),
                (
                    "warning",
                    {
                        "text": (
                            "Report a suspected cyber incident to your departmental security team straight away, "
                            "following your department's procedure. Do not investigate it yourself, and do not pay or "
                            "negotiate with anyone who demands a ransom."
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h2>Your supply chain</h2>"
                        "<p>Many attacks reach government through its suppliers. A supplier with access to your "
                        "systems or data is part of your attack surface. Set security requirements in contracts that "
                        "match the risk, ask for evidence such as Cyber Essentials certification, and know which "
                        'suppliers hold your data and where. The <a href="https://www.ncsc.gov.uk/">National Cyber '
                        "Security Centre</a> publishes guidance on supply chain security, a toolkit for boards and "
                        "exercises you can run with your team.</p>"
                    ),
                ),
                (
                    "check_understanding",
                    {
                        "question": (
                            "A team asks to delay a critical security update on a public service for three weeks to "
                            "meet a ministerial launch date. What is the right response?"
                        ),
                        "options": [
                            {
                                "text": "Agree, because the launch is a ministerial priority",
                                "is_correct": False,
                                "feedback": (
                                    "Priority does not remove risk. A known, unpatched weakness on a public service is "
                                    "exactly what attackers look for."
                                ),
                            },
                            {
                                "text": (
                                    "Make sure the risk is assessed, and that someone with authority to accept it "
                                    "decides, records the decision and sets a review date"
                                ),
                                "is_correct": True,
                                "feedback": (
                                    "An explicit, recorded decision by the right person, with any extra safeguards, is "
                                    "how risk appetite works in practice."
                                ),
                            },
                            {
                                "text": "Leave it to the delivery team, as they understand the technology",
                                "is_correct": False,
                                "feedback": (
                                    "The team should advise, but accepting a serious risk to a public service is a "
                                    "decision for someone with the authority to own it."
                                ),
                            },
                            {
                                "text": "Refuse any delay to any security update in all circumstances",
                                "is_correct": False,
                                "feedback": (
                                    "A blanket rule ignores context. Sometimes a short, managed delay with safeguards "
                                    "is justified, if it is decided and recorded properly."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "leading-digital-teams-and-change",
            "title": "Leading digital teams and change",
            "estimated_minutes": 20,
            "body": [
                (
                    "text",
                    (
                        "<h2>Multidisciplinary teams</h2>"
                        "<p>Good services are built by teams that bring the skills they need together, working on the "
                        "same problem every day. A typical team might include a product manager, a delivery manager, "
                        "user researchers, designers, developers and a performance analyst. Policy, operations and "
                        "legal colleagues should be part of the team, not consulted at the end.</p>"
                        "<p>This replaces an old model in which policy wrote a specification, passed it to IT, and IT "
                        "passed it to a supplier. Each hand-off loses knowledge and adds delay. A service owner should "
                        "be close to the team and able to make decisions.</p>"
                    ),
                ),
                (
                    "glossary_term",
                    {
                        "term": "Service owner",
                        "definition": (
                            "<p>The person accountable for a service from end to end, across every channel, including "
                            "the parts that are not online, such as phone lines and paper forms.</p>"
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h2>The DDaT profession</h2>"
                        "<p>Digital, Data and Technology (DDaT) is one of the civil service professions. Its "
                        "capability framework describes the roles, skills and career paths for jobs such as user "
                        "researcher, data scientist, technical architect and product manager. Use it when you design "
                        "teams, write job adverts and plan development. Your department's head of the DDaT profession "
                        "can help.</p>"
                        "<p>These skills are in demand across the economy. Relying on contractors for core roles over "
                        "long periods is costly, and knowledge leaves when they do. Build permanent capability, and "
                        "use suppliers to add capacity and specialist skills.</p>"
                        "<h2>Agile governance</h2>"
                        "<p>Agile teams work in short cycles, release often and change course based on evidence. "
                        "Governance designed for long, fixed plans gets in the way. It asks for detailed requirements "
                        "up front and measures success by sticking to the original plan. The Service Manual sets out "
                        "principles for governing agile delivery. In summary:</p>"
                        "<ul><li>do not slow delivery down</li>"
                        "<li>make decisions when they are needed, at the right level</li>"
                        "<li>do it with the right people</li>"
                        "<li>go and see for yourself</li>"
                        "<li>only do it if it adds value</li>"
                        "<li>trust and verify</li>"
                        "</ul><p>Instead of long status reports, ask to see working software and evidence from users. "
                        "Measure outcomes, such as how many users complete a task, not only milestones.</p>"
                    ),
                ),
                (
                    "inset",
                    {
                        "text": (
                            "<p>Try this: go to a show and tell in your area this month. Listen to what the team has "
                            "learned from users, and ask what is blocking them. Removing blockers is often the most "
                            "useful thing a senior leader can do.</p>"
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h2>Working in the open</h2>"
                        "<p>Working in the open means sharing what you are doing, what you are learning and what went "
                        "wrong. Teams do this through blog posts, show and tells, weeknotes and published code. It "
                        "builds trust, helps other teams avoid the same mistakes and attracts people who want to work "
                        "this way.</p>"
                        "<p>Openness does not mean publishing everything. Security details, personal data and policy "
                        "that ministers have not yet agreed must be protected. But the default should be open, and "
                        "closed should need a reason.</p>"
                    ),
                ),
                (
                    "check_understanding",
                    {
                        "question": "Which of these are signs of healthy agile governance? Choose all that apply.",
                        "options": [
                            {
                                "text": "Senior leaders attend show and tells to see working software",
                                "is_correct": True,
                                "feedback": (
                                    "Going to see for yourself gives you better evidence than a written report, and "
                                    "shows the team that their work matters."
                                ),
                            },
                            {
                                "text": "The team needs board approval for every change to its plan",
                                "is_correct": False,
                                "feedback": (
                                    "This slows delivery and pushes small decisions too high. Boards should set "
                                    "direction and tolerances, not approve each change."
                                ),
                            },
                            {
                                "text": (
                                    "Decisions are made at the lowest level that has the right information and "
                                    "authority"
                                ),
                                "is_correct": True,
                                "feedback": (
                                    "Making decisions at the right level, when they are needed, keeps delivery moving "
                                    "and puts choices with the people closest to the evidence."
                                ),
                            },
                            {
                                "text": "Progress is judged mainly on whether the original plan's dates were met",
                                "is_correct": False,
                                "feedback": (
                                    "Agile plans are expected to change as teams learn. Judge progress on outcomes for "
                                    "users, not only on dates."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
    ],
}

QUIZ = {
    "title": "Technology policy for senior leaders quiz",
    "slug": "quiz",
    "introduction": (
        "<p>The questions cover all five modules and ask what you would do as a senior leader: the internet and "
        "government, technology decisions, data and AI, cyber security, and leading digital teams.</p>"
    ),
    "settings": {
        "pass_mark": 80,
        "draw_count": 8,
        "shuffle_choices": True,
        "max_attempts": 0,
        "wait_after_fail_minutes": 24 * 60,
        "time_limit_minutes": None,
        "review": "immediately",
    },
    "questions": [
        {
            "type": "single_choice",
            "question": "A team asks you to commit to a large build of a new service. What should you fund first?",
            "choices": [
                (
                    "A short discovery, to learn about users and their needs before committing",
                    True,
                    "Right. Evidence about users should come before a solution is approved.",
                ),
                (
                    "The full build, so that the supplier can start at once",
                    False,
                    "Many costly failures began with a big decision made too early, on too little evidence.",
                ),
                (
                    "A detailed specification written by policy and passed to IT",
                    False,
                    "Each hand-off loses knowledge. Multidisciplinary teams work on the problem together.",
                ),
            ],
            "explanation": (
                "<p>A user-centred service starts with what people need to do, found through user research. As a "
                "leader, ask what evidence the team has about users before you approve a solution, fund a short "
                "discovery before committing to a large build, and accept that the first version will change as "
                "the team learns.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": "Making a public sector website accessible is optional when a project's budget is tight.",
            "answer": False,
            "feedback_true": "Accessibility is a legal duty, not an extra.",
            "feedback_false": "Right. It is a duty under the Public Sector Bodies Accessibility Regulations 2018.",
            "explanation": (
                "<p>Under the Public Sector Bodies Accessibility Regulations 2018, public sector websites and apps "
                "must be accessible, and government services are expected to meet WCAG 2.2 at level AA. Make sure "
                "there is also help for people who cannot use the online service.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "A team plans to build its own way of taking card payments. What should you ask first?",
            "choices": [
                (
                    "Whether a shared platform, such as GOV.UK Pay, already meets the need",
                    True,
                    "Right. Reuse comes first.",
                ),
                (
                    "Which supplier can build it fastest",
                    False,
                    "If a platform already does it, government would pay twice for the same thing.",
                ),
                (
                    "Whether it can match the department's own branding",
                    False,
                    "Users meet a different design each time a team builds its own version.",
                ),
            ],
            "explanation": (
                "<p>Government does the same things again and again: checks identity, takes payments, sends "
                "messages. When every team builds its own version, government pays many times over. Shared "
                "platforms such as GOV.UK Pay, GOV.UK Notify and GOV.UK Forms fix this, so check whether one "
                "meets the need before you buy or build.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": "Which of these does the Technology Code of Practice ask teams to do? Select all that apply.",
            "choices": [
                ("Use open source and open standards", True, ""),
                ("Use cloud first", True, ""),
                ("Make privacy integral", True, ""),
                (
                    "Choose one supplier for the whole life of a system",
                    False,
                    "That invites lock-in. The Code asks teams to share and reuse, and to use open standards.",
                ),
            ],
            "explanation": (
                "<p>The Technology Code of Practice is a set of criteria for designing, building and buying "
                "technology: define user needs, use open source and open standards, use cloud first, make things "
                "secure, make privacy integral, and share and reuse what already exists. Spend control assessments "
                "use it to test proposals.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": "Which of these reduce the risk of lock-in? Select all that apply.",
            "choices": [
                ("Short contracts, with large programmes broken into smaller parts", True, ""),
                ("Making sure your data can be exported in open formats", True, ""),
                ("Keeping enough in-house expertise to understand how your systems work", True, ""),
                (
                    "A ten-year contract, in return for a lower price",
                    False,
                    "Long contracts are one of the ways lock-in creeps in.",
                ),
                (
                    "Customising a bought product heavily to match current processes",
                    False,
                    "Heavy customisation turns a product into a costly bespoke system.",
                ),
            ],
            "explanation": (
                "<p>Lock-in happens when leaving a supplier or product becomes so hard or costly that you no "
                "longer have a real choice. It creeps in through long contracts, proprietary data formats and "
                "knowledge that only one supplier holds. Keep contracts short, keep your data exportable in open "
                "formats, keep in-house expertise, and plan how you would leave before you sign.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": "The cloud first policy means that government systems must run only in public cloud.",
            "answer": False,
            "feedback_true": "Cloud first does not mean cloud only.",
            "feedback_false": "Right. Teams consider public cloud first, and another option needs a good reason.",
            "explanation": (
                "<p>The cloud first policy means teams should consider public cloud services before other options. "
                "It does not mean cloud only: it means that anyone who wants to run their own data centre needs a "
                "good reason. Moving an old system to the cloud unchanged does not fix legacy either.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "Which of these is a solely automated decision under Article 22 of UK GDPR?",
            "choices": [
                (
                    "A system refuses a licence, and nobody looks at the case before the refusal is sent",
                    True,
                    "Right. A decision with a significant effect, made with no meaningful human involvement.",
                ),
                (
                    "A system flags applications for a caseworker, who weighs each case and decides",
                    False,
                    "A trained person with the information and authority to decide makes this a human decision.",
                ),
                (
                    "A caseworker uses a spreadsheet to work out a payment, then checks it",
                    False,
                    "The caseworker decides; the spreadsheet is a tool.",
                ),
            ],
            "explanation": (
                "<p>Article 22 protects people from decisions based solely on automated processing that have legal "
                "or similarly significant effects, such as refusing a benefit, a licence or a job. They must be "
                "told, and be able to ask for human review, give their view and challenge the decision. Check the "
                "current position, including the Data (Use and Access) Act 2025, with your data protection "
                "officer.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": (
                "Which of these are signs of meaningful human oversight of an automated tool? Select all that apply."
            ),
            "choices": [
                ("The reviewer understands how the tool works and where it is weak", True, ""),
                ("The reviewer has the time and authority to disagree with it", True, ""),
                ("The reviewer looks at all the relevant information, not only the tool's output", True, ""),
                (
                    "Staff have never overturned the tool's output",
                    False,
                    "If staff never overturn it, find out why: they may be rubber-stamping.",
                ),
                (
                    "A member of staff clicks approve on every output",
                    False,
                    "Rubber-stamping is not meaningful oversight; the decision may still be solely automated in law.",
                ),
            ],
            "explanation": (
                "<p>Meaningful oversight means the reviewer understands how the tool works and where it is weak, "
                "has the time and authority to disagree, and looks at all the relevant information. Keep track of "
                "how often staff overturn the tool; if the answer is never, find out why. A person who routinely "
                "accepts the output is not meaningful oversight.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "A team's risk model uses postcode to predict fraud. Why might that be a problem?",
            "choices": [
                (
                    "Postcode can act as a stand-in for ethnicity or income, so the model may treat groups unfairly "
                    "at scale",
                    True,
                    "Right. Test for bias before launch, and keep testing afterwards.",
                ),
                (
                    "Postcodes change too often to be useful",
                    False,
                    "The concern is fairness, not how often postcodes change.",
                ),
                (
                    "It is never lawful to use location data",
                    False,
                    "It can be lawful; the question is whether it is fair and proportionate.",
                ),
            ],
            "explanation": (
                "<p>Algorithms are built on past data and can repeat and amplify past unfairness. Bias can also "
                "come from what you choose to measure: a model that uses postcode may act as a stand-in for "
                "ethnicity or income. The Public Sector Equality Duty applies to automated tools as to any other "
                "decision, and the Data Ethics Framework asks about transparency, accountability and "
                "fairness.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "You suspect your directorate has been hit by a ransomware attack. What should you do?",
            "choices": [
                (
                    "Report it to your departmental security team straight away, following your department's procedure",
                    True,
                    "Right. Speed of detection and containment is what matters.",
                ),
                (
                    "Investigate it yourself first, to be sure before you raise the alarm",
                    False,
                    "Do not investigate it yourself. Report it at once.",
                ),
                (
                    "Negotiate with the attackers to get the data back quickly",
                    False,
                    "Never pay or negotiate with anyone who demands a ransom.",
                ),
            ],
            "explanation": (
                "<p>Assume an incident will happen: what matters is how quickly you detect it, contain it and "
                "recover. Report a suspected cyber incident to your departmental security team straight away, do "
                "not investigate it yourself, and do not pay or negotiate with anyone who demands a ransom. Have a "
                "tested incident plan, and backups kept separate and test-restored.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": "A supplier with access to your systems or data is part of your attack surface.",
            "answer": True,
            "feedback_true": "Right. Many attacks reach government through its suppliers.",
            "feedback_false": "It is: many attacks reach government through suppliers.",
            "explanation": (
                "<p>Many attacks reach government through its suppliers. Set security requirements in contracts "
                "that match the risk, ask for evidence such as Cyber Essentials certification, and know which "
                "suppliers hold your data and where. Cyber Essentials covers five controls: firewalls, secure "
                "configuration, user access control, malware protection and security update management.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "What is the most useful evidence of progress to ask an agile team for?",
            "choices": [
                (
                    "Working software, and evidence from users",
                    True,
                    "Right. Go and see for yourself, for example at a show and tell.",
                ),
                (
                    "A detailed written status report every week",
                    False,
                    "Long status reports are what agile governance replaces.",
                ),
                (
                    "Confirmation that the original plan's dates are being met",
                    False,
                    "Agile plans change as teams learn. Judge progress on outcomes for users.",
                ),
            ],
            "explanation": (
                "<p>Agile teams work in short cycles and change course based on evidence. Instead of long status "
                "reports, ask to see working software and evidence from users, and measure outcomes, such as how "
                "many users complete a task, not only milestones. The Service Manual's principles: do not slow "
                "delivery down, decide at the right level, go and see for yourself, and trust and verify.</p>"
            ),
        },
    ],
}

COURSE["quiz"] = QUIZ
