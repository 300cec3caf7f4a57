"""Line cues of page structure in plain text: bylines, bios, comment headers, boilerplate.

Each function looks at one stripped line; none looks at a specific site.
"""

from __future__ import annotations

import re

from factionmap.document.dates import parse_date

__all__ = [
    "byline_author",
    "is_bio_sentence",
    "is_boilerplate",
    "is_form_boilerplate",
    "is_comments_heading",
    "comment_header",
    "looks_like_name",
    "looks_like_title",
]

_NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:al|el|de|van|von|bin|ibn|da|di|du|le|la)[-\s]?)"
_NAME = rf"(?:(?:Prof\.?|Professor|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Sir|Dame)\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}"
_BY_RE = re.compile(
    rf"^(?i:(?:written\s+|reported\s+)?by)[:\s]+(?P<name>{_NAME}(?:\s*,?\s*(?:and|&)\s*{_NAME})*)\s*(?:$|[,|–—-]\s*\S.*$)"
)
_STAR_AUTHOR_RE = re.compile(rf"^\*\s*(?P<name>{_NAME})\s*(?:,|is\b|–|-|\|)")
_NAME_ONLY_RE = re.compile(rf"^{_NAME}$")
_BIO_RE = re.compile(
    rf"^(?i:About the author:?\s*)?{_NAME}\s+(?i:is|was|has been|serves as|teaches|writes)\s+"
    r"(?i:a|an|the|co-|currently|also|senior|former|assistant|associate|professor|director|editor|author|lecturer)"
)
_BIO_WORDS_RE = re.compile(
    r"\b(professor|lecturer|fellow|researcher|journalist|author|editor|writer|columnist|analyst|director|"
    r"co-lead|scholar|correspondent|university|institute|centre|center|department|school|college|"
    r"studies|think tank|phd|ph\.d)\b",
    re.I,
)
_COMMENTS_HEADING_RE = re.compile(
    r"^(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:thoughts?|comments?|responses?|replies|reactions?)"
    r"(?:\s+(?:on|to)\b.*)?|comments?(?:\s*\(\d+\))?|reader comments|(?:show|view|load)\s+comments?.*|discussion|"
    r"what (?:do )?(?:you|readers) think\??)\s*[:.]?$",
    re.I,
)
_FORM_RE = re.compile(
    r"^(?:leave a (?:reply|comment|response)|post a comment|add (?:a|your) comment|join the (?:discussion|conversation)|"
    r"your email address will not be published|required fields are marked|cancel reply|post comment|submit comment|"
    r"notify me of (?:follow-up comments|new (?:comments|posts))|save my name, email|you must be logged in to post|"
    r"this site uses akismet|want to join the discussion|feel free to contribute|comments? (?:are )?powered by|"
    r"comment on this (?:story|article|post)|all comments|(?:show|hide|view|load) (?:all )?comments?|"
    r"comments? (?:are|is) closed|be the first to comment|sign in to comment|log in to comment)",
    re.I,
)
_BOILER_RE = re.compile(
    r"^(?:log in to reply|report(?: comment| abuse)?|permalink|upvote|downvote|\d+ likes?|"
    r"share(?: this(?: article| story)?)?|share on \w+|tweet|email|print|reply|like this:?|like|loading\.*|related(?: posts| articles| stories)?|"
    r"advertisement|sponsored|about the author|subscribe(?: now| to .*)?|sign up(?: for .*)?|follow us(?: on .*)?|read more(?: here)?|"
    r"read next|recommended|more from .*|you may also like|post navigation|previous (?:post|article)|next (?:post|article)|"
    r"tags?:.*|filed under:?.*|categories:.*|posted in [A-Z][\w&-]*(?:\s+[A-Z&][\w-]*)*(?:\s*,\s*[A-Z][\w&-]*(?:\s+[A-Z&][\w-]*)*)*|click to (?:share|print|email).*|copyright\b[^.]{0,80}?(?:©|\(c\)|\d{4}|all rights reserved).*|©.*|all rights reserved\.?|"
    r"(?:name|email|website|comment)\s*\*?|skip to (?:content|main content)|back to top|menu|search|home)\s*[:.!]?$",
    re.I,
)
_SPEAKER_LABEL_RE = re.compile(r"^[A-Z][A-Z .'-]{1,40}:\s")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_TEASER_RE = re.compile(
    r"^(?:(?:related|see more|see also|read more|also read|read also|more|watch|listen|don'?t miss|trending|"
    r"recommended|most read|popular)\s*:|don'?t miss$|related$)|"
    r"^(?:subscribe|sign up|get|join|receive|register|click|enter your email)\b.*\b(?:newsletters?|inbox)\b.*$|"
    r"^follow (?:us|[A-Z][\w ]{0,40}) on (?:twitter|facebook|instagram|youtube|linkedin)",
    re.I,
)
_SENTENCE_END_RE = re.compile(r"[.;:]\s*$")


