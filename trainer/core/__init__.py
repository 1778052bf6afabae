"""The pure core beside `trainer.parse` and `trainer.sched`: deck values, cards, answer checking, statistics
arithmetic and the study session's rules; no I/O, no clock reads, no SQLAlchemy, no Textual."""
