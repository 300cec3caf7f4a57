"""Page structure of plain-text pages and bad input."""

from __future__ import annotations

import pytest

from factionmap.document import DocumentError, body_text, build_document
from factionmap.model import RawInput, content_id

OPED = """Why the Sahel Needs More Than Soldiers – Analysis


Mali's junta has expelled French troops and turned to Russian contractors, while jihadist groups keep advancing across the border regions.

The African Union has called on the military rulers to hold elections, but the junta rejected the timetable proposed by ECOWAS.

*Jane Okafor, Senior Lecturer at the Institute of Security Studies, Dakar

Dr. Jane Okafor

Dr. Jane Okafor is a senior fellow at the Centre for Conflict Research and the author of two books on West African security.

2 thoughts on “Why the Sahel Needs More Than Soldiers – Analysis”

  • March 4, 2022 at 9:12 am

    France never helped us, the contractors will not either.

Moussa Diallo
  • 5 March 2022 at 18:30

    The ECOWAS sanctions hurt ordinary people most.

Leave a Reply

Your email address will not be published. Required fields are marked *
"""


def _sections(text: str):
    doc = build_document(RawInput("page.txt", text))
    return doc, [(s.kind, doc.section_text(s), s.author, s.published) for s in doc.sections]


def test_oped_page_is_split_into_its_parts():
    doc, sections = _sections(OPED)
    kinds = [kind for kind, *_ in sections]
    assert kinds == ["title", "body", "byline", "author_bio", "boilerplate", "comment", "comment", "boilerplate"]
    assert doc.title == "Why the Sahel Needs More Than Soldiers – Analysis"
    assert doc.author == "Jane Okafor"
    body = body_text(doc)
    assert body.startswith("Mali's junta") and body.endswith("timetable proposed by ECOWAS.")
    bio = next(text for kind, text, *_ in sections if kind == "author_bio")
    assert "senior fellow at the Centre" in bio
    comments = [(text, author, published) for kind, text, author, published in sections if kind == "comment"]
    assert "France never helped us" in comments[0][0] and comments[0][1:] == (None, "2022-03-04T09:12")
    assert "sanctions hurt" in comments[1][0] and comments[1][1:] == ("Moussa Diallo", "2022-03-05T18:30")
    assert "Your email address" in sections[-1][1]


def test_offsets_index_the_text_and_do_not_overlap():
    doc, _ = _sections(OPED)
    assert doc.text == OPED
    ends = 0
    for section in doc.sections:
        assert ends <= section.start < section.end <= len(doc.text)
        assert doc.text[section.start] != " " and not doc.text[section.end - 1].isspace()
        ends = section.end


def test_text_without_cues_is_one_body_section():
    text = "Troops crossed the river at dawn. The ministry said three soldiers were wounded in the fighting."
    doc, sections = _sections(text)
    assert sections == [("body", text, None, None)]
    assert doc.id == content_id(text)
    assert doc.language == "en"


def test_headline_needs_its_own_paragraph():
    wrapped = "Troops crossed the river at dawn and\nthe ministry said three soldiers were wounded.\n"
    _, sections = _sections(wrapped)
    assert [kind for kind, *_ in sections] == ["body"]
    titled = "Troops Cross the River\n\nThe ministry said three soldiers were wounded in the fighting.\n"
    doc, sections = _sections(titled)
    assert [kind for kind, *_ in sections] == ["title", "body"]
    assert doc.title == "Troops Cross the River"


def test_top_byline_and_dateline():
    text = "Rebels Seize Border Town\n\nBy Ana Costa and Li Wei\nJune 2, 2021\n\nRebels seized the border town on Tuesday, residents said."
    doc, sections = _sections(text)
    assert [kind for kind, *_ in sections] == ["title", "byline", "body"]
    assert doc.author == "Ana Costa and Li Wei"
    assert doc.published == "2021-06-02"


def test_body_sentence_about_a_person_stays_body_when_not_at_the_end():
    text = (
        "Talks Resume\n\nJohn Smith is a professor at the university and was among the mediators.\n\n"
        "The delegations met again on Friday and agreed to a prisoner exchange."
    )
    _, sections = _sections(text)
    assert [kind for kind, *_ in sections] == ["title", "body"]


def test_raw_metadata_wins_and_id_is_kept():
    raw = RawInput("x.jsonl:3", "Some text about the war in Yemen and the Saudi-led coalition.", id="abc", title="T", author="A")
    doc = build_document(raw)
    assert (doc.id, doc.title, doc.author, doc.name) == ("abc", "T", "A", "x.jsonl:3")


