"""Information management crash course: compulsory awareness training for everyone in government."""

RECORDS = {
    "slug": "records-and-why-they-matter",
    "title": "Records and why they matter",
    "estimated_minutes": 15,
    "body": [
        (
            "text",
            "<h2>What a record is</h2>"
            "<p>A record is information you create or receive in the course of your work and keep as evidence of "
            "what was done. The format does not matter. A record can be an email, a minute, a spreadsheet, a chat "
            "message, a recording of a meeting or a handwritten note.</p>"
            "<p>Not everything you handle is a record. A meeting invitation, a copy of a published document or a "
            "draft shared for a quick comment usually is not. Ask yourself: would someone later need this to "
            "understand what happened, why, and who decided? If the answer is yes, it is a record, and you must "
            "keep it where your organisation can find it.</p>"
            "<p>Usually the person or team leading a piece of work keeps its records. If you are only copied in "
            "for information, the lead team normally keeps the record, not you.</p>"
            "<h3>Examples of records</h3>"
            "<ul>"
            "<li>a ministerial submission and the minister's response</li>"
            "<li>the advice behind a funding decision, including the options you rejected</li>"
            "<li>a signed contract and the evaluation of the bids</li>"
            "<li>an email agreeing a change to a policy or process</li>"
            "<li>a chat message in which a decision was made</li>"
            "</ul>",
        ),
        (
            "glossary_term",
            {
                "term": "Record",
                "definition": (
                    "<p>Information created, received and kept as evidence of the work of an organisation, "
                    "whatever its format.</p>"
                ),
            },
        ),
        (
            "text",
            "<h2>The public record</h2>"
            "<p>Records created by government departments are public records under the Public Records Act 1958. "
            "They belong to the Crown, not to you or your team. While you do your job, you look after them on the "
            "public's behalf. Deleting them outside the rules, taking them with you when you leave, or keeping "
            "them where nobody else can find them all break that trust.</p>"
            "<p>A small proportion of public records are selected for permanent preservation at The National "
            "Archives. They become part of the nation's memory, open to historians and the public.</p>"
            "<h2>Why records matter</h2>"
            "<h3>Evidence of decisions</h3>"
            "<p>Government must be able to show how and why it reached its decisions. Parliament, courts, "
            "auditors, public inquiries and the public may all ask. A decision with no record behind it is hard "
            "to defend, however sound it was.</p>"
            "<h3>Business value</h3>"
            "<p>Good records save time and money. A new colleague can pick up a piece of work without starting "
            "again. Teams avoid repeating analysis, and lessons from past projects survive when people move on. "
            "Around one in ten civil servants leaves each year; the records have to stay.</p>"
            "<h3>Legal duties</h3>"
            "<p>Records let your organisation answer Freedom of Information requests and subject access requests, "
            "meet its contractual and financial obligations, and show that it followed the law.</p>",
        ),
        (
            "inset",
            {
                "text": (
                    "<p>Save records in your organisation's official records system or shared team sites. Your "
                    "desktop, a personal drive and your inbox are not records systems.</p>"
                ),
            },
        ),
        (
            "check_understanding",
            {
                "question": "Which of these are most likely to be records? Select all that apply.",
                "options": [
                    {
                        "text": "An email from your director agreeing to extend a contract.",
                        "is_correct": True,
                        "feedback": "It is evidence of a decision, who made it and when.",
                    },
                    {
                        "text": "A calendar invitation to a weekly team catch-up.",
                        "is_correct": False,
                        "feedback": "It has no lasting value as evidence, so it is not normally a record.",
                    },
                    {
                        "text": "A chat message in which your team agreed to change eligibility rules for a grant.",
                        "is_correct": True,
                        "feedback": "The format does not matter. A decision made in a chat is still a record.",
                    },
                    {
                        "text": "A copy of a GOV.UK guidance page you saved for reference.",
                        "is_correct": False,
                        "feedback": "The publisher holds the record. Your copy is for convenience only.",
                    },
                ],
            },
        ),
    ],
}

