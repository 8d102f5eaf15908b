"""'About 3 minutes left' for a progress dialog, from the steps done so far and the time they took."""

from __future__ import annotations

from annotator.core.plural import counted

SETTLED_SECONDS = 3.0  # before this, and before a tenth of the steps, an estimate jumps about: say nothing


def time_left(done: int, total: int, elapsed: float) -> str:
    """'' until there is enough to go on; then 'a few seconds left', 'about 40 seconds left', 'about 7 minutes
    left', rounded so the figure does not flicker at every step."""
    if done <= 0 or total <= done or (elapsed < SETTLED_SECONDS and done * 10 < total):
        return ""
    seconds = elapsed / done * (total - done)
    if seconds < 15:
        return "a few seconds left"
    if seconds < 90:
        return f"about {round(seconds / 10) * 10} seconds left"
    if seconds < 90 * 60:
        return f"about {counted(round(seconds / 60), 'minute')} left"
    return f"about {counted(round(seconds / 3600), 'hour')} left"
