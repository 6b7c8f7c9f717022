"""Facts: dates, events, quotes, cited sources, merged events and timelines, and their evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave import NewsWeave, load_settings
from newsweave.facts.dates import NO_ANCHOR, find_dates
from newsweave.model import Mention

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        ("Am 28.07.2023 08:01 erschien es.", "de", None, ("28.07.2023 08:01", "minute", "2023-07-28T08:01", False)),
        (
            "Discuțiile au avut loc pe 20–21 decembrie.",
            "ro",
            "2025-12-23",
            ("20–21 decembrie", "range", "2025-12-20", True),
        ),
        ("W kwietniu rozmowy wznowiono.", "pl", "2023-07-28", ("kwietniu", "month", "2023-04-01", True)),
        (
            "Referenda jesienią ubiegłego roku.",
            "pl",
            "2023-07-28",
            ("jesienią ubiegłego roku", "season", "2022-09-01", True),
        ),
        ("Im Jahr 2021 fiel der Handel.", "de", None, ("Jahr 2021", "year", "2021-01-01", False)),
        ("Im vergangenen Jahr fiel er.", "de", "2025-04-10", ("vergangenen Jahr", "year", "2024-01-01", True)),
        ("Am Freitag treffen sie sich.", "de", "2025-08-12", ("Freitag", "day", "2025-08-08", True)),
        ("2025. gada 30. novembrī Maskavā.", "lv", None, ("2025. gada 30. novembrī", "day", "2025-11-30", False)),
        ("Sarunas notika aprīlī.", "lv", "2025-12-01", ("aprīlī", "month", "2025-04-01", True)),
        ("On November 30, 2025 they met.", "en", None, ("November 30, 2025", "day", "2025-11-30", False)),
        ("Вчера министры встретились.", "ru", "2026-09-10", ("Вчера", "day", "2026-09-09", True)),
    ],
)
def test_date_expressions(text: str, lang: str, published: str | None, expected: tuple[str, str, str, bool]) -> None:
    found = find_dates(text, lang, published)
    assert [(t.text, t.granularity, t.value, t.relative) for t in found] == [expected]


def test_relative_dates_stay_unresolved_without_a_publication_date() -> None:
    found = find_dates("Am Freitag und im vergangenen Jahr, dann im Mai.", "de", None)
    assert len(found) == 3 and all(t.value is None and t.reason == NO_ANCHOR for t in found)


def test_words_that_look_like_dates_are_not_dates() -> None:
    """Romanian "mai" (more), "Martin" (a name, not "marți"), "vine" (comes, not "vineri"), counts."""
    text = "Sunt mai multe runde. Martin vine mâine? Au fost 2000 de soldați și 1.500 de oameni."
    assert [t.text for t in find_dates(text, "ro", "2025-01-10")] == ["mâine"]
    assert find_dates("She may go. He will march on.", "en", "2025-01-10") == []


def test_a_plan_looks_forward() -> None:
    """The next round "could take place in spring": from a December article, the coming spring."""
    [spring] = find_dates("Următoarea rundă ar putea avea loc în primăvară.", "ro", "2025-12-23")
    assert (spring.value, spring.until) == ("2026-03-01", "2026-05-31")
    [past] = find_dates("Discuțiile au avut loc în primăvară.", "ro", "2025-12-23")
    assert past.value == "2025-03-01"


def test_a_time_of_day_takes_the_date_of_its_sentence() -> None:
    found = find_dates("Am Freitag treffen sie sich um 11:30 Uhr Ortszeit.", "de", "2025-08-12")
    assert [(t.text, t.value) for t in found] == [("Freitag", "2025-08-08"), ("11:30 Uhr", "2025-08-08T11:30")]


def _mention(text: str, words: str, label: str, media: bool = False) -> Mention:
    start = text.index(words)
    return Mention(start, start + len(words), words, label, 0.9, words, media)  # type: ignore[arg-type]


def test_quotes_and_speakers() -> None:
    from newsweave.facts.quotes import find_quotes

    text = (
        "„Este un proces în desfășurare, la nivel de experți”, a spus Dmitri Peskov. "
        "Vicepreședintele J.D. Vance a declarat că a primit o actualizare din partea participanților."
    )
    mentions = [_mention(text, "Dmitri Peskov", "PER"), _mention(text, "J.D. Vance", "PER")]
    quotes = find_quotes(text, "ro", mentions)
    said = [(q.kind, text[q.speaker[0] : q.speaker[1]] if q.speaker else None) for q in quotes]
    assert said == [("direct", "Dmitri Peskov"), ("reported", "J.D. Vance")]
    assert text[quotes[0].start : quotes[0].end].startswith("Este un proces")


def test_dash_quotes_with_a_described_speaker_and_the_relaying_outlet() -> None:
    from newsweave.facts.quotes import find_quotes

    text = "- Nie wiedzą, jak zdefiniować zwycięstwo lub porażkę - powiedział informator The Moscow Times."
    quotes = find_quotes(text, "pl", [_mention(text, "The Moscow Times", "ORG", media=True)])
    assert len(quotes) == 1 and quotes[0].speaker is None
    assert quotes[0].described == "informator The Moscow Times"
    assert quotes[0].via is not None and text[quotes[0].via[0] : quotes[0].via[1]] == "The Moscow Times"


def test_short_quoted_words_are_not_quotes() -> None:
    from newsweave.facts.quotes import find_quotes

    text = "Sie sprachen über “wirtschaftliche Zusammenarbeit” und den „Frieden“, sagte Peskow."
    quotes = find_quotes(text, "de", [_mention(text, "Peskow", "PER")])
    assert [q.kind for q in quotes] == ["reported"]  # the sentence is his; the quoted words are not quotes


def test_cited_outlets_need_a_citing_word() -> None:
    from newsweave.facts.citations import find_citations

    text = "Nach Informationen des Telegraph gab es Gespräche. Er gab CNN ein Interview."
    mentions = [_mention(text, "Telegraph", "ORG", media=True), _mention(text, "CNN", "ORG", media=True)]
    assert [c.outlet for c in find_citations(text, "de", mentions)] == ["Telegraph"]


def test_event_frames_with_modality() -> None:
    from newsweave.facts.events import find_events

    text = (
        "Witkoff și Dmitriev s-au întâlnit la Miami. Nu au avut loc discuții cu Ucraina. "
        "Următoarea întâlnire cu Rusia ar putea avea loc la Moscova. Discuțiile sunt importante."
    )
    mentions = [
        _mention(text, "Witkoff", "PER"),
        _mention(text, "Dmitriev", "PER"),
        _mention(text, "Miami", "LOC"),
        _mention(text, "Ucraina", "LOC"),
        _mention(text, "Rusia", "LOC"),
        _mention(text, "Moscova", "LOC"),
    ]
    events = find_events(text, "ro", mentions, [])
    got = [(e.type, e.modality, text[e.place[0] : e.place[1]] if e.place else None) for e in events]
    assert got == [
        ("meeting", "asserted", "Miami"),
        ("meeting", "negated", None),
        ("meeting", "hypothetical", "Moscova"),
    ]
    assert all(text[e.trigger_start : e.trigger_end].lower().startswith(("întâlni", "discuții")) for e in events)


def test_an_event_told_again_continues_and_kinds_quotes_and_lookalikes_are_not_events() -> None:
    """A definite or "both" sentence that names no one goes on about the event just told; "such
    meetings", a bare "talks are important", a trigger inside a quote and a word that only starts like
    a trigger ("negotiators") are not events; a German compound ends in its trigger."""
    from newsweave.facts.events import find_events

    text = (
        "Foreign ministers of Norway and Chile met in Oslo. The talks ended without a deal. "
        "Such meetings are rare. Talks are important. "
        '"We expect a great deal from this meeting," Halvorsen said. The negotiators of Chile left Oslo.'
    )
    names = [("Norway", "LOC"), ("Chile", "LOC"), ("Oslo", "LOC"), ("Halvorsen", "PER")]
    mentions = [_mention(text, n, label) for n, label in names]
    events = find_events(text, "en", mentions, [])
    norway_chile = [(text.index("Norway"), text.index("Norway") + 6), (text.index("Chile"), text.index("Chile") + 5)]
    assert [(e.type, e.modality, e.participants) for e in events] == [
        ("meeting", "asserted", norway_chile),
        ("meeting", "asserted", norway_chile),  # "The talks": the same participants, from the sentence before
    ]
    assert text[events[1].start : events[1].end] == "The talks ended without a deal."

    de = (
        "Russland verübte einen Luftangriff auf Kiew. Vertreter Russlands und der Ukraine verhandelten danach in "
        "Istanbul. Beide Seiten vereinbarten keine Waffenruhe."
    )
    de_names = [("Russland", "LOC"), ("Kiew", "LOC"), ("Russlands", "LOC"), ("Ukraine", "LOC"), ("Istanbul", "LOC")]
    de_events = find_events(de, "de", [_mention(de, n, label) for n, label in de_names], [])
    assert [(e.type, de[e.trigger_start : e.trigger_end], e.modality) for e in de_events] == [
        ("attack", "angriff", "asserted"),
        ("meeting", "verhandelten", "asserted"),
        ("agreement", "vereinbarten", "negated"),  # continues the talks: "Beide Seiten" names no one; "keine" denies it
    ]
    assert de_events[2].participants == de_events[1].participants


def _events(text: str, lang: str, names: list[tuple[str, str]], published: str | None = None) -> list[object]:
    from newsweave.facts.events import find_events

    mentions = [_mention(text, n, label) for n, label in names]
    return find_events(text, lang, mentions, find_dates(text, lang, published), published)  # type: ignore[return-value]


def test_event_kinds_and_modality_from_tense_refusal_and_attached_negation() -> None:
    """Plans told by a future verb or a date after publication, refusals and "ne-" verbs as denials, and
    the event a sentence names first (what was agreed on, what was voted)."""
    cases = [
        (
            "Le président Amadou Diallo effectuera une visite à Paris.",
            "fr",
            [("Amadou Diallo", "PER"), ("Paris", "LOC")],
            None,
            ("visit", "planned"),
        ),
        (
            "Nowak uviedla, že Poľsko v apríli zorganizuje stretnutie ministrov.",
            "sk",
            [("Nowak", "PER"), ("Poľsko", "LOC")],
            "2026-02-01",
            ("meeting", "planned"),
        ),
        (
            "Putin odmówił rozmowy z Trumpem.",
            "pl",
            [("Putin", "PER"), ("Trumpem", "PER")],
            None,
            ("meeting", "negated"),
        ),
        (
            "Ministři Polska a Česka se nedohodli.",
            "cs",
            [("Polska", "LOC"), ("Česka", "LOC")],
            None,
            ("agreement", "negated"),
        ),
        (
            "Ein für Donnerstag geplantes Treffen von Scholz und Tusk wurde abgesagt.",
            "de",
            [("Scholz", "PER"), ("Tusk", "PER")],
            "2026-02-11",
            ("meeting", "negated"),
        ),
        (
            "El Parlamento Europeo votó a favor de prorrogar las sanciones contra Venezuela.",
            "es",
            [("Parlamento Europeo", "ORG"), ("Venezuela", "LOC")],
            None,
            ("vote", "asserted"),
        ),
        (
            "Latvija un Igaunija vienojās par sankcijām pret Krieviju.",
            "lv",
            [("Latvija", "LOC"), ("Igaunija", "LOC"), ("Krieviju", "LOC")],
            None,
            ("sanctions", "asserted"),
        ),
        (
            "No se firmó ningún acuerdo entre Chile y Bolivia, pero volverán a reunirse.",
            "es",
            [("Chile", "LOC"), ("Bolivia", "LOC")],
            None,
            ("agreement", "negated"),
        ),
    ]
    for text, lang, names, published, expected in cases:
        found = [(e.type, e.modality) for e in _events(text, lang, names, published)]  # type: ignore[attr-defined]
        assert found == [expected], text


def test_an_event_named_as_a_time_or_in_a_dash_quote_is_not_reported_again() -> None:
    text = (
        "Mette Lund und Erik Berg trafen sich in Kopenhagen. Lund sagte nach dem Treffen, beide Länder wollten "
        "zusammenarbeiten."
    )
    assert [e.type for e in _events(text, "de", [("Mette Lund", "PER"), ("Erik Berg", "PER"), ("Lund", "PER")])] == [  # type: ignore[attr-defined]
        "meeting"
    ]
    pl = (
        "Według Reutersa Polska i Litwa nie osiągnęły porozumienia. – Rozmowy będą kontynuowane w przyszłym "
        "tygodniu – przekazał rzecznik."
    )
    found = _events(pl, "pl", [("Polska", "LOC"), ("Litwa", "LOC")], "2026-02-18")
    assert [(e.type, e.modality) for e in found] == [("agreement", "negated")]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        ("Ein für Donnerstag geplantes Treffen wurde abgesagt.", "de", "2026-02-11", [("Donnerstag", "2026-02-12")]),
        ("Le Parlement a voté mercredi dernier.", "fr", "2026-04-08", [("mercredi dernier", "2026-04-01")]),
        ("Der Angriff kam am Dienstagabend.", "de", "2026-03-11", [("Dienstagabend", "2026-03-10")]),
        ("Giovedì il re incontrerà la premier.", "it", "2026-05-20", [("Giovedì", "2026-05-21")]),
        ("Cei doi vor semna acordul în luna mai.", "ro", "2026-02-01", [("mai", "2026-05-01")]),
        ("Ambos firmarán el jueves un acuerdo.", "es", "2026-04-22", [("jueves", "2026-04-23")]),
        ("Portugal estará sempre ao lado de Cabo Verde.", "pt", "2026-07-01", []),
        ("Premiér sa v pondelok v Prahe stretol s kolegom.", "sk", "2026-12-09", [("pondelok", "2026-12-07")]),
        (
            "Leaders will hold a summit in Lomé, officials said on Thursday.",
            "en",
            "2026-09-18",
            [("Thursday", "2026-09-17")],
        ),
    ],
)
def test_dates_set_ahead_or_said_before(text: str, lang: str, published: str, expected: list[tuple[str, str]]) -> None:
    """A date set "for Thursday", a weekday before a future verb, "mercredi dernier", "Dienstagabend"; a
    verb of saying keeps its own day in the past; "estará" and "stretol" are no dates."""
    found = [(t.text, (t.value or "")[:10]) for t in find_dates(text, lang, published)]
    assert len(found) == len(expected), found
    for (words, value), (part, gold) in zip(found, expected, strict=True):
        assert part in words and value == gold, (words, value)


def test_reported_speech_without_that_and_outlets_are_not_speakers() -> None:
    from newsweave.facts.quotes import find_quotes

    en = "Mwakyusa said Tanzania would not accept new tolls at the border."
    quotes = find_quotes(en, "en", [_mention(en, "Mwakyusa", "PER")])
    assert [(en[q.start : q.end], en[q.speaker[0] : q.speaker[1]] if q.speaker else None) for q in quotes] == [
        ("Tanzania would not accept new tolls at the border.", "Mwakyusa")
    ]
    pl = "Ministrowie rozmawiali o Ukrainie. – Europa musi być gotowa do obrony – powiedział minister Piotr Malinowski."
    dash = find_quotes(pl, "pl", [_mention(pl, "Piotr Malinowski", "PER")])
    assert [(pl[q.start : q.end], q.speaker and pl[q.speaker[0] : q.speaker[1]]) for q in dash] == [
        ("Europa musi być gotowa do obrony", "Piotr Malinowski")
    ]
    pt = "Os dois governantes discutiram a criação de um corredor ferroviário, segundo a agência Lusa."
    assert find_quotes(pt, "pt", [_mention(pt, "Lusa", "ORG", media=True)]) == []  # Lusa's report: a citation


def test_outlets_named_like_one_beside_a_citing_word() -> None:
    from newsweave.entities.context import add_outlets, annotate

    en = "The ministers failed to reach a deal, Walsh told the Irish Times."
    at = add_outlets(en, [_mention(en, "Walsh", "PER")])
    assert [(m.text, m.media) for m in at] == [("Walsh", False), ("Irish Times", True)]
    de = "Die Bauarbeiten sollen 2027 beginnen, wie die Austria Presse Agentur meldete. Die Zeitung berichtete nichts."
    tagged = [_mention(de, "Austria", "LOC"), _mention(de, "Agentur meldete", "ORG")]
    outlets = add_outlets(de, tagged)
    annotate(de, outlets, "de")
    assert [(m.text, m.media) for m in outlets] == [("Austria Presse Agentur", True)]  # "Die Zeitung" is no name


def _docs(*items: tuple[str, str, str]) -> list[object]:
    from newsweave.model import RawDoc

    return [RawDoc(source=s, text=t, format="text", hints={"published": p}) for s, t, p in items]


def test_one_event_across_languages_and_two_rounds_stay_two(tmp_path: Path) -> None:
    """Reports in two languages of the same talks merge; the same people a month later are a new round."""
    settings = load_settings(overrides={"db": str(tmp_path / "e.db")})
    with NewsWeave(settings) as nw:
        nw.ingest_docs(
            _docs(  # type: ignore[arg-type]
                ("a", "Steve Witkoff și Kirill Dmitriev au avut discuții la Miami pe 20 decembrie 2025.", "2025-12-21"),
                (
                    "b",
                    "Wysłannik Steve Witkoff i szef funduszu Kirill Dmitrijew prowadzili rozmowy w Miami "
                    "20 grudnia 2025 roku, podała agencja.",
                    "2025-12-22",
                ),
                (
                    "c",
                    "Steve Witkoff și Kirill Dmitriev au avut noi discuții la Miami pe 24 ianuarie 2026.",
                    "2026-01-25",
                ),
            )
        )
        view = nw.timeline("Dmitriev")
        events = [line for line in view["lines"] if line["kind"] == "event"]
        assert [e["date"] for e in events] == ["2025-12-20", "2026-01-24"]
        first = events[0]
        assert first["articles"] == 2 and {ev["language"] for ev in first["evidence"]} == {"ro", "pl"}
        for ev in first["evidence"]:  # every line points back to its sentence, by offsets
            article = nw.article(ev["article_id"])
            assert article.text[ev["start"] : ev["end"]] in ev["sentence"]
        assert nw.store.integrity_check() == []


def test_sample_corpus_facts(seeded: Path) -> None:
    """The sample corpus as users get it: dates resolved where the article has one, none invented."""
    with NewsWeave(load_settings(overrides={"db": str(seeded)}, environ={})) as nw:
        articles = nw.articles()
        for article in articles:
            assert all(0 <= t.start < t.end <= len(article.text) for t in article.times)
            if article.published is None:
                assert all(t.value is None for t in article.times if t.relative)
        romanian = next(a for a in articles if a.language == "ro")
        assert ("20–21 decembrie", "2025-12-20") in [(t.text, t.value) for t in romanian.times]
        assert {c.outlet for c in romanian.citations} >= {"The Moscow Times"}
        lines = nw.timeline("Peskov")["lines"]
        assert any(line["kind"] == "quote" for line in lines)
        cited = {node["outlet"]: node for node in nw.sources()}  # who cites whom, across the corpus
        assert cited["The Moscow Times"]["articles"] == 2 and cited["The Moscow Times"]["languages"] == ["pl", "ro"]


def test_fact_gold_floors() -> None:
    """The hand-made gold (tests/gold/facts, the set the rules were written against): floors a little
    under today's figures so that a change that loses facts fails here. Held-out figures: docs/facts.md."""
    from newsweave.evaluation.facts import evaluate

    result = evaluate(GOLD / "facts", load_settings(), ROOT)
    assert result["dates"]["f1"] >= 0.97 and result["dates"]["normalised_exact"] >= 0.95
    assert result["dates"]["invented_for_undated_articles"] == 0
    assert result["events"]["p"] >= 0.90 and result["events"]["r"] >= 0.82
    assert result["quotes"]["p"] >= 0.95 and result["quotes"]["r"] >= 0.82
    assert result["citations"]["p"] >= 0.95 and result["citations"]["r"] >= 0.90
    assert result["events"]["invalid_evidence"] == 0