RETENTION = {
    "slug": "retention-and-disposal",
    "title": "Retention, disposal and The National Archives",
    "estimated_minutes": 20,
    "body": [
        (
            "text",
            "<h2>The life of a record</h2>"
            "<p>Every record goes through the same stages. You create it, use it and store it. At some point it "
            "is reviewed. Then it is either destroyed or transferred to the archives. The stages apply to every "
            "format, from paper files to chat messages.</p>",
        ),
        (
            "image",
            {
                "image": "records-lifecycle",
                "alt_text": (
                    "A diagram of the life of a record in stages: create, use, store and review, then either "
                    "dispose of the record or transfer it to the archives."
                ),
                "caption": "The life of a record, from creation to disposal or transfer to the archives.",
            },
        ),
        (
            "text",
            "<h2>Retention schedules</h2>"
            "<p>A retention schedule says how long each type of record must be kept and what happens to it at the "
            "end. Every department has one, and most publish theirs on GOV.UK. Retention periods come from the "
            "law, such as time limits for legal claims, from audit and financial rules, and from business "
            "need.</p>"
            "<p>Keeping records too long is a risk too. UK GDPR says personal data must not be kept for longer "
            "than you need it. Old records cost money to store, slow down searches and can still be requested "
            "under Freedom of Information.</p>"
            "<p>The schedule applies to the information, whatever its format. A contract saved as a PDF on a team "
            "site has the same retention period as a paper copy in a file.</p>",
        ),
        (
            "table",
            {
                "caption": "An illustrative extract from a departmental retention schedule",
                "columns": [("text", "Type of record"), ("text", "Keep for"), ("text", "Then")],
                "rows": [
                    ["Routine team administration, such as rotas", "2 years", "Destroy"],
                    ["Invoices and payment records", "Current financial year plus 6 years", "Destroy"],
                    ["Contracts signed in the normal way", "6 years after the contract ends", "Destroy"],
                    ["Contracts made as deeds", "12 years after the contract ends", "Destroy"],
                    ["Policy development files", "5 years after the file is closed", "Review"],
                    [
                        "Ministerial submissions and decisions",
                        "Until appraisal, within 20 years",
                        "Transfer to The National Archives if selected",
                    ],
                ],
            },
        ),
        (
            "text",
            "<p>Always use your own department's schedule. The extract above is an example only.</p>"
            "<h2>Disposal</h2>"
            "<p>Disposal means carrying out the action the schedule sets: usually secure destruction, sometimes "
            "transfer. It should be deliberate and documented, so you can show what was destroyed, when and "
            "under which rule. Many systems now apply retention automatically.</p>"
            "<p>Use your organisation's approved methods, such as confidential waste for paper. Deleting a file "
            "from your own folder may not remove other copies, such as attachments in colleagues' inboxes.</p>"
            "<p>Do not destroy records early because storage is full or the subject is awkward. Never destroy "
            "anything covered by an information request, a legal hold or an inquiry, even if its retention "
            "period has ended.</p>",
        ),
        (
            "warning",
            {
                "text": (
                    "It is a criminal offence under section 77 of the Freedom of Information Act 2000 to alter, "
                    "erase, destroy or conceal a record to prevent its disclosure after a request has been made."
                ),
            },
        ),
        (
            "text",
            "<h2>Review</h2>"
            "<p>Some records cannot be given a fixed period in advance. They are reviewed, often a few years "
            "after the file closes, to decide whether to destroy them, keep them longer or select them for "
            "permanent preservation. Your knowledge and information management team runs reviews, and may ask "
            "you what a file is about and whether it is still needed.</p>"
            "<h2>Transfer to The National Archives</h2>"
            "<p>Under the Public Records Act 1958, records selected for their historical value are transferred "
            "to The National Archives or another approved place of deposit. Departments must transfer them by "
            "the time they are 20 years old. Most transferred records are then open to the public, unless an "
            "exemption under the Freedom of Information Act still applies.</p>",
        ),
        (
            "glossary_term",
            {
                "term": "Departmental records officer",
                "definition": (
                    "<p>The person in each department responsible for its records, including selecting records "
                    "and transferring them to The National Archives.</p>"
                ),
            },
        ),
        (
            "check_understanding",
            {
                "question": (
                    "The retention period for a file ended last month. Today your department receives a Freedom of "
                    "Information request that covers it. What should you do?"
                ),
                "options": [
                    {
                        "text": "Destroy the file now, because its retention period has ended.",
                        "is_correct": False,
                        "feedback": (
                            "Once a request covers information, you must keep it. Destroying it to avoid "
                            "disclosure is a criminal offence."
                        ),
                    },
                    {
                        "text": "Keep the file until the request, and any complaint or appeal, has been dealt with.",
                        "is_correct": True,
                        "feedback": "Disposal waits until the request is fully closed.",
                    },
                    {
                        "text": "Move the file to your personal drive so that it falls outside the request.",
                        "is_correct": False,
                        "feedback": "The request covers information your department holds, wherever it is stored.",
                    },
                ],
            },
        ),
    ],
}

