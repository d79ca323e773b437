"""Label → (kind, layer): what a hand-written or spoken box label means.

Labels come from handwriting-to-text and speech, so matching is forgiving: lower-cased,
punctuation dropped, plurals folded, and a word that is one or two edits away from a known word
("Kafak", "Reddis", "postgress", "load balancr") is read as that word. The vocabulary is data
(`data/vocabulary.yaml`); the ranking rule is documented there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from agent.whiteboard.kinds import DEFAULT_LAYER, ComponentKind, Layer

_CLASS_RANK = {"generic": 0, "tech": 1, "role": 2}
_STORE_SHAPES = frozenset({"cylinder", "database", "db", "can"})
_PERSON_SHAPES = frozenset({"person", "actor", "stick", "user"})
_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Term:
    """One vocabulary phrase and what it means."""

    phrase: tuple[str, ...]
    kind: ComponentKind
    layer: Layer
    rank: int
    distributed: bool


@dataclass(frozen=True)
class LabelMeaning:
    """What a label was read as, and which vocabulary phrase decided it (None: no match)."""

    kind: ComponentKind
    layer: Layer
    term: str | None = None
    distributed: bool = False
    """The matched technology is replicated by design (DynamoDB, S3, Kinesis...)."""
    technology: str | None = None
    """The technology named in the label, if any ("redis" in "Timeline cache (Redis)")."""


@dataclass(frozen=True)
class Vocabulary:
    terms: dict[tuple[str, ...], Term]
    words: frozenset[str]
    max_len: int

    def __len__(self) -> int:
        return len(self.terms)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The curated vocabulary, loaded once from package data."""
    text = resources.files("agent.whiteboard").joinpath("data/vocabulary.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    terms: dict[tuple[str, ...], Term] = {}
    for entry in data["entries"]:
        kind = ComponentKind(entry["kind"])
        layer = Layer(entry["layer"]) if "layer" in entry else DEFAULT_LAYER[kind]
        for raw in entry["terms"]:
            phrase = tuple(_TOKEN.findall(str(raw).lower()))
            if phrase in terms:
                raise ValueError(f"vocabulary term {raw!r} is listed twice")
            terms[phrase] = Term(
                phrase, kind, layer, _CLASS_RANK[entry["class"]], bool(entry.get("distributed"))
            )
    words = frozenset(w for phrase in terms for w in phrase)
    return Vocabulary(terms, words, max(len(p) for p in terms))


def names_exactly(label: str) -> bool:
    """Whether the whole label is one vocabulary phrase ("Redis", "3rd-party", "Indexer"): a
    complete name, so a line written under it is more likely a description than its rest."""
    return tuple(_tokens(_prepare(label))) in vocabulary().terms


def names_a_technology(label: str) -> bool:
    """Whether the whole label is one technology's name ("Redis", "NATS", "Kafka")."""
    term = vocabulary().terms.get(tuple(_tokens(_prepare(label))))
    return term is not None and term.rank == _CLASS_RANK["tech"]


def classify_box(
    label: str, shape: str | None = None, notes: tuple[str, ...] | list[str] = ()
) -> tuple[ComponentKind, Layer]:
    """Like `classify_label`, with the technology a note names when the label names none:
    "Presence KV" over "Redis Cluster" is a Redis cache, as "Presence KV (Redis)" would be."""
    if notes and meaning_of(label, shape).technology is None:
        for note in notes:
            found = meaning_of(note)
            if found.technology is not None and found.kind in _DATA_KINDS:
                result = meaning_of(f"{label} ({found.technology})", shape)
                return result.kind, result.layer
    return classify_label(label, shape)


def classify_label(label: str, shape: str | None = None) -> tuple[ComponentKind, Layer]:
    """The kind and layer a label (and the shape it is drawn in) most likely means."""
    result = meaning_of(label, shape)
    return result.kind, result.layer


@lru_cache(maxsize=4096)
def meaning_of(label: str, shape: str | None = None) -> LabelMeaning:
    """Like `classify_label`, with the matched phrase and whether the technology is distributed.

    The words outside parentheses name the thing ("Api Gateway (load balancing, rate
    limiting)" is a gateway, "Kafka (ledger-events)" a queue); a technology in parentheses
    still says what a store is ("Content Store (S3)" is blob storage). A head word such as
    "service" or "API" makes a service of a role noun ("Search API", "Alerting Service").
    """
    vocab = vocabulary()
    text = _prepare(label)
    main_text = _PAREN.sub(" ", text)
    if ":" in main_text:
        head = main_text.split(":", 1)[0]
        if _TOKEN.findall(head):
            main_text = head
    full = _best(_tokens(text), vocab)
    main_tokens = _tokens(main_text)
    main = _best(main_tokens, vocab)
    cjk = _cjk_kind(_PAREN.sub(" ", label))
    if main[0] is None and cjk is not None:
        return LabelMeaning(cjk, DEFAULT_LAYER[cjk], "cjk")
    best_term, technology = main if main[0] is not None else full
    technology = technology or full[1]
    shape = (shape or "").lower() or None
    if best_term is None:
        cjk = _cjk_kind(label)
        if cjk is not None:
            return LabelMeaning(cjk, DEFAULT_LAYER[cjk], "cjk")
    if best_term is None or best_term.rank == _CLASS_RANK["generic"]:
        if shape in _STORE_SHAPES:
            return LabelMeaning(ComponentKind.DATABASE, Layer.STORAGE, "cylinder")
        if shape in _PERSON_SHAPES:
            return LabelMeaning(ComponentKind.CLIENT, Layer.INGESTION, shape)
    if best_term is None:
        return LabelMeaning(ComponentKind.OTHER, DEFAULT_LAYER[ComponentKind.OTHER])
    kind, layer = best_term.kind, best_term.layer
    external = _external_in(_tokens(text), vocab)
    if external is not None and kind != ComponentKind.CLIENT:
        kind, layer = ComponentKind.EXTERNAL, DEFAULT_LAYER[ComponentKind.EXTERNAL]
    elif (
        best_term.rank == _CLASS_RANK["role"]
        and technology is not None
        and technology.kind != kind
        and kind in _DATA_KINDS
        and technology.kind in _DATA_KINDS
    ):
        kind, layer = technology.kind, technology.layer
    elif (
        best_term.rank == _CLASS_RANK["role"]
        and _head(main_tokens) in _SERVICE_HEADS
        and kind in _HEADED_KINDS
    ):
        kind, layer = ComponentKind.SERVICE, DEFAULT_LAYER[ComponentKind.SERVICE]
    tech = technology or (best_term if best_term.rank == _CLASS_RANK["tech"] else None)
    return LabelMeaning(
        kind,
        layer,
        " ".join(best_term.phrase),
        best_term.distributed or bool(tech and tech.distributed and tech.kind == kind),
        " ".join(tech.phrase) if tech else None,
    )


_PAREN = re.compile(r"\([^)]*\)?|（[^）]*）?|\[[^\]]*\]?")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_DATA_KINDS = frozenset(
    {
        ComponentKind.CACHE,
        ComponentKind.DATABASE,
        ComponentKind.BLOB_STORE,
        ComponentKind.SEARCH,
        ComponentKind.MONITORING,
    }
)
_HEADED_KINDS = frozenset(
    {
        ComponentKind.SEARCH,
        ComponentKind.MONITORING,
        ComponentKind.DATABASE,
        ComponentKind.CACHE,
        ComponentKind.RATE_LIMITER,
        ComponentKind.QUEUE,
        ComponentKind.BLOB_STORE,
        ComponentKind.CLIENT,
        ComponentKind.STREAM_PROCESSOR,
        ComponentKind.OTHER,
    }
)
_SERVICE_HEADS = frozenset(
    {
        "service",
        "services",
        "svc",
        "svcs",
        "server",
        "servers",
        "api",
        "apis",
        "worker",
        "workers",
        "backend",
        "dienst",
    }
)
# Chinese and Japanese are written without spaces; the head noun comes last.
_CJK_TERMS: tuple[tuple[str, ComponentKind], ...] = (
    ("服务器", ComponentKind.SERVICE),
    ("服务", ComponentKind.SERVICE),
    ("服務", ComponentKind.SERVICE),
    ("サービス", ComponentKind.SERVICE),
    ("サーバー", ComponentKind.SERVICE),
    ("サーバ", ComponentKind.SERVICE),
    ("バッチ", ComponentKind.SERVICE),
    ("ワーカー", ComponentKind.SERVICE),
    ("任务", ComponentKind.SERVICE),
    ("网关", ComponentKind.API_GATEWAY),
    ("閘道", ComponentKind.API_GATEWAY),
    ("ゲートウェイ", ComponentKind.API_GATEWAY),
    ("缓存", ComponentKind.CACHE),
    ("快取", ComponentKind.CACHE),
    ("キャッシュ", ComponentKind.CACHE),
    ("数据库", ComponentKind.DATABASE),
    ("資料庫", ComponentKind.DATABASE),
    ("データベース", ComponentKind.DATABASE),
    ("存储", ComponentKind.DATABASE),
    ("存儲", ComponentKind.DATABASE),
    ("ストレージ", ComponentKind.DATABASE),
    ("队列", ComponentKind.QUEUE),
    ("佇列", ComponentKind.QUEUE),
    ("キュー", ComponentKind.QUEUE),
    ("客户端", ComponentKind.CLIENT),
    ("用户", ComponentKind.CLIENT),
    ("クライアント", ComponentKind.CLIENT),
    ("ユーザー", ComponentKind.CLIENT),
    ("画面", ComponentKind.CLIENT),
    ("アプリ", ComponentKind.CLIENT),
    ("负载均衡", ComponentKind.LOAD_BALANCER),
    ("ロードバランサ", ComponentKind.LOAD_BALANCER),
    ("监控", ComponentKind.MONITORING),
    ("監視", ComponentKind.MONITORING),
)


_PREPOSITIONS = frozenset({"in", "inside", "within", "on", "of", "for", "per", "behind"})


def _head(tokens: list[str]) -> str | None:
    """The head word of a noun phrase: the last word before a prepositional phrase ("SDKs" in
    "SDKs in services", "Cache" in "Cache for sessions")."""
    for i, token in enumerate(tokens):
        if token in _PREPOSITIONS and i > 0:
            return tokens[i - 1]
    return tokens[-1] if tokens else None


def _prepare(label: str) -> str:
    """camelCase and snake_case split, accents dropped, lower-cased: "RulesDB" → "rules db",
    "Serviço" → "servico"."""
    words = vocabulary().words
    text = " ".join(
        w if _known_word(_plain(w), words) else _CAMEL.sub(" ", w) for w in label.split()
    ).replace("_", " ")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def _known_word(word: str, words: frozenset[str]) -> bool:
    """A vocabulary word, or its plural ("SDKs", "APIs" are not camelCase)."""
    return word in words or word.removesuffix("s") in words


def _plain(word: str) -> str:
    return "".join(_TOKEN.findall(word.lower()))


def _tokens(text: str) -> list[str]:
    return [_correct(t) for t in _TOKEN.findall(text)]


def _best(tokens: list[str], vocab: Vocabulary) -> tuple[Term | None, Term | None]:
    best: tuple[int, int, int] | None = None
    best_term: Term | None = None
    technology: Term | None = None
    spans = _matches(tokens, vocab)
    for start, end, term in spans:
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in spans):
            continue  # "api" inside "api gateway" says nothing more
        if term.rank == _CLASS_RANK["tech"] and technology is None:
            technology = term
        key = (term.rank, end, end - start)
        if best is None or key > best:
            best, best_term = key, term
    return best_term, technology


