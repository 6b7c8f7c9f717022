"""Plain records that flow through newsweave.

Everything here is a plain dataclass so that stages stay pure functions over data, records pickle
cleanly to Dask workers, and one codec (``store/codec.py``) can write them to any backend. Offsets in
every fact refer to ``Article.text`` (the cleaned text); ``Article.raw`` is never altered, so a fact can
always be traced back to what the source said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

#: How precisely a publication date is known. A date with precision "day" has no time of day.
DatePrecision = Literal["year", "month", "day", "minute", "second"]

#: Where a publication date came from, most trusted first.
DateMethod = Literal["field", "html-meta", "feed", "header-line", "text-line", "warc"]

#: What a paragraph of cleaned text is, so later stages can treat headings differently from prose.
ParagraphKind = Literal["text", "heading", "list-item", "quote"]


@dataclass(slots=True, frozen=True)
class Evidence:
    """Where a fact comes from: a span of one article's cleaned text."""

    article_id: str
    start: int
    end: int


@dataclass(slots=True)
class RawDoc:
    """What a reader hands to the pipeline: text already decoded, plus whatever the format told us.

    ``hints`` carries format-level metadata (title, published, url, outlet, byline, label, declared
    language …); stages decide how much to trust each hint.
    """

    source: str
    text: str
    format: str
    raw: str | None = None
    hints: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Published:
    """A publication date with its precision and provenance.

    ``value`` is ISO 8601 (``2023-07-28`` or ``2023-07-28T08:01``, with an offset when the source gave
    one). ``text`` is the expression it was read from, so a reader can check it.
    """

    value: str
    precision: DatePrecision
    method: DateMethod
    text: str = ""


@dataclass(slots=True)
class Paragraph:
    """A paragraph of the cleaned text, by offsets into ``Article.text``."""

    start: int
    end: int
    kind: ParagraphKind = "text"
    language: str | None = None
    language_confidence: float = 0.0


@dataclass(slots=True)
class Removal:
    """A piece of the source that cleaning took out of the text, and why.

    ``rule`` is a stable machine name (``paywall``, ``read-more`` …); ``reason`` says it for a person.
    ``moved_to`` names the metadata field a removed line fed (``published``, ``byline`` …), if any.
    """

    text: str
    rule: str
    reason: str
    position: int
    moved_to: str | None = None


#: Entity categories, as in the BSNLP/SlavicNER guidelines.
EntityLabel = Literal["PER", "ORG", "LOC", "EVT", "PRO"]


@dataclass(slots=True)
class Mention:
    """A named mention in ``Article.text``: span, category, the tagger's confidence and its base form.

    ``media`` marks outlets and agencies (their ORG mentions feed citation analysis); ``entity_id`` is
    set once resolution links the mention to an entity.
    """

    start: int
    end: int
    text: str
    label: EntityLabel
    confidence: float = 0.0
    base: str | None = None
    media: bool = False
    role: str | None = None
    entity_id: str | None = None


@dataclass(slots=True)
class Entity:
    """A real-world person, organisation, place, event or product, across articles and languages.

    ``forms`` counts base forms by language (``{"pl": {"Władimir Putin": 3}}``), ``surfaces`` the
    inflected forms as written. ``key`` is the transliteration-folded name used for matching. ``roles``
    lists what the texts call it, one entry per role and language ({"role", "language", "date" (first
    seen), "last", "article_id" (first article), "articles"}), oldest first.
    ``context`` counts, per co-occurring entity ("PER:kiril dmitrev", "LOC:cldr:RU"), the articles they
    share: the evidence that keeps two namesakes apart.
    """

    id: str
    label: EntityLabel
    name: str
    key: str
    forms: dict[str, dict[str, int]] = field(default_factory=dict)
    surfaces: dict[str, dict[str, int]] = field(default_factory=dict)
    mentions: int = 0
    articles: int = 0
    media: bool = False
    roles: list[dict[str, Any]] = field(default_factory=list)
    context: dict[str, int] = field(default_factory=dict)


#: How much of the calendar a date expression covers.
Granularity = Literal["minute", "day", "range", "week", "month", "season", "year"]


@dataclass(slots=True)
class TimeExpr:
    """A date or time expression in the cleaned text, normalised.

    ``value``/``end`` are ISO dates bounding what it covers (a day: both the same; "w kwietniu 2024":
    2024-04-01..2024-04-30; a season keeps its three months). ``relative`` marks expressions read against
    the publication date ("am Freitag", "im vergangenen Jahr"); without one they stay unresolved
    (``value`` None) with the ``reason``, never guessed.
    """

    start: int
    end: int
    text: str
    granularity: Granularity
    value: str | None = None
    until: str | None = None
    relative: bool = False
    reason: str | None = None


#: Whether an event happened, as far as the text says.
Modality = Literal["asserted", "negated", "planned", "hypothetical"]

