"""Named mentions (PER, ORG, LOC, EVT, PRO) in the cleaned text, with offsets and confidence.

The tagger is loaded once per stage instance (and rebuilt on a worker after pickling), from the model
shipped in the package unless ``model`` names another file.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

import regex
from pydantic import BaseModel, ConfigDict, Field

from newsweave.entities.baseform import UNINFLECTED, BaseForms, agreeing_base, outlet_base
from newsweave.entities.context import add_outlets, annotate
from newsweave.entities.demonyms import Demonyms, country_of, demonyms_path
from newsweave.entities.demonyms import load as load_demonyms
from newsweave.entities.feminine import feminine_bases
from newsweave.entities.gazetteer import city_zone, local_place_name, region_code, territory_code, territory_name
from newsweave.entities.known_people import load as load_people
from newsweave.entities.known_people import people_path
from newsweave.entities.legal_forms import by_legal_form
from newsweave.entities.lexicon import is_known
from newsweave.entities.names import word_key
from newsweave.entities.quoted import add_quoted_organisations
from newsweave.entities.tagger import MentionTagger
from newsweave.entities.train import DEFAULT_MODEL, rules_path
from newsweave.entities.truecase import NOUN_CAPITALISING
from newsweave.model import Article, Mention
from newsweave.stages.base import Stage

#: Confidence given to a surname or name found again after the tagger found it once (not by the tagger),
#: or found because it is a well-known person's (``known_people``).
SURNAME_CONFIDENCE = 0.5


class MentionOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str | None = Field(None, description="Path of a CRF model; default: the one shipped with newsweave.")
    min_confidence: float = Field(0.5, description="Mentions the tagger is less sure of are dropped.")
    noun_confidence: float = Field(
        0.8, description="In languages that capitalise nouns, a one-word dictionary word needs this much."
    )


class MentionStage(Stage):
    name = "mentions"
    requires = ("text", "language")
    provides = ("mentions",)
    Options = MentionOptions

    def __init__(self, options: BaseModel | None = None) -> None:
        super().__init__(options)
        self._tagger: MentionTagger | None = None
        self._bases: BaseForms | None = None
        self._demonyms: Demonyms | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options}  # the tagger is a C handle: workers load their own

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.options, self._tagger, self._bases, self._demonyms = state["options"], None, None, None

    @property
    def model_path(self) -> Path:
        opts: MentionOptions = self.options  # type: ignore[assignment]
        return Path(opts.model) if opts.model else DEFAULT_MODEL

    @property
    def tagger(self) -> MentionTagger:
        if self._tagger is None:
            self._tagger = MentionTagger(self.model_path)
        return self._tagger

    @property
    def bases(self) -> BaseForms:
        if self._bases is None:
            self._bases = BaseForms(rules_path(self.model_path))
        return self._bases

    @property
    def people(self) -> frozenset[str]:
        """Keys of well-known people's surname forms, learned with this tagger."""
        return load_people(people_path(self.model_path))

    def demonyms(self) -> Demonyms:
        """The words for countries' people learned with this tagger, which resolution links to the
        country; read once, like the tagger (the mention stage asks on every article)."""
        if self._demonyms is None:
            self._demonyms = load_demonyms(demonyms_path(self.model_path))
        return self._demonyms

    def recognise(self, text: str, language: str | None) -> list[Mention]:
        """Mentions with base forms; the evaluation calls this too, so it measures what users get."""
        opts: MentionOptions = self.options  # type: ignore[assignment]
        people = self.people
        mentions = [
            m
            for m in self.tagger.tag(text, language)
            if m.confidence >= opts.min_confidence
            and not _common_word(m, language, text, people)
            and not _weak_noun(m, language, opts.noun_confidence)
        ]
        for m in mentions:
            _drop_opening_word(m, language, text)
            _country_is_no_person(m)
            if language == "lv":
                _latvian_man(m)
        mentions = _without_leading_country_word(mentions, language, self.demonyms())
        mentions = _with_repeated_surnames(mentions, text, language)
        mentions, carried = _with_repeated_names(mentions, text, language)
        mentions = _with_known_people(mentions, text, language, people)
        _surnames_are_people(mentions, language)
        mentions = add_outlets(text, by_legal_form(text, add_quoted_organisations(text, mentions)))
        annotate(text, mentions, language)
        labels: list[str] = [m.label for m in mentions]
        surfaces = [m.text for m in mentions]
        bases = BaseForms.same_article([self.bases(m.text, language, m.label) for m in mentions], labels, surfaces)
        if language == "lv":
            bases = feminine_bases(bases, labels, surfaces, [m.role for m in mentions])
        for mention, base in zip(mentions, bases, strict=True):
            # An outlet's name is not a word to lemmatise: "agência Lusa" is Lusa, not the masculine
            # "Luso"; only languages with case endings change it ("według Reutersa").
            mention.base = (outlet_base(mention.text, language) if mention.media else None) or base
        for mention, origin in carried:
            if origin.base:  # an organisation's first word, or the one word
                mention.base = origin.base.split()[0]
        if language and _declines(language):
            _agree_with_noun_before(mentions, text, language)
        return mentions

    def __call__(self, article: Article) -> Article:
        article.mentions = self.recognise(article.text, article.language)
        return article


