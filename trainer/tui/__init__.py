"""The Textual TUI: a thin App, one file per screen; screens call services and store functions through the
store handle, never SQL."""
