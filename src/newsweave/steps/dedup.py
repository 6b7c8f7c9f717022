"""Link near-duplicate articles (syndicated copies, re-publications) to their original.

A corpus-level step: it needs every stored signature, so it runs on the driver, against the store,
never on a worker. MinHash LSH proposes candidates; the estimated Jaccard similarity decides. The
original of a group is its earliest-published member (ingest order breaks ties and stands in for
unknown dates), so ingesting an older copy later re-points the whole group to it: the result does not
depend on the order articles arrive in, beyond ties.
"""

from __future__ import annotations

from dataclasses import dataclass

from datasketch import MinHashLSH

from newsweave.model import Article
from newsweave.stages.fingerprint import signature_from_bytes
from newsweave.store.base import Store


@dataclass(slots=True)
class _Known:
    duplicate_of: str | None
    published: str | None


class DedupIndex:
    def __init__(self, store: Store, threshold: float = 0.8, num_perm: int = 128) -> None:
        self.store = store
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh: MinHashLSH | None = None
        self._known: dict[str, _Known] = {}
        self._signatures: dict[str, bytes] = {}

    def _load(self) -> MinHashLSH:
        if self._lsh is None:
            # Candidates at a lower bar than the decision, so LSH's misses near the threshold are rare.
            self._lsh = MinHashLSH(threshold=max(0.3, self.threshold - 0.2), num_perm=self.num_perm)
            for sig in self.store.signatures():
                mh = signature_from_bytes(sig.minhash)
                if len(mh.hashvalues) == self.num_perm:
                    self._lsh.insert(sig.article_id, mh, check_duplication=False)
                    self._known[sig.article_id] = _Known(sig.duplicate_of, sig.published)
                    self._signatures[sig.article_id] = sig.minhash
        return self._lsh

    def assign(self, article: Article) -> None:
        """Set ``article.duplicate_of`` when a stored article is a near copy; re-point groups it predates.

        Must run inside the transaction that stores ``article``.
        """
        if article.minhash is None:
            return
        lsh = self._load()
        mh = signature_from_bytes(article.minhash)
        best_id, best_sim = None, 0.0
        for cand in sorted(lsh.query(mh)):
            sim = float(mh.jaccard(signature_from_bytes(self._minhash_of(cand))))
            if sim >= self.threshold and sim > best_sim:
                best_id, best_sim = cand, sim
        if best_id is None:
            return
        original = self._known[best_id].duplicate_of or best_id
        if original not in self._known:  # an original indexed with another num_perm: link, do not re-point
            article.duplicate_of, article.duplicate_similarity = original, round(best_sim, 4)
            return
        mine, theirs = article.published.value if article.published else None, self._known[original].published
        if mine and theirs and mine[:10] < theirs[:10]:
            # The new article is older than the group's original: it becomes the original.
            self.store.repoint_duplicates(original, article.id)
            self.store.set_duplicate_of(original, article.id, round(best_sim, 4))
            for known in self._known.values():
                if known.duplicate_of == original:
                    known.duplicate_of = article.id
            self._known[original].duplicate_of = article.id
            article.duplicate_of, article.duplicate_similarity = None, None
        else:
            article.duplicate_of, article.duplicate_similarity = original, round(best_sim, 4)

    def add(self, article: Article) -> None:
        """Index a stored article so later ones can match it."""
        if article.minhash is None or article.id in self._known:
            return
        lsh = self._load()
        lsh.insert(article.id, signature_from_bytes(article.minhash), check_duplication=False)
        self._known[article.id] = _Known(article.duplicate_of, article.published.value if article.published else None)
        self._signatures[article.id] = article.minhash

    def _minhash_of(self, article_id: str) -> bytes:
        return self._signatures[article_id]