def _sentence_start(text: str, offset: int) -> bool:
    window = max(0, offset - 40)  # what opens a sentence is close by; no need to copy the text before it
    before = text[window:offset].rstrip(" \t\"'„“«(")
    if not before and window:
        before = text[:offset].rstrip(" \t\"'„“«(")
    return not before or before[-1] in ".!?…\n"


def _drop_opening_word(mention: Mention, language: str | None, text: str) -> None:
    """A sentence's first word, capitalised only because it opens the sentence, is not part of the name
    after it when the dictionary knows it in lower case ("Selon Le Monde", "Laut Reuters")."""
    first, _, rest = mention.text.partition(" ")
    if not rest or not language or not _sentence_start(text, mention.start) or mention.label == "EVT":
        return
    if not (first[:1].isupper() and not first.isupper() and is_known(first.lower(), language) and rest[:1].isupper()):
        return
    if territory_code(mention.text) or city_zone(mention.text):
        return  # the word opens a place's name: "Stany Zjednoczone", "Nowy Jork"
    mention.start += len(first) + 1
    mention.text = rest


def _without_leading_country_word(mentions: list[Mention], language: str | None, demonyms: Demonyms) -> list[Mention]:
    """A person's name that the tagger ran on from the word before it, when that word is a country in
    one of its cases or a word for its people: "Pakistanu Asię Bibi", "Пакистана Асия Биби", "Rosjanin
    Jan Nowak" are two mentions, the place or people word and the person, as the BSNLP guidelines
    annotate them. A case form of the country's CLDR name is a place (``_country_in_a_case``: a stem
    search alone took "Maroš" for Morocco and "George" for Georgia); a people's word is one the
    corpora link to a country (``demonyms``), tagged PER as the guidelines tag it, and resolution
    links it to the country. A first name that is exactly a country's ("Jordan Henderson") keeps the
    name whole."""
    if not language:
        return mentions
    out: list[Mention] = []
    for m in mentions:
        first, _, rest = m.text.partition(" ")
        if m.label != "PER" or not rest[:1].isupper() or not first.isalpha() or first.isupper():
            out.append(m)
            continue
        place = _country_in_a_case(first, language)
        if not place and not country_of(demonyms, language, first):
            out.append(m)
            continue
        out.append(Mention(m.start, m.start + len(first), first, "LOC" if place else "PER", m.confidence))
        m.start += len(first) + 1
        m.text = rest
        out.append(m)
    return out


def _country_in_a_case(word: str, language: str) -> bool:
    """A country's CLDR name in one of its cases, not exactly as CLDR writes it: "Pakistanu",
    "Пакистана", "Rosji". At most one letter longer than the name, so neither a first name the stem
    search reaches ("Francesco" for Francie) nor a people's word ("Nigeryjką") passes."""
    code = territory_code(word)
    if not code or territory_code(word, exact=True):
        return False
    name = territory_name(code, language)
    if not name:
        return False
    return len(word) <= len(name) + 1 and local_place_name(word, language) == name


def _country_is_no_person(mention: Mention) -> None:
    """One word that is exactly a country's name in some language (CLDR) is a place, not a person: the
    tagger calls a German "Polen" PER when it opens a clause like a name does. Inflected forms are left
    alone (a surname may extend a country's stem). Held-out Slavic topic: 1 change (Джерси), right."""
    if mention.label == "PER" and " " not in mention.text and territory_code(mention.text, exact=True):
        mention.label = "LOC"


#: A Latvian man's name in the nominative: "-s" or "-š" after a consonant ("Stīvs", "Vitkofs", "Bērziņš"),
#: "-is" or "-us" ("Jānis", "Markus"). Genitives end in a vowel and "s" ("Latvijas Banka").
_LATVIAN_MAN = re.compile(r"(?:[^\W\d_aeiouāēīōū][sš]|is|us)$")


