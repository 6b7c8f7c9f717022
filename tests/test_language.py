"""Language: documents and paragraphs, confidences, and mixed-language flags."""

from __future__ import annotations

import os
import signal
import time

import pytest

from newsweave.config import Settings
from newsweave.errors import ConfigError
from newsweave.model import Article, Paragraph
from newsweave.pipeline import build_stages
from newsweave.stages.language import LanguageOptions, LanguageStage

DE = (
    "Die Bundesregierung hat am Mittwoch einen neuen Haushaltsentwurf vorgelegt, der deutliche Einsparungen "
    "bei den Ausgaben der Ministerien vorsieht."
)
EN = (
    "The government presented a new draft budget on Wednesday that foresees significant savings in the "
    "spending of the ministries over the coming years."
)
LV = "Valdība trešdien iesniedza jaunu budžeta projektu, kas paredz ievērojamus ietaupījumus ministriju izdevumos."


def _article(*paras: str) -> Article:
    text = "\n\n".join(paras)
    spans, pos = [], 0
    for p in paras:
        spans.append(Paragraph(pos, pos + len(p)))
        pos += len(p) + 2
    return Article(source="t", raw=text, text=text, paragraphs=spans)


def test_document_and_paragraph_language() -> None:
    art = LanguageStage()(_article(LV, LV.replace("trešdien", "otrdien"), "Rīga"))
    assert art.language == "lv" and art.language_confidence > 0.9 and not art.mixed_language
    assert [p.language for p in art.paragraphs] == ["lv", "lv", "lv"]  # a short paragraph inherits


def test_mixed_language_flagged_with_shares() -> None:
    art = LanguageStage()(_article(DE, DE.replace("Mittwoch", "Dienstag"), EN, EN.replace("Wednesday", "Tuesday")))
    assert art.mixed_language
    assert [p.language for p in art.paragraphs] == ["de", "de", "en", "en"]
    assert set(art.metadata["languages"]) == {"de", "en"}


def test_only_the_lead_and_paragraphs_that_disagree_are_read_at_length() -> None:
    """The lead paragraph is read on paragraph_chars, the rest on check_chars; a paragraph whose check
    names another language than the lead's is read again, whole, before its language is decided."""
    stage = LanguageStage(LanguageOptions(paragraph_chars=120, check_chars=40))
    read: list[list[int]] = []
    scores = stage._scores

    def counting(texts: list[str]) -> list[dict[str, float]]:
        read.append([len(t) for t in texts])
        return scores(texts)

    stage._scores = counting  # type: ignore[method-assign]
    art = stage(_article(DE, DE.replace("Mittwoch", "Dienstag"), EN))
    assert [p.language for p in art.paragraphs] == ["de", "de", "en"]
    assert read == [[120, 40, 40], [120]]


def test_one_quote_in_another_language_is_not_a_mix() -> None:
    art = LanguageStage()(
        _article(
            DE,
            DE.replace("Mittwoch", "Dienstag"),
            DE.replace("Mittwoch", "Montag"),
            DE.replace("Mittwoch", "Freitag"),
            DE.replace("Mittwoch", "Samstag"),
            EN,
        )
    )
    assert art.language == "de" and not art.mixed_language


def test_restricted_languages_and_bad_codes(settings: Settings) -> None:
    stage = LanguageStage(LanguageOptions(languages=["de", "en"]))
    assert stage(_article(EN)).language == "en"
    bad = settings.model_copy(update={"stages": {"language": {"languages": ["xx", "en"]}}})
    with pytest.raises(ConfigError):
        build_stages(bad)[2](_article(EN))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_works_in_a_process_forked_after_use() -> None:
    """Lingua's thread pool does not survive fork: a forked worker must still get an answer, not hang."""
    stage = LanguageStage()
    assert stage(_article(DE, EN, DE)).language == "de"  # the parent's pool is now running
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.write(write, (stage(_article(LV, LV)).language or "-").encode())
        finally:
            os._exit(0)
    os.close(write)
    deadline = time.monotonic() + 60
    while not os.waitpid(pid, os.WNOHANG)[0]:
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            pytest.fail("the language stage hung in a forked process")
        time.sleep(0.05)
    assert os.read(read, 10) == b"lv"


def test_ukrainian_with_shcha_is_not_kazakh() -> None:
    """Lingua 2.1.1 gives "щ" to Russian, Bulgarian, Kazakh and Mongolian only, and called these
    Ukrainian sentences Kazakh; a Kazakh and a Russian sentence with "щ" keep their language."""
    ukrainian = (
        "Подібні вакцини зможуть «імунізувати» найвразливіші ділянки — ніс та решту респіраторного тракту. "
        "А ще їх набагато простіше транспортувати, ніж звичайні."
    )
    ukrainian_2 = "У Словаччині після щеплення антікоронавірусной вакциною Pfizer/BioNTech помер 79-річний чоловік."
    kazakh = "Біз жаңа мектептің ашылуына қатыстық, ол жерде балаларға щетка мен кітаптар сыйға берілді."
    russian = "Правительство ещё не объявило, сколько помощи получат пострадавшие общины."
    stage = LanguageStage(LanguageOptions(parallel=False))
    found = [stage(_article(text)).language for text in (ukrainian, ukrainian_2, kazakh, russian)]
    assert found == ["uk", "uk", "kk", "ru"]
