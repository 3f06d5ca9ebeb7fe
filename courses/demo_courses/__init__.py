"""The demo course catalogue: real, original courses for an internet-age civil service.

Each module in this package defines one COURSE dict; `courses.demo.load_demo_courses`
publishes them (idempotently) under the catalogue. The shape of a COURSE:

    COURSE = {
        "slug": "open-data-essentials",            # unique page slug
        "title": "Open data essentials",
        "summary": "One or two sentences for the catalogue (max 500 characters).",
        "learning_outcomes": ["explain …", "choose …"],   # completes "you will be able to…"
        "topics": ["open-data"],                   # slugs from TOPICS below
        "level": "awareness",                      # awareness | practitioner | expert
        "duration_minutes": 90,
        "cpd_hours": "1.5",
        "audience": "All civil servants …",
        "prerequisites": [],                       # slugs of other demo courses
        "modules": [
            {
                "slug": "what-open-data-is",
                "title": "What open data is",
                "estimated_minutes": 20,
                "body": [                          # StreamField blocks, in order
                    ("text", "<h2>…</h2><p>…</p><ul><li>…</li></ul>"),   # h2, h3, h4, p, ul, ol, b, i, a
                    ("inset", {"text": "<p>…</p>"}),
                    ("warning", {"text": "Plain text, under 400 characters."}),
                    ("image", {"image": "five-star-open-data", "alt_text": "…", "caption": "…"}),  # keys: DEMO_IMAGES
                    ("dataset", {
                        "document": {"title": "…", "filename": "….csv", "content": "csv text"},
                        "description": "…", "data_format": "CSV", "licence": "ogl-3",
                    }),
                    ("table", {"caption": "…", "columns": [("text", "Heading"), ("number", "Count")],
                               "rows": [["a", 1], ["b", 2]]}),       # column types: text, number, rich_text
                    ("code", {"language": "python", "caption": "…", "code": "…"}),  # python sql r json csv shell
                    ("glossary_term", {"term": "…", "definition": "<p>…</p>"}),
                    ("check_understanding", {"question": "…", "options": [
                        {"text": "…", "is_correct": True, "feedback": "…"},
                        {"text": "…", "is_correct": False, "feedback": "…"},
                    ]}),
                ],
            },
        ],
        "quiz": QUIZ,                              # optional: plain data, see below
    }

A course's QUIZ is plain data here, beside the text it tests: courses publishes only the course
and its modules, and `assessments.demo` (which may import courses; courses never imports
assessments) publishes the quiz page under the course. Its shape:

    QUIZ = {
        "title": "Open data essentials quiz",
        "slug": "quiz",
        "introduction": "<p>…</p>",                # inline rich text: p, b, i, a
        "settings": {"pass_mark": 80, "draw_count": 8, "shuffle_choices": True, "max_attempts": 0,
                     "wait_after_fail_minutes": 60, "time_limit_minutes": None, "review": "immediately"},
        "questions": [                             # 10 to 12; an attempt draws `draw_count` of them
            {"type": "single_choice",              # or "multiple_choice" (select all that apply)
             "question": "…",
             "choices": [("text", True, "feedback on this choice"), ("text", False, "…")],
             "explanation": "<p>Why, in the course's own terms.</p>"},
            {"type": "true_false", "statement": "…", "answer": False,
             "feedback_true": "…", "feedback_false": "…", "explanation": "<p>…</p>"},
        ],
    }
"""

TOPICS = {
    "open-data": ("Open data", "Publishing and using government data that anyone can access, use and share."),
    "information-management": (
        "Information management",
        "Keeping, finding, sharing and disposing of government information lawfully and safely.",
    ),
    "technology-policy": (
        "Technology policy",
        "How technology changes what government can do, and how government shapes technology.",
    ),
    "digital-communication": (
        "Digital communication",
        "Social media, online networks and talking with the public in real time.",
    ),
    "data-analysis": ("Data analysis", "Using evidence and data to design, test and evaluate policy."),
    "security-and-privacy": (
        "Security and privacy",
        "Protecting information and people: classifications, data protection and cyber security.",
    ),
}

# Diagrams the demo loader draws itself (no downloads): key -> description.
DEMO_IMAGES = {
    "five-star-open-data": "The five-star scheme for open data, as a staircase from 1 to 5 stars.",
    "records-lifecycle": "The life of a record: create, use, store, review, then dispose or transfer to the archives.",
    "chat-queue": "A live chat queue: waiting customers, advisers and the average wait.",
}