FREEDOM_OF_INFORMATION = {
    "slug": "freedom-of-information",
    "title": "Freedom of Information and subject access",
    "estimated_minutes": 20,
    "body": [
        (
            "text",
            "<h2>The right to know</h2>"
            '<p>The <a href="https://www.legislation.gov.uk/ukpga/2000/36/contents">Freedom of Information Act '
            "2000</a> gives anyone the right to ask for information held by public authorities. The requester can "
            "be anyone, anywhere in the world. They do not have to say why they want it or mention the Act. A "
            "request must be in writing, give a name and an address for the reply, and describe the information. "
            "An email or a social media message can be a valid request.</p>"
            "<p>Requests for environmental information fall under the Environmental Information Regulations 2004 "
            "instead. Scottish public authorities are covered by the Freedom of Information (Scotland) Act 2002.</p>"
            "<h3>Time limits</h3>"
            "<p>Your organisation must respond promptly, and within 20 working days. In that time it must say "
            "whether it holds the information and either provide it or explain why not. The clock starts when "
            "the organisation receives the request, not when it reaches the right person. If a request comes to "
            "you, pass it to your FOI team the same day.</p>"
            "<h2>Exemptions and the public interest test</h2>"
            "<p>The Act lets authorities withhold some information under exemptions. There are two kinds:</p>"
            "<ul>"
            "<li><b>absolute exemptions</b>, such as information already reasonably accessible to the requester, "
            "or information supplied by or about the security bodies</li>"
            "<li><b>qualified exemptions</b>, such as information about the formulation of government policy, or "
            "information that would harm commercial interests</li>"
            "</ul>"
            "<p>A qualified exemption applies only if the public interest in withholding the information "
            "outweighs the public interest in releasing it. If the two are evenly balanced, the information is "
            "released. Embarrassment to the department or to ministers is not a reason to withhold.</p>",
        ),
        (
            "glossary_term",
            {
                "term": "Public interest test",
                "definition": (
                    "<p>Weighing the public interest in withholding information against the public interest in "
                    "releasing it, before a qualified exemption can be used.</p>"
                ),
            },
        ),
        (
            "text",
            "<h2>Everything you write may be requested</h2>"
            "<p>The Act covers recorded information your organisation holds, not just finished documents. Emails, "
            "drafts, comments in the margin, meeting notes, chat messages and text messages can all be in scope. "
            "So can government business done on a personal phone or email account. Write every message as if a "
            "journalist, a judge or the person you are writing about could read it one day.</p>"
            "<h2>Subject access requests</h2>"
            "<p>Under UK GDPR, people have the right to a copy of their own personal data. This is a subject "
            "access request. It can be made to anyone in your organisation, in writing or verbally, and does not "
            "have to use particular words. You must respond within one month. This can be extended by up to two "
            "more months if requests are complex or numerous.</p>"
            "<p>For both kinds of request, you may be asked to search for information quickly. Search everywhere "
            "it might be, including chats, shared sites and your inbox.</p>",
        ),
        (
            "table",
            {
                "caption": "Freedom of Information requests and subject access requests compared",
                "columns": [("text", "Question"), ("text", "FOI request"), ("text", "Subject access request")],
                "rows": [
                    ["Who can ask?", "Anyone", "The person the data is about, or someone acting for them"],
                    ["What do they get?", "Recorded information, unless exempt", "A copy of their own personal data"],
                    ["Which law?", "Freedom of Information Act 2000", "UK GDPR and the Data Protection Act 2018"],
                    ["How can they ask?", "In writing, including email", "In writing or verbally"],
                    ["How long do you have?", "20 working days", "One month, extendable by 2 months"],
                ],
            },
        ),
        (
            "check_understanding",
            {
                "question": (
                    "A journalist emails you asking for all messages about a project's closure. The email does not "
                    "mention the Freedom of Information Act. What should you do?"
                ),
                "options": [
                    {
                        "text": "Ignore it, because it does not mention the Act.",
                        "is_correct": False,
                        "feedback": "A request does not have to mention the Act to be valid.",
                    },
                    {
                        "text": "Forward it to your FOI team today.",
                        "is_correct": True,
                        "feedback": "The 20 working days started when your organisation received the email.",
                    },
                    {
                        "text": "Delete informal messages about the project before anyone looks for them.",
                        "is_correct": False,
                        "feedback": "Deleting information to prevent disclosure is a criminal offence.",
                    },
                    {
                        "text": "Send the journalist everything you hold straight away.",
                        "is_correct": False,
                        "feedback": (
                            "The FOI team must check for exemptions and personal data before anything is released."
                        ),
                    },
                ],
            },
        ),
    ],
}