def _latvian_man(mention: Mention) -> None:
    """Two capitalised words that both end like a Latvian man's nominative are a man's name, where the
    tagger, trained on no Latvian, said PRO or ORG ("Stīvs Vitkofs", "Džareds Kušners"). Then his
    surname alone is found again after it (``_with_repeated_surnames``). De/lv/en gold: relaxed
    partial 0.756 → 0.800 on its 24 Latvian mentions (one mention; docs/entities.md)."""
    words = mention.text.split()
    if mention.label not in ("PRO", "ORG") or mention.media or len(words) != 2:
        return
    manly = all(w[:1].isupper() and not w.isupper() and _LATVIAN_MAN.search(w) for w in words)
    if manly and not territory_code(mention.text, exact=True):
        mention.label = "PER"


#: Case endings a surname takes in languages that decline names (Polish, Czech, Slovak, Slovene,
#: Croatian, Serbian, Bulgarian, Russian, Ukrainian, Latvian, Lithuanian, Romanian): "Scholza",
#: "Zełenskiego", "Fialy", "Pieskowem", "Лаврову". Endings only, after the surname or its stem without a
#: final vowel; a longer tail is another word ("Kowal" → "Kowalski").
CASE_ENDINGS = (
    "a", "u", "e", "y", "i", "o", "ą", "ę", "em", "om", "ie", "owi", "ego", "emu", "im", "ym", "ou", "ovi",
    "ho", "mu", "ům", "ým", "ého", "ému", "ów", "ach", "ami", "ai", "am", "as", "ā", "ei", "ului", "ul",
    "а", "у", "е", "ом", "ым", "им", "ого", "ому", "ой", "ую", "ю", "я", "і", "ові", "ем", "ём", "ей",
)  # fmt: skip
_ENDINGS = frozenset(CASE_ENDINGS)
_FINAL_VOWEL = re.compile(r"[aeiouyąęаеиоуыяюйь]$")


def _declines(language: str | None) -> bool:
    """Does this language put case endings on names (both surname rules ask)?"""
    return bool(language) and (language or "").split("-")[0] not in UNINFLECTED


#: A word that starts with a capital letter: ``regex`` knows Unicode's letter classes, and looking only at
#: capitalised words halves the known-people rule's cost against checking every word (0.22 → 0.11 ms per
#: 3,000-character article).
_CAPITALISED = regex.compile(r"(?<!\w)\p{Lu}\w*")
_WORD = re.compile(r"\w+")


def _occurrences(names: dict[str, bool], text: str) -> dict[str, list[tuple[int, int, str]]]:
    """Where each name stands in ``text`` as a whole word: as written and, for a name that inflects
    (``names[name]``, and four letters or more), its bare stem or either with a case ending ("Scholza",
    "Пескова … Песков", "Нафтогазу"). One pass over the text's words for all the names: a pattern per
    name was compiled anew for most names (a tenth of the mention stage). A name of more than one word
    part ("Saif-ul-Muluk", "O’Brien") is looked for with a pattern of its own."""
    wanted: dict[str, list[tuple[str, str, bool]]] = {}
    found: dict[str, list[tuple[int, int, str]]] = {}
    for name, inflects in names.items():
        inflects = inflects and len(name) >= 4
        stem = _FINAL_VOWEL.sub("", name) if inflects else name
        found[name] = []
        if _WORD.fullmatch(stem):
            wanted.setdefault(stem, []).append((name, stem, inflects))
            continue
        tail = r"\w{0,4}" if inflects else ""
        for match in re.finditer(rf"(?<!\w){re.escape(stem)}{tail}(?!\w)", text):
            word = match.group()
            if _is_form_of(word, name, stem, inflects):
                found[name].append((match.start(), match.end(), word))
    for match in _CAPITALISED.finditer(text):  # names are capitalised (the callers' rule), so only these
        word = match.group()
        for k in range(len(word), max(0, len(word) - 4) - 1, -1):  # the word, or a stem and up to 4 letters
            for name, stem, inflects in wanted.get(word[:k], ()):
                if _is_form_of(word, name, stem, inflects):
                    found[name].append((match.start(), match.end(), word))
    return found