def _external_in(tokens: list[str], vocab: Vocabulary) -> Term | None:
    for _, _, term in _matches(tokens, vocab):
        if term.kind == ComponentKind.EXTERNAL and term.rank == _CLASS_RANK["role"]:
            return term
    return None


def _cjk_kind(text: str) -> ComponentKind | None:
    best: tuple[int, ComponentKind] | None = None
    for word, kind in _CJK_TERMS:
        at = text.rfind(word)
        if at >= 0 and (best is None or at + len(word) > best[0]):
            best = (at + len(word), kind)
    return best[1] if best else None


def _matches(tokens: list[str], vocab: Vocabulary) -> list[tuple[int, int, Term]]:
    found = []
    for start in range(len(tokens)):
        for end in range(start + 1, min(len(tokens), start + vocab.max_len) + 1):
            term = vocab.terms.get(tuple(tokens[start:end]))
            if term is not None:
                found.append((start, end, term))
    return found


@lru_cache(maxsize=8192)
def _correct(token: str) -> str:
    """The vocabulary word a token most likely is: itself, its singular, or a near spelling.
    Short words only forgive a swap of two letters ("Kafak"): "score" is not "store"."""
    words = vocabulary().words
    if token in words or token.isdigit():
        return token
    for suffix in ("es", "s"):
        if token.endswith(suffix) and token[: -len(suffix)] in words:
            return token[: -len(suffix)]
    if len(token) < 4 or not token.isalpha():
        return token
    budget = 1 if len(token) < 7 else 2
    best, best_distance = token, budget + 1
    for word in words:
        if abs(len(word) - len(token)) > budget or len(word) < 4:
            continue
        if budget == 2 and (word[0] != token[0] or word[-1] != token[-1]):
            continue  # two slips in a long word keep both ends: "traffic" is not "traefik"
        if len(token) <= 5 and not _short_slip(token, word):
            continue
        distance = _edit_distance(token, word, budget)
        if distance < best_distance:
            best, best_distance = word, distance
    return best


def _short_slip(token: str, word: str) -> bool:
    """The slips a short word may have: two letters swapped, or one letter dropped or added
    after the first ("cach"); a different letter makes a different word ("score", "trip")."""
    if len(word) == len(token):
        return sorted(word) == sorted(token)
    return abs(len(word) - len(token)) == 1 and word[0] == token[0]


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of neighbours counts as one edit)."""
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if (
                prev2 is not None
                and i > 1
                and j > 1
                and a[i - 1] == b[j - 2]
                and a[i - 2] == b[j - 1]
            ):
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]
