"""Everything PySide6: the main window, views, item models and dialogs. Nothing below this package imports Qt."""
