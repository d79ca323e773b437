"""Audio fixtures for the voice tests: clips are generated with the real Piper voice, not committed."""
