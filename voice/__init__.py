"""Audio in and out, VAD endpointing, speech-to-text, text-to-speech and the turn loop."""