def byline_author(line: str) -> str | None:
    """The author named by a byline ("By Jane Doe", "*Jane Doe, Professor at ..."), or None."""
    if len(line) > 200:
        return None
    match = _BY_RE.match(line) or _STAR_AUTHOR_RE.match(line)
    if not match:
        return None
    return match.group("name").strip(" ,.")


def looks_like_name(line: str) -> bool:
    """A short line that is only a person's name ("Prof. Jane Q. Doe")."""
    words = line.split()
    return 1 < len(words) <= 6 and len(line) <= 60 and bool(_NAME_ONLY_RE.match(line)) and not is_boilerplate(line)


def is_bio_sentence(line: str) -> bool:
    """An author-bio paragraph: "X is a/the ... at ..." with a profession or institution word."""
    return len(line) <= 600 and bool(_BIO_RE.match(line)) and bool(_BIO_WORDS_RE.search(line))


def is_comments_heading(line: str) -> bool:
    """"One thought on ...", "12 Comments", "Comments"."""
    return len(line) <= 300 and bool(_COMMENTS_HEADING_RE.match(line.strip("“”\"' ")))


def is_form_boilerplate(line: str) -> bool:
    """The comment form ("Leave a Reply", "Your email address will not be published")."""
    return len(line) <= 300 and bool(_FORM_RE.match(line))


def is_boilerplate(line: str) -> bool:
    """Share/subscribe/navigation lines and the comment form."""
    if len(line) > 160:
        return False
    if is_form_boilerplate(line):
        return True
    words = len(line.split())
    if words <= 20 and _TEASER_RE.search(line.strip("•·|>-–— \t")):
        return True
    return words <= 12 and bool(_BOILER_RE.match(line.strip("•·|>-–— \t")))


def comment_header(line: str) -> tuple[str | None, str] | None:
    """A dated comment header as (author or None, ISO date), or None.

    Accepts "• November 19, 2019 at 4:44 pm", "Jane Doe says: March 2, 2018 at 12:05 am",
    "Jane Doe | 19 November 2019 at 16:44"; the date must be most of the line.
    """
    if len(line) > 120 or not _YEAR_RE.search(line):
        return None
    parsed = parse_date(line)
    if parsed is None:
        return None
    iso, start, end = parsed
    before = line[:start].strip(" •·|-–—*>\t,")
    after = line[end:].strip(" •·|-–—*>\t,:")
    before = re.sub(r"\s*(?:says|said|wrote|commented|replied)?\s*(?:on|at)?\s*:?$", "", before, flags=re.I).strip(" ,")
    if after and not re.fullmatch(r"(?:says|said|wrote|reply|permalink|edit|#\d+)?[:.]?", after, re.I):
        return None
    if before and not (len(before.split()) <= 5 and not _SENTENCE_END_RE.search(before)):
        return None
    return (before or None), iso


def looks_like_title(line: str) -> bool:
    """A headline: short, no final full stop, not a byline or boilerplate."""
    words = line.split()
    if not 1 <= len(words) <= 30 or len(line) > 250:
        return False
    if line.endswith((".", ",", ";")) and not line.endswith("..."):
        return False
    if _SPEAKER_LABEL_RE.match(line):
        return False
    return byline_author(line) is None and not is_boilerplate(line)
