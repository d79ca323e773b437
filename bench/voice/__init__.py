"""The voice turn-taking benchmark (``hotseat bench voice``)."""
