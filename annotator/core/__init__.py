"""Domain objects and rules, standard library only: ids, spans and offset remapping, change notices, undo."""