def _unclaimed(found: list[tuple[int, int, str]], taken: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """The occurrences no mention covers yet, each claimed (added to ``taken``) as it is given."""
    for start, end, word in found:
        if not any(s < end and start < e for s, e in taken):
            taken.append((start, end))
            yield start, end, word


def _is_form_of(word: str, name: str, stem: str, inflects: bool) -> bool:
    """The name, its bare stem, or (where it inflects) either with a case ending."""
    return word in (name, stem) or (
        inflects and (word[len(stem) :] in _ENDINGS or (word.startswith(name) and word[len(name) :] in _ENDINGS))
    )


def _with_repeated_surnames(mentions: list[Mention], text: str, language: str | None = None) -> list[Mention]:
    """A person named in full is later called by surname alone ("Ingrid Halvorsen … Halvorsen said");
    the tagger, seeing one word, often misses it. Every other whole-word occurrence of the surname is
    that person too, unless another mention covers it; where names decline, in any case ("Olaf Scholz …
    Scholza", "Petr Fiala … Fialy")."""
    taken = [(m.start, m.end) for m in mentions]
    added: list[Mention] = []
    declines = _declines(language)
    surnames = {m.text.split()[-1] for m in mentions if m.label == "PER" and " " in m.text}
    surnames = {name for name in surnames if len(name) >= 3 and name[:1].isupper()}
    where = _occurrences(dict.fromkeys(surnames, declines), text) if surnames else {}
    for surname in sorted(surnames):
        for start, end, word in _unclaimed(where[surname], taken):
            added.append(Mention(start, end, word, "PER", SURNAME_CONFIDENCE))
    return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions


#: Categories whose names ``_with_repeated_names`` carries to the article's other occurrences (people
#: have ``_with_repeated_surnames``).
REPEATED_LABELS = frozenset({"ORG", "LOC", "EVT", "PRO"})


def _with_repeated_names(
    mentions: list[Mention], text: str, language: str | None = None
) -> tuple[list[Mention], list[tuple[Mention, Mention]]]:
    """A name is one thing throughout an article: where the tagger found an organisation, place, event or
    product once ("НАК «Нафтогаз України»"), the same capitalised word elsewhere, in any case where
    names decline ("рішення щодо апеляції Нафтогазу"), is that name too, unless a mention covers it.
    A one-word name is carried, and an organisation's first word (the company without its country);
    not a longer place's (the tagger's "Asia Bibi", LOC, made every "Asia" a place). It takes the label
    the tagger gave that word most often in the article; a word labelled two ways as often, or found in
    a person's name too, is left alone.

    Also returns each added mention with the mention it was carried from, whose base form it takes
    once there is one: "Газпрому" is "Газпром" where the article names Gazprom, which the rules for
    organisations, most of which keep their case ("Sądu Najwyższego"), cannot tell."""
    votes: dict[str, Counter[str]] = {}
    source: dict[tuple[str, str], Mention] = {}
    for m in mentions:
        words = m.text.split()
        carried = m.label in REPEATED_LABELS and not m.media and (len(words) == 1 or m.label == "ORG")
        if carried and len(words[0]) >= 3 and words[0][:1].isupper():
            votes.setdefault(words[0], Counter())[m.label] += 1
            source.setdefault((words[0], m.label), m)
    if not votes:
        return mentions, []
    for m in mentions:  # a word of a person's name too ("Asia" of "Asia Bibi", tagged LOC once) is unsure
        if m.label == "PER":
            for word in m.text.split():
                if word in votes:
                    votes[word]["PER"] += 1
    declines = _declines(language)
    taken = [(m.start, m.end) for m in mentions]
    added: list[tuple[Mention, Mention]] = []
    labels: dict[str, str] = {}
    for name in sorted(votes):
        ranked = votes[name].most_common(2)
        if ranked[0][0] != "PER" and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
            labels[name] = ranked[0][0]
    # An acronym keeps its letters: no stem is cut from "NATO".
    where = _occurrences({name: declines and not name.isupper() for name in labels}, text) if labels else {}
    for name, label in labels.items():
        for start, end, word in _unclaimed(where[name], taken):
            mention = Mention(start, end, word, label, SURNAME_CONFIDENCE)  # type: ignore[arg-type]
            added.append((mention, source[name, label]))
    if not added:
        return mentions, []
    return sorted([*mentions, *(m for m, _ in added)], key=lambda m: m.start), added


def _surnames_are_people(mentions: list[Mention], language: str | None) -> None:
    """A one-word place or organisation that is, in any case, the surname of a person the article names
    in full is that person: the tagger sees one capitalised word ("Siliņa pauda", "Siliņu" tagged LOC)
    where the article has said whose name it is. Not a country, continent or city CLDR knows (a
    Mr Washington beside Washington), nor an outlet."""
    declines = _declines(language)
    people = {m.text.split()[-1] for m in mentions if m.label == "PER" and " " in m.text}
    # The surname as written and, where names decline, without its case ending ("Siliņas" → "Siliņ").
    stems = {
        stem
        for name in people
        for stem in (_FINAL_VOWEL.sub("", name), *(name[: -len(e)] for e in CASE_ENDINGS if name.endswith(e)))
        if declines and len(stem) >= 4
    }
    for m in mentions:
        if m.label not in ("LOC", "ORG", "PRO") or " " in m.text or m.media or m.text.isupper():
            continue
        word = m.text
        known = word in people or any(word.startswith(stem) and word[len(stem) :] in _ENDINGS for stem in stems)
        if known and not (territory_code(word, exact=True) or city_zone(word) or region_code(word)):
            m.label = "PER"


def _given_name_before(text: str, start: int, language: str, spans: list[tuple[int, int]]) -> int:
    """Where the person's name starts: one capitalised word before the surname that no mention covers
    and the dictionary does not know is a given name ("Эммануэль Макрон"); "Президент Франции Макрон"
    keeps its start."""
    if start < 2 or text[start - 1] != " ":
        return start
    before = re.search(r"(?<!\w)[^\W\d_]\w*$", text[max(0, start - 40) : start - 1])
    if before is None:
        return start
    word, begin = before.group(0), start - 1 - len(before.group(0))
    if not word[:1].isupper() or word.isupper() or any(s < start and begin < e for s, e in spans):
        return start
    if is_known(word.lower(), language) or territory_code(word):
        return start
    return begin


def _common_word(mention: Mention, language: str | None, text: str, people: frozenset[str] = frozenset()) -> bool:
    """A one-word "person" opening a sentence, that the language's dictionary knows in lower case, is a
    word, not a name: pronouns and role nouns ("El", "Emisarul", "Prezydent"). Elsewhere the capital is
    evidence enough (many surnames are also words). A well-known person's surname stays: the Latvian
    dictionary knows "putina" as a verb's form."""
    if mention.label != "PER" or " " in mention.text or not language:
        return False
    if not _sentence_start(text, mention.start):
        return False
    return is_known(mention.text.lower(), language) and word_key(mention.text, language, person=True) not in people


def _with_known_people(
    mentions: list[Mention], text: str, language: str | None, people: frozenset[str]
) -> list[Mention]:
    """A capitalised word that no mention covers and that is, in some case and spelling, the surname of a
    person the news keeps naming (``known_people``) is that person: "pirms Trampa prezidentūras". Not a
    word next to a mention (the tagger chose that name's edges), nor a dictionary word where the capital
    proves nothing: at a sentence start, or anywhere in a language that capitalises nouns."""
    if not people or not text:
        return mentions
    edges = {m.start for m in mentions} | {m.end for m in mentions}
    spans = sorted((m.start, m.end) for m in mentions)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # the furthest end of the spans up to each
    added: list[Mention] = []
    lang = (language or "").split("-")[0]
    for found in _CAPITALISED.finditer(text):
        word = found.group(0)
        if word.isupper() or word_key(word, language, person=True) not in people:
            continue
        start, end = found.span()
        before = bisect_left(starts, end)  # the spans that start before this word ends
        if start - 1 in edges or end + 1 in edges or (before and reach[before - 1] > start):
            continue
        if lang in NOUN_CAPITALISING and (is_known(word, lang) or is_known(word.lower(), lang)):
            continue
        if _sentence_start(text, start) and is_known(word.lower(), lang):
            continue
        previous = added[-1] if added else None
        if previous is not None and previous.end + 1 == start and text[previous.end] == " ":
            previous.end, previous.text = end, text[previous.start : end]  # "Władimir Putin", both known
            continue
        start = _given_name_before(text, start, lang, spans)
        added.append(Mention(start, end, text[start:end], "PER", SURNAME_CONFIDENCE))
    return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions


_WORD_BEFORE = re.compile(r"(\w+) $")


def _agree_with_noun_before(mentions: list[Mention], text: str, language: str) -> None:
    """A one-word person whose base the rules left as written takes the case of the noun before it
    (``agreeing_base``: "proroka Mohameda" → Mohamed)."""
    for m in mentions:
        if m.label != "PER" or " " in m.text or m.base != m.text:
            continue
        before = _WORD_BEFORE.search(text, max(0, m.start - 30), m.start)
        if before and (base := agreeing_base(before.group(1), m.text, language)):
            m.base = base


def _weak_noun(mention: Mention, language: str | None, threshold: float) -> bool:
    """In German a one-word "name" that the dictionary knows (Gold, Handel, Gespräche) is most often a
    noun; keep it only when the tagger is sure, or when it is a known country (Polen, Russland). The
    same rule for multi-word spans was measured and rejected: it cost real names (IG Metall)."""
    if not language or language not in NOUN_CAPITALISING or " " in mention.text:
        return False
    if mention.confidence >= threshold or territory_code(mention.text):
        return False
    return is_known(mention.text, language)
