"""The interviewer: the LangGraph agent, the whiteboard, scoring and the `hotseat` CLI."""
