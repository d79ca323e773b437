"""Session recordings: the event log and audio, replay, annotations, reports and progress."""
