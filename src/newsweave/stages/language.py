"""Document and paragraph language with lingua, and a flag for mixed-language articles.

Lingua's low-accuracy mode (trigram models) is the default: on whole articles it agrees with the
high-accuracy mode and costs ~120 MB instead of ~900 MB once every language's 5-gram models are loaded
(measured on the sample; MEASURED.md reports 1.3 GB with all models preloaded). Short paragraphs are
where the two modes differ, so a paragraph shorter than ``min_paragraph_chars`` takes the document's
language instead of a guess. Lingua's cost grows with the text, and a few hundred characters decide a
language as well as a few thousand, so documents and paragraphs are capped (``max_chars``,
``paragraph_chars``): this halved the stage's time on the sample. Cutting paragraphs to 150 characters
was measured and rejected (2026-11-24): 0.6 of the time, and per paragraph as accurate on SlavicNER
(98.9 %), but 3 of 1,000 Ukrainian benchmark articles were then called Kazakh. The detector is built once
per stage instance, never per article.

Most articles are in one language, so only one paragraph (the lead: the first long one) is read at
``paragraph_chars``; the others are checked on their first ``check_chars`` and read again at full length
only when that check names another language. On 3,166 SlavicNER/RONEC paragraphs with a foreign one put
into 40 % of the articles this found the same 318 of 325 foreign paragraphs, was right as often
(98.6 %), and cost 0.7 of the time (2026-11-24). Checking the others with a detector restricted to the
lead's five likeliest languages was cheaper still, and rejected: a Romanian paragraph in a Czech article
came out Czech, since a restricted detector can only choose among the languages it has. Adding one
language of each family to those five (up to 19 in all) kept that case right but still found one foreign
paragraph fewer (317 of 325) for 0.8 of the stage's time (2026-11-24, sixth session): rejected too.
The Kazakh Ukrainians were lingua's "щ" rule (``_shcha_may_hide_ukrainian``). With that mended, 200
characters for the lead and 60 for the checks cost 0.6-1.0 ms less per article but called 12 of 5,250
benchmark articles wrong instead of 10 and 0.25 % more paragraphs (ninth session): rejected; 150
characters called 8 Romanian articles Tagalog.
"""

from __future__ import annotations

import os
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from newsweave.errors import ConfigError
from newsweave.model import Article
from newsweave.stages.base import Stage


class LanguageOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    accuracy: Literal["low", "high"] = Field("low", description="lingua mode; 'high' is better on short text.")
    languages: list[str] = Field(["all"], description="ISO 639-1 codes to consider, or ['all'] (75 languages).")
    max_chars: int = Field(3_000, description="Characters of the document used to decide its language.")
    paragraph_chars: int = Field(250, description="Characters of a paragraph used to decide its language.")
    check_chars: int = Field(
        100, description="Characters of a further paragraph checked against the lead paragraph's language."
    )
    min_paragraph_chars: int = Field(60, description="Shorter paragraphs inherit the document language.")
    min_paragraph_confidence: float = Field(0.6, description="Below this, a paragraph inherits too.")
    mixed_share: float = Field(0.2, description="Share of text in another language that flags a mix.")
    parallel: bool = Field(
        True, description="Batch lingua's calls on its thread pool; off where processes share the cores (Dask)."
    )


#: The process whose lingua thread pool is running (None: no batched call made yet).
_POOL_PID: int | None = None


def _build_detector(options: LanguageOptions) -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    if options.languages == ["all"]:
        builder = LanguageDetectorBuilder.from_all_languages()
    else:
        try:
            codes = [getattr(IsoCode639_1, code.upper()) for code in options.languages]
        except AttributeError as exc:
            raise ConfigError(f"stages.language.languages: unknown ISO 639-1 code {exc.name!r}") from exc
        if len(codes) < 2:
            raise ConfigError("stages.language.languages: name at least two languages, or 'all'")
        builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
    if options.accuracy == "low":
        builder = builder.with_low_accuracy_mode()
    return builder.build()


