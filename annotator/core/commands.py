"""Undoable commands and the undo history, kept in the core so the CLI and tests have undo without Qt.

A command is one user action. Applying it to a unit of work returns its inverse and what changed; a compound action
is one command. The history holds applied commands' inverses (undo) and undone commands (redo).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from annotator.core.changes import NO_CHANGES, Changes


class Command(Protocol):
    #: Shown in the Edit menu, e.g. "Code passage as 'Stipend pay'". Never transcript text.
    name: str

    def apply(self, target: Any) -> tuple[Command, Changes]:
        """Perform the action on `target` (a storage session) and return its inverse and the changes."""
        ...


@dataclass
class CompoundCommand:
    """Several commands that undo and redo as one user action."""

    name: str
    parts: Sequence[Command]

    def apply(self, target: Any) -> tuple[CompoundCommand, Changes]:
        inverses: list[Command] = []
        changes = NO_CHANGES
        for part in self.parts:
            inverse, part_changes = part.apply(target)
            inverses.append(inverse)
            changes = changes | part_changes
        return CompoundCommand(self.name, list(reversed(inverses))), changes


@dataclass
class UndoHistory:
    """Undo and redo stacks of (label, command-to-run) pairs; `limit` caps memory on very long sessions."""

    limit: int = 1000
    _undo: list[tuple[str, Command]] = field(default_factory=list)
    _redo: list[tuple[str, Command]] = field(default_factory=list)
    listeners: list[Callable[[], None]] = field(default_factory=list)

    def record(self, name: str, inverse: Command) -> None:
        self._undo.append((name, inverse))
        del self._undo[: max(0, len(self._undo) - self.limit)]
        self._redo.clear()
        self._notify()

    def undo(self, run: Callable[[Command], tuple[Command, Changes]]) -> Changes:
        if not self._undo:
            return NO_CHANGES
        name, inverse = self._undo.pop()
        try:
            redo, changes = run(inverse)
        except BaseException:
            self._undo.append((name, inverse))
            raise
        self._redo.append((name, redo))
        self._notify()
        return changes

    def redo(self, run: Callable[[Command], tuple[Command, Changes]]) -> Changes:
        if not self._redo:
            return NO_CHANGES
        name, command = self._redo.pop()
        try:
            inverse, changes = run(command)
        except BaseException:
            self._redo.append((name, command))
            raise
        self._undo.append((name, inverse))
        self._notify()
        return changes

    @property
    def undo_name(self) -> str | None:
        return self._undo[-1][0] if self._undo else None

    @property
    def redo_name(self) -> str | None:
        return self._redo[-1][0] if self._redo else None

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()
        self._notify()

    def _notify(self) -> None:
        for listener in self.listeners:
            listener()
