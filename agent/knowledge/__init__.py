"""The evaluation knowledge base: patterns, anti-patterns, scale limits, case studies and
estimate-conditioned probes, each citable by id."""

from agent.knowledge.knowledge_base import KnowledgeBase, KnowledgeError, load_knowledge
from agent.knowledge.search import SearchHit, search

__all__ = ["KnowledgeBase", "KnowledgeError", "SearchHit", "load_knowledge", "search"]
