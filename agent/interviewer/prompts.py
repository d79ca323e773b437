"""What an optional LLM is asked. It classifies free-form turns, may name a turn's dialogue act
from a closed list, and rephrases a follow-up already chosen and computed by deterministic code; the prompts say so plainly, and
`agent.llm` checks the answers anyway."""

from __future__ import annotations

import json
from typing import Any

from agent.interviewer.turn_kinds import LLM_KINDS, OFF_TOPIC

CLASSIFY_SYSTEM = (
    "You label one turn of a candidate in a system design interview. Answer with exactly one "
    "label and nothing else, from: " + ", ".join((*LLM_KINDS, OFF_TOPIC)) + "."
)

LLM_ACTS = (
    "clarify",
    "estimate",
    "design",
    "answer",
    "pushback",
    "repeat",
    "wait",
    "time",
    "feedback",
    "board",
    "wrap_up",
    "thinking",
)
"""The closed list of dialogue acts an LLM may pick (`agent.interviewer.reading` names)."""

ACT_SYSTEM = (
    "You read one turn of a candidate in a system design mock interview and name what the "
    "turn does, as exactly one label and nothing else, from: " + ", ".join(LLM_ACTS) + ". "
    "clarify: asks about the requirements; answer: answers the interviewer's question; "
    "pushback: disagrees with the interviewer; repeat: asks to hear the question again; wait: "
    "asks for a moment to think; time: asks about the time left; feedback: asks how it is "
    "going; board: asks about the whiteboard; wrap_up: asks to finish."
)

PHRASE_SYSTEM = (
    "You are a calm, direct Staff engineer running a system design mock interview. Rephrase the "
    "interviewer reply you are given so it sounds natural when spoken: at most three short "
    "sentences, no lists, no markdown. Keep its meaning and its verdict exactly. Use only the "
    "numbers that appear in the facts; never compute, round differently or add a number. Refer "
    "to the candidate's own words or components where the facts quote them."
)


def classify_messages(utterance: str, phase: str, last_question: str) -> list[dict[str, str]]:
    """Chat messages asking for one turn label."""
    context = f"Interview phase: {phase}."
    if last_question:
        context += f" The interviewer just asked: {last_question!r}."
    return [
        {"role": "system", "content": CLASSIFY_SYSTEM},
        {"role": "user", "content": f"{context}\nCandidate: {utterance!r}\nLabel:"},
    ]


def act_messages(utterance: str, phase: str, last_question: str) -> list[dict[str, str]]:
    """Chat messages asking for the one dialogue act of a turn (a label from LLM_ACTS)."""
    context = f"Interview phase: {phase}."
    if last_question:
        context += f" The interviewer just asked: {last_question!r}."
    return [
        {"role": "system", "content": ACT_SYSTEM},
        {"role": "user", "content": f"{context}\nCandidate: {utterance!r}\nLabel:"},
    ]


def phrase_messages(facts: dict[str, Any], draft: str) -> list[dict[str, str]]:
    """Chat messages asking to rephrase `draft` from `facts` (a FollowUp's dict)."""
    shown = {k: v for k, v in facts.items() if v not in ("", [], None, False)}
    return [
        {"role": "system", "content": PHRASE_SYSTEM},
        {
            "role": "user",
            "content": "Facts (JSON):\n"
            + json.dumps(shown, ensure_ascii=False)
            + f"\n\nReply to rephrase:\n{draft}",
        },
    ]
