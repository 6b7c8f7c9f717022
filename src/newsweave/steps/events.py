"""Merge event frames into real-world events across articles and languages.

A corpus-level step that runs after entity resolution, in the transaction that stores the article. A
frame joins a known event of the same type and modality when they share participants, their dates
overlap, and their places (when both name one) agree. The date decides between rounds: two rounds of
talks in Miami between the same people a week apart are two events, because their dates do not
overlap. A frame without a date of its own is placed at its article's publication date (news reports
what just happened, so the window reaches back a few days); a frame with neither starts an event of
its own rather than joining one by guesswork.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from newsweave.errors import NotFound
from newsweave.model import Article, Event, EventMention
from newsweave.store.base import Store

#: How far back from its publication date an undated report may describe an event.
REPORT_LAG_DAYS = 3


def _interval(article: Article, frame: EventMention) -> tuple[str, str, bool] | None:
    """(first day, last day, from the text?) of what the frame reports."""
    if frame.time is not None and frame.time < len(article.times):
        t = article.times[frame.time]
        if t.value:
            return t.value[:10], (t.until or t.value)[:10], True
    if article.published:
        day = date.fromisoformat(article.published.value[:10])
        return (day - timedelta(days=REPORT_LAG_DAYS)).isoformat(), day.isoformat(), False
    return None


def _ids_at(article: Article, spans: list[tuple[int, int]]) -> list[str]:
    by_span = {(m.start, m.end): m.entity_id for m in article.mentions if m.entity_id}
    return sorted({eid for span in spans if (eid := by_span.get(span))})


class EventMerger:
    def __init__(self, store: Store) -> None:
        self.store = store

    def forget(self, article: Article, gone_entities: list[str]) -> list[str]:
        """Take a stored article's reports back from its events (before the article is deleted); delete
        the events no other article reports, and drop from the others the entities that went with the
        article (``gone_entities``: only it named them). Returns the deleted event ids."""
        changed = {event.id: event for event in self.store.events_with(gone_entities)}
        for event in changed.values():
            event.participants = [p for p in event.participants if p not in gone_entities]
            if event.place_id in gone_entities:
                event.place_id = None
        gone: list[str] = []
        for event_id in self.store.events_reported_in([article.id]):
            event = changed.get(event_id) or self.store.get_event(event_id)
            event.reports -= sum(1 for frame in article.events if frame.event_id == event_id)
            event.articles -= 1
            if event.reports <= 0 or event.articles <= 0:
                changed.pop(event_id, None)
                self.store.delete_event(event_id)
                gone.append(event_id)
            else:
                changed[event_id] = event
        for event in changed.values():  # each written once, with both changes
            self.store.put_event(event)
        return gone

    def assign(self, article: Article) -> list[Event]:
        """Link each frame of ``article`` to an event (new or known); return the events touched."""
        touched: dict[str, Event] = {}
        for frame in article.events:
            participants = _ids_at(article, frame.participants)
            place = _ids_at(article, [frame.place]) if frame.place else []
            if not participants and not place:
                continue  # nothing to find it by, nothing to show it under
            when = _interval(article, frame)
            event = self._find(frame, participants, place[0] if place else None, when)
            if event is None:
                event = self._new(article, frame, participants, place, when)
            else:
                event = touched.get(event.id, event)
                event.participants = sorted(set(event.participants) | set(participants))
                event.place_id = event.place_id or (place[0] if place else None)
                if when and when[2] and event.dated_by != "text":
                    # A date from the text replaces one inferred from publication dates.
                    event.date, event.date_until, event.dated_by = when[0], when[1], "text"
            first_here = not any(f.event_id == event.id for f in article.events if f is not frame)
            event.reports += 1
            event.articles += int(first_here)
            frame.event_id = event.id
            self.store.put_event(event)
            self.store.add_event_report(event.id, article.id, frame.start, frame.end)
            touched[event.id] = event
        return list(touched.values())

    def _find(
        self, frame: EventMention, participants: list[str], place: str | None, when: tuple[str, str, bool] | None
    ) -> Event | None:
        if when is None:
            return None
        best: tuple[int, Event] | None = None
        # The store returns only dated events overlapping the report's days.
        found = self.store.events_with([*participants, *([place] if place else [])], frame.type, during=when[:2])
        for event in found:
            if event.modality != frame.modality:
                continue
            shared = len(set(event.participants) & set(participants))
            if place and event.place_id and place != event.place_id and shared < 2:
                continue  # elsewhere, unless the same people on the same days (a place name can resolve apart)
            same_place = bool(place) and place == event.place_id
            if not same_place and shared < min(2, len(participants), len(event.participants)):
                continue  # the same place on the same days is evidence enough; elsewhere, shared people
            if best is None or shared > best[0]:
                best = (shared, event)
        return best[1] if best else None

    def _new(
        self,
        article: Article,
        frame: EventMention,
        participants: list[str],
        place: list[str],
        when: tuple[str, str, bool] | None,
    ) -> Event:
        key = f"{frame.type}:{','.join(participants)}:{place}:{when[0] if when else article.id}:{frame.modality}"
        event_id = "v" + hashlib.sha1(key.encode()).hexdigest()[:15]
        n = 0
        while self._exists(event_id):  # same people, day and place, yet not the same event: keep both
            n += 1
            event_id = "v" + hashlib.sha1(f"{key}#{n}".encode()).hexdigest()[:15]
        return Event(
            event_id,
            frame.type,
            frame.modality,
            when[0] if when else None,
            when[1] if when else None,
            place[0] if place else None,
            participants,
            dated_by=None if when is None else ("text" if when[2] else "published"),
        )

    def _exists(self, event_id: str) -> bool:
        try:
            self.store.get_event(event_id)
        except NotFound:
            return False
        return True
