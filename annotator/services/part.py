"""What every part of the service API shares: the ProjectService it belongs to (project, history, notices)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.services.project_service import ProjectService


class ServicePart:
    def __init__(self, project: ProjectService):
        self._project = project

    @property
    def _db(self):
        return self._project.project.db
