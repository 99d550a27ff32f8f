"""The bases of the plan's pydantic models: a model, a whole file, a described field, and
the unions that read one value or many.

Every field has a Czech title and description: they become the editor's completion
and tooltips through ``kplan schema``.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any, Self

from pydantic import (
    BaseModel as BaseModel,  # the models' base, for edit.new to walk fields
)
from pydantic import ConfigDict, Discriminator, Field, PrivateAttr, Tag

from kplan.plan.values import Text


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=False, defer_build=True)

    def __setstate__(self, state: dict[Any, Any]) -> None:
        """A model read back from the cache or a worker process keeps equal texts once, as
        the YAML reader does: on 10,000 cards that is a third of their memory."""
        fields = state["__dict__"]
        for name, value in fields.items():
            if type(value) is str:
                fields[name] = sys.intern(value)
            elif type(value) is list:
                fields[name] = [sys.intern(v) if type(v) is str else v for v in value]
        super().__setstate__(state)

    @classmethod
    def restored(cls, fields: dict[str, Any], fields_set: set[str],
                 private: dict[str, Any] | None) -> Self:
        """A model of values already validated, set as pydantic reads one from a pickle
        (``model_construct`` would make every default again)."""
        found = cls.__new__(cls)
        BaseModel.__setstate__(found, {"__dict__": fields, "__pydantic_fields_set__": fields_set,
                                       "__pydantic_extra__": None,
                                       "__pydantic_private__": private})
        return found


class _Document(_Model):
    """A model that is a whole file: it knows its path relative to the plan root."""

    _file: str = PrivateAttr("")

    @property
    def file(self) -> str:
        return self._private("_file")

    def _private(self, name: str) -> str:
        """A private attribute without pydantic's slow ``__getattr__`` (hot in big plans)."""
        private = self.__pydantic_private__
        if not private:
            return ""
        value: str = private[name]
        return value


def _f(title: str, description: str, default: Any = ..., **extra: Any) -> Any:
    return Field(default, title=title, description=description, **extra)


def _list(title: str, description: str) -> Any:
    return Field(default_factory=list, title=title, description=description)


def _one_or_many(value: Any) -> str:
    return "~many" if isinstance(value, list) else "~one"


def _many_or_map(value: Any) -> str:
    return "~map" if isinstance(value, dict) else "~many"


def _one_or_map(value: Any) -> str:
    return "~map" if isinstance(value, dict) else "~one"


TextOrList = Annotated[Annotated[Text, Tag("~one")] | Annotated[list[Text], Tag("~many")],
                       Discriminator(_one_or_many)]
"""Text or a list of texts (``responsible``, a contact's ``phone``). Tags start with ``~``:
the loader leaves them out of an error's place."""


def as_list(value: str | list[str] | None) -> list[str]:
    """Text or a list of texts as a list (none: empty)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)
