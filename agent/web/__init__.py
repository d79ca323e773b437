"""`hotseat serve`: the whole interview as one local web page.

- `interviewer_api`: the one module that talks to the interviewer (swap it when its API moves);
- `transcript`: the page's view of the conversation (turns, verdict chips, highlighted boxes);
- `live`: one running interview (interviewer, recording, board, connected pages);
- `guard`: Host, Origin and pairing-token checks; `catalog`: scenarios and past sessions;
- `app`: the Starlette routes and the WebSocket protocol; `server`: uvicorn on a thread;
- `voice`: the page as the voice loop's microphone and speaker (AudioWorklet capture in,
  Piper audio out).

The front end (`static/`) is plain JavaScript, HTML and CSS with no build step: a few hundred
lines, no npm dependencies to install, audit or keep up to date, and what the browser runs is
exactly what is committed. The board is the tablet board's own page in an iframe, so pen,
touch and mouse drawing and recognition are one implementation.
"""
