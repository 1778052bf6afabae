"""Deck files: the YAML format read into typed decks and written back, and the file plumbing it needs
(atomic writes, bounded reads); no database, no UI."""
