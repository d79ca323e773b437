"""What an optional LLM is asked. It classifies free-form turns and rephrases a follow-up
already chosen and computed by deterministic code; the prompts say so plainly, and
`agent.llm` checks the answers anyway."""

from __future__ import annotations

import json
from typing import Any

from agent.interviewer.turn_kinds import LLM_KINDS, OFF_TOPIC

CLASSIFY_SYSTEM = (
    "You label one turn of a candidate in a system design interview. Answer with exactly one "
    "label and nothing else, from: " + ", ".join((*LLM_KINDS, OFF_TOPIC)) + "."
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
