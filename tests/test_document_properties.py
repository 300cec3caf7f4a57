"""Properties of build_document on arbitrary input: a Document or a DocumentError, never a crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factionmap.document import DocumentError, build_document
from factionmap.model import RawInput

_LINES = st.sampled_from(
    [
        "Rebels Take the Airport",
        "By Jane Doe",
        "The army said it had retaken the airport after two days of fighting.",
        "Jane Doe is a senior fellow at the Institute for War Studies.",
        "3 Comments",
        "• May 2, 2020 at 3:15 pm",
        "Omar says:",
        "Leave a Reply",
        "Share this:",
        "",
        "   ",
        "<p>tag soup</div>",
    ]
)
_TEXT = st.one_of(st.text(max_size=300), st.lists(_LINES, max_size=12).map("\n".join))


def _check(raw: RawInput) -> None:
    try:
        doc = build_document(raw)
    except DocumentError as exc:
        assert str(exc).startswith(raw.name)
        return
    previous_end = 0
    for section in doc.sections:
        assert previous_end <= section.start < section.end <= len(doc.text)
        previous_end = section.end
    assert doc.sections


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_text_pages_give_ordered_sections_or_a_clear_error(text):
    _check(RawInput("gen.txt", text))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<li class='comment'>", "<time>", "<<", "&amp;", "Troops advanced on the town at dawn.", "<script>x</script>", ""]), max_size=20).map("".join))
def test_html_pages_give_ordered_sections_or_a_clear_error(html):
    _check(RawInput("gen.html", html, "html"))
