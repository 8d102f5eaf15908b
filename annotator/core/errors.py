"""Errors a user sees. Their messages are written for a researcher and never quote transcript text."""


class AnnotatorError(Exception):
    """Base class: the message is safe to show in a dialog or on the command line."""


class ProjectError(AnnotatorError):
    """The project file cannot be opened or used."""


class NotAProjectError(ProjectError):
    pass


class NewerSchemaError(ProjectError):
    pass


class ProjectLockedError(ProjectError):
    pass


class ImportFailed(AnnotatorError):
    """One file could not be imported; the message is a one-line reason."""
