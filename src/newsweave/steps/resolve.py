"""Resolve mentions to entities: within an article, then across articles and languages.

A corpus-level step (it needs every known entity), run on the driver in the transaction that stores the
article. Within an article, mentions with the same name key are one entity, and a person's surname
alone ("Dmitrijews") joins the full name it shortens ("Kirill Dmitrijew"). Across articles, an entity is
found by its key, then — for people — by a close surname with compatible first names, which absorbs
spellings that no folding rule unifies (Tramps/Trump, Stīvs/Steve). Countries are keyed by their CLDR
code, so Rosja, Krievija, Rusia and Russland are one place.

Context keeps namesakes apart: an entity counts the entities it co-occurs with, and a person whose name
matches a known one but who shares none of its company and holds a role unlike any of its roles is a
different person ("Senator John Smith" among Congress and Washington is not the footballer John Smith of
Manchester United). The test is deliberately strict: splitting one person in two loses an analyst's
evidence, so it needs both kinds of disagreement and enough context on both sides.

New entities get an id derived from category and key, so the same corpus gives the same ids whatever
the order of ingest: of two spellings of one person's full name the entity keeps the better key
(``_renames``). Only namesakes, a spelling close to two known people, and a better spelling first seen
after ``RENAME_MAX_ARTICLES`` articles can depend on what was seen first (see docs/entities.md).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from newsweave.entities.demonyms import LABELS as DEMONYM_LABELS
from newsweave.entities.demonyms import Demonyms, country_of
from newsweave.entities.gazetteer import city_name, city_zone, region_code, territory_code, territory_name
from newsweave.entities.names import name_key, word_key
from newsweave.errors import NotFound
from newsweave.model import Article, Entity, Mention
from newsweave.store.base import Store
from newsweave.textnorm import fold

SURNAME_SIMILARITY = 80
FIRSTNAME_SIMILARITY = 50
FIRSTNAMES_AGREE = 60  # first names this close (ratio) are one name written two ways ("asia"/"ase")
CONTEXT_KEPT = 100  # co-occurring entities remembered per entity (the most frequent)
NAMESAKE_MIN_CONTEXT = 5  # a known entity needs this much context before it can be told apart
NAMESAKE_MIN_ARTICLE_CONTEXT = 3  # and the new article this many other entities
ROLE_WORD_SIMILARITY = 75
#: A person's key changes to a better spelling only while so few articles name it (see ``_renames``).
RENAME_MAX_ARTICLES = 50
#: Czech and Slovak give a foreign woman's surname the ending "-ová" (Bibi → Bibiová, Clinton →
#: Clintonová); folded, it is "ova" (see ``_feminine_counterpart``).
FEMININE_SURNAME_LANGUAGES = frozenset({"cs", "sk"})
_VOWELS = frozenset("aeiouy")
#: That ending, folded, in the nominative and in the oblique cases a surname alone keeps when the
#: article never writes the nominative ("Bibiové"; "Bibiovou" folds to "bibiovu").
_FEMININE_SURNAME = re.compile(r"(?:ova|ove|ovu)$")
CACHED_ENTITIES = 20_000  # entities the resolver keeps at hand (see EntityResolver._entities)


def entity_id(label: str, key: str, namesake: int = 0) -> str:
    salt = f"#{namesake}" if namesake else ""
    return "e" + hashlib.sha1(f"{label}:{key}{salt}".encode()).hexdigest()[:15]


def context_key(label: str, key: str) -> str:
    return f"{label}:{key}"


def roles_agree(ours: list[str], theirs: list[str]) -> bool:
    """Whether two lists of role phrases share a word, allowing for spelling, inflection and script
    across languages (prezydent / prezidents / президент / president): words are compared by their
    transliterated keys, since a Cyrillic role never agreed with a Latin one and a person reported in
    both scripts could be split as a namesake of himself."""
    words = {k for r in ours for w in r.split() if len(k := word_key(w)) >= 4}
    other = {k for r in theirs for w in r.split() if len(k := word_key(w)) >= 4}
    return any(fuzz.ratio(a, b) >= ROLE_WORD_SIMILARITY for a in words for b in other)


@dataclass(slots=True)
class _Cluster:
    label: str
    key: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (label, key) of acronyms it took in


#: The labels an acronym may carry (a tagger calls "UE" or "РФ" an organisation or a place).
NAMED_LABELS = ("ORG", "LOC", "PRO", "EVT")
#: Letters in an acronym: "EU", "ONZ", "РФ", "NATO", "ВСУ".
ACRONYM_LETTERS = (2, 6)
#: Words this short inside a name may be left out of its acronym ("Institut pro studium války", ISV).
ACRONYM_SKIPPED_WORD = 3


def acronym(text: str) -> str | None:
    """The folded letters of a name written as an acronym, or None."""
    low, high = ACRONYM_LETTERS
    return fold(text) if low <= len(text) <= high and text.isalpha() and text.isupper() else None


def initials(name: str) -> set[str]:
    """What an acronym of ``name`` may be: the first letters of all its words, or of its longer ones."""
    words = fold(name).split()
    if len(words) < 2:
        return set()
    longer = [w for w in words if len(w) > ACRONYM_SKIPPED_WORD]
    return {"".join(w[0] for w in words), "".join(w[0] for w in longer)}


def _join_acronyms(by_key: dict[tuple[str, str], _Cluster]) -> None:
    """An acronym is the name in the same article whose initials it spells ("Unia Europejska … UE",
    "Российской Федерации … РФ"): only one such name, not a person. The long name's cluster takes its
    mentions and remembers the acronym's key, so other articles' bare acronyms find the entity too."""
    shorts = []
    for c in by_key.values():
        # A country's code ("ASV", "USA" keyed by CLDR) already names its entity: it stays with it.
        if c.label != "PER" and " " not in c.key and not c.key.startswith("cldr:"):
            letters = {acronym(m.text) for m in c.mentions} - {None}
            if len(letters) == 1:
                shorts.append((c, letters.pop()))
    if not shorts:
        return
    spelt_by = {
        id(c): set().union(*(initials(m.base or m.text) for m in c.mentions))
        for c in by_key.values()
        if c.label != "PER"
    }
    for short, spelt in shorts:
        named = [c for c in by_key.values() if c is not short and spelt in spelt_by.get(id(c), ())]
        if len(named) == 1:
            named[0].mentions.extend(short.mentions)
            named[0].aliases.append((short.label, short.key))
            del by_key[(short.label, short.key)]


def _key(m: Mention, lang: str | None, label: str) -> str:
    base = m.base or m.text
    if label == "LOC" and (code := _place_code(base, m.text)):
        return f"cldr:{code}"
    return name_key(base, lang, m.label)


@lru_cache(maxsize=65_536)
def _place_code(base: str, text: str) -> str | None:
    """A country, continent or city has one key in every language and case: Kijów, Kyjeva and Киеве
    share Europe/Kyiv where no spelling rule could join them. Up to five stem searches, and every
    article names the same few places: kept per (base, text)."""
    return territory_code(base) or territory_code(text) or region_code(base) or city_zone(base) or city_zone(text)


def _country(base: str, text: str) -> str | None:
    """A country's name as written or in base form; inflected only when it has several words
    ("Amerikas Savienotajām Valstīm"): one inflected word is too often a company's or party's stem."""
    return territory_code(base, exact=True) or (territory_code(text) if " " in text else None)


def _clusters(article: Article, demonyms: Demonyms | None = None) -> list[_Cluster]:
    by_key: dict[tuple[str, str], _Cluster] = {}
    for m in article.mentions:
        label = m.label
        if label in ("ORG", "PRO") and not m.media and _country(m.base or m.text, m.text):
            label = "LOC"  # a country acting ("ASV", "USA") is still the country; its mention keeps its tag
        people_of = (
            country_of(demonyms, article.language, m.base or m.text, m.text)
            if demonyms and label in DEMONYM_LABELS
            else None
        )
        if people_of:
            # "Rosjanie", "Rusové": the country's people, linked to it as BSNLP links them
            label, k = "LOC", f"cldr:{people_of}"
        else:
            k = _key(m, article.language, label)
        if not k:
            continue
        by_key.setdefault((label, k), _Cluster(label, k)).mentions.append(m)
    people = [c for c in by_key.values() if c.label == "PER"]
    for short in [c for c in people if " " not in c.key]:
        longer = [
            c
            for c in people
            if c.key.endswith(" " + short.key) or (" " in c.key and fuzz.ratio(c.key.split()[-1], short.key) >= 90)
        ]
        if longer:
            target = max(longer, key=lambda c: (len(c.mentions), len(c.key), c.key))
            target.mentions.extend(short.mentions)
            del by_key[(short.label, short.key)]
    _join_acronyms(by_key)
    return list(by_key.values())


class EntityResolver:
    def __init__(self, store: Store, demonyms: Demonyms | None = None) -> None:
        self.store = store
        self.demonyms = demonyms or {}  # learned with the tagger (entities/demonyms.py)
        self._by_key: dict[tuple[str, str], list[str]] | None = None  # namesakes share a key
        self._keys_of: dict[str, set[tuple[str, str]]] = defaultdict(set)  # id -> where _by_key lists it
        self._people: dict[str, list[tuple[str, str]]] = defaultdict(list)  # surname key -> (id, full key)
        # Multi-word ORG/PRO/EVT names by last word, to find a person's name that came mislabelled.
        self._named: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # last word -> (label, key, id)
        # Surnames by first letter: keys are transliterated and folded, so close spellings share it
        # (tramps/trump, dmitrijevs/dmitriev), and a lookup does not grow with the whole corpus.
        self._initials: dict[str, set[str]] = defaultdict(set)
        self._named_initials: dict[str, set[str]] = defaultdict(set)
        # The entities read or written last: most articles name the same few hundred, and a round trip
        # to a database server per candidate was a third of a PostgreSQL ingest. Whoever changes
        # entities behind this resolver drops it (the service does).
        self._entities: OrderedDict[str, Entity] = OrderedDict()
        # Changed and not yet written: written once, just before the transaction commits (a batch of
        # articles shares one, and the entity that most of them name is written once, not per article).
        self._unsaved: dict[str, Entity] = {}

    def _get(self, entity_id: str) -> Entity:
        entity = self._unsaved.get(entity_id) or self._entities.get(entity_id)
        if entity is None:
            entity = self.store.get_entity(entity_id)
        self._keep(entity)
        return entity

    def _put(self, entity: Entity) -> None:
        self._unsaved[entity.id] = entity
        self._keep(entity)

    def _delete(self, entity_id: str) -> None:
        self._unsaved.pop(entity_id, None)
        self.store.delete_entity(entity_id)
        self._entities.pop(entity_id, None)

    def flush(self) -> None:
        """Write what changed since the last save, in one batch (one round trip to a database server).
        The canonical name is chosen here, once, not after every article that named the entity."""
        if self._unsaved:
            for entity in self._unsaved.values():
                entity.name = canonical_name(entity)
            self.store.put_entities(list(self._unsaved.values()))
            self._unsaved.clear()

    def _keep(self, entity: Entity) -> None:
        self._entities[entity.id] = entity
        self._entities.move_to_end(entity.id)
        if len(self._entities) > CACHED_ENTITIES:
            self._entities.popitem(last=False)

    def _index(self) -> dict[tuple[str, str], list[str]]:
        if self._by_key is None:
            self._by_key = {}
            for e in self.store.all_entities():
                self._remember(e)
        return self._by_key

    def _remember(self, e: Entity, new_forms: list[tuple[str, str]] | None = None) -> None:
        """Index ``e`` by its key and by the acronyms it was written as ("UE" of Unia Europejska), under
        any label a tagger gives an acronym; a person also by the key of every full name it was written
        as, so a spelling that lost its key to a better one (``_renames``) still finds the person as
        it did before. ``new_forms`` ((language, form) pairs): only these are new, so a much-named
        entity's every form is not looked at again for each article."""
        assert self._by_key is not None
        keys: list[tuple[str, str]] = [(e.label, e.key)]
        forms = new_forms if new_forms is not None else [(lang, f) for lang, fs in e.forms.items() for f in fs]
        if e.label != "PER":
            keys += [(label, name_key(f, lang, label)) for lang, f in forms if acronym(f) for label in NAMED_LABELS]
        else:
            keys += [("PER", k) for lang, f in forms if " " in f and " " in (k := name_key(f, lang, "PER"))]
        for where in keys:
            ids = self._by_key.setdefault(where, [])
            if e.id not in ids:
                ids.append(e.id)
                self._keys_of[e.id].add(where)
        if e.label == "PER":
            entry = (e.id, e.key)
            self._initials[e.key.split()[-1][:1]].add(e.key.split()[-1])
            bucket = self._people[e.key.split()[-1]]
            if entry not in bucket:
                bucket.append(entry)
        elif e.label != "LOC" and " " in e.key and not e.key.startswith("cldr:"):
            named = (e.label, e.key, e.id)
            self._named_initials[e.key.split()[-1][:1]].add(e.key.split()[-1])
            if named not in self._named[e.key.split()[-1]]:
                self._named[e.key.split()[-1]].append(named)

    def _find_person(self, key: str, strict: bool = False) -> str | None:
        """A known person with a close surname and compatible first names; ``strict`` also wants the
        first names to agree, for a name that did not come tagged as a person."""
        words = key.split()
        surname, first = words[-1], words[:-1]
        best: tuple[float, str] | None = None
        # One C-speed pass over all known surnames; only close ones are looked at in Python.
        close = process.extract(
            surname, sorted(self._initials[surname[:1]]), scorer=fuzz.ratio, score_cutoff=SURNAME_SIMILARITY, limit=None
        )
        for known_surname, score, _ in close:
            for eid, full in self._people[known_surname]:
                their_first = full.split()[:-1]
                clash = first and their_first and first[0][0] != their_first[0][0]
                if clash and fuzz.ratio(first[0], their_first[0]) < FIRSTNAME_SIMILARITY:
                    continue
                if strict and not (first and their_first and fuzz.ratio(first[0], their_first[0]) >= FIRSTNAMES_AGREE):
                    continue
                if not _same_woman(surname, first, known_surname, their_first) and not self._first_name_of(eid, first):
                    continue
                candidate = (score + (5 if len(their_first) else 0), eid)
                if best is None or candidate > best:
                    best = candidate
        return best[1] if best else None

    def _first_name_of(self, entity_id: str, first: list[str]) -> bool:
        """Whether the entity was ever written with this first name: its key can carry a base-form
        error ("Angeli Merkel" made "Angel Merkel") that its other forms do not."""
        if not first:
            return False
        forms = self._get(entity_id).forms
        return any(
            name_key(form, lang, "PER").split()[0] == first[0]
            for lang, by_form in forms.items()
            for form in by_form
            if " " in form
        )

    def _feminine_counterpart(self, key: str, language: str | None) -> list[str]:
        """The same woman under the other form of her surname: Czech "Asii Bibiová" (or "Bibiové") is
        "Asia Bibi", and "Asia Bibi" is a Czech article's "Asia Bibiová". A short surname is too far
        from its "-ová" form for ``_find_person`` (bibi/bibiova 73 < 80), so the two are tried exactly,
        and only where a wife cannot pass for her husband: both sides need first names that agree
        (ratio ≥ 60), the bare surname's first name must end like a woman's (in a vowel: "Asia", not
        "Petr", so Petra Fialová never joins Petr Fiala), and the "-ová" form must come from a Czech or
        Slovak text. A surname alone ("Bibiová") takes the woman of that bare surname with the most
        mentions (asia_bibi: cross-lingual LEA 0.5852; weighing the candidates by their company, as
        ``_choose`` does, sent more of them to other Bibis: 0.5843)."""
        words = key.split()
        surname, first = words[-1], words[:-1]
        stem = _FEMININE_SURNAME.sub("", surname) if language in FEMININE_SURNAME_LANGUAGES else surname
        ours_is_feminine = stem != surname and len(stem) >= 3
        if ours_is_feminine:
            other = stem
        elif first and _womans(first[0]):
            other = surname + "ova"
        else:
            return []
        found: list[str] = []
        for eid, full in self._people.get(other, []):
            their_first = full.split()[:-1]
            if not their_first or (first and fuzz.ratio(first[0], their_first[0]) < FIRSTNAMES_AGREE):
                continue
            if not _womans(their_first[0] if ours_is_feminine else first[0]):
                continue
            if not ours_is_feminine and not FEMININE_SURNAME_LANGUAGES & set(self._get(eid).forms):
                continue
            found.append(eid)
        if not first and len(found) > 1:
            return [max(found, key=lambda eid: (self._get(eid).mentions, eid))]
        return found[:1]

    def resolve(self, article: Article) -> list[Entity]:
        """Set ``entity_id`` on the article's mentions; return the entities created or updated.

        Must run inside the transaction that stores ``article``; the entities are written when it commits.
        """
        index = self._index()
        touched: list[Entity] = []
        seen_here: set[str] = set()  # entities this article already counted
        clusters = _clusters(article, self.demonyms)
        company = {context_key(c.label, c.key) for c in clusters}
        for cluster in clusters:
            around = company - {context_key(cluster.label, cluster.key)}
            roles = [m.role for m in cluster.mentions if m.role]
            found = index.get((cluster.label, cluster.key), [])
            spelling = False  # found by a close spelling, not by its own key
            if not found and cluster.label != "PER" and " " in cluster.key and not cluster.key.startswith("cldr:"):
                # A known person's full name tagged as ORG or PRO is that person ("Džareds Kušners").
                strict = self._find_person(cluster.key, strict=True)
                found = index.get(("PER", cluster.key)) or ([strict] if strict else [])
                spelling = bool(found) and ("PER", cluster.key) not in index
                if found:
                    cluster.label = "PER"
                    for m in cluster.mentions:
                        m.label = "PER"
            if not found and cluster.label == "PER":
                found = [eid for eid in [self._find_person(cluster.key)] if eid]
                found = found or self._feminine_counterpart(cluster.key, article.language)
                spelling = bool(found)
            entity = self._choose([self._get(eid) for eid in found], cluster.label, around, roles)
            if entity is None:
                namesake = len(index.get((cluster.label, cluster.key), []))
                entity = Entity(entity_id(cluster.label, cluster.key, namesake), cluster.label, "", cluster.key)  # type: ignore[arg-type]
            elif _renames(cluster.key, entity, spelling):
                # The id follows the key, so it is the same whichever article came first.
                renamed = Entity(entity_id(entity.label, cluster.key), entity.label, "", cluster.key)
                self._merge(renamed, entity, article)
                entity = renamed
            for alias in cluster.aliases:  # an entity first met as the bare acronym joins its name
                for other_id in [i for i in index.get(alias, []) if i != entity.id]:
                    other = self._get(other_id)
                    # Only an entity that is nothing but the acronym: two names that share one ("EU")
                    # stay apart, and merging them back and forth would rewrite their articles each time.
                    if (other.label, other.key) == alias:
                        self._merge(entity, other, article)
            _absorb(entity, cluster, article, around, first_time=entity.id not in seen_here)
            seen_here.add(entity.id)
            for m in cluster.mentions:
                m.entity_id = entity.id
            if entity.label == "PER" and " " in entity.key:
                self._absorb_mislabelled(entity, article)
            self._put(entity)
            self._remember(entity, [(article.language or "und", m.base or m.text) for m in cluster.mentions])
            touched.append(entity)
        self.store.before_commit(self.flush)
        self.store.link_mentions(article.id, [(m.entity_id, m.start, m.end) for m in article.mentions if m.entity_id])
        return touched

    def forget(self, article: Article) -> list[str]:
        """Take a stored article's share back from its entities' counts, names, roles and company
        (before the article is deleted); delete entities it alone named. Returns the deleted ids.

        Merges it caused and the dates of roles are not undone: the rest of the corpus still supports
        the merged entity, and a role's first and last date are not kept per article."""
        lang = article.language or "und"
        clusters = _clusters(article, self.demonyms)
        company = {context_key(c.label, c.key) for c in clusters}
        own: dict[str, set[str]] = defaultdict(set)
        for cluster in clusters:
            for m in cluster.mentions:
                if m.entity_id:
                    own[m.entity_id].add(context_key(cluster.label, cluster.key))
        gone = []
        for entity_id in sorted({m.entity_id for m in article.mentions if m.entity_id}):
            try:
                entity = self._get(entity_id)
            except NotFound:
                continue
            here = [m for m in article.mentions if m.entity_id == entity_id]
            entity.mentions -= len(here)
            entity.articles -= 1
            if entity.mentions <= 0 or entity.articles <= 0:
                self._delete(entity_id)
                gone.append(entity_id)
                continue
            for counts, names in (
                (entity.forms, [m.base or m.text for m in here]),
                (entity.surfaces, [m.text for m in here]),
            ):
                bucket = counts.get(lang, {})
                for name in names:
                    bucket[name] = bucket.get(name, 0) - 1
                    if bucket[name] <= 0:
                        bucket.pop(name)
                if not bucket:
                    counts.pop(lang, None)
            roles = {(fold(m.role), lang) for m in here if m.role}
            for entry in entity.roles:
                if (fold(str(entry["role"])), entry["language"]) in roles:
                    entry["articles"] = int(entry.get("articles") or 1) - 1
            entity.roles = [r for r in entity.roles if int(r.get("articles") or 1) > 0]
            for key in company - own[entity_id]:
                if key in entity.context:
                    entity.context[key] -= 1
                    if entity.context[key] <= 0:
                        del entity.context[key]
            self._put(entity)
        self.flush()
        return gone  # the caller drops this resolver: its in-memory index still holds the old entities

    @staticmethod
    def _choose(candidates: list[Entity], label: str, around: set[str], roles: list[str]) -> Entity | None:
        """The candidate whose company and roles fit this article best, or None for a namesake: a person
        sharing no co-occurring entity with any candidate and no role word with any of its roles, where
        both sides have enough context to judge."""
        if not candidates:
            return None

        def fit(e: Entity) -> tuple[int, int, int, str]:
            shared = sum(1 for k in around if k in e.context)
            agree = int(bool(roles) and roles_agree(roles, [str(r["role"]) for r in e.roles]))
            return (shared + 2 * agree, e.articles, e.mentions, e.id)

        best = max(candidates, key=fit)
        if label != "PER" or fit(best)[0] > 0 or not roles or len(around) < NAMESAKE_MIN_ARTICLE_CONTEXT:
            return best
        judgeable = all(len(e.context) >= NAMESAKE_MIN_CONTEXT and e.roles for e in candidates)
        return None if judgeable else best

    def _absorb_mislabelled(self, person: Entity, current: Article) -> None:
        """Fold into ``person`` any ORG/PRO entity seen earlier under the same full name, so the result
        does not depend on whether the mislabelled mention or the person came first."""
        surname, first = person.key.split()[-1], person.key.split()[0]
        close = process.extract(
            surname,
            sorted(self._named_initials[surname[:1]]),
            scorer=fuzz.ratio,
            score_cutoff=SURNAME_SIMILARITY,
            limit=None,
        )
        for last_word, _, _ in close:
            for _label, key, other_id in list(self._named[last_word]):
                if other_id != person.id and (
                    key == person.key or fuzz.ratio(key.split()[0], first) >= FIRSTNAMES_AGREE
                ):
                    self._merge(person, self._get(other_id), current)

    def _merge(self, into: Entity, other: Entity, current: Article) -> None:
        """Move ``other``'s names, counts and mentions to ``into`` and delete it.

        Stored articles get their mentions re-pointed; ``current`` is being stored by the caller, which
        sets its mentions itself.
        """
        assert self._by_key is not None
        for mine, theirs in ((into.forms, other.forms), (into.surfaces, other.surfaces)):
            for lang, forms in theirs.items():
                bucket = mine.setdefault(lang, {})
                for form, n in forms.items():
                    bucket[form] = bucket.get(form, 0) + n
        into.roles = _merged_roles(into.roles, other.roles)
        into.mentions += other.mentions
        into.articles += other.articles
        for k, n in other.context.items():
            into.context[k] = into.context.get(k, 0) + n
        into.context = _trimmed(into.context)
        into.media = into.media or other.media
        for m in current.mentions:
            if m.entity_id == other.id:
                m.entity_id = into.id
        for article_id in sorted({a for a, _, _ in self.store.entity_mentions(other.id, limit=1_000_000)}):
            if article_id == current.id:
                continue
            article = self.store.get_article(article_id)
            for m in article.mentions:
                if m.entity_id == other.id:
                    m.entity_id, m.label = into.id, into.label
            self.store.put_article(article)
            self.store.link_mentions(
                article.id, [(m.entity_id, m.start, m.end) for m in article.mentions if m.entity_id]
            )
        self._delete(other.id)
        self.store.repoint_entity(other.id, into.id)
        # In place: resolve() holds a reference to this index while it works.
        for shared in sorted(self._keys_of.pop(other.id, ())):
            self._by_key[shared].remove(other.id)
            if not self._by_key[shared]:
                del self._by_key[shared]
        last = other.key.split()[-1]
        if last in self._people:
            self._people[last] = [(eid, key) for eid, key in self._people[last] if eid != other.id]
        if last in self._named:
            self._named[last] = [entry for entry in self._named[last] if entry[2] != other.id]
        self._remember(into)  # under the names ``other`` was found by, too