SECURITY = {
    "slug": "security-classifications",
    "title": "Security classifications",
    "estimated_minutes": 20,
    "body": [
        (
            "text",
            "<h2>Three classifications</h2>"
            "<p>The Government Security Classifications Policy puts government information into three levels. "
            "The level depends on the threats the information faces and the harm that could follow if it were "
            "lost, stolen or disclosed.</p>"
            "<ul>"
            "<li><b>OFFICIAL</b> covers most information that government creates or handles, including routine "
            "business, policy and service delivery. It still needs protecting, with standard tools and "
            "care.</li>"
            "<li><b>SECRET</b> covers very sensitive information that needs extra protection against highly "
            "capable threats, such as serious organised criminals or hostile states.</li>"
            "<li><b>TOP SECRET</b> covers the most sensitive information, which needs the highest protection "
            "against the most serious threats.</li>"
            "</ul>"
            "<p>The great majority of government information is OFFICIAL. Most people rarely or never handle "
            "SECRET or TOP SECRET material, and need the right security clearance and training before they "
            "do.</p>"
            "<h2>OFFICIAL-SENSITIVE</h2>"
            "<p>OFFICIAL-SENSITIVE is not a fourth classification. It is a marking for the small amount of "
            "OFFICIAL information that could cause more damage if people without a need to know saw it. Examples "
            "include sensitive personal data, commercial negotiations and unannounced policy. When you handle "
            "it:</p>"
            "<ul>"
            "<li>mark it clearly, in the document and in the email subject line</li>"
            "<li>share it only with people who need to know, and check every recipient before you send</li>"
            "<li>store it in folders with restricted access, not on open team sites</li>"
            "<li>do not discuss it where you can be overheard, including on calls in public places</li>"
            "<li>lock your screen, and do not leave papers on desks or printers</li>"
            "</ul>"
            "<h3>Getting the level right</h3>"
            "<p>Classify information by the harm its compromise could cause, not by how important it feels or who "
            "wrote it. Over-classifying makes information harder to share with people who need it. "
            "Under-classifying puts it at risk. Large collections of OFFICIAL information, such as a whole "
            "customer database, may need more protection than a single record. If you think something you "
            "receive is wrongly marked, talk to the person who created it. Do not change the marking "
            "yourself.</p>",
        ),
        (
            "glossary_term",
            {
                "term": "Need to know",
                "definition": (
                    "<p>The principle that people get access to sensitive information only if they need it for "
                    "their work. Seniority or security clearance alone is not enough.</p>"
                ),
            },
        ),
        (
            "table",
            {
                "caption": "How to handle information at each level: a summary",
                "columns": [("text", "Level"), ("text", "Typical examples"), ("text", "Key handling rules")],
                "rows": [
                    [
                        "OFFICIAL",
                        "Routine correspondence, most policy work, service data",
                        "Use your organisation's systems; no marking is needed",
                    ],
                    [
                        "OFFICIAL-SENSITIVE (a marking)",
                        "Sensitive personal data, negotiations, unannounced policy",
                        "Mark it, share on a need-to-know basis, restrict access",
                    ],
                    [
                        "SECRET",
                        "Intelligence reports, serious crime investigations",
                        "Clearance needed; accredited systems only, never OFFICIAL email",
                    ],
                    [
                        "TOP SECRET",
                        "The most sensitive intelligence and defence information",
                        "Highest clearance; specialist systems and secure premises",
                    ],
                ],
            },
        ),
        (
            "text",
            "<h2>Email and messaging</h2>"
            "<p>Your organisation's email is approved for OFFICIAL information, including OFFICIAL-SENSITIVE "
            "with care. Check every address before you send, especially when autocomplete suggests one. Never "
            "forward work email to a personal account. SECRET and TOP SECRET information must never go on "
            "OFFICIAL systems: it needs separate, accredited systems.</p>"
            "<p>Messaging apps are not a safe place for sensitive information. Never use them for SECRET or TOP "
            "SECRET material, and check your department's policy before using them for anything "
            "OFFICIAL-SENSITIVE. The next module covers messaging apps in more detail.</p>",
        ),
        (
            "warning",
            {
                "text": (
                    "If you lose a device or papers, or send information to the wrong person, report it to your "
                    "security team straight away. Reporting quickly limits the harm, to people and to your "
                    "organisation."
                ),
            },
        ),
        (
            "check_understanding",
            {
                "question": (
                    "You need to email a colleague in another department a spreadsheet of named benefit claimants "
                    "and their health conditions. What applies? Select all that apply."
                ),
                "options": [
                    {
                        "text": "Mark it OFFICIAL-SENSITIVE.",
                        "is_correct": True,
                        "feedback": "Sensitive personal data like this is a typical use of the marking.",
                    },
                    {
                        "text": "Classify it SECRET, because it contains health data.",
                        "is_correct": False,
                        "feedback": "Personal data, even sensitive data, is normally OFFICIAL, with the marking.",
                    },
                    {
                        "text": "Check the address, and that the recipient needs every column.",
                        "is_correct": True,
                        "feedback": "Need to know applies to the detail you share, not just to the person.",
                    },
                    {
                        "text": "Use your personal email if the work system is slow.",
                        "is_correct": False,
                        "feedback": "Personal accounts are never acceptable for government information.",
                    },
                ],
            },
        ),
    ],
}

