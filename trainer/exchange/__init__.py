"""Moving decks and history between trainer and other tools: Anki packages, CSV and JSON; no UI."""
