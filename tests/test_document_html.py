"""Page structure of HTML pages: body, metadata, comments with their own authors and dates."""

from __future__ import annotations

import pytest

from factionmap.document import DocumentError, body_text, build_document
from factionmap.document.comments import find_comments, parse_html
from factionmap.model import RawInput

PARAGRAPHS = "".join(
    f"<p>{text}</p>"
    for text in [
        "Government forces pushed into the northern districts of the city on Saturday after a week of shelling, "
        "according to residents who fled towards the coast with their families and belongings.",
        "The rebel coalition accused the army of targeting hospitals and said it would not return to the talks "
        "in the capital until the bombardment stopped and aid convoys were allowed through.",
        "A United Nations spokesperson urged both sides to respect the truce agreed in March and warned that "
        "more than forty thousand people had been displaced since the start of the offensive.",
    ]
)

PAGE = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Army advances on northern districts | The Coastal Herald</title>
<meta property="og:title" content="Army advances on northern districts">
<meta property="og:site_name" content="The Coastal Herald">
<meta name="author" content="Rania Haddad">
<meta property="article:published_time" content="2021-09-14T10:30:00+00:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Army advances on northern districts</h1><p class="byline">By Rania Haddad</p>{PARAGRAPHS}</article>
<div class="share">Share this: Facebook Twitter</div>
<div id="comments" class="comments-area"><h2>2 Comments</h2><ol class="comment-list">
<li id="comment-7" class="comment depth-1"><article class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Yusuf</b> <span class="says">says:</span></div>
<div class="comment-metadata"><time datetime="2021-09-14T12:05:00+00:00">September 14, 2021 at 12:05 pm</time></div></footer>
<div class="comment-content"><p>The army has been shelling these districts for months.</p></div>
<div class="reply"><a class="comment-reply-link" href="#">Reply</a></div></article>
<ol class="children"><li id="comment-8" class="comment depth-2"><article class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Lina M.</b></div>
<div class="comment-metadata"><time datetime="2021-09-15T08:00:00+00:00">September 15, 2021</time></div></footer>
<div class="comment-content"><p>Both sides have broken the truce.</p></div></article></li></ol>
</li></ol></div>
<footer><p>Copyright 2021 The Coastal Herald. All rights reserved.</p></footer></body></html>"""


@pytest.fixture(scope="module")
def page_doc():
    return build_document(RawInput("herald.html", PAGE, "html", url="https://herald.example/army-advances"))


def test_html_body_metadata_and_sections(page_doc):
    doc = page_doc
    assert doc.title == "Army advances on northern districts"
    assert doc.author == "Rania Haddad"
    assert doc.published == "2021-09-14"
    assert doc.source == "The Coastal Herald"
    assert doc.language == "en"
    body = body_text(doc)
    assert "Government forces pushed" in body and "forty thousand people" in body
    assert "Copyright" not in body and "shelling these districts" not in body
    kinds = [s.kind for s in doc.sections]
    assert kinds[0] == "title" and "body" in kinds


def test_html_comments_are_separate_sections_with_authors_and_dates(page_doc):
    comments = [s for s in page_doc.sections if s.kind == "comment"]
    assert [(page_doc.section_text(c), c.author, c.published) for c in comments] == [
        ("The army has been shelling these districts for months.", "Yusuf", "2021-09-14T12:05"),
        ("Both sides have broken the truce.", "Lina M.", "2021-09-15T08:00"),
    ]


def test_sections_index_the_joined_text(page_doc):
    for section in page_doc.sections:
        text = page_doc.section_text(section)
        assert text and text == text.strip()


def test_disqus_like_markup():
    html = """<div id="disqus_thread"><ul class="post-list">
    <li class="post"><div class="post-content"><span class="author">kareem_b</span>
    <a class="time-ago" title="Monday, May 3, 2021 7:15 PM">2 days ago</a>
    <div class="post-message"><p>Sanctions never change a regime.</p></div></div></li>
    <li class="post"><div class="post-content"><span class="author">Mira</span>
    <div class="post-message"><p>They did in some cases.</p></div></div></li></ul></div>"""
    comments = find_comments(parse_html(html))
    assert [(c.text, c.author) for c in comments] == [("Sanctions never change a regime.", "kareem_b"), ("They did in some cases.", "Mira")]


@pytest.mark.parametrize(
    "content",
    ["<html><head><title></title></head><body></body></html>", "<div><<<>>></span></p>", "<script>var x = 1;</script>"],
)
def test_html_without_text_raises_a_clear_error(content):
    with pytest.raises(DocumentError, match=r"empty\.html: .*no extractable text"):
        build_document(RawInput("empty.html", content, "html"))


def test_malformed_html_with_text_is_read_best_effort():
    content = "<html><body><div><p>Militia fighters attacked the convoy near the airport on Sunday, officials said, " \
              "and two drivers were killed.<p>The government blamed the rebels<div></b></i></body>"
    doc = build_document(RawInput("broken.html", content, "html"))
    assert "Militia fighters attacked the convoy" in body_text(doc)


def test_comment_widgets_are_not_comments():
    html = """<div class="comments"><div class="comment"><h3>0 Comments</h3></div>
    <div class="comment">Want to join the discussion?<br>Feel free to contribute!</div>
    <div class="comment"><span class="author">Noor</span><time datetime="2022-01-05T10:00">Jan 5</time>
    <p>Short but real.</p><a class="comment-reply-link">Reply</a></div></div>"""
    comments = find_comments(parse_html(html))
    assert [(c.text, c.author, c.published) for c in comments] == [("Short but real.", "Noor", "2022-01-05T10:00")]


def test_non_english_html_page_is_flagged():
    text = (
        "Las fuerzas del gobierno avanzaron el sábado hacia los barrios del norte de la ciudad después de una semana "
        "de bombardeos, según los vecinos que huyeron hacia la costa con sus familias."
    )
    page = f"<html><head><title>Avance del ejército</title></head><body><article><p>{text}</p><p>{text}</p></article></body></html>"
    doc = build_document(RawInput("es.html", page, "html"))
    assert doc.language == "es"


def test_article_marked_up_as_a_comment_stays_body():
    page = f"""<html><head><title>Opinion: the truce will not hold</title></head><body>
    <div class="comment opinion"><h1>Opinion: the truce will not hold</h1>{PARAGRAPHS}</div></body></html>"""
    doc = build_document(RawInput("opinion.html", page, "html"))
    assert "Government forces pushed" in body_text(doc)
    assert not [s for s in doc.sections if s.kind == "comment"]