COLLABORATION = {
    "slug": "collaboration-tools-and-messaging",
    "title": "Collaboration tools and messaging apps",
    "estimated_minutes": 15,
    "body": [
        (
            "text",
            "<h2>Where work happens now</h2>"
            "<p>Much government work now happens in collaboration tools: shared documents, team sites, chat "
            "channels and video calls. People also use messaging apps and text messages. These tools are quick "
            "and convenient. Used well, they make work easier to find and share. The rules on records, Freedom of "
            "Information and security apply to everything in them.</p>"
            "<h2>Collaboration tools</h2>"
            "<h3>Store work where others can find it</h3>"
            "<ul>"
            "<li>Save documents in shared team sites or your records system, not on your device or in a personal "
            "drive. Personal storage is usually deleted when you leave.</li>"
            "<li>Share a link to one copy rather than attaching copies to emails, so everyone works on the "
            "current version.</li>"
            "<li>Give files clear names that say what they are, with dates written as YYYY-MM-DD.</li>"
            "<li>Set permissions deliberately. Check who can see a site before you add OFFICIAL-SENSITIVE "
            "material, and remove guest access when work with outside partners ends.</li>"
            "</ul>"
            "<h3>Chats and meetings</h3>"
            "<p>Chat messages, meeting recordings and transcripts are information your organisation holds. They "
            "can be requested under Freedom of Information and in subject access requests. Your organisation may "
            "delete chat messages automatically after a set time. If a chat contains a decision, or the reasons "
            "for one, record it properly in a short note or email to the file.</p>"
            "<p>Record or transcribe a meeting only when there is a reason to, and tell people before you "
            "start.</p>"
            "<p>Post work in team channels rather than private chats, so that colleagues can see it and it stays "
            "with the team's records. Keep chat professional. A frank remark about a colleague, supplier or member "
            "of the public can be disclosed just like an email.</p>"
            "<h2>Messaging apps and personal devices</h2>"
            "<p>Cabinet Office guidance covers non-corporate communication channels, such as WhatsApp, Signal, "
            "text messages and personal email. The main points:</p>"
            "<ul>"
            "<li>Use your organisation's systems for government business wherever you can. Use other channels "
            "only where your department's policy allows it and there is a good reason.</li>"
            "<li>Never use them for SECRET or TOP SECRET information.</li>"
            "<li>If a message records a decision, advice or other substantive business, copy it into the "
            "official record promptly, for example as a note to file.</li>"
            "<li>Do not turn on disappearing messages for government business unless your department's policy "
            "allows it.</li>"
            "<li>Never delete messages to avoid a request or an inquiry.</li>"
            "</ul>"
            "<p>Before you leave or change role, make sure anything of value in your chats, personal storage or "
            "apps is in the official record.</p>",
        ),
        (
            "glossary_term",
            {
                "term": "Non-corporate communication channel",
                "definition": (
                    "<p>Any way of communicating that your organisation does not provide or manage, such as "
                    "WhatsApp, Signal, text messages and personal email accounts.</p>"
                ),
            },
        ),
        (
            "inset",
            {
                "text": (
                    "<p>A quick test: if this conversation mattered to an inquiry in five years' time, could your "
                    "organisation find it? If not, put it on the record now.</p>"
                ),
            },
        ),
        (
            "check_understanding",
            {
                "question": (
                    "Your director agrees a change to a funding decision in a WhatsApp message to you. What should "
                    "you do?"
                ),
                "options": [
                    {
                        "text": "Nothing. WhatsApp messages are private.",
                        "is_correct": False,
                        "feedback": (
                            "Messages about government business can be requested under Freedom of Information and "
                            "by inquiries, whatever app they are in."
                        ),
                    },
                    {
                        "text": "Record the decision promptly in the official record: who decided what, when and why.",
                        "is_correct": True,
                        "feedback": "The decision is a record and must be kept where your organisation can find it.",
                    },
                    {
                        "text": "Set the chat to delete messages after 24 hours to keep things tidy.",
                        "is_correct": False,
                        "feedback": "This risks losing a record of a decision before it reaches the official record.",
                    },
                ],
            },
        ),
    ],
}
QUIZ = {
    "title": "Information management crash course quiz",
    "slug": "quiz",
    "introduction": (
        "<p>The questions cover all five modules: records, retention and disposal, Freedom of Information and "
        "subject access, security classifications, and collaboration tools and messaging apps.</p>"
    ),
    "settings": {
        "pass_mark": 80,
        "draw_count": 8,
        "shuffle_choices": True,
        "max_attempts": 0,
        "wait_after_fail_minutes": 24 * 60,
        "time_limit_minutes": 20,
        "review": "immediately",
    },
    "questions": [
        {
            "type": "single_choice",
            "question": "What makes a piece of information a record?",
            "choices": [
                (
                    "You created or received it in the course of your work, and it is kept as evidence of what was "
                    "done, whatever its format",
                    True,
                    "Right. Ask: would someone later need this to understand what happened, why, and who decided?",
                ),
                (
                    "It is a finished document saved in a formal format such as PDF",
                    False,
                    "The format does not matter: an email, a chat message or a handwritten note can be a record.",
                ),
                (
                    "A senior manager has signed it",
                    False,
                    "A signature is not what makes a record. An email agreeing a change to a process is one.",
                ),
                (
                    "It is marked OFFICIAL-SENSITIVE",
                    False,
                    "The marking is about the harm if information were compromised, not whether it is a record.",
                ),
            ],
            "explanation": (
                "<p>A record is information you create or receive in the course of your work and keep as evidence "
                "of what was done. The format does not matter: an email, a minute, a spreadsheet, a chat message "
                "or a handwritten note can all be records. Ask yourself: would someone later need this to "
                "understand what happened, why, and who decided? If so, keep it where your organisation can find "
                "it.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": (
                "If you are only copied in on an email for information, you are normally the person who keeps it "
                "as the record."
            ),
            "answer": False,
            "feedback_true": "Usually the person or team leading the work keeps its records, not those copied in.",
            "feedback_false": "Right. The lead team normally keeps the record.",
            "explanation": (
                "<p>Usually the person or team leading a piece of work keeps its records. If you are only copied in "
                "for information, the lead team normally keeps the record, not you. Records belong in your "
                "organisation's records system or shared team sites, not your desktop, a personal drive or your "
                "inbox.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": "Why does government need to keep good records? Select all that apply.",
            "choices": [
                (
                    "It must be able to show how and why it reached its decisions",
                    True,
                    "Parliament, courts, auditors, inquiries and the public may all ask.",
                ),
                (
                    "A new colleague can pick up a piece of work without starting again",
                    True,
                    "Around one in ten civil servants leaves each year; the records have to stay.",
                ),
                (
                    "It can answer Freedom of Information and subject access requests",
                    True,
                    "Records are how your organisation meets these legal duties.",
                ),
                (
                    "Records belong to the team that made them, so they can take them when they move",
                    False,
                    "Public records belong to the Crown, not to you or your team. Taking them with you breaks trust.",
                ),
            ],
            "explanation": (
                "<p>Records are evidence of decisions (a decision with no record behind it is hard to defend, "
                "however sound it was), they have business value (work can be picked up and lessons survive when "
                "people move on), and they let your organisation meet its legal duties. Records created by "
                "government departments are public records under the Public Records Act 1958: they belong to the "
                "Crown.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": "Why is keeping records for longer than their retention period a risk? Select all that apply.",
            "choices": [
                (
                    "UK GDPR says personal data must not be kept for longer than you need it",
                    True,
                    "Holding personal data too long breaks data protection law.",
                ),
                (
                    "Old records cost money to store and slow down searches",
                    True,
                    "Both are real costs of over-keeping.",
                ),
                (
                    "They can still be requested under Freedom of Information",
                    True,
                    "Information you hold is in scope, however old it is.",
                ),
                (
                    "Records past their retention period are exempt from Freedom of Information, so must be destroyed",
                    False,
                    "There is no such exemption: information you hold can be requested, however old it is.",
                ),
            ],
            "explanation": (
                "<p>A retention schedule says how long each type of record must be kept and what happens to it at "
                "the end. Keeping records too long is a risk too: UK GDPR says personal data must not be kept for "
                "longer than you need it, old records cost money to store and slow down searches, and they can "
                "still be requested under Freedom of Information.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": (
                "It is a criminal offence to destroy a record in order to prevent its disclosure after a Freedom of "
                "Information request has been made."
            ),
            "answer": True,
            "feedback_true": "Right. Section 77 of the Freedom of Information Act 2000 makes it an offence.",
            "feedback_false": (
                "It is an offence, under section 77 of the Act, even if the record's retention period has ended."
            ),
            "explanation": (
                "<p>Under section 77 of the Freedom of Information Act 2000 it is a criminal offence to alter, "
                "erase, destroy or conceal a record to prevent its disclosure after a request has been made. Never "
                "destroy anything covered by an information request, a legal hold or an inquiry, even if its "
                "retention period has ended.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": (
                "Records selected for their historical value go to The National Archives. By what age must "
                "departments transfer them?"
            ),
            "choices": [
                ("10 years", False, "Earlier than the law requires; the Public Records Act 1958 sets 20 years."),
                ("20 years", True, "Right. Most transferred records are then open to the public."),
                ("50 years", False, "Much later than the law allows: the limit is 20 years."),
                ("Only when the department closes", False, "Transfer is set by the records' age, not by events."),
            ],
            "explanation": (
                "<p>Under the Public Records Act 1958, records selected for their historical value are transferred "
                "to The National Archives or another approved place of deposit, by the time they are 20 years old. "
                "Most are then open to the public, unless an exemption under the Freedom of Information Act still "
                "applies. Each department's records officer selects and transfers them.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": (
                "A Freedom of Information request arrives in your inbox on Monday, but you are the wrong person to "
                "answer it. When did the 20 working days start?"
            ),
            "choices": [
                (
                    "On Monday, when your organisation received it",
                    True,
                    "Right. Pass it to your FOI team the same day.",
                ),
                (
                    "When it reaches the FOI team",
                    False,
                    "The clock starts when the organisation receives it, not when it reaches the right person.",
                ),
                (
                    "When the requester explains why they want the information",
                    False,
                    "Requesters do not have to say why they want information.",
                ),
                (
                    "When the information has been found",
                    False,
                    "Searching happens inside the 20 working days, not before them.",
                ),
            ],
            "explanation": (
                "<p>Your organisation must respond promptly, and within 20 working days: say whether it holds the "
                "information and either provide it or explain why not. The clock starts when the organisation "
                "receives the request, not when it reaches the right person, so if a request comes to you, pass it "
                "to your FOI team the same day.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": "Which of these can be a valid Freedom of Information request? Select all that apply.",
            "choices": [
                (
                    "An email from someone overseas that does not mention the Act",
                    True,
                    "Anyone, anywhere, can ask, and they need not mention the Act.",
                ),
                (
                    "A social media message that gives the requester's name and describes the information",
                    True,
                    "A social media message can be a valid request.",
                ),
                (
                    "A letter describing the information that does not say why it is wanted",
                    True,
                    "Requesters do not have to give a reason.",
                ),
                (
                    "A phone call asking for a copy of a report",
                    False,
                    "An FOI request must be in writing. (A subject access request can be made verbally.)",
                ),
            ],
            "explanation": (
                "<p>The Freedom of Information Act 2000 gives anyone, anywhere in the world, the right to ask for "
                "information held by public authorities. They do not have to say why or mention the Act. A request "
                "must be in writing, give a name and an address for the reply, and describe the information: an "
                "email or a social media message can be valid.</p>"
            ),
        },
        {
            "type": "true_false",
            "statement": (
                "Information can be withheld under a qualified exemption whenever releasing it would embarrass "
                "ministers."
            ),
            "answer": False,
            "feedback_true": "Embarrassment to the department or to ministers is not a reason to withhold.",
            "feedback_false": "Right. A qualified exemption needs the public interest test first.",
            "explanation": (
                "<p>A qualified exemption, such as one for the formulation of government policy, applies only if "
                "the public interest in withholding the information outweighs the public interest in releasing "
                "it. If the two are evenly balanced, the information is released. Embarrassment to the department "
                "or to ministers is not a reason to withhold.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "How long does your organisation have to respond to a subject access request?",
            "choices": [
                (
                    "One month, which can be extended by up to two more months if requests are complex or numerous",
                    True,
                    "Right. The request can be made to anyone in your organisation, in writing or verbally.",
                ),
                ("20 working days", False, "That is the limit for Freedom of Information requests."),
                ("Three months in every case", False, "Three months is the most, and only with an extension."),
                ("There is no time limit", False, "UK GDPR sets one month, extendable by up to two more."),
            ],
            "explanation": (
                "<p>Under UK GDPR, people have the right to a copy of their own personal data: a subject access "
                "request. It can be made to anyone in your organisation, in writing or verbally, in any words. You "
                "must respond within one month, which can be extended by up to two more months if requests are "
                "complex or numerous.</p>"
            ),
        },
        {
            "type": "single_choice",
            "question": "What is OFFICIAL-SENSITIVE?",
            "choices": [
                (
                    "A marking for the small amount of OFFICIAL information that could cause more damage if people "
                    "without a need to know saw it",
                    True,
                    "Right. Examples include sensitive personal data, negotiations and unannounced policy.",
                ),
                (
                    "A fourth classification, between OFFICIAL and SECRET",
                    False,
                    "There are three classifications. OFFICIAL-SENSITIVE is a marking within OFFICIAL.",
                ),
                (
                    "The classification for all personal data",
                    False,
                    "Most personal data is plain OFFICIAL; the marking is for the sensitive part.",
                ),
                (
                    "A marking that allows the information to be sent on messaging apps",
                    False,
                    "Check your department's policy before putting OFFICIAL-SENSITIVE information on a messaging app.",
                ),
            ],
            "explanation": (
                "<p>The three classifications are OFFICIAL, SECRET and TOP SECRET, set by the harm that could "
                "follow if information were compromised. OFFICIAL-SENSITIVE is not a fourth classification: it "
                "marks the small amount of OFFICIAL information that could cause more damage if people without a "
                "need to know saw it. Mark it clearly, share it only with people who need to know, and store it "
                "with restricted access.</p>"
            ),
        },
        {
            "type": "multiple_choice",
            "question": (
                "Which of these follow the guidance on collaboration tools and messaging apps? Select all that apply."
            ),
            "choices": [
                (
                    "Copying a decision made in a chat into the official record promptly",
                    True,
                    "A decision is a record, wherever it was made.",
                ),
                (
                    "Sharing a link to one copy of a document rather than attaching copies",
                    True,
                    "Everyone then works on the current version.",
                ),
                (
                    "Turning on disappearing messages for government business to keep chats tidy",
                    False,
                    "Not unless your department's policy allows it: records of decisions could be lost.",
                ),
                (
                    "Keeping working files on your own device so that they are safe",
                    False,
                    "Personal storage is usually deleted when you leave. Save work in shared team sites.",
                ),
            ],
            "explanation": (
                "<p>Save work where others can find it, share links to one copy, and record decisions and their "
                "reasons properly: a chat message that records a decision belongs in the official record. Do not "
                "turn on disappearing messages for government business unless your department's policy allows it, "
                "and never delete messages to avoid a request or an inquiry.</p>"
            ),
        },
    ],
}

COURSE = {
    "slug": "information-management-crash-course",
    "title": "Information management crash course",
    "summary": (
        "The essentials of handling government information for everyone in the civil service: records, retention "
        "and disposal, Freedom of Information and subject access, security classifications, and collaboration "
        "tools and messaging apps."
    ),
    "learning_outcomes": [
        "explain what a record is and why government must keep good records",
        "follow a retention schedule, and know when records are destroyed, reviewed or sent to The National Archives",
        "recognise a Freedom of Information request or subject access request and pass it on in time",
        "handle OFFICIAL and OFFICIAL-SENSITIVE information safely, including on email",
        "use collaboration tools and messaging apps for government business without losing the record",
    ],
    "topics": ["information-management", "security-and-privacy"],
    "level": "awareness",
    "duration_minutes": 90,
    "cpd_hours": "1.5",
    "audience": (
        "Everyone who works in government, at every grade and in every profession. This course is compulsory for "
        "all staff and must be renewed every 24 months."
    ),
    "prerequisites": [],
    "modules": [RECORDS, RETENTION, FREEDOM_OF_INFORMATION, SECURITY, COLLABORATION],
    "quiz": QUIZ,
}
