from factionmap.model import Document, Section


def _doc(doc_id: str, text: str, *kinds: tuple[str, int, int]) -> Document:
    return Document(doc_id, text, tuple(Section(k, s, e) for k, s, e in kinds))


def test_analyze_streams_one_result_per_document_in_order(analyzer):
    text = "Russia backs Khalifa Haftar. Turkey supports the GNA."
    docs = [
        _doc("a", text, ("body", 0, len(text))),
        _doc("b", "", ),
        _doc("c", text, ("title", 0, 27), ("body", 28, len(text))),
        _doc("d", text, ("boilerplate", 0, len(text))),
    ]
    results = list(analyzer.analyze(docs))
    assert [r.document.id for r in results] == ["a", "b", "c", "d"]
    assert results[1].actors == () and results[3].actors == ()


def test_mentions_are_shifted_to_document_offsets(analyzer):
    text = "Headline here.\nTurkey supports the GNA."
    result = analyzer.analyze_one(_doc("s", text, ("title", 0, 14), ("body", 15, len(text))))
    for actor in result.actors:
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_a_blank_line_always_ends_a_sentence(nlp):
    doc = nlp("The minister said:\n\nRussia attacked Ukraine on Monday.")
    starts = [s.text.strip() for s in doc.sents]
    assert "Russia attacked Ukraine on Monday." in starts
