"""Running real-time online services: live chat — a practitioner course for people who run web chat."""

CHAT_VOLUMES_CSV = """date,hour,chats_offered,chats_answered,chats_abandoned,average_wait_seconds
2025-03-03,09:00,68,64,4,42
2025-03-03,10:00,74,68,6,55
2025-03-03,11:00,71,66,5,51
2025-03-03,12:00,80,68,12,118
2025-03-04,09:00,58,56,2,31
2025-03-04,10:00,63,60,3,38
2025-03-04,11:00,61,58,3,36
2025-03-04,12:00,70,62,8,92
2025-03-05,09:00,55,54,1,28
2025-03-05,10:00,60,58,2,34
2025-03-05,11:00,57,55,2,33
2025-03-05,12:00,66,59,7,85
2025-03-06,09:00,52,51,1,26
2025-03-06,10:00,59,57,2,32
2025-03-06,11:00,56,54,2,30
2025-03-06,12:00,64,58,6,79
2025-03-07,09:00,47,46,1,24
2025-03-07,10:00,53,52,1,27
2025-03-07,11:00,50,49,1,25
2025-03-07,12:00,58,53,5,71
"""

ADVISERS_CODE = '''import math


def advisers_to_roster(forecast_chats, handling_minutes=12, concurrency=2, occupancy=0.8, shrinkage=0.25):
    """How many advisers to put on the rota for one hour of chat."""
    chats_per_adviser = 60 / handling_minutes * concurrency * occupancy  # 8 with the defaults
    on_chat = math.ceil(forecast_chats / chats_per_adviser)
    return math.ceil(on_chat / (1 - shrinkage))


print(advisers_to_roster(70))  # 9 advisers on chat, so 12 on the rota
'''

