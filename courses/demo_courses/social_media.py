"""Demo course: using social media and networking tools in government, for all civil servants."""

COURSE = {
    "slug": "social-media-in-government",
    "title": "Using social media and networking tools in government",
    "summary": (
        "How government uses social media, and how to post about your work online within the Civil Service Code. "
        "Covers corporate and personal accounts, professional networks, working in the open, and handling "
        "misinformation, abuse and accessibility."
    ),
    "learning_outcomes": [
        (
            "explain how government uses social media to listen, engage and explain policy, and how corporate and "
            "personal accounts differ"
        ),
        "apply the Civil Service Code to what you post, share and like, including during election periods",
        "use professional networks and internal collaboration tools to share knowledge safely across government",
        "respond to misinformation, abuse and trolling, and know when to escalate",
        "make your posts accessible with alt text, captions, plain English and camel-case hashtags",
    ],
    "topics": ["digital-communication"],
    "level": "awareness",
    "duration_minutes": 90,
    "cpd_hours": "1.5",
    "audience": (
        "All civil servants, at any grade and in any profession, who post about their work online or would like to. "
        "You do not need any previous experience of social media."
    ),
    "prerequisites": [],
    "modules": [
        {
            "slug": "why-government-uses-social-media",
            "title": "Why and how government uses social media",
            "estimated_minutes": 20,
            "body": [
                (
                    "text",
                    (
                        "<h2>Going where people are</h2>"
                        "<p>Millions of people get their news and information through social media. If government is "
                        "not there, others fill the gap, sometimes with wrong information. Social media lets "
                        "government reach people directly, in plain language, at the moment they need help.</p>"
                        "<p>Government uses social media for three main purposes.</p>"
                        "<h3>Listening</h3>"
                        "<p>Social media shows what people are saying about a policy or service, often before "
                        "complaints arrive through formal channels. Teams use this to spot problems early, such as a "
                        "confusing form or a website that is down, and to understand how a policy is landing with the "
                        "people it affects.</p><h3>Engaging</h3>"
                        "<p>Social media is a conversation, not a noticeboard. Departments answer questions, point "
                        "people to the right guidance, invite views on consultations and find people to take part in "
                        "user research.</p><h3>Explaining policy</h3>"
                        "<p>Short videos, graphics and threads can explain what a policy means for people. They work "
                        "best when they link to the full, authoritative information on GOV.UK.</p>"
                        "<p>Different platforms reach different audiences, so departments choose them with care. A "
                        "campaign for young jobseekers may use short video, while a message for employers may work "
                        "better on a professional network. Teams measure what works and stop using channels that do "
                        "not reach the people they need.</p>"
                    ),
                ),
                (
                    "glossary_term",
                    {
                        "term": "Social listening",
                        "definition": (
                            "<p>Monitoring and analysing what people say on social media about a topic, service or "
                            "organisation, to understand their views and spot problems early.</p>"
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h2>Corporate and personal accounts</h2>"
                        "<p>There are two kinds of account you need to understand.</p>"
                        "<p><b>Corporate accounts</b> speak for a department, agency or team. Your communications team "
                        "runs them, or decides who can. Posts on them are official statements. They go through an "
                        "agreed approval process, they must be politically impartial and they are public records.</p>"
                        "<p><b>Personal accounts</b> belong to you. You can talk about your work on them, and many "
                        "civil servants do, to share good practice and show how government works. But you are still a "
                        "civil servant. The Civil Service Code applies to what you post, and people may see your posts "
                        "as reflecting on your department, whatever your profile says.</p>"
                        "<p>Never set up an account that looks official, for example one that uses your department's "
                        "name or logo, without agreement from your communications team.</p>"
                    ),
                ),
                (
                    "inset",
                    {
                        "text": (
                            "<p>Most departments have their own social media policy. Find yours on your intranet and "
                            "read it alongside this course. Where it is stricter than this course, follow your "
                            "department's policy.</p>"
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h2>Who approves what</h2>"
                        "<p>Corporate posts need approval, but not every post needs the same level of sign-off. "
                        "Departments usually set out who can approve which kind of post, so that routine updates go "
                        "out quickly and sensitive ones get the right checks.</p>"
                    ),
                ),
                (
                    "table",
                    {
                        "caption": "An example approval matrix for a department's corporate social media accounts",
                        "columns": [
                            ("text", "Type of post"),
                            ("text", "Drafted by"),
                            ("text", "Approved by"),
                            ("text", "Usual turnaround"),
                        ],
                        "rows": [
                            [
                                "Routine service update, such as a change to opening hours",
                                "Digital communications officer",
                                "Duty digital manager",
                                "Same day",
                            ],
                            [
                                "Reply to a question from the public",
                                "Digital communications officer",
                                "No extra approval if using agreed lines",
                                "Within working hours",
                            ],
                            [
                                "Explainer about a published policy",
                                "Policy team with digital communications",
                                "Press office",
                                "1 to 2 working days",
                            ],
                            [
                                "New announcement involving a minister",
                                "Press office",
                                "Minister's private office",
                                "Agreed for each announcement",
                            ],
                            [
                                "Response during a crisis or incident",
                                "Press office",
                                "Director of communications",
                                "As fast as it can be done safely",
                            ],
                        ],
                    },
                ),
                (
                    "check_understanding",
                    {
                        "question": "Which statement about corporate and personal accounts is true?",
                        "options": [
                            {
                                "text": (
                                    "Posts on a corporate account are official statements and go through an agreed "
                                    "approval process"
                                ),
                                "is_correct": True,
                                "feedback": (
                                    "A corporate account speaks for the organisation, so its posts need the same care "
                                    "as any other official statement."
                                ),
                            },
                            {
                                "text": "The Civil Service Code does not apply to your personal account",
                                "is_correct": False,
                                "feedback": (
                                    "The Code applies to your conduct as a civil servant, online and offline, "
                                    "including on personal accounts."
                                ),
                            },
                            {
                                "text": (
                                    "You can set up an account with your team's name and logo if you only post facts"
                                ),
                                "is_correct": False,
                                "feedback": (
                                    "Any account that looks official needs agreement from your communications team, "
                                    "whatever it posts."
                                ),
                            },
                            {
                                "text": (
                                    "Saying 'views my own' on your profile means nothing you post can reflect on your "
                                    "department"
                                ),
                                "is_correct": False,
                                "feedback": (
                                    "A disclaimer helps, but it does not change how people read your posts or remove "
                                    "your duties under the Code."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "civil-service-code-and-personal-use",
            "title": "The Civil Service Code and personal use",
            "estimated_minutes": 25,
            "body": [
                (
                    "text",
                    (
                        "<h2>The Code applies online</h2><p>The <a "
                        'href="https://www.gov.uk/government/publications/civil-service-code/the-civil-service-code">'
                        "Civil Service Code</a> sets out four core values: integrity, honesty, objectivity and "
                        "impartiality. They apply to what you do online just as they do at work. Social media does not "
                        "create new rules. It makes your words more public, more permanent and easier to take out of "
                        "context.</p><h3>Integrity</h3>"
                        "<p>Put the obligations of public service above your own interests. Do not use your position "
                        "or official information for personal gain, and do not disclose official information without "
                        "authority. That duty continues after you leave the civil service.</p>"
                        "<h3>Honesty</h3>"
                        "<p>Set out the facts truthfully and correct your mistakes. If you get something wrong in a "
                        "post, say so clearly rather than quietly deleting it.</p>"
                        "<h3>Objectivity</h3>"
                        "<p>Base what you say about your work on evidence. Do not pick only the facts that suit an "
                        "argument.</p>"
                        "<h3>Impartiality and political impartiality</h3>"
                        "<p>You serve the government of the day, whatever its political persuasion, and must be able "
                        "to serve a future government just as well. Explaining published government policy is fine. "
                        "Arguing for or against it, or for or against a party, is not. Likes, shares and reposts count "
                        "too, because people may read them as endorsements.</p>"
                        "<p>Rules on political activity also depend on your grade. Members of the Senior Civil Service "
                        "and some other grades cannot take part in national political activity, and others need "
                        "permission first. Check your department's rules.</p>"
                        "<h2>What not to post</h2><ul>"
                        "<li>information you have through your work that has not been published, such as draft policy "
                        "or advice to ministers</li>"
                        "<li>personal data about colleagues or members of the public</li>"
                        "<li>comments on cases you work on, or on matters before the courts</li>"
                        "<li>party political opinions, or support for politically controversial campaigns</li>"
                        "<li>details that could put you or colleagues at risk, such as security arrangements or travel "
                        "plans</li>"
                        "<li>anything you would not be comfortable seeing quoted in a newspaper next to your job "
                        "title</li></ul>"
                    ),
                ),
                (
                    "warning",
                    {
                        "text": (
                            "Never post information you have through your work unless it has already been published or "
                            "you have authority to share it. Unauthorised disclosure can be a disciplinary matter and, "
                            "in some cases, a criminal offence."
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h2>Declaring interests</h2>"
                        "<p>If you post about a subject you also work on, such as a sector you regulate or a supplier "
                        "you manage, you could create a real or perceived conflict of interest. Declare relevant "
                        "interests to your line manager, using your department's process. Do not recommend suppliers "
                        "or products in a way that suggests government backing.</p>"
                        "<h2>Election periods</h2>"
                        "<p>Before elections and referendums, civil servants follow extra guidance to protect their "
                        "impartiality. The Cabinet Office publishes guidance before a general election, and similar "
                        "guidance covers other elections. In general terms:</p>"
                        "<ul>"
                        "<li>corporate accounts pause new announcements and campaigns, apart from essential public "
                        "information such as health or safety messages</li>"
                        "<li>nothing should be posted that could look like support for a party or candidate</li>"
                        "<li>on personal accounts, take extra care, and avoid commenting on, sharing or liking "
                        "political content</li>"
                        "</ul><p>Your communications team will tell you what applies and when. If in doubt, do not "
                        "post, and ask.</p>"
                    ),
                ),
                (
                    "glossary_term",
                    {
                        "term": "Pre-election period",
                        "definition": (
                            "<p>The time before an election or referendum when civil servants follow extra guidance on "
                            "what government says and does, to protect political impartiality. It is also called the "
                            "period of sensitivity.</p>"
                        ),
                    },
                ),
                (
                    "check_understanding",
                    {
                        "question": (
                            "A minister announces a policy you disagree with. A friend tags you in a post criticising "
                            "it. What should you do?"
                        ),
                        "options": [
                            {
                                "text": (
                                    "Reply explaining the flaws in the policy, and add that your views are your own"
                                ),
                                "is_correct": False,
                                "feedback": (
                                    "A disclaimer does not make a political comment impartial. Publicly criticising "
                                    "government policy conflicts with the Code."
                                ),
                            },
                            {
                                "text": (
                                    "Do not engage with the post publicly, and raise any concerns about the policy "
                                    "through proper channels at work"
                                ),
                                "is_correct": True,
                                "feedback": (
                                    "You can hold views, but you express them about your work through proper channels, "
                                    "such as your line manager, not in public."
                                ),
                            },
                            {
                                "text": "Like the post but do not comment on it",
                                "is_correct": False,
                                "feedback": (
                                    "Likes are public and can be read as agreement. They can compromise your "
                                    "impartiality as much as a comment."
                                ),
                            },
                            {
                                "text": "Repost it with a neutral comment such as 'interesting'",
                                "is_correct": False,
                                "feedback": (
                                    "Sharing spreads the criticism further, and people may read it as endorsement "
                                    "whatever words you add."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "networking-and-professional-communities",
            "title": "Networking tools and professional communities",
            "estimated_minutes": 20,
            "body": [
                (
                    "text",
                    (
                        "<h2>Why networks matter</h2>"
                        "<p>Civil servants in different departments often work on the same kind of problem: how to run "
                        "a good consultation, how to publish data or how to buy a case management system. Networks "
                        "help you find people who have already solved your problem, learn from their mistakes and "
                        "avoid paying twice for the same work.</p>"
                        "<h2>Professional networks such as LinkedIn</h2>"
                        "<p>LinkedIn and similar sites help you build professional connections, join communities of "
                        "practice and share what you learn. Used well, they raise the profile of your profession and "
                        "of the civil service as an employer.</p>"
                        "<p>Your profile is public. Describe your role in general terms. Do not list security "
                        "clearances, sensitive projects or the names of colleagues in sensitive roles.</p>"
                    ),
                ),
                (
                    "inset",
                    {
                        "text": (
                            "<p>Hostile states and criminals create fake profiles on professional networking sites to "
                            "approach people who have access to government information. The government's <i>Think "
                            "Before You Link</i> guidance explains the warning signs, such as flattering offers of "
                            "well-paid work from people you do not know. Report suspicious approaches to your "
                            "departmental security team.</p>"
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h2>Professional communities across government</h2>"
                        "<p>Each civil service profession runs networks, events and online communities. "
                        "Cross-government communities of practice, for example for user researchers, data scientists, "
                        "and knowledge and information managers, share guidance and answer each other's questions "
                        "through messaging channels, mailing lists and regular meetings. Ask your head of profession "
                        "how to join.</p>"
                    ),
                ),
                (
                    "glossary_term",
                    {
                        "term": "Community of practice",
                        "definition": (
                            "<p>A group of people who share a profession or interest and learn from each other, often "
                            "across organisational boundaries.</p>"
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h2>Internal collaboration platforms</h2>"
                        "<p>Most departments use internal tools such as an intranet, chat, video calls and shared "
                        "document spaces. They are good for working together in real time. Remember that:</p>"
                        "<ul>"
                        "<li>work messages can be disclosed under the Freedom of Information Act 2000, in response to "
                        "subject access requests and in legal proceedings</li>"
                        "<li>information that matters to a decision belongs in the proper record, not only in a chat "
                        "thread</li>"
                        "<li>internal does not mean private, so write as if the person you are discussing might read "
                        "it</li>"
                        "<li>most everyday work is classified OFFICIAL, and SECRET or TOP SECRET material must never "
                        "go on everyday collaboration tools</li>"
                        "</ul><h2>Working in the open with blogs</h2>"
                        "<p>Many teams blog about their work, often on the GOV.UK blogs platform. A good post explains "
                        "what the team is doing, what it has learned and what it will try next. It helps other teams, "
                        "shows the public how government works and attracts people who want to join.</p>"
                        "<p>Before you write, agree the post with your manager and your communications team. Keep to "
                        "facts about the work, not politics. Short, regular posts, such as weeknotes, are often more "
                        "useful than occasional long ones.</p>"
                    ),
                ),
                (
                    "check_understanding",
                    {
                        "question": (
                            "Someone you do not know, with few connections, messages you on LinkedIn offering paid "
                            "consultancy work to share insights about your department's plans. What should you do?"
                        ),
                        "options": [
                            {
                                "text": "Accept, as long as you only share information that is already public",
                                "is_correct": False,
                                "feedback": (
                                    "This is a classic approach pattern. Paid work of this kind also needs permission, "
                                    "and the contact may be testing what you will share."
                                ),
                            },
                            {
                                "text": ("Do not engage, and report the approach to your departmental security team"),
                                "is_correct": True,
                                "feedback": (
                                    "Your security team can assess the approach and spot patterns, such as the same "
                                    "profile contacting several colleagues."
                                ),
                            },
                            {
                                "text": "Reply asking for more details about the work before deciding",
                                "is_correct": False,
                                "feedback": (
                                    "Engaging gives the contact more chances to build trust and draw information from "
                                    "you."
                                ),
                            },
                            {
                                "text": "Block the account and tell nobody",
                                "is_correct": False,
                                "feedback": (
                                    "Blocking is sensible, but reporting matters. Others may be targeted by the same "
                                    "account."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "handling-difficult-situations",
            "title": "Handling difficult situations",
            "estimated_minutes": 25,
            "body": [
                (
                    "text",
                    (
                        "<h2>Misinformation and disinformation</h2>"
                        "<p>Social media is fast and public. Sooner or later you will meet false information, hostile "
                        "comments or a post that goes wrong. Knowing what to do in advance helps you respond "
                        "calmly.</p>"
                        "<p>False information can undermine trust in public services and put people at risk, for "
                        "example during a public health emergency. The government's RESIST 2 counter-disinformation "
                        "toolkit helps communicators recognise false information, assess its impact and decide how to "
                        "respond. Not every false claim needs a reply, because replying can spread it further. Ask:</p>"
                        "<ul>"
                        "<li>how far is it spreading, and who is seeing it?</li>"
                        "<li>could it cause real harm, such as stopping people claiming support they are entitled "
                        "to?</li>"
                        "<li>is there a clear, accurate source to point people to?</li>"
                        "</ul><p>If you respond, lead with the facts, not the false claim, and link to GOV.UK. On "
                        "corporate accounts, only the communications team should respond.</p>"
                    ),
                ),
                (
                    "glossary_term",
                    {
                        "term": "Misinformation and disinformation",
                        "definition": (
                            "<p><b>Misinformation</b> is false information shared by people who believe it is true. "
                            "<b>Disinformation</b> is false information spread deliberately to deceive.</p>"
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h2>Abuse and trolling</h2>"
                        "<p>Civil servants who are visible online can receive abuse. You do not have to put up with "
                        "it.</p><ul>"
                        "<li>do not engage with trolls, because they want a reaction</li>"
                        "<li>mute, block and report accounts using the platform's tools</li>"
                        "<li>take screenshots, with dates and times, before content is deleted</li>"
                        "<li>tell your line manager, and use your department's wellbeing support</li>"
                        "</ul>"
                    ),
                ),
                (
                    "warning",
                    {
                        "text": (
                            "If you receive a threat to your safety, or someone posts your home address or other "
                            "personal details, report it to the police and your departmental security team straight "
                            "away. Do not wait to see whether it stops."
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h2>Moderating corporate accounts</h2>"
                        "<p>Corporate accounts should have a published moderation policy that says which comments will "
                        "be hidden or removed, such as abuse, spam, personal data or illegal content. Apply it "
                        "consistently. Do not remove comments just because they criticise government, as that looks "
                        "like censorship and damages trust.</p>"
                        "<h2>When to escalate</h2>"
                    ),
                ),
                (
                    "table",
                    {
                        "caption": "When to escalate: an example guide for people running a corporate account",
                        "columns": [
                            ("text", "Situation"),
                            ("text", "What to do"),
                            ("text", "Escalate to"),
                        ],
                        "rows": [
                            [
                                "A routine question from the public",
                                "Reply with agreed lines and a GOV.UK link",
                                "No need to escalate",
                            ],
                            [
                                "A false claim about your service is spreading fast",
                                "Record it and do not reply yet",
                                "Head of digital communications",
                            ],
                            [
                                "A journalist asks a question",
                                "Do not answer; note their details",
                                "Press office",
                            ],
                            [
                                "A threat or someone's personal data in the comments",
                                "Screenshot it, hide it if you can and report it to the platform",
                                "Security team, and the police for threats",
                            ],
                            [
                                "Signs that someone else has access to the account",
                                "Stop posting and change the password",
                                "Security team and IT",
                            ],
                        ],
                    },
                ),
                (
                    "text",
                    (
                        "<h2>Official posts are public records</h2>"
                        "<p>Content on official social media accounts is a public record. It must be managed under the "
                        "Public Records Act 1958 and your department's retention rules, and people can request it "
                        "under the Freedom of Information Act 2000. The National Archives keeps an archive of "
                        "government social media. Deleting a post does not delete the record. Messages about "
                        "government business on personal accounts can also fall under FOI.</p>"
                        "<h2>Make every post accessible</h2><ul>"
                        "<li>add alt text to every image, saying what it shows and why it matters</li>"
                        "<li>caption your videos, and give a transcript for longer ones</li>"
                        "<li>write in plain English, with short sentences</li>"
                        "<li>use camel case in hashtags, such as #CivilServiceJobs, so screen readers read out "
                        "separate words</li>"
                        "<li>do not put important information only in an image of text</li>"
                        "<li>use emojis sparingly, and not in the middle of sentences, as screen readers read out each "
                        "one</li></ul>"
                    ),
                ),
                (
                    "check_understanding",
                    {
                        "question": (
                            "A post on your department's account gives the wrong closing date for applications. What "
                            "should you do?"
                        ),
                        "options": [
                            {
                                "text": "Delete it quietly and post a corrected version",
                                "is_correct": False,
                                "feedback": (
                                    "People who saw the first post may not see the new one, and deleting does not "
                                    "remove the record. Corrections should be open."
                                ),
                            },
                            {
                                "text": (
                                    "Post a clear correction, following your account's process, and tell your manager"
                                ),
                                "is_correct": True,
                                "feedback": (
                                    "Correcting errors openly is part of the honesty value in the Code, and keeps the "
                                    "public record accurate."
                                ),
                            },
                            {
                                "text": "Leave it, as the correct date is on GOV.UK",
                                "is_correct": False,
                                "feedback": (
                                    "People act on what they see. A wrong date could make someone miss the deadline."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "check_understanding",
                    {
                        "question": "Which hashtag is easiest for someone using a screen reader?",
                        "options": [
                            {
                                "text": "#civilservicejobs",
                                "is_correct": False,
                                "feedback": ("In lower case, a screen reader may read this as one long, garbled word."),
                            },
                            {
                                "text": "#CivilServiceJobs",
                                "is_correct": True,
                                "feedback": (
                                    "Camel case, with a capital at the start of each word, helps screen readers read "
                                    "out the separate words, and helps everyone else read it too."
                                ),
                            },
                            {
                                "text": "#CIVILSERVICEJOBS",
                                "is_correct": False,
                                "feedback": (
                                    "Capitals throughout are hard to read, and some screen readers spell out the "
                                    "letters."
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
    "title": "Social media in government quiz",
    "slug": "quiz",
    "introduction": (
        "<p>The questions cover all four modules: why and how government uses social media, the Civil Service "
        "Code, networking tools and professional communities, and handling difficult situations.</p>"
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
            "type": "multiple_choice",
            "question": "Which are the main purposes for which government uses social media? Select all that apply.",
            "choices": [
                ("Listening", True, "Social listening shows problems early, before complaints arrive."),
                ("Engaging", True, "Social media is a conversation, not a noticeboard."),
                ("Explaining policy", True, "Short videos, graphics and threads, linking to GOV.UK."),
                (
                    "Arguing for the government's policies against its critics",
                    False,
                    "Civil servants explain published policy; they do not argue for or against it.",
                ),
            ],
            "explanation": (
                "<p>Government uses social media for three main purposes: <b>listening</b> (seeing what people say "
                "about a policy or service and spotting problems early), <b>engaging</b> (answering questions, "
                "inviting views, finding people for user research) and <b>explaining policy</b>, best with a link "
                "to the full, authoritative information on GOV.UK.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": "Posts on a corporate account are official statements and public records.",
            "answer": True,
            "feedback_true": "Right. They go through an agreed approval process and must be politically impartial.",
            "feedback_false": (
                "They are: a corporate account speaks for the organisation, and its posts are public records."
            ),
            "explanation": (
                "<p>Corporate accounts speak for a department, agency or team. Posts on them are official "
                "statements: they go through an agreed approval process, must be politically impartial and are "
                "public records, managed under the Public Records Act 1958. Deleting a post does not delete the "
                "record.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": 'Your personal profile says "views my own". Which is true?',
            "choices": [
                (
                    "The Civil Service Code still applies to what you post, and people may read your posts as "
                    "reflecting on your department",
                    True,
                    "Right. A disclaimer helps, but it does not remove your duties under the Code.",
                ),
                (
                    "The Code no longer applies to that account",
                    False,
                    "The Code applies to your conduct as a civil servant, online and offline.",
                ),
                (
                    "You may now comment on party politics, as long as you do not name your department",
                    False,
                    "Party political opinions are on the list of things not to post.",
                ),
            ],
            "explanation": (
                "<p>Personal accounts belong to you, and you can talk about your work on them. But you are still a "
                "civil servant: the Civil Service Code applies to what you post, and people may see your posts as "
                "reflecting on your department, whatever your profile says. Never set up an account that looks "
                "official without your communications team's agreement.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": "Which are the Civil Service Code's four core values? Select all that apply.",
            "choices": [
                ("Integrity", True, ""),
                ("Honesty", True, ""),
                ("Objectivity", True, ""),
                ("Impartiality", True, ""),
                (
                    "Loyalty to the minister",
                    False,
                    "You serve the government of the day, but loyalty is not a Code value.",
                ),
                ("Transparency", False, "Transparency matters, but it is not one of the Code's four values."),
            ],
            "explanation": (
                "<p>The Code's four core values are integrity, honesty, objectivity and impartiality. They apply "
                "online just as they do at work. Social media does not create new rules: it makes your words more "
                "public, more permanent and easier to take out of context.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "You notice a mistake in a post you wrote about your work. What does the honesty value ask?",
            "choices": [
                (
                    "Say clearly that it was wrong and correct it",
                    True,
                    "Right. Correct mistakes openly.",
                ),
                (
                    "Quietly delete the post",
                    False,
                    "People who saw it may not see that it has gone. Say so clearly instead.",
                ),
                (
                    "Leave it, as long as nobody has pointed it out",
                    False,
                    "Honesty means setting out the facts truthfully and correcting your mistakes.",
                ),
            ],
            "explanation": (
                "<p>Honesty means setting out the facts truthfully and correcting your mistakes. If you get "
                "something wrong in a post, say so clearly rather than quietly deleting it. On a corporate "
                "account, post a clear correction following the account's process.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": (
                "Liking or sharing a post that criticises government policy is fine, because you have not written "
                "anything yourself."
            ),
            "answer": False,
            "feedback_true": "Likes, shares and reposts are public, and people may read them as endorsements.",
            "feedback_false": "Right. They can compromise your impartiality as much as a comment.",
            "explanation": (
                "<p>You serve the government of the day, whatever its political persuasion. Explaining published "
                "government policy is fine; arguing for or against it, or for or against a party, is not. Likes, "
                "shares and reposts count too, because people may read them as endorsements. Raise concerns about "
                "a policy through proper channels at work.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "During a pre-election period, what do corporate accounts normally do?",
            "choices": [
                (
                    "Pause new announcements and campaigns, apart from essential public information such as health "
                    "or safety messages",
                    True,
                    "Right. Your communications team tells you what applies and when.",
                ),
                ("Carry on as normal", False, "Extra guidance applies before elections, to protect impartiality."),
                (
                    "Stop posting anything at all",
                    False,
                    "Essential public information, such as safety messages, continues.",
                ),
            ],
            "explanation": (
                "<p>Before elections and referendums, civil servants follow extra guidance to protect their "
                "impartiality. Corporate accounts pause new announcements and campaigns, apart from essential "
                "public information; nothing should look like support for a party or candidate; and on personal "
                "accounts, take extra care. If in doubt, do not post, and ask.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "What should your profile on a professional network such as LinkedIn say about your role?",
            "choices": [
                (
                    "Describe it in general terms, without security clearances, sensitive projects or colleagues in "
                    "sensitive roles",
                    True,
                    "Right. Your profile is public.",
                ),
                (
                    "List your security clearance, so that recruiters can find you",
                    False,
                    "Clearances make you a target for hostile approaches. Leave them out.",
                ),
                (
                    "Name the sensitive projects you work on, to show your experience",
                    False,
                    "Sensitive projects should not appear on a public profile.",
                ),
            ],
            "explanation": (
                "<p>Professional networks help you build connections and join communities of practice, but your "
                "profile is public. Hostile states and criminals create fake profiles to approach people with "
                "access to government information; the Think Before You Link guidance explains the warning signs. "
                "Report suspicious approaches to your departmental security team.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": (
                "Messages on your department's internal chat tools are private, so they cannot be disclosed under "
                "the Freedom of Information Act."
            ),
            "answer": False,
            "feedback_true": "Internal does not mean private: work messages can be disclosed.",
            "feedback_false": "Right. Write as if the person you are discussing might read it.",
            "explanation": (
                "<p>Work messages can be disclosed under the Freedom of Information Act 2000, in response to "
                "subject access requests and in legal proceedings. Information that matters to a decision belongs "
                "in the proper record, not only in a chat thread, and SECRET or TOP SECRET material must never go "
                "on everyday collaboration tools.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "A false claim about your service is spreading fast. If your team responds, how should it?",
            "choices": [
                (
                    "Lead with the facts, not the false claim, and link to GOV.UK",
                    True,
                    "Right. Repeating the claim can spread it further.",
                ),
                (
                    "Quote the claim in full and then explain why it is wrong",
                    False,
                    "Leading with the false claim helps it spread. Lead with the facts.",
                ),
                (
                    "Reply from your own personal account to correct it quickly",
                    False,
                    "On corporate matters, only the communications team should respond.",
                ),
            ],
            "explanation": (
                "<p>Not every false claim needs a reply, because replying can spread it. Ask how far it is "
                "spreading, whether it could cause real harm, and whether there is a clear source to point to. If "
                "you respond, lead with the facts, not the false claim, and link to GOV.UK. The RESIST 2 toolkit "
                "helps communicators decide.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": (
                "Someone posts abuse at you after you post about your work. What should you do? Select all that apply."
            ),
            "choices": [
                ("Do not engage with them", True, "Trolls want a reaction."),
                (
                    "Mute, block and report the accounts with the platform's tools",
                    True,
                    "You do not have to put up with it.",
                ),
                ("Take screenshots, with dates and times", True, "Before the content is deleted."),
                ("Reply firmly to set the record straight", False, "Engaging gives trolls the reaction they want."),
            ],
            "explanation": (
                "<p>Do not engage with trolls; mute, block and report accounts using the platform's tools; take "
                "screenshots with dates and times before content is deleted; and tell your line manager and use "
                "your department's wellbeing support. If you receive a threat, or someone posts your home address, "
                "report it to the police and your security team straight away.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": "Which of these make a post more accessible? Select all that apply.",
            "choices": [
                ("Alt text on every image, saying what it shows and why it matters", True, ""),
                (
                    "Hashtags in camel case, such as #CivilServiceJobs",
                    True,
                    "Screen readers then read the separate words.",
                ),
                ("Captions on videos", True, "And a transcript for longer ones."),
                (
                    "Putting the key dates in an image of text, so they stand out",
                    False,
                    "Do not put important information only in an image of text.",
                ),
                (
                    "Emojis in the middle of sentences",
                    False,
                    "Screen readers read out each emoji. Use them sparingly, and not mid-sentence.",
                ),
            ],
            "explanation": (
                "<p>Add alt text to every image, caption your videos, write in plain English with short sentences, "
                "use camel case in hashtags so screen readers read out separate words, do not put important "
                "information only in an image of text, and use emojis sparingly, not in the middle of "
                "sentences.</p>"
            ),
        },
    ],
}

COURSE["quiz"] = QUIZ
