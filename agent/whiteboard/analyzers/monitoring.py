"""NO_MONITORING: nothing on the board would tell you the system is failing."""

from __future__ import annotations

import re

from agent.whiteboard.analyzers.board_context import BoardContext
from agent.whiteboard.analyzers.finding import BoardFinding, Severity
from agent.whiteboard.kinds import ComponentKind

CODE = "NO_MONITORING"
_MENTIONS = re.compile(
    r"\b(?:metrics?|alert\w*|alarms?|monitor\w*|observab\w*|slos?|tracing|traces|apm|"
    r"prometheus|grafana|datadog|cloudwatch|new ?relic|pagerduty|sentry|splunk|opentelemetry|"
    r"otel|jaeger|zipkin|kibana|elk|statsd|nagios|zabbix|honeycomb|stackdriver|"
    r"monitora\w*|métricas?|alertas?|metrik\w*|überwach\w*|alarmierung)\b|监控|告警|監視|メトリクス",
    re.I,
)
# The silent failure an interviewer would ask about, per kind of the most important component.
_FAILURE = {
    ComponentKind.RATE_LIMITER: "is dropping legitimate traffic",
    ComponentKind.QUEUE: "is an hour behind",
    ComponentKind.CACHE: "hit rate has collapsed",
    ComponentKind.DATABASE: "is slowing every request down",
    ComponentKind.STREAM_PROCESSOR: "has stopped producing updates",
    ComponentKind.LOAD_BALANCER: "is sending traffic to dead instances",
}
_FOCUS_ORDER = [
    ComponentKind.RATE_LIMITER,
    ComponentKind.QUEUE,
    ComponentKind.STREAM_PROCESSOR,
    ComponentKind.CACHE,
    ComponentKind.DATABASE,
    ComponentKind.LOAD_BALANCER,
]


def check(ctx: BoardContext) -> list[BoardFinding]:
    """Fires on a board of three or more boxes with no monitoring component or note."""
    components = list(ctx.components)
    if len(components) < 3 or ctx.of_kind(ComponentKind.MONITORING):
        return []
    if any(_MENTIONS.search(text) for text in ctx.board_texts):
        return []
    if any(_MENTIONS.search(c.label) for c in components):
        return []
    focus = None
    for kind in _FOCUS_ORDER:
        found = ctx.of_kind(kind)
        if found:
            focus = max(found, key=lambda c: len(ctx.upstream[c.id]) + len(ctx.downstream[c.id]))
            break
    if focus is None:
        focus = max(components, key=lambda c: len(ctx.upstream[c.id]) + len(ctx.downstream[c.id]))
    failure = _FAILURE.get(focus.kind, "is failing")
    subject = f"your {focus.name}" if focus.kind != ComponentKind.CACHE else f"{focus.name}'s"
    return [
        BoardFinding(
            CODE,
            Severity.MEDIUM,
            (focus.id,),
            "No monitoring or alerting on the board (looked for a monitoring box and for "
            "metrics, alerts, dashboards, Prometheus, Datadog, CloudWatch... in any text).",
            f"I don't see a monitoring or alerting component. How would you know if "
            f"{subject} {failure}?",
        )
    ]