#: A woman's surname and the man's it is made from, folded: Захарова/Захаров, Fialová/Fiala,
#: Kowalska/Kowalski, Bibiová/Bibi.
_GENDERED_ENDINGS = (("ova", "ov"), ("eva", "ev"), ("ina", "in"), ("ska", "ski"), ("cka", "cki"), ("ova", ""))


def _womans(first_name: str) -> bool:
    """Does a first name's key end like a woman's ("asia", "angela"; not "petr")? A vowel is how the
    Slavic, Baltic and most Western names of women end; it is a prior, not a name list."""
    return first_name[-1:] in _VOWELS


def _gendered_pair(a: str, b: str) -> bool:
    """Is ``a`` the feminine form of surname ``b`` (the Czech "-ová" also replaces a final vowel)?"""
    for feminine, masculine in _GENDERED_ENDINGS:
        if a.endswith(feminine) and len(a) > len(feminine) + 2:
            stem = a[: -len(feminine)]
            if b == stem + masculine or (not masculine and b[:-1] == stem and b[-1:] in _VOWELS):
                return True
    return False


def _same_woman(surname: str, first: list[str], other_surname: str, other_first: list[str]) -> bool:
    """Whether two close surnames, one the feminine form of the other, may still name one person: a
    woman written once with her language's feminine ending and once without (Czech "Asia Bibiová",
    Polish "Asia Bibi"), never a wife and her husband or a father and his daughter ("Petra Fialová"
    and "Petr Fiala", "Мария Захарова" and "Михаил Захаров", whose surnames are as close as two
    spellings). Where both have first names, they must be one name, or the "woman's" a man's (the
    ending was a case the base form kept: "Alexandr Medvedeva"), or agree with the bare form's ending
    like a woman's too. A surname alone ("Merkelová", or Slovene "Merklova", Merkel's genitive) is
    judged as before, by the surname and the company it keeps."""
    if not (first and other_first):
        return True
    if _gendered_pair(surname, other_surname):
        woman_first, bare_first = first, other_first
    elif _gendered_pair(other_surname, surname):
        woman_first, bare_first = other_first, first
    else:
        return True
    if woman_first[0] == bare_first[0] or not _womans(woman_first[0]):
        return True  # one first name, or a man's: the ending was a case ("Alexandr Medvedeva"), not a wife
    return _womans(bare_first[0]) and fuzz.ratio(first[0], other_first[0]) >= FIRSTNAMES_AGREE


