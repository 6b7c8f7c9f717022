"""The issue's 'done when': the five sample articles, cleaned, dated and language-tagged."""

from __future__ import annotations

from pathlib import Path

from newsweave import ArticleQuery, NewsWeave, load_settings

SEEDS_DIR = Path(__file__).resolve().parent.parent / "examples" / "seeds"
DEBRIS = [
    "Czytaj więcej",
    "Pozostało 89%",
    "Subskrybuj",
    "Konflikty zbrojne",
    "Mehr zum Thema",
    "Diskussion darüber",
    "Foto: PAP/EPA",
    "Materiał Promocyjny",
    "1 / 3",
    "Für mehr Informationen",
]


def _by_file(db: Path) -> dict[str, object]:
    with NewsWeave(load_settings(overrides={"db": str(db)}, environ={})) as nw:
        return {Path(a.source).name[:3]: a for a in nw.articles(ArticleQuery(limit=100))}


def test_five_articles_with_language(seeded: Path) -> None:
    arts = _by_file(seeded)
    assert {k: a.language for k, a in arts.items()} == {"000": "lv", "001": "pl", "002": "ro", "003": "de", "004": "de"}
    assert all(a.language_confidence > 0.9 and not a.mixed_language for a in arts.values())


def test_dates_the_texts_carry_and_none_invented(seeded: Path) -> None:
    arts = _by_file(seeded)
    got = {k: (a.published.value if a.published else None) for k, a in arts.items()}
    assert got == {"000": "2025-11-30", "001": "2023-07-28T08:01", "002": "2025-12-23", "003": None, "004": None}
    assert arts["001"].published.method == "text-line" and arts["001"].published.precision == "minute"
    assert arts["000"].published.method == "header-line"


def test_titles_where_they_exist(seeded: Path) -> None:
    arts = _by_file(seeded)
    assert arts["000"].title.startswith("Vairāki avoti apstiprina") and not arts["000"].title.endswith(" 0")
    assert arts["000"].metadata["label"] == "0"
    assert (
        arts["001"].title == "USA podjęły tajne rozmowy z Rosją w sprawie Ukrainy. Zaproponowano powtórzenie referendów"
    )
    assert arts["002"].title is None  # its header line is body text
    assert arts["002"].text.startswith("Ultimele consultări dintre Rusia")
    assert arts["003"].title is None
    assert arts["004"].title == "Entwicklung in der Ukraine-Krise"


def test_no_debris_and_repeats_once(seeded: Path) -> None:
    arts = _by_file(seeded)
    for art in arts.values():
        for junk in DEBRIS:
            assert junk not in art.text, (art.source, junk)
    pl = arts["001"].text
    assert pl.count("O prowadzonych rozmowach powiedział The Moscow Times") == 1
    assert pl.count("Według tego źródła, rozmowy prowadzone") == 1
    assert "Prezydent USA Joe Biden" not in pl
    assert "Rosjanie nie chcą powtórzyć głosowania na Ukrainie" in pl  # a sub-heading, not debris
    assert "Bestätigung der Gespräche" in arts["004"].text
    assert arts["001"].metadata["photo_credit"] == "Foto: PAP/EPA"


def test_offsets_point_into_cleaned_text(seeded: Path) -> None:
    for art in _by_file(seeded).values():
        assert art.paragraphs
        for para in art.paragraphs:
            chunk = art.text[para.start : para.end]
            assert chunk and chunk == chunk.strip() and "\n" not in chunk
