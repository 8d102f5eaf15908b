"""A lock file beside the project so a second Annotator process gets a clear message, never a corrupted file.

The lock is an OS advisory lock (released by the OS if the process dies), so a crash never leaves a stale lock.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.core.errors import ProjectError, ProjectLockedError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path_for(project_path: Path) -> Path:
    return project_path.with_name(project_path.name + ".lock")


class ProjectLock:
    """Held for as long as a process has the project open for writing."""

    def __init__(self, project_path: Path):
        self.path = lock_path_for(project_path)
        self._fd: int | None = None

    def acquire(self) -> None:
        for _attempt in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            if not _try_lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                raise ProjectLockedError(
                    f"The project {self.path.name.removesuffix('.lock')} is already open in another Annotator "
                    f"window{holder}. Close it there first, or open it read-only."
                )
            if _same_file(fd, self.path):
                break
            # The holder removed the lock file between our open and our lock: lock the new one instead.
            _unlock(fd)
            os.close(fd)
        else:  # pragma: no cover - needs a pathological race
            raise ProjectLockedError("The project's lock file keeps changing; try again.")
        try:
            os.ftruncate(fd, 0)
            # gethostname() is a local call: it opens no socket.
            os.write(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname()}).encode())
        except OSError:  # a full disk: let go of the lock, or this process could not open the project again
            _unlock(fd)
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            self.path.unlink(missing_ok=True)
        finally:
            _unlock(fd)
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None


@contextmanager
def holding(project_path: Path) -> Iterator[ProjectLock]:
    """The lock of a closed project held for a change made to its file (a restore, an encryption): a project open
    elsewhere is refused, and a folder where no lock file can be written is one clear message."""
    lock = ProjectLock(project_path)
    try:
        lock.acquire()
    except ProjectLockedError:
        raise
    except OSError as exc:
        raise ProjectError(f"{project_path.name} cannot be changed here ({exc.strerror or type(exc).__name__}).") from exc
    try:
        yield lock
    finally:
        lock.release()


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def _read_holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0) or b"{}") if hasattr(os, "pread") else {}
    except (OSError, ValueError):
        return ""
    if isinstance(info, dict) and "pid" in info:
        return f" (process {info['pid']} on {info.get('host', 'this computer')})"
    return ""