def _renames(key: str, entity: Entity, spelling: bool) -> bool:
    """Whether an article's name gives a known entity its key (and so its id).

    A full name teaches the key of an entity first seen by surname. Of two spellings of one full name
    ("Stīvs Vitkofs", key ``stiv vitkof``, and "Steve Witkoff", ``steve vitkof``) the entity keeps the
    better (``_key_rank``), whichever article came first, so that its id does not depend on the order
    of ingest.
    A rename rewrites every stored article that names the entity, so an entity already named in more
    than ``RENAME_MAX_ARTICLES`` articles keeps its key: a spelling first seen that late can still
    depend on the order (docs/entities.md).
    """
    if " " not in key:
        return False
    if " " not in entity.key:
        return True
    return spelling and entity.articles <= RENAME_MAX_ARTICLES and _key_rank(key) < _key_rank(entity.key)


def _key_rank(key: str) -> tuple[bool, str]:
    """The better of two keys of one person sorts first: no initial among the first names, then the
    smaller key (a case ending makes a key longer, so "vladimir putin" comes before "vladimira putin")."""
    return (any(len(word) == 1 for word in key.split()[:-1]), key)


def _merged_roles(ours: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Two entities' roles as one list, still one entry per role and language."""
    merged = {(fold(str(r["role"])), r["language"]): dict(r) for r in ours}
    for r in theirs:
        mine = merged.get((fold(str(r["role"])), r["language"]))
        if mine is None:
            merged[(fold(str(r["role"])), r["language"])] = dict(r)
            continue
        mine["articles"] = int(mine.get("articles") or 1) + int(r.get("articles") or 1)
        dates = [d for d in (mine.get("date"), r.get("date")) if d]
        lasts = [d for d in (mine.get("last"), r.get("last"), *dates) if d]
        mine["date"], mine["last"] = (min(dates) if dates else None), (max(lasts) if lasts else None)
    return sorted(merged.values(), key=lambda r: (r["date"] or "9999", r["role"] or ""))


def _trimmed(context: dict[str, int]) -> dict[str, int]:
    """The ``CONTEXT_KEPT`` most frequent, ties by name, in that order. Two sorts without a Python key
    function (names, then stably by count, descending): this runs for every entity an article touches
    once its context is full, 12 times an article (a lambda key was 0.04 ms a call, this 0.027)."""
    if len(context) <= CONTEXT_KEPT:
        return context
    names = sorted(context)
    names.sort(key=context.__getitem__, reverse=True)  # reverse keeps a stable sort's order of ties
    return {name: context[name] for name in names[:CONTEXT_KEPT]}


def _absorb(entity: Entity, cluster: _Cluster, article: Article, around: set[str], first_time: bool = True) -> None:
    lang = article.language or "und"
    date = article.published.value[:10] if article.published else None
    # One entry per role and language, with the first and last date and the number of articles: a
    # much-quoted person's roles stay a short list however many articles call him "president".
    known = {(fold(str(r["role"])), r["language"]): r for r in entity.roles}
    for role in dict.fromkeys(m.role for m in cluster.mentions if m.role):
        entry = known.get((fold(role), lang))
        if entry is None:
            entry = {
                "role": role,
                "language": lang,
                "date": date,
                "last": date,
                "article_id": article.id,
                "articles": 1,
            }
            known[(fold(role), lang)] = entry
            entity.roles.append(entry)
        elif first_time:
            entry["articles"] = int(entry.get("articles") or 1) + 1
        if date:
            entry["date"] = min(d for d in (entry["date"], date) if d)
            entry["last"] = max(d for d in (entry.get("last"), date) if d)
    entity.roles.sort(key=lambda r: (r["date"] or "9999", r["role"] or ""))
    forms = entity.forms.setdefault(lang, {})
    surfaces = entity.surfaces.setdefault(lang, {})
    for m in cluster.mentions:
        base = m.base or m.text
        forms[base] = forms.get(base, 0) + 1
        surfaces[m.text] = surfaces.get(m.text, 0) + 1
        entity.media = entity.media or m.media
    entity.mentions += len(cluster.mentions)
    entity.articles += int(first_time)
    if first_time:
        for k in around:
            entity.context[k] = entity.context.get(k, 0) + 1
        entity.context = _trimmed(entity.context)


def canonical_name(entity: Entity) -> str:
    """Countries by their English name; otherwise the most used base form, preferring full names (of
    more than one word, where there is one) and Latin script (readable to most analysts), and between
    forms used as often, the one with fewer letters outside ASCII ("Wladimir Putin" before "Władimir
    Putin": readable in more languages). A full name is any of several words, not the longest: one
    span the tagger ran on ("Sąd Najwyższy chrześcijanki Asii Bibi", once) named a person written
    "Asia Bibi" a hundred times when the form with the most words won."""
    if entity.key.startswith("cldr:"):
        code = entity.key[5:]
        english = city_name(code) if "/" in code else territory_name(code)
        if english:
            return english
    counts: Counter[str] = Counter()
    for by_form in entity.forms.values():
        counts.update(by_form)
    if not counts:
        return entity.name
    full_words = min(2, max(len(f.split()) for f in counts))

    def rank(form: str) -> tuple[int, int, int, int, str]:
        latin = all(ord(ch) < 0x0370 for ch in form)
        plain = -sum(ord(ch) > 0x7F for ch in form)
        return (len(form.split()) >= full_words, latin, counts[form], plain, form)

    return max(counts, key=rank)
