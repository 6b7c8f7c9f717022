"""Document and paragraph language with lingua, and a flag for mixed-language articles.

Lingua's low-accuracy mode (trigram models) is the default: on whole articles it agrees with the
high-accuracy mode and costs ~120 MB instead of ~900 MB once every language's 5-gram models are loaded
(measured on the sample; MEASURED.md reports 1.3 GB with all models preloaded). Short paragraphs are
where the two modes differ, so a paragraph shorter than ``min_paragraph_chars`` takes the document's
language instead of a guess. The detector is built once per stage instance, never per article.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from newsweave.errors import ConfigError
from newsweave.model import Article
from newsweave.stages.base import Stage


class LanguageOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    accuracy: Literal["low", "high"] = Field("low", description="lingua mode; 'high' is better on short text.")
    languages: list[str] = Field(["all"], description="ISO 639-1 codes to consider, or ['all'] (75 languages).")
    max_chars: int = Field(10_000, description="Characters of the document used to decide its language.")
    min_paragraph_chars: int = Field(60, description="Shorter paragraphs inherit the document language.")
    min_paragraph_confidence: float = Field(0.6, description="Below this, a paragraph inherits too.")
    mixed_share: float = Field(0.2, description="Share of text in another language that flags a mix.")


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

    def _top(self, text: str) -> tuple[str | None, float]:
        if self._detector is None:
            self._detector = _build_detector(self.options)  # type: ignore[arg-type]
        values = self._detector.compute_language_confidence_values(text)
        if not values or values[0].value <= 0.0:
            return None, 0.0
        return values[0].language.iso_code_639_1.name.lower(), float(values[0].value)

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options, "_detector": None}  # detectors do not pickle; workers rebuild

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.options, self._detector = state["options"], None

    def __call__(self, article: Article) -> Article:
        opts: LanguageOptions = self.options  # type: ignore[assignment]
        article.language, article.language_confidence = self._top(article.text[: opts.max_chars])
        other_chars = total_chars = 0
        shares: dict[str, int] = {}
        for para in article.paragraphs:
            chunk = article.text[para.start : para.end]
            lang, conf = None, 0.0
            if len(chunk) >= opts.min_paragraph_chars:
                lang, conf = self._top(chunk)
            if lang is None or conf < opts.min_paragraph_confidence:
                lang, conf = article.language, article.language_confidence
            para.language, para.language_confidence = lang, round(conf, 4)
            if len(chunk) >= opts.min_paragraph_chars:
                total_chars += len(chunk)
                shares[lang or "und"] = shares.get(lang or "und", 0) + len(chunk)
                if lang != article.language:
                    other_chars += len(chunk)
        article.language_confidence = round(article.language_confidence, 4)
        article.mixed_language = total_chars > 0 and other_chars / total_chars >= opts.mixed_share
        if article.mixed_language:
            article.metadata["languages"] = {k: round(v / total_chars, 3) for k, v in sorted(shares.items())}
        return article