class LanguageStage(Stage):
    name = "language"
    requires = ("text", "paragraphs")
    provides = ("language", "language_confidence", "mixed_language")
    Options = LanguageOptions

    def __init__(self, options: BaseModel | None = None) -> None:
        super().__init__(options)
        self._detector: Any = None

    def _detector_(self) -> Any:
        if self._detector is None:
            self._detector = _build_detector(self.options)  # type: ignore[arg-type]
        return self._detector

    def _scores(self, texts: list[str]) -> list[dict[str, float]]:
        """Confidence per language (top five) for each text, in one batched call.

        The batched call runs on lingua's thread pool, which a process started by ``fork`` inherits
        without its threads: calling it there hangs for ever (a pre-forking server, a multiprocessing
        worker). Such a process makes one call per text instead."""
        global _POOL_PID
        detector = self._detector_()
        parallel: bool = self.options.parallel  # type: ignore[attr-defined]
        if not parallel or (_POOL_PID is not None and os.getpid() != _POOL_PID):
            batch = [detector.compute_language_confidence_values(text) for text in texts]
        else:
            _POOL_PID = os.getpid()
            batch = detector.compute_language_confidence_values_in_parallel(texts)
        scores = [_top_five(values) for values in batch]
        for i, text in enumerate(texts):
            if _shcha_may_hide_ukrainian(text, scores[i]):
                again = _top_five(detector.compute_language_confidence_values(text.translate(_SHCHA)))
                if _top(again) == "uk":
                    scores[i] = again
        return scores

    def _paragraph_scores(self, chunks: list[str], long_ones: list[int]) -> dict[int, dict[str, float]]:
        """Scores of each long paragraph: the lead's on ``paragraph_chars``, the others' on
        ``check_chars`` where that agrees with the lead, else again on ``paragraph_chars``."""
        opts: LanguageOptions = self.options  # type: ignore[assignment]
        lead = next((i for i in long_ones if len(chunks[i]) >= opts.paragraph_chars), None)
        if lead is None:
            lead = max(long_ones, key=lambda i: len(chunks[i]))
        others = [i for i in long_ones if i != lead]
        texts = [chunks[lead][: opts.paragraph_chars]] + [chunks[i][: opts.check_chars] for i in others]
        per_para = dict(zip([lead, *others], self._scores(texts), strict=True))
        lead_language = _top(per_para[lead])
        again = [i for i in others if _top(per_para[i]) != lead_language and len(chunks[i]) > opts.check_chars]
        if again:
            per_para.update(zip(again, self._scores([chunks[i][: opts.paragraph_chars] for i in again]), strict=True))
        return dict(sorted(per_para.items()))

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options, "_detector": None}  # detectors do not pickle; workers rebuild

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.options, self._detector = state["options"], None

    def __call__(self, article: Article) -> Article:
        """Paragraph languages first, then the document's as their length-weighted vote.

        A separate whole-document call would repeat what the paragraphs already say. Lingua's cost
        grows with the text it reads, hence the short check of every paragraph but the lead.
        """
        opts: LanguageOptions = self.options  # type: ignore[assignment]
        chunks = [article.text[p.start : p.end] for p in article.paragraphs]
        long_ones = [i for i, c in enumerate(chunks) if len(c) >= opts.min_paragraph_chars]
        if not long_ones:  # a short article: decide on the whole text
            scores = self._scores([article.text[: opts.max_chars]])[0]
            doc_lang = max(scores, key=scores.__getitem__) if scores and max(scores.values()) > 0 else None
            doc_conf = scores.get(doc_lang, 0.0) if doc_lang else 0.0
            for para in article.paragraphs:
                para.language, para.language_confidence = doc_lang, round(doc_conf, 4)
            article.language, article.language_confidence, article.mixed_language = doc_lang, round(doc_conf, 4), False
            return article
        per_para = self._paragraph_scores(chunks, long_ones)
        weight = {i: len(chunks[i]) for i in long_ones}
        total = sum(weight.values())
        votes: dict[str, float] = {}
        for i, scores in per_para.items():
            for code, value in scores.items():
                votes[code] = votes.get(code, 0.0) + value * weight[i]
        doc_lang = max(sorted(votes), key=votes.__getitem__) if votes else None
        doc_conf = votes.get(doc_lang, 0.0) / total if doc_lang else 0.0
        shares: dict[str, int] = {}
        other = 0
        for i, para in enumerate(article.paragraphs):
            lang: str | None = doc_lang
            conf = doc_conf
            if per_para.get(i):
                top = max(per_para[i], key=per_para[i].__getitem__)
                if per_para[i][top] >= opts.min_paragraph_confidence:
                    lang, conf = top, per_para[i][top]
                shares[lang or "und"] = shares.get(lang or "und", 0) + weight[i]
                if lang != doc_lang:
                    other += weight[i]
            para.language, para.language_confidence = lang, round(conf, 4)
        article.language, article.language_confidence = doc_lang, round(doc_conf, 4)
        article.mixed_language = other / total >= opts.mixed_share
        if article.mixed_language:
            article.metadata["languages"] = {k: round(v / total, 3) for k, v in sorted(shares.items())}
        return article


#: Lingua 2.1.1 leaves Ukrainian out of the running when a text's words with "щ" outnumber its words with
#: letters of Ukrainian alone: its letter rule gives "щ" to Bulgarian, Kazakh, Mongolian and Russian
#: only ("Україна ще" scores Russian 0.57, Kazakh 0.35, Ukrainian nothing). The Kotlin lingua fixed the
#: rule (pemistahl/lingua#193); the Rust one the Python package wraps has not, as of its latest release.
#: 14 of 750 Ukrainian benchmark articles came out Kazakh. A text that came out one of those four and
#: has a letter of Ukrainian that Bulgarian and Russian lack (і, ї, є, ґ) is scored again with "щ" read
#: as "ш", and called Ukrainian if that says so (Kazakh's own letters keep a Kazakh text Kazakh).
#: None of the 750 then, and 57 articles flagged mixed-language instead of 81 (2026-11-24, ninth session).
_SHCHA_LANGUAGES = frozenset({"bg", "kk", "mn", "ru"})
_UKRAINIAN_LETTERS = frozenset("іІїЇєЄґҐ")
_SHCHA = str.maketrans("щЩ", "шШ")


def _shcha_may_hide_ukrainian(text: str, scores: dict[str, float]) -> bool:
    top = _top(scores)
    return (
        (top is None or top in _SHCHA_LANGUAGES)
        and ("щ" in text or "Щ" in text)
        and not _UKRAINIAN_LETTERS.isdisjoint(text)
    )


def _top_five(values: Any) -> dict[str, float]:
    """Lingua's confidence values (best first) as ISO code → confidence, the five likeliest."""
    return {v.language.iso_code_639_1.name.lower(): float(v.value) for v in values[:5]}


def _top(scores: dict[str, float]) -> str | None:
    return max(scores, key=scores.__getitem__) if scores else None
