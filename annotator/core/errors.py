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


class WrongPassphraseError(ProjectError):
    """The passphrase does not open this encrypted project."""


class PassphraseNeededError(ProjectError):
    """The project is encrypted and no passphrase was given (none in the environment, no terminal to ask at)."""


class DamagedProjectError(ProjectError):
    """SQLite's own check found the file damaged; the message says what is wrong, never what the file holds."""
