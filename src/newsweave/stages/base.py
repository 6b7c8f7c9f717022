"""The stage contract: a named, configurable, pure function ``Article -> Article``.

A stage declares the Article fields it ``requires`` and ``provides`` so that building a pipeline can
check the order before any input is read, and name the stage and field when something is missing.
Stages hold no per-article state, which is what lets a bulk run ship them to Dask workers.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from newsweave.model import Article


class NoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Stage(ABC):
    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ()
    Options: ClassVar[type[BaseModel]] = NoOptions

    def __init__(self, options: BaseModel | None = None) -> None:
        self.options = options if options is not None else self.Options()

    @abstractmethod
    def __call__(self, article: Article) -> Article: ...