def test_gold_files_are_well_formed() -> None:
    for path in sorted((GOLD / "facts").glob("*.jsonl")) + sorted((GOLD / "facts-heldout").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            text = (ROOT / item["input"]).read_text(encoding="utf-8") if "input" in item else item["text"]
            for key, field in (("dates", "text"), ("quotes", "text"), ("events", "evidence")):
                for fact in item.get(key, []):
                    assert fact[field] in text, (path.name, fact[field])


def test_events_follow_an_entity_when_it_is_merged(tmp_path: Path) -> None:
    """A person first named by surname gets a new id when an article gives the full name; the events
    and citations that name the old id follow it."""
    settings = load_settings(overrides={"db": str(tmp_path / "m.db")})
    with NewsWeave(settings) as nw:
        nw.ingest_docs(
            _docs(  # type: ignore[arg-type]
                ("a", "Witkoff și Dmitriev au avut discuții la Miami pe 20 decembrie 2025.", "2025-12-21"),
                ("b", "Steve Witkoff și Kirill Dmitriev s-au întâlnit la Moscova pe 2 decembrie 2025.", "2025-12-03"),
            )
        )
        person = nw.entity("Kirill Dmitriev")
        assert " " in person.key
        dates = [line["date"] for line in nw.timeline(person.id)["lines"] if line["kind"] == "event"]
        assert dates == ["2025-12-02", "2025-12-20"]
        assert nw.store.integrity_check() == []
