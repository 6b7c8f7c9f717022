"""Event frames: what happened (a typed trigger word), who took part, where and when, per sentence.

A sentence reports an event when it holds a trigger of a known type *and* at least one participant (a
person, an organisation or a country): a trigger alone ("talks are important") is not an event an
analyst can use. Participants are the sentence's PER/ORG mentions and countries; the place is a
location after a locative preposition, or a city-like location that is not a participant; the time is
the sentence's date expression. A sentence that names no one but refers back to the event just told
("The talks ended without a deal", "Šīs sarunas …") continues it and takes its participants, place and
time. Negation, plans and conditions near the trigger set the modality, so "no talks took place" and "a
summit could follow" are not reported as facts. The event step merges frames of the same real event
across articles (steps/events.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsweave.entities.gazetteer import territory_code
from newsweave.entities.tokens import fact_sentences
from newsweave.facts.cues import all_cues, cue_language, cues, fold_stem
from newsweave.facts.quotes import MIN_QUOTE_WORDS, QUOTED
from newsweave.facts.triggers import NOT_TRIGGERS, TRIGGERS
from newsweave.model import EventMention, EventType, Mention, Modality, TimeExpr
from newsweave.textnorm import fold, fold_aligned

#: Prepositions that put a place in the sentence ("in Miami", "w Moskwie", "în Alaska", "im Kreml").
LOCATIVE = {"in", "im", "w", "we", "la", "at", "au", "en", "a", "в", "во", "у", "v", "ve", "na", "nach"}
#: Endings of the locative case where a place takes no preposition ("Rīgā", "Vilniuje"); not folded:
#: Latvian "Rīgā" is the place, "Rīga" and "Krievija" the subject.
LOCATIVE_CASE = {"lv": ("ā", "ē", "ī", "ū", "os", "ās", "ēs"), "lt": ("oje", "uje", "yje", "ije", "ose", "uose")}
DETERMINER_REACH = 3  # words before a trigger that may hold its determiner ("the second round of talks")
CONTINUATION_SENTENCES = 2  # how far back a frame with no participants of its own may look for its event
#: (this frame's type, the last frame's type) pairs where the later sentence can go on about the same event.
CONTINUES = {(t, t) for t in TRIGGERS} | {("agreement", "meeting"), ("agreement", "summit"), ("meeting", "visit")}
MODALITY_WINDOW = 40  # characters around the trigger searched for negation and modality


def find_events(text: str, language: str | None, mentions: list[Mention], times: list[TimeExpr]) -> list[EventMention]:
    folded = fold_aligned(text)
    lang = cue_language(language)
    triggers = _folded_triggers(lang)
    negation, planned, hypo = cues("NEGATION", lang), cues("PLANNED", lang), cues("HYPOTHETICAL", lang)
    both = cues("BOTH", lang)
    generic = frozenset(w.strip() for w in cues("GENERIC", lang))
    back = frozenset(w.strip() for w in (*cues("DEFINITE", lang), *negation))
    out: list[EventMention] = []
    recent: list[tuple[int, EventMention]] = []
    quoted = [m.span() for m in QUOTED.finditer(text) if len(m.group().split()) >= MIN_QUOTE_WORDS]
    for n, (s_start, s_end) in enumerate(fact_sentences(text)):
        sentence = folded[s_start:s_end]
        here = [m for m in mentions if s_start <= m.start and m.end <= s_end]
        time = next((i for i, t in enumerate(times) if s_start <= t.start and t.end <= s_end), None)
        for etype, t_start, t_end in _triggers(sentence, triggers):
            if any(q0 <= t_start + s_start < q1 for q0, q1 in quoted):
                continue  # the speaker's words: "Nous attendons beaucoup de cette rencontre" reports no meeting
            if _points_back(sentence, t_start, generic):
                continue  # "Takie spotkania są potrzebne": meetings of a kind, not one that happened
            place = _place(text, here, lang)
            participants = [m for m in here if _participant(m, place)]
            event = EventMention(etype, t_start + s_start, t_end + s_start, s_start, s_end)
            event.participants = [(m.start, m.end) for m in participants]
            event.place = (place.start, place.end) if place else None
            event.time = time
            alone = not participants and not (place and time is not None)
            anaphoric = _points_back(sentence, t_start, back) or bool(all_cues(sentence[:t_start], both, whole=True))
            if alone and not (anaphoric and _continues(event, recent, n)):
                continue  # "talks are important": no one, nowhere, never — not an event an analyst can use
            event.modality = _modality(sentence, t_start, t_end, negation, planned, hypo)
            recent.append((n, event))
            out.append(event)
    return out


def _points_back(sentence: str, t_start: int, back: frozenset[str]) -> bool:
    """Whether the trigger is a definite or negated noun phrase ("the talks", "la reunión", "Šīs sarunas",
    "keine Einigung", "la dernière visite"): a bare "talks are needed" is generic, not the event just told."""
    clause = re.split(r"[,;:.!?()\"«»„“”]", sentence[max(0, t_start - 40) : t_start])[-1]
    return any(w in back for w in clause.split()[-DETERMINER_REACH:])


def _continues(event: EventMention, recent: list[tuple[int, EventMention]], sentence: int) -> bool:
    """Whether a frame with no one of its own goes on telling an event just reported ("Foreign ministers
    of Norway and Chile met in Oslo. The talks ended without a deal"; "Šīs sarunas …"): it takes that
    event's participants, place and time. Only the last frame, only a few sentences back, only of the
    same type or of the type that talks lead to ("… verhandelt. Es wurde keine Einigung erzielt")."""
    if not recent:
        return False
    n, last = recent[-1]
    if sentence - n > CONTINUATION_SENTENCES or (event.type, last.type) not in CONTINUES:
        return False
    event.participants = list(last.participants)
    event.place = event.place or last.place
    event.time = last.time if event.time is None else event.time
    return bool(event.participants or event.place)


@lru_cache(maxsize=128)
def _folded_triggers(lang: str) -> tuple[list[tuple[EventType, tuple[str, ...]]], tuple[str, ...]]:
    stems = [(t, tuple(fold_stem(s) for s in by_lang.get(lang, ()))) for t, by_lang in TRIGGERS.items()]
    return stems, tuple(fold(s) for s in NOT_TRIGGERS.get(lang, ()))


def _triggers(
    sentence: str, triggers: tuple[list[tuple[EventType, tuple[str, ...]]], tuple[str, ...]]
) -> list[tuple[EventType, int, int]]:
    """The trigger of the most specific event type in the sentence (a summit's talks are the summit).

    One frame per sentence: reporting every type whose word appears (talks *about* lifting sanctions as
    a sanctions event too) raised recall on the gold from 0.78 to 0.83 but cost precision 0.87 -> 0.82,
    and a wrong fact costs an analyst more than a missing one (docs/facts.md). Even a visit made for
    talks ("przyjechał do Wilna na rozmowy") is one frame: a second one cost precision on both golds."""
    by_type, not_triggers = triggers
    for etype, stems in by_type:
        hits = [h for h in all_cues(sentence, stems) if not _word_at(sentence, h[0]).startswith(not_triggers)]
        if hits:
            return [(etype, *hits[0])]
    return []


def _word_at(text: str, i: int) -> str:
    """The whole word around position ``i`` (a compound's head can start inside it)."""
    start = i
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    end = i
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def _participant(m: Mention, place: Mention | None) -> bool:
    """People and organisations; places only as actors ("Rosja zasugerowała", "talks with Russia"), not
    as the place where it happened."""
    if m.media or m is place:
        return False
    if m.label in ("PER", "ORG"):
        return True
    return m.label == "LOC" and territory_code(m.base or m.text, exact=True) is not None


def _place(text: str, here: list[Mention], lang: str) -> Mention | None:
    """Where it happened: a location after a locative preposition ("in Miami", "w Moskwie", "la Moscova")
    or in a locative case (Latvian "Rīgā", Lithuanian "Vilniuje"), preferring one that is not a country
    (the city says more); failing that, a city the sentence names ("hat Berlin besucht"): cities never
    act, so a city in an event's sentence is where it took place."""
    places = []
    for m in here:
        if m.label != "LOC":
            continue
        before = text[max(0, m.start - 6) : m.start].split()
        if (before and fold(before[-1]) in LOCATIVE) or m.text.lower().endswith(LOCATIVE_CASE.get(lang, ())):
            places.append(m)
    cities = [m for m in places if territory_code(m.base or m.text, exact=True) is None]
    if cities or places:
        return (cities or places)[0]
    return next((m for m in here if m.label == "LOC" and territory_code(m.base or m.text, exact=True) is None), None)


def _modality(
    sentence: str,
    t_start: int,
    t_end: int,
    negation: tuple[str, ...],
    planned: tuple[str, ...],
    hypothetical: tuple[str, ...],
) -> Modality:
    """Negation counts before the trigger in its own clause ("no talks", "keine Einigung"; "the talks
    ended without a deal" is still talks); plans and conditions anywhere in the sentence up to just after
    the trigger ("geplant ist, dass Putin und Trump sich … treffen"). Negation wins, then condition, then
    plan."""
    lo = max(0, t_start - MODALITY_WINDOW)
    clause_start = max(sentence.rfind(",", 0, t_start), sentence.rfind(";", 0, t_start))
    clause = sentence[max(lo, clause_start + 1) : t_start]
    if all_cues(clause, negation, whole=True):
        return "negated"
    lead = sentence[: min(len(sentence), t_end + MODALITY_WINDOW)]
    if all_cues(lead, hypothetical):
        return "hypothetical"
    if all_cues(lead, planned):
        return "planned"
    return "asserted"
