"""Retrieval of coded passages and full-text search, with document, speaker, paragraph and context."""

from annotator.services.demo import build_demo


def test_retrieve_lists_passages_with_speaker_paragraph_and_context(service, tmp_path):
    path = tmp_path / "P01.txt"
    path.write_text("Header line\n\nInterviewer: How is pay?\n\nJEN: The stipend is cash.\nIt comes in an envelope.\n\n"
                    "Interviewer: And?\n\nJEN: Gift cards, sometimes.\n")
    doc = service.import_files([path]).results[0].document_id
    text = service.document_text(doc)
    theme = service.codebook.add_code("Pay")
    stipend = service.codebook.add_code("Stipend", theme)
    cards = service.codebook.add_code("Gift cards", theme)
    service.codings.code_passage(doc, cards, text.index("Gift"), text.index(", sometimes"))
    service.codings.code_passage(doc, stipend, text.index("The stipend"), text.index("\nIt comes"))
    passages = service.retrieval.retrieve(theme)
    assert [p.text for p in passages] == ["The stipend is cash.", "Gift cards"]
    first = passages[0]
    assert (first.document, first.speaker, first.paragraph, first.code_id) == ("P01", "JEN", 3, stipend)
    assert first.before.endswith("JEN: ") and first.after.startswith("\nIt comes in an envelope.")
    assert service.retrieval.retrieve(theme, include_subcodes=False) == []
    assert [p.text for p in service.retrieval.retrieve(theme, coders={"someone else"})] == []


def test_search_finds_words_phrases_and_prefixes_across_transcripts(tmp_path):
    service, _ = build_demo(tmp_path / "demo.annotator", deidentify=False)
    with service:
        hits = service.retrieval.search("naloxone")
        assert len({h.document_id for h in hits}) >= 5
        assert all(h.text.lower() == "naloxone" for h in hits)
        phrase = service.retrieval.search('"gift card"')
        assert phrase and all(h.text.lower().startswith("gift card") for h in phrase)
        prefix = service.retrieval.search("stipend*")
        assert {h.text.lower() for h in prefix} >= {"stipend", "stipends"}
        assert service.retrieval.search("zzzyzzy") == []
        assert service.retrieval.search("  ") == []
        hit = hits[0]
        assert service.document_text(hit.document_id)[hit.start:hit.end] == hit.text and hit.speaker


def test_retrieval_holds_only_a_few_texts_and_reads_a_passages_context_when_shown(tmp_path, monkeypatch):
    """A theme's passages span most interviews; the list must not pin every transcript's text in memory, yet each
    passage's text and context are those of its document."""
    import dataclasses

    from annotator.services import retrieval_service

    monkeypatch.setattr(retrieval_service, "TEXTS_KEPT", 2)
    service, _ = build_demo(tmp_path / "demo.annotator", deidentify=False)
    with service:
        book = service.codebook.codebook
        theme = max(book.children(None), key=lambda c: len({p.document_id for p in service.retrieval.retrieve(c)}))
        passages = service.retrieval.retrieve(theme)
        assert len({p.document_id for p in passages}) > 2
        assert len(service.retrieval._texts) <= 2
        for p in passages:
            text = service.document_text(p.document_id)
            whole = dataclasses.replace(p, source=lambda text=text: text)
            assert (p.text, p.before, p.after) == (text[p.start:p.end], whole.before, whole.after)
        assert len(service.retrieval._texts) <= 2
        hits = service.retrieval.search("naloxone")
        assert all(service.document_text(h.document_id)[h.start:h.end] == h.text for h in hits)
