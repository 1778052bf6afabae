"""Application services the CLI and the TUI share: opening the learner's database, settings, syncing and
building decks, backups, edits and the study session; no widgets, no terminal output."""