COURSE = {
    "slug": "running-live-chat-services",
    "title": "Running real-time online services: live chat",
    "summary": (
        "How to decide whether live chat will help your users, then plan, staff, run and improve a web chat or "
        "chatbot service that is accessible, secure and honest about what it can do."
    ),
    "learning_outcomes": [
        "decide when live chat will help users and when it would only hide a problem with the service",
        "plan opening hours, queues and adviser numbers using simple capacity arithmetic",
        "check that a chat service meets accessibility requirements, including WCAG 2.2 AA",
        "run chats safely: security checks, personal data, transcripts as records and vulnerable users",
        "measure a chat service with a balanced set of metrics and use transcripts to improve the service",
        "judge when a chatbot is appropriate and how to hand users over to a person",
    ],
    "topics": ["digital-communication"],
    "level": "practitioner",
    "duration_minutes": 95,
    "cpd_hours": "1.5",
    "audience": (
        "Operational delivery staff, team leaders and service owners who run or plan web chat, chatbots or other "
        "real-time channels for the public."
    ),
    "prerequisites": [],
    "modules": [
        {
            "slug": "when-live-chat-helps-users",
            "title": "When live chat helps users",
            "estimated_minutes": 20,
            "body": [
                (
                    "text",
                    "<h2>What live chat is good at</h2>"
                    "<p>Live chat lets a user type to a person, or to a chatbot, while they use your website. "
                    "Many users like it. They can ask a quick question without leaving the page, and they do not "
                    "have to wait on hold.</p>"
                    "<p>Chat works best when:</p>"
                    "<ul>"
                    "<li>the question is short and factual, such as which document to upload</li>"
                    "<li>the user is part-way through an online form and has got stuck</li>"
                    "<li>the user cannot easily make a phone call, for example because they are at work, are deaf "
                    "or find calls stressful</li>"
                    "<li>the user wants a written record of the answer</li>"
                    "</ul>"
                    "<p>Chat works less well when the problem is complex, when the user is distressed, or when you "
                    "need detailed security checks. A phone call or a face-to-face meeting is usually kinder and "
                    "quicker then.</p>"
                    "<h2>Channel choice</h2>"
                    "<p>Users should choose the channel that suits them, not the one that suits you. Offer chat "
                    "alongside phone, email or post, and make each route easy to find. Do not hide your phone "
                    "number to push people into chat.</p>"
                    "<h3>Assisted digital</h3>"
                    "<p>Assisted digital means support for people who cannot use an online service on their own. "
                    "Chat can help people who are online but lack confidence. It cannot help someone with no "
                    "device, no internet connection or low literacy. Keep phone and face-to-face routes for them, "
                    "and make sure advisers know how to refer people.</p>"
                    "<h2>Cost per contact and quality</h2>"
                    "<p>Chat often looks cheaper than phone because one adviser can handle 2 or 3 chats at once. "
                    "But cost per contact misleads on its own. If a chat does not solve the problem, the user will "
                    "phone, email or chat again. You pay for every contact, and the user loses time.</p>"
                    "<p>A better measure is the cost of resolving each need. Compare channels on how often they "
                    "solve the problem first time, not just on price per contact.</p>"
                    "<h2>Chat is not a fix for a confusing service</h2>"
                    "<p>Much of the demand on any contact centre is failure demand. Users contact you because the "
                    "service did not work for them: the guidance was unclear, a letter did not arrive, or the form "
                    "rejected a valid answer.</p>"
                    "<p>Adding chat to a confusing service treats the symptom. Users still get stuck, and you now "
                    "pay advisers to explain the same thing thousands of times. Before you launch chat, find out "
                    "why people contact you today and fix the causes you can. Then use chat for the questions that "
                    "remain.</p>",
                ),
                (
                    "glossary_term",
                    {
                        "term": "Failure demand",
                        "definition": (
                            "<p>Contact caused by a failure to do something, or to do something right, for the "
                            "user. For example, a chat to ask why a promised letter has not arrived. The opposite "
                            "is value demand: contact users need to make whatever you do.</p>"
                        ),
                    },
                ),
                (
                    "inset",
                    {
                        "text": (
                            "<p>A fictional example: a grants service found that a third of its calls asked whether "
                            "an application had arrived. It started sending a confirmation email with a reference "
                            "number. Those calls fell sharply, and the team then launched chat for the questions "
                            "that were left.</p>"
                        )
                    },
                ),
                (
                    "check_understanding",
                    {
                        "question": "Your service gets hundreds of chats a week asking how to upload a photo. What "
                        "should you do first?",
                        "options": [
                            {
                                "text": "Recruit more chat advisers to bring wait times down.",
                                "is_correct": False,
                                "feedback": "More advisers shorten the queue but leave the cause in place. Users "
                                "will keep getting stuck and contacting you.",
                            },
                            {
                                "text": "Find out why users get stuck on the upload page and fix it.",
                                "is_correct": True,
                                "feedback": "Right. These chats are failure demand. Fixing the page removes the "
                                "need to contact you at all.",
                            },
                            {
                                "text": "Write a saved response that explains how to upload a photo.",
                                "is_correct": False,
                                "feedback": "A saved response makes each chat quicker, but users still have to "
                                "wait and ask. Fix the page first.",
                            },
                            {
                                "text": "Remove the phone number so that users have to use chat.",
                                "is_correct": False,
                                "feedback": "Never hide channels. Some users cannot use chat, and this does "
                                "nothing about the problem with the page.",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "designing-the-chat-service",
            "title": "Designing the service",
            "estimated_minutes": 25,
            "body": [
                (
                    "text",
                    "<h2>Opening hours</h2>"
                    "<p>Set opening hours from evidence. Look at when people use your website and when they phone "
                    "you today. Demand for chat often peaks at lunchtime and in the early evening.</p>"
                    "<p>When chat is closed, say so clearly. Do not show a chat button that leads to an empty "
                    "queue. Tell users when chat opens again and what else they can do now.</p>"
                    "<h2>Queues and wait times</h2>"
                    "<p>Users will wait if they know what is happening. Show their place in the queue or an "
                    "estimated wait, and keep it up to date. Let them carry on using the page while they wait. If "
                    "the queue gets very long, stop taking new chats and say when to try again. That is better "
                    "than leaving people waiting for 20 minutes.</p>",
                ),
                (
                    "image",
                    {
                        "image": "chat-queue",
                        "alt_text": (
                            "Diagram of a live chat queue: 6 people waiting, an arrow to 3 advisers who are each "
                            "handling 2 chats, and an average wait of 45 seconds."
                        ),
                        "caption": "Chats wait in a queue until an adviser has room for another conversation.",
                    },
                ),
                (
                    "text",
                    "<h2>Planning capacity</h2>"
                    "<p>You need enough advisers to answer quickly without leaving them idle. Simple arithmetic "
                    "gets you a long way.</p>"
                    "<ol>"
                    "<li>Forecast how many chats you will be offered in each hour, from past data. Adjust for known "
                    "events, such as a deadline.</li>"
                    "<li>Measure the average handling time: how long a chat lasts, including any notes "
                    "afterwards.</li>"
                    "<li>Work out chats per adviser per hour. If a chat takes 12 minutes and an adviser handles 2 "
                    "at once, that is 60 divided by 12, times 2: 10 chats an hour.</li>"
                    "<li>Plan for advisers to be busy about 80% of the time, not 100%. Chats do not arrive evenly, "
                    "and you need slack to answer quickly. At 80%, each adviser handles 8 chats an hour.</li>"
                    "<li>Add shrinkage: time when advisers are paid but not chatting, such as breaks, training "
                    "and meetings.</li>"
                    "</ol>"
                    "<p>Most teams set concurrency at 2 or 3 chats. Beyond that, replies slow down, mistakes rise "
                    "and advisers tire.</p>"
                    "<h3>Service levels</h3>"
                    "<p>A service level is a target for how fast you answer, such as 80% of chats answered within "
                    "60 seconds. Choose one you can afford and publish it. Workforce planners often use a queueing "
                    "formula called Erlang C for a more exact figure, but the rule of thumb is a good start.</p>",
                ),
                (
                    "table",
                    {
                        "caption": (
                            "Capacity plan for a fictional weekday: 12-minute chats, 2 at a time, 80% occupancy "
                            "(8 chats per adviser an hour) and 25% shrinkage"
                        ),
                        "columns": [
                            ("text", "Hour starting"),
                            ("number", "Forecast chats"),
                            ("number", "Advisers on chat"),
                            ("number", "Advisers on the rota"),
                        ],
                        "rows": [
                            ["08:00", 20, 3, 4],
                            ["09:00", 56, 7, 10],
                            ["10:00", 70, 9, 12],
                            ["11:00", 64, 8, 11],
                            ["12:00", 72, 9, 12],
                            ["13:00", 60, 8, 11],
                            ["14:00", 52, 7, 10],
                            ["15:00", 44, 6, 8],
                            ["16:00", 36, 5, 7],
                            ["17:00", 22, 3, 4],
                        ],
                    },
                ),
                (
                    "code",
                    {
                        "language": "python",
                        "caption": "The same calculation in Python, rounding up at each step",
                        "code": ADVISERS_CODE,
                    },
                ),
                (
                    "text",
                    "<h2>Make the chat accessible</h2>"
                    "<p>The Public Sector Bodies Accessibility Regulations 2018 apply to your chat as much as to "
                    "the rest of your website: it must meet WCAG 2.2 at level AA. Many bought-in chat products do "
                    "not, so test before you sign a contract.</p>"
                    "<ul>"
                    "<li>Users must be able to open, use and close the chat with a keyboard alone.</li>"
                    "<li>Screen readers must announce new messages without moving the user's focus.</li>"
                    "<li>The chat must work with the page zoomed to 400% and must not cover content.</li>"
                    "<li>Do not end a chat after a short silence without warning. Warn users and let them ask for "
                    "more time.</li>"
                    "<li>Write in plain English, without jargon or abbreviations.</li>"
                    "</ul>"
                    "<p>Test with disabled users, not just automated tools.</p>",
                ),
                (
                    "glossary_term",
                    {
                        "term": "Concurrency",
                        "definition": (
                            "<p>The number of chats one adviser handles at the same time. Higher concurrency "
                            "means more chats per adviser, but slower replies to each user.</p>"
                        ),
                    },
                ),
                (
                    "check_understanding",
                    {
                        "question": "A chat takes 15 minutes on average and each adviser handles 3 at once. How "
                        "many chats can one adviser handle in an hour if they are never idle?",
                        "options": [
                            {
                                "text": "4",
                                "is_correct": False,
                                "feedback": "That is the figure for one chat at a time. Multiply by the 3 chats "
                                "each adviser handles at once.",
                            },
                            {
                                "text": "12",
                                "is_correct": True,
                                "feedback": "Right. 60 divided by 15 is 4, and 4 times 3 is 12. In practice you "
                                "would plan for fewer, such as 80% of that.",
                            },
                            {
                                "text": "20",
                                "is_correct": False,
                                "feedback": "This divides 60 by 3. Divide the 60 minutes by the 15-minute handling "
                                "time first, then multiply by 3.",
                            },
                            {
                                "text": "45",
                                "is_correct": False,
                                "feedback": "This multiplies 15 by 3. Chats per hour come from dividing 60 minutes "
                                "by the handling time, then multiplying by the concurrency.",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "running-chat-day-to-day",
            "title": "Running it day to day",
            "estimated_minutes": 25,
            "body": [
                (
                    "text",
                    "<h2>Saved responses and free text</h2>"
                    "<p>Most chat tools let advisers insert saved responses: prepared answers to common questions. "
                    "They are quick and consistent, and they keep facts such as fees and deadlines accurate. But a "
                    "conversation built only from saved responses feels robotic, and users notice when an answer "
                    "does not fit their question.</p>"
                    "<p>Use saved responses for facts, and free text for everything else. Give each saved response "
                    "an owner and a review date, and update it when policy changes.</p>"
                    "<h2>Tone of voice</h2>"
                    "<p>Write as you would speak to someone across a desk: polite, warm and plain. Keep messages "
                    "short. Give your first name. Tell users what you are doing, such as \"I'm checking your "
                    'application now. This will take about 2 minutes." Silence in chat feels longer than silence '
                    "on the phone.</p>",
                ),
                (
                    "inset",
                    {
                        "text": (
                            '<p><b>Better:</b> "Thanks, Sam. Your application arrived on 3 March. We decide most '
                            'applications within 6 weeks, so you should hear from us by 14 April."</p>'
                            '<p><b>Worse:</b> "Your application is being processed in line with our service '
                            'standards."</p>'
                        )
                    },
                ),
                (
                    "text",
                    "<h2>Security checks</h2>"
                    "<p>Before you discuss anyone's personal information, check who they are using your "
                    "organisation's process. Ask only for what that process needs. Be alert to people fishing for "
                    "information about someone else, and to pressure to skip the checks.</p>",
                ),
                (
                    "warning",
                    {
                        "text": (
                            "Never ask a user for their full password, PIN or memorable word in chat, or for a full "
                            "bank card number. If a user types one in, tell them not to share it, advise them to "
                            "change it, and follow your process for removing it from the transcript."
                        )
                    },
                ),
                (
                    "text",
                    "<h2>Personal data and transcripts</h2>"
                    "<p>Chat collects personal data, so UK GDPR and the Data Protection Act 2018 apply. Collect "
                    "only what you need. Make sure your supplier's contract says how and where it stores and "
                    "protects the data.</p>"
                    "<p>Transcripts are records your organisation holds. They are in scope of the Freedom of "
                    "Information Act 2000, although personal information in them is usually exempt. Users can ask "
                    "for their own transcripts through a subject access request, which you must answer within one "
                    "month. Keep transcripts for as long as your retention schedule says, then delete them.</p>"
                    "<h2>Moving a chat to the phone</h2>"
                    "<p>Some conversations should not stay in chat. Move to a phone call when the issue is complex, "
                    "when you cannot complete security checks in chat, or when the user is upset or asks to speak "
                    "to someone. Offer a warm handover where you can, and give a reference so the user does not "
                    "have to repeat themselves.</p>"
                    "<h2>Safeguarding and vulnerable users</h2>"
                    "<p>Anyone can be vulnerable at some point, for example after a bereavement, during illness or "
                    "in a financial crisis. Watch for signs such as mentions of self-harm, abuse or having no money "
                    "for food. Follow your organisation's safeguarding procedure and do not end the chat abruptly. "
                    "If someone is in immediate danger, tell them to call 999 and escalate at once.</p>"
                    "<p>These chats can be hard. Make sure advisers know who to talk to afterwards.</p>",
                ),
                (
                    "glossary_term",
                    {
                        "term": "Warm handover",
                        "definition": (
                            "<p>Passing a user to a colleague or another channel with their details and the story "
                            "so far, so they do not have to start again.</p>"
                        ),
                    },
                ),
                (
                    "check_understanding",
                    {
                        "question": "A user types their full password into the chat to 'speed things up'. What "
                        "should you do?",
                        "options": [
                            {
                                "text": "Use it to sign in to their account and check the problem quickly.",
                                "is_correct": False,
                                "feedback": "Never use a user's password. Staff should never sign in as a user, "
                                "and doing so teaches users that sharing passwords is normal.",
                            },
                            {
                                "text": "Tell them not to share it, advise them to change it, and follow your "
                                "process to remove it from the transcript.",
                                "is_correct": True,
                                "feedback": "Right. Protect the user now, help them stay safe, and make sure the "
                                "password is not kept in your records.",
                            },
                            {
                                "text": "Carry on as normal, because the transcript is stored securely.",
                                "is_correct": False,
                                "feedback": "The password would sit in a record that other people can read. Remove "
                                "it and tell the user to change it.",
                            },
                            {
                                "text": "End the chat straight away without explanation.",
                                "is_correct": False,
                                "feedback": "Ending the chat leaves the user confused and the password in the "
                                "transcript. Explain, help them and follow the process.",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "measuring-and-improving-chat",
            "title": "Measuring and improving",
            "estimated_minutes": 25,
            "body": [
                (
                    "text",
                    "<h2>What to measure</h2>"
                    "<p>Start with a few measures that reflect what users experience:</p>"
                    "<ul>"
                    "<li><b>Wait time</b>: how long users wait before an adviser answers. Look at the longest waits "
                    "as well as the average, because a good average can hide some very long waits.</li>"
                    "<li><b>Abandonment rate</b>: chats abandoned divided by chats offered. These are users who "
                    "gave up before anyone answered.</li>"
                    "<li><b>Resolution on first contact</b>: the share of needs solved without the user contacting "
                    "you again. Check for repeat contacts within, say, 7 days, rather than asking advisers to tick "
                    "a box.</li>"
                    "<li><b>Satisfaction</b>: a short survey at the end of the chat. Few users reply, and the very "
                    "happy and very unhappy reply most, so watch trends rather than single scores.</li>"
                    "</ul>"
                    "<p>Be careful with targets on handling time. If advisers are judged on speed, they close chats "
                    "early and users come back. Balance speed with quality, for example by reviewing a sample of "
                    "transcripts each week.</p>",
                ),
                (
                    "dataset",
                    {
                        "document": {
                            "title": "Hourly live chat volumes for a fictional service, 3 to 7 March 2025",
                            "filename": "fictional-live-chat-volumes-march-2025.csv",
                            "content": CHAT_VOLUMES_CSV,
                        },
                        "description": (
                            "Fictional data, made up for this course. It covers the morning hours (09:00 to 13:00) "
                            "of one working week for an imaginary grants service. Each row is one hour; the hour "
                            "column gives its start. Chats answered plus chats abandoned equals chats offered. "
                            "Average wait is in seconds, for answered chats. Work out the abandonment rate for "
                            "each hour and compare it with the wait."
                        ),
                        "data_format": "CSV",
                        "licence": "ogl-3",
                    },
                ),
                (
                    "table",
                    {
                        "caption": "Daily totals from the fictional dataset, 09:00 to 13:00 each day",
                        "columns": [
                            ("text", "Day"),
                            ("number", "Chats offered"),
                            ("number", "Chats answered"),
                            ("number", "Chats abandoned"),
                            ("number", "Abandonment rate (%)"),
                        ],
                        "rows": [
                            ["Monday 3 March", 293, 266, 27, 9.2],
                            ["Tuesday 4 March", 252, 236, 16, 6.3],
                            ["Wednesday 5 March", 238, 226, 12, 5.0],
                            ["Thursday 6 March", 231, 220, 11, 4.8],
                            ["Friday 7 March", 208, 200, 8, 3.8],
                            ["Week", 1222, 1148, 74, 6.1],
                        ],
                    },
                ),
                (
                    "text",
                    "<h3>Reading the figures</h3>"
                    "<p>The pattern is clear. Every day, waits and abandonment peak in the 12:00 hour, when demand "
                    "is highest. In this fictional service, that is also when most advisers take lunch. Staggering "
                    "breaks would help more than adding staff all morning. Monday is the busiest day, so it may "
                    "need its own rota.</p>"
                    "<p>Look for patterns like this before you ask for more money. Often the fix is to move the "
                    "capacity you already have to the hours when users need it.</p>"
                    "<h2>What transcripts tell you</h2>"
                    "<p>Transcripts are your best evidence of what confuses users. Tag each chat with a reason from "
                    "a short, agreed list. Each month, rank the reasons and take the top few to the teams who own "
                    "the content, forms and letters.</p>"
                    "<p>Then close the loop. If many users ask what a question on the form means, rewrite the "
                    "question and watch whether those chats fall. A chat team that feeds back like this reduces "
                    "its own demand over time, and the whole service gets better, not just the chat.</p>"
                    "<p>Treat transcripts as personal data when you analyse them: use only what you need, and "
                    "remove names and reference numbers where you can.</p>"
                    "<h2>Chatbots and automation</h2>"
                    "<p>A chatbot can answer simple, common questions at any hour. It can also frustrate users, "
                    "give wrong answers and hide problems. If you use one:</p>"
                    "<ul>"
                    "<li>tell users they are talking to a bot</li>"
                    "<li>answer from approved content, and check answers often, especially if the bot writes its "
                    "own text using AI</li>"
                    "<li>always offer a way to reach a person, and pass the conversation across so the user does "
                    "not start again</li>"
                    "<li>test it with users, including disabled users</li>"
                    "</ul>",
                ),
                (
                    "glossary_term",
                    {
                        "term": "Containment rate",
                        "definition": (
                            "<p>The share of conversations a chatbot finishes without handing over to a person. "
                            "Treat it with care: a user who gives up looks the same as one who got an answer.</p>"
                        ),
                    },
                ),
                (
                    "check_understanding",
                    {
                        "question": "On Monday from 12:00, the service was offered 80 chats, answered 68 and 12 "
                        "were abandoned. What was the abandonment rate?",
                        "options": [
                            {
                                "text": "15%",
                                "is_correct": True,
                                "feedback": "Right. 12 abandoned divided by 80 offered is 0.15, or 15%.",
                            },
                            {
                                "text": "12%",
                                "is_correct": False,
                                "feedback": "12 is the number of abandoned chats, not the rate. Divide it by the "
                                "80 chats offered.",
                            },
                            {
                                "text": "17.6%",
                                "is_correct": False,
                                "feedback": "This divides by the 68 chats answered. The abandonment rate divides by "
                                "all chats offered.",
                            },
                            {
                                "text": "85%",
                                "is_correct": False,
                                "feedback": "85% is the share of chats answered. The abandonment rate is the share "
                                "that were not.",
                            },
                        ],
                    },
                ),
            ],
        },
    ],
}

QUIZ = {
    "title": "Live chat quiz",
    "slug": "quiz",
    "introduction": (
        "<p>The questions cover all four modules: when chat helps users, designing the service, running it day "
        "to day, and measuring and improving it. Two ask you to work out a figure.</p>"
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
            "question": "When does live chat work best? Select all that apply.",
            "choices": [
                (
                    "The user has a short, factual question, such as which document to upload",
                    True,
                    "Quick factual questions suit chat well.",
                ),
                (
                    "The user is part-way through an online form and has got stuck",
                    True,
                    "They can ask without leaving the page.",
                ),
                (
                    "The user cannot easily make a phone call, for example because they are deaf or at work",
                    True,
                    "Chat gives them a route that suits them.",
                ),
                (
                    "The user is distressed and the problem is complex",
                    False,
                    "A phone call or a face-to-face meeting is usually kinder and quicker then.",
                ),
            ],
            "explanation": (
                "<p>Chat works best for short, factual questions, for users stuck part-way through an online form, "
                "for people who cannot easily phone, and for users who want a written record of the answer. It "
                "works less well when the problem is complex, the user is distressed or you need detailed security "
                "checks.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": "Hiding your phone number is a good way to move users to chat, which costs less per contact.",
            "answer": False,
            "feedback_true": "Never hide channels: some users cannot use chat at all.",
            "feedback_false": "Right. Users should choose the channel that suits them, not the one that suits you.",
            "explanation": (
                "<p>Offer chat alongside phone, email or post, and make each route easy to find. Do not hide your "
                "phone number to push people into chat. Chat cannot help someone with no device, no internet "
                "connection or low literacy, so keep phone and face-to-face routes for them.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "Which of these contacts is failure demand?",
            "choices": [
                (
                    "A chat asking why a letter the service promised has not arrived",
                    True,
                    "Right. The user contacts you because the service did not do what it said.",
                ),
                (
                    "A user telling the service about a change of address",
                    False,
                    "That is value demand: contact users need to make whatever you do.",
                ),
                (
                    "A user asking to apply for a grant they have just heard about",
                    False,
                    "That is value demand: it is what the service is for.",
                ),
            ],
            "explanation": (
                "<p>Failure demand is contact caused by a failure to do something, or to do something right, for "
                "the user: unclear guidance, a letter that did not arrive, a form that rejected a valid answer. "
                "Adding chat to a confusing service treats the symptom. Find out why people contact you and fix "
                "the causes you can, then use chat for the questions that remain.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "Why can cost per contact mislead when you compare chat with phone?",
            "choices": [
                (
                    "A chat that does not solve the problem leads to more contacts, so compare the cost of resolving "
                    "each need",
                    True,
                    "Right. Compare how often each channel solves the problem first time.",
                ),
                (
                    "Because chat advisers are paid more than phone advisers",
                    False,
                    "Pay is not the issue. A cheap contact that solves nothing costs more in the end.",
                ),
                (
                    "Because phone calls are always cheaper than chats",
                    False,
                    "Chat often looks cheaper, as one adviser can handle 2 or 3 chats at once.",
                ),
            ],
            "explanation": (
                "<p>Chat often looks cheaper than phone because one adviser can handle 2 or 3 chats at once. But if "
                "a chat does not solve the problem, the user will phone, email or chat again: you pay for every "
                "contact, and the user loses time. A better measure is the cost of resolving each need.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": (
                "A chat takes 12 minutes on average, each adviser handles 3 at once, and you plan for advisers to be "
                "busy 80% of the time. How many chats can each adviser handle in an hour?"
            ),
            "choices": [
                ("12", True, "Right. 60 ÷ 12 is 5, times 3 is 15, and 80% of 15 is 12."),
                ("15", False, "That is with advisers busy all the time. Plan for 80% of it."),
                ("5", False, "That is for one chat at a time. Multiply by the 3 chats each adviser handles at once."),
                ("4", False, "Divide the 60 minutes by the 12-minute handling time, multiply by 3, then take 80%."),
            ],
            "explanation": (
                "<p>Divide 60 minutes by the average handling time and multiply by the concurrency: 60 ÷ 12 is 5, "
                "times 3 is 15 chats an hour if an adviser is never idle. Chats do not arrive evenly, so plan for "
                "advisers to be busy about 80% of the time: 12 chats an hour. Then add shrinkage for breaks, "
                "training and meetings.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": (
                "Most teams set concurrency at 2 or 3 chats, because beyond that replies slow down, mistakes rise "
                "and advisers tire."
            ),
            "answer": True,
            "feedback_true": "Right. Higher concurrency means more chats per adviser but slower replies to each user.",
            "feedback_false": "It is true: beyond 2 or 3 chats at once, replies slow down and mistakes rise.",
            "explanation": (
                "<p>Concurrency is the number of chats one adviser handles at the same time. Most teams set it at "
                "2 or 3. Beyond that, replies slow down, mistakes rise and advisers tire, so the users pay for the "
                "extra chats in waiting time.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": "Which of these must an accessible chat service do? Select all that apply.",
            "choices": [
                ("Open, work and close with a keyboard alone", True, "Keyboard access is a WCAG requirement."),
                (
                    "Let screen readers announce new messages without moving the user's focus",
                    True,
                    "Users must hear replies without losing their place.",
                ),
                (
                    "Work with the page zoomed to 400% without covering content",
                    True,
                    "Chat windows that cover the page fail users who zoom.",
                ),
                (
                    "End the chat automatically after a minute of silence",
                    False,
                    "Never end a chat after a short silence without warning. Warn users; let them ask for more time.",
                ),
            ],
            "explanation": (
                "<p>The Public Sector Bodies Accessibility Regulations 2018 apply to your chat as much as to the "
                "rest of your website: it must meet WCAG 2.2 at level AA. Many bought-in chat products do not, so "
                "test before you sign a contract, and test with disabled users, not just automated tools.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "When you check who a user is in chat, what may you ask them for?",
            "choices": [
                (
                    "Only what your organisation's security process needs",
                    True,
                    "Right. And be alert to people fishing for information about someone else.",
                ),
                ("Their full password, so you can be sure it is them", False, "Never ask for a full password in chat."),
                ("Their full bank card number", False, "Never ask for a full bank card number in chat."),
                ("Their memorable word or PIN", False, "Never ask for a PIN or memorable word in chat."),
            ],
            "explanation": (
                "<p>Before you discuss anyone's personal information, check who they are using your "
                "organisation's process, and ask only for what it needs. Never ask for a full password, PIN, "
                "memorable word or bank card number. If a user types one in, tell them not to share it, advise "
                "them to change it, and follow your process for removing it from the transcript.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": "Which of these are true of chat transcripts? Select all that apply.",
            "choices": [
                (
                    "They are records your organisation holds, in scope of the Freedom of Information Act 2000",
                    True,
                    "Personal information in them is usually exempt, but the transcripts are in scope.",
                ),
                (
                    "Users can ask for their own transcripts through a subject access request",
                    True,
                    "You must answer within one month.",
                ),
                (
                    "They are kept for as long as your retention schedule says, then deleted",
                    True,
                    "Like any other record.",
                ),
                (
                    "They are private conversations, so data protection law does not apply",
                    False,
                    "Chat collects personal data, so UK GDPR and the Data Protection Act 2018 apply.",
                ),
            ],
            "explanation": (
                "<p>Chat collects personal data, so UK GDPR and the Data Protection Act 2018 apply: collect only "
                "what you need. Transcripts are records in scope of the Freedom of Information Act; users can get "
                "their own through a subject access request; keep them for as long as your retention schedule says, "
                "then delete them.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "A user in chat becomes upset while explaining a complex problem. What is best?",
            "choices": [
                (
                    "Offer to move to a phone call with a warm handover, and give them a reference",
                    True,
                    "Right. They should not have to repeat their story.",
                ),
                (
                    "End the chat and ask them to phone the main number",
                    False,
                    "Do not end the chat abruptly. Hand over with their details and the story so far.",
                ),
                (
                    "Carry on in chat using saved responses to save time",
                    False,
                    "Saved responses are for facts. An upset user with a complex problem needs a conversation.",
                ),
            ],
            "explanation": (
                "<p>Move a chat to the phone when the issue is complex, when you cannot complete security checks in "
                "chat, or when the user is upset or asks to speak to someone. Offer a warm handover where you can, "
                "passing on their details and the story so far, and give a reference so they do not have to "
                "repeat themselves.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": (
                "In one hour a chat service was offered 120 chats. It answered 102, and 18 were abandoned. What was "
                "the abandonment rate?"
            ),
            "choices": [
                ("15%", True, "Right. 18 abandoned divided by 120 offered is 0.15."),
                ("17.6%", False, "That divides by the chats answered. Divide by all the chats offered."),
                ("18%", False, "18 is the number abandoned, not the rate. Divide it by the 120 offered."),
                ("85%", False, "85% is the share of chats answered; the abandonment rate is the share that were not."),
            ],
            "explanation": (
                "<p>The abandonment rate is chats abandoned divided by chats offered: 18 ÷ 120 = 15%. These are "
                "users who gave up before anyone answered. Look at it beside the wait times, hour by hour: in the "
                "course's example, both peaked at lunchtime, when most advisers took their break.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": "A chatbot's containment rate shows how many users got the answer they needed.",
            "answer": False,
            "feedback_true": "Not so: a user who gives up looks the same as one who got an answer.",
            "feedback_false": "Right. It counts conversations finished without a person, for whatever reason.",
            "explanation": (
                "<p>The containment rate is the share of conversations a chatbot finishes without handing over to "
                "a person. Treat it with care: a user who gives up looks the same as one who got an answer. If you "
                "use a bot, tell users it is a bot, answer from approved content, and always offer a way to reach "
                "a person.</p>"
            ),
        },
    ],
}

COURSE["quiz"] = QUIZ
