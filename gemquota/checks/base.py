"""Doctor check objects: status, messages, results, and the Check protocol (flutter-doctor style)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar, overload, runtime_checkable

from gemquota.context import Context

T = TypeVar("T")
D = TypeVar("D")


@dataclass(frozen=True)
class Fact(Generic[T]):
    """A typed name of one fact a check provides (``BILLING: Fact[BillingInfo] = Fact("billing")``).

    Checks read facts with ``facts.get(BILLING)`` and mypy knows the type; each check declares the
    facts it ``provides`` and the runner refuses a result that carries an undeclared one."""

    name: str

    def __repr__(self) -> str:
        return f"Fact({self.name!r})"


class Facts:
    """The read-only, typed view of the facts the checks produced so far."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[Any, Any] | None = None) -> None:
        self._data: dict[Any, Any] = dict(data or {})

    @overload
    def get(self, key: Fact[T]) -> T | None: ...

    @overload
    def get(self, key: Fact[T], default: D) -> T | D: ...

    def get(self, key: Fact[Any], default: Any = None) -> Any:
        return self._data.get(key, default)

    def __getitem__(self, key: Fact[T]) -> T:
        value: T = self._data[key]
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __iter__(self) -> Iterator[Any]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def keys(self) -> Any:
        return self._data.keys()

    def items(self) -> Any:
        return self._data.items()


class Status(StrEnum):
    """Outcome of one check (SPEC §3: ``ok warn fail skip crash``)."""

    OK = "ok"
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"
    CRASH = "crash"


class Level(StrEnum):
    """Level of one message under a check row."""

    INFO = "info"
    HINT = "hint"
    ERROR = "error"


@dataclass(frozen=True)
class Message:
    """One indented line under a check row, optionally with a URL."""

    level: Level
    text: str
    url: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"level": self.level.value, "text": self.text, "url": self.url}


def info(text: str, url: str | None = None) -> Message:
    return Message(Level.INFO, text, url)


def hint(text: str, url: str | None = None) -> Message:
    return Message(Level.HINT, text, url)


def error(text: str, url: str | None = None) -> Message:
    return Message(Level.ERROR, text, url)


@dataclass(frozen=True)
class CheckResult:
    """What one check found.

    ``facts`` are values later checks may use. ``proceed`` says whether dependants may run
    (default: only after ``ok``/``warn``); ``blocked_reason`` is what a skipped dependant says."""

    status: Status
    summary: str
    messages: tuple[Message, ...] = ()
    fix: str | None = None
    facts: Mapping[Fact[Any], Any] = field(default_factory=dict)
    proceed: bool | None = None
    blocked_reason: str | None = None
    #: Extra JSON keys for this check's object (e.g. the per-model limits table).
    extra: Mapping[str, Any] = field(default_factory=dict)
    #: A fact this check needed is missing because of a fault (no answer in time, unreachable, an
    #: answer we cannot read), not because Google said no: doctor exits 1 (SPEC §1.4).
    fault: bool = False

    @property
    def lets_dependants_run(self) -> bool:
        if self.proceed is not None:
            return self.proceed
        return self.status in (Status.OK, Status.WARN)

    @property
    def is_problem(self) -> bool:
        return self.status in (Status.FAIL, Status.CRASH)


@dataclass(frozen=True)
class CheckOutcome:
    """A result attached to the check that produced it (what the renderers receive)."""

    id: str
    title: str
    result: CheckResult
    elapsed_s: float = 0.0
    hidden: bool = False

    @property
    def status(self) -> Status:
        return self.result.status


@runtime_checkable
class Check(Protocol):
    """A doctor check: ``run`` reads the facts of the checks it ``needs`` and returns a result."""

    @property
    def id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def needs(self) -> tuple[str, ...]: ...

    @property
    def hidden(self) -> bool:
        """Hidden checks only fetch facts for others; they are not printed."""
        ...

    @property
    def provides(self) -> tuple[Fact[Any], ...]:
        """The facts this check's results may carry."""
        ...

    def run(self, ctx: Context, facts: Facts) -> CheckResult: ...


def ok(summary: str, *messages: Message) -> CheckResult:
    return CheckResult(Status.OK, summary, tuple(messages))


def skip(summary: str, *messages: Message) -> CheckResult:
    return CheckResult(Status.SKIP, summary, tuple(messages))
