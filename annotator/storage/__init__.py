"""The only package that touches SQLite: the project file, its migrations and the repositories over it."""

from annotator.storage.project_file import ProjectFile, create_project, open_project

__all__ = ["ProjectFile", "create_project", "open_project"]