@pytest.mark.parametrize(
    "content, message",
    [("", "empty"), ("   \n\t ", "empty"), ("\x00\x01\x02binary", "binary"), ("\x07\x1b\x02\x03" * 50, "binary")],
)
def test_bad_content_raises_a_clear_error_naming_the_input(content, message):
    with pytest.raises(DocumentError, match=rf"bad\.txt: .*{message}"):
        build_document(RawInput("bad.txt", content))


def test_windows_line_endings_are_normalised():
    doc = build_document(RawInput("w.txt", "Headline Here\r\n\r\nBody text of the page that says something.\r\n"))
    assert "\r" not in doc.text
    assert [s.kind for s in doc.sections] == ["title", "body"]


def test_non_english_text_is_flagged():
    doc = build_document(RawInput("fr.txt", "Les forces gouvernementales ont repris le contrôle de la ville après trois jours de combats."))
    assert doc.language == "fr"
    assert build_document(RawInput("short.txt", "Hi there")).language is None


LONG_PARAGRAPH = (
    "The coalition said its aircraft struck weapons depots near the port, while the rebels accused it of hitting "
    "a market and vowed to retaliate against the capital within days."
)


def test_comment_link_near_the_top_does_not_swallow_the_body():
    text = f"Strikes Hit the Port\n\nLeave a comment\n\n{LONG_PARAGRAPH}\n\n{LONG_PARAGRAPH}\n"
    doc, sections = _sections(text)
    assert [kind for kind, *_ in sections] == ["title", "boilerplate", "body"]
    assert body_text(doc).count("coalition said") == 2


def test_dated_lines_in_a_timeline_stay_body():
    text = (
        f"Timeline of the Siege\n\n{LONG_PARAGRAPH}\n\nJune 5, 2019\n\nThe army encircled the town.\n\n"
        f"July 1, 2019\n\nThe first convoy of aid arrived.\n"
    )
    doc, sections = _sections(text)
    assert [kind for kind, *_ in sections] == ["title", "body"]


def test_comment_authors_written_in_several_ways():
    text = (
        f"Strikes Hit the Port\n\n{LONG_PARAGRAPH}\n\n{LONG_PARAGRAPH}\n\n3 Comments\n\n"
        "Omar Haddad | April 2, 2023 at 10:05 pm\n\nThe coalition lies about its targets.\n\nReply\n\n"
        "Sara B. says:\nApril 3, 2023 at 7:00 am\n\nNobody is innocent in this war.\n\n"
        "Peter Lang says:\n\nThe rebels started it.\n"
    )
    _, sections = _sections(text)
    comments = [(t, a, p) for kind, t, a, p in sections if kind == "comment"]
    assert [(a, p) for _, a, p in comments] == [
        ("Omar Haddad", "2023-04-02T22:05"),
        ("Sara B.", "2023-04-03T07:00"),
        ("Peter Lang", None),
    ]
    assert "lies about its targets" in comments[0][0] and "Reply" not in comments[0][0]
    assert comments[2][0].endswith("The rebels started it.")


def test_bio_at_the_end_without_comments():
    text = (
        f"Strikes Hit the Port\n\n{LONG_PARAGRAPH}\n\n"
        "Maria Lopez is a research fellow at the Middle East Institute and writes on Yemen.\n"
    )
    _, sections = _sections(text)
    assert [kind for kind, *_ in sections] == ["title", "body", "author_bio"]


def test_html_given_as_text_is_read_as_html():
    page = f"<!DOCTYPE html><html><body><article><p>{LONG_PARAGRAPH}</p><p>{LONG_PARAGRAPH}</p></article></body></html>"
    doc = build_document(RawInput("page.txt", page))
    assert "<p>" not in doc.text and "coalition said" in body_text(doc)


def test_large_text_is_processed():
    text = "Big Report\n\n" + "\n\n".join([LONG_PARAGRAPH] * 20_000)
    doc = build_document(RawInput("big.txt", text))
    assert [s.kind for s in doc.sections] == ["title", "body"]
    assert doc.sections[-1].end == len(text)


@pytest.mark.parametrize("encoding", ["latin-1", "utf-8"])
def test_binary_bytes_decoded_as_text_are_rejected(encoding):
    data = bytes((i * 37 + 11) % 256 for i in range(4096))
    with pytest.raises(DocumentError, match=r"blob\.bin: .*binary"):
        build_document(RawInput("blob.bin", data.decode(encoding, "replace")))


def test_punctuation_only_is_rejected():
    with pytest.raises(DocumentError, match=r"p\.txt: no words"):
        build_document(RawInput("p.txt", "--- *** ..."))


def test_navigation_lines_before_the_title():
    text = f"Home\nMenu\nSearch\n\nStrikes Hit the Port\n\n{LONG_PARAGRAPH}\n"
    doc, sections = _sections(text)
    assert [kind for kind, *_ in sections] == ["boilerplate", "title", "body"]
    assert doc.title == "Strikes Hit the Port"