EventType = Literal["meeting", "summit", "visit", "call", "statement", "agreement", "sanctions", "vote", "attack"]


@dataclass(slots=True)
class EventMention:
    """An event as one sentence of one article reports it; the event step merges them across articles.

    ``participants`` and ``place`` are offsets of mentions in the article (their entity ids are known
    once the article is resolved): in the supporting sentence, or earlier in the article when the sentence
    refers back to an event and names no one itself ("The talks ended …"); ``time`` is the index of a
    ``TimeExpr`` of the article.
    """

    type: EventType
    trigger_start: int
    trigger_end: int
    start: int  # the supporting sentence
    end: int
    modality: Modality = "asserted"
    participants: list[tuple[int, int]] = field(default_factory=list)
    place: tuple[int, int] | None = None
    time: int | None = None
    event_id: str | None = None


@dataclass(slots=True)
class Event:
    """A real-world event merged from the frames of every article that reports it.

    ``date``/``date_until`` bound when it happened: from a date in the text (``dated_by`` "text") or,
    when no report gave one, the days just before its reports' publication ("published"); None when
    neither is known. ``participants`` and ``place_id`` are entity ids; ``reports`` counts supporting
    sentences.
    """

    id: str
    type: EventType
    modality: Modality
    date: str | None
    date_until: str | None
    place_id: str | None
    participants: list[str]
    reports: int = 0
    articles: int = 0
    dated_by: Literal["text", "published"] | None = None


@dataclass(slots=True)
class Story:
    """Articles about one event or development, across languages; a storyline links stories over time.

    ``centroid`` is the float32 sum of its originals' embeddings (copies count once, as their original);
    ``entities`` counts, per resolved entity, the originals that name it; ``titles`` holds one title per
    language, the member's closest to the centroid. Dates are ISO days of the first and last article.
    """

    id: str
    size: int = 0
    first: str | None = None
    last: str | None = None
    languages: dict[str, int] = field(default_factory=dict)
    entities: dict[str, int] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    centroid: bytes = b""
    storyline_id: str | None = None


@dataclass(slots=True)
class Quote:
    """Something a speaker said: direct (inside quotation marks) or reported ("said that ...").

    ``speaker`` is the offsets of the speaker's mention when a named entity said it, ``described`` the
    words for an unnamed one ("a former US official"), ``via`` the offsets of an outlet that relayed it
    ("told The Moscow Times").
    """

    start: int  # the quoted words
    end: int
    kind: Literal["direct", "reported"]
    cue_start: int | None = None  # the attribution verb
    cue_end: int | None = None
    speaker: tuple[int, int] | None = None
    described: str | None = None
    via: tuple[int, int] | None = None


@dataclass(slots=True)
class Citation:
    """An outlet or agency the article gives as its source, with the words that say so."""

    outlet: str
    start: int  # the outlet's mention
    end: int
    cue_start: int
    cue_end: int


@dataclass(slots=True)
class Problem:
    """Something that went wrong with one input; the batch goes on and reports it."""

    source: str
    stage: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason} [{self.stage}]"


@dataclass(slots=True)
class Article:
    """One news article, from its raw source to its cleaned, tagged text.

    ``id`` is derived from the normalised cleaned text, so the same article read twice (or from two
    formats) gets the same id. ``extracted`` is the reader's text (HTML already stripped) that the stages
    start from, and ``blocks`` the candidate paragraphs between the ``text`` and ``clean`` stages;
    neither is stored: ``raw`` is.
    """

    source: str
    raw: str
    format: str = "text"
    extracted: str = ""
    id: str = ""
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    published: Published | None = None
    language: str | None = None
    language_confidence: float = 0.0
    mixed_language: bool = False
    text: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    duplicate_of: str | None = None
    duplicate_similarity: float | None = None
    minhash: bytes | None = None
    embedding: bytes | None = None  # float32 unit vector of the ``embed`` stage, stored with its model
    embedding_model: str | None = None
    # The matching keys of title and text for keyword search (``search.keys_of``), when made where the
    # stages ran (a Dask worker) to spare the process that writes the store; not stored as they are.
    search_keys: tuple[str, str] | None = None
    raw_hash: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    hints: dict[str, Any] = field(default_factory=dict)
    blocks: list[str] = field(default_factory=list)

    def paragraph_texts(self) -> list[str]:
        return [self.text[p.start : p.end] for p in self.paragraphs]


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did; the CLI prints it and the API returns it.

    ``added`` holds every newly stored article id, near-duplicates included (they are stored once, linked
    to their original in ``near_duplicates`` as (id, original id, similarity)). ``exact_duplicates`` are
    inputs whose cleaned text was already stored, as (source, article id): only the source is recorded.
    ``unchanged`` are inputs read before, byte for byte: nothing is done with them.
    """

    added: list[str] = field(default_factory=list)
    near_duplicates: list[tuple[str, str, float]] = field(default_factory=list)
    exact_duplicates: list[tuple[str, str]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems
