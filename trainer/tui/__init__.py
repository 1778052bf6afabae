"""The Textual TUI: a thin App, one file per screen; screens call library/study code, never SQL."""
