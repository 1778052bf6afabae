"""Scripts the reliability tests start as separate processes (crash and concurrency drivers)."""
