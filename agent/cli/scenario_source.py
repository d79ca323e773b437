"""Where every command gets its scenarios: the bundled library plus $HOTSEAT_HOME/scenarios."""

from __future__ import annotations

import click

from agent.cli.home import hotseat_home
from scenarios import Scenario, ScenarioLibrary, UnknownScenarioError, load_scenarios

USER_DIR_NAME = "scenarios"


def scenario_library(*, warn: bool = True) -> ScenarioLibrary:
    """Bundled and user scenarios (parse cache in $HOTSEAT_HOME/cache); each user file that
    does not load is one warning line on stderr, and the rest still load."""
    home = hotseat_home()
    library = load_scenarios([home / USER_DIR_NAME], cache_dir=home / "cache")
    if warn:
        for error in library.errors:
            click.echo(f"warning: skipped {error}", err=True)
    return library


def scenario_or_fail(scenario_id: str, library: ScenarioLibrary | None = None) -> Scenario:
    """The scenario, or a one-line error naming the closest ids."""
    try:
        return (library or scenario_library()).get(scenario_id)
    except UnknownScenarioError as error:
        raise click.ClickException(str(error)) from None
