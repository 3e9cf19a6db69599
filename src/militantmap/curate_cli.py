"""`militantmap curate ...`: the analyst's corrections from the command line, the same functions
(store.curate) as the web app's curation forms, each logged with who/when/why and undoable.

    militantmap curate rename TTP "Tehrik-e-Taliban Pakistan" --why "house style"
    militantmap curate alias add|remove GROUP NAME
    militantmap curate merge ABSORBED INTO        militantmap curate split NAME
    militantmap curate not-a-group GROUP [--as organization|person|location]
    militantmap curate retype RELATION_ID [--type rivals] [--reverse]
    militantmap curate reject relation|role|event|evidence ID
    militantmap curate undo DECISION_ID
    militantmap curate log [--json | --csv]       (also: militantmap curate --log)
"""
from __future__ import annotations

import io

import click

from militantmap.errors import InputError, is_not_in_store
from militantmap.store_cli import DB_HELP, DB_OPTION, JSON_OPTION, _existing_store, _print_json

WHO_OPTION = click.option("--who", default=None, envvar="MILITANTMAP_ANALYST",
                          help="Who decides (default: $MILITANTMAP_ANALYST, the OS user).")
WHY_OPTION = click.option("--why", default=None, help="Why (kept in the curation log).")


def _DECISION_OPTIONS(f):  # noqa: N802 (used as a decorator, like the options it bundles)
    """Who, why, the store and --json: the options every decision command takes."""
    return WHO_OPTION(WHY_OPTION(DB_OPTION(JSON_OPTION(f))))


def _run(action: str, fn, *args, **kwargs) -> dict:
    """One decision; a refusal or an unknown name is a message and exit code 2, nothing changed."""
    from militantmap.store.curate import Refused

    try:
        return fn(*args, **kwargs)
    except Refused as err:
        raise InputError(action, str(err)) from None
    except LookupError as err:
        if not is_not_in_store(err):
            raise
        raise InputError(action, str(err.args[0] if err.args else err),
                         "`militantmap groups` lists the groups, `militantmap curate log` the "
                         "decisions; `militantmap evidence ID --json` shows a sentence's fact ids") from None


def _said(done: dict, as_json: bool, text: str) -> None:
    if as_json:
        _print_json(done)
    else:
        decision = done.get("decision", done)
        click.echo(f"{text} (decision {decision['id']}; undo: militantmap curate undo {decision['id']})")


@click.group("curate", invoke_without_command=True)
@click.option("--log", "show_log", is_flag=True, help="List every decision (as `curate log`).")
# not checked here: each subcommand checks its own --db (the group's default is only read by --log)
@click.option("--db", "db_url", default=None, envvar="MILITANTMAP_DB", help=DB_HELP)
@click.pass_context
def curate_cmd(ctx: click.Context, show_log: bool, db_url: str | None) -> None:
    """Correct the store: rename groups, fix aliases, merge and split, retype or reject facts.
    Every decision is logged (who, when, why), kept when articles are extracted again, and
    undoable."""
    if show_log:
        ctx.invoke(log_cmd, db_url=_existing_store(ctx, None, db_url), as_json=False, as_csv=False)
    elif ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@curate_cmd.command("rename")
@click.argument("group")
@click.argument("name")
@_DECISION_OPTIONS
def rename_cmd(group: str, name: str, who: str | None, why: str | None, db_url: str | None,
               as_json: bool) -> None:
    """Give GROUP the display name NAME (its old name stays an alias)."""
    from militantmap.store.curate import rename

    done = _run("rename", rename, db_url, group, name, who, why)
    _said(done, as_json, f"{done['label']} is now called {done['after']['name']}")


@curate_cmd.command("alias")
@click.argument("action", type=click.Choice(["add", "remove"]))
@click.argument("group")
@click.argument("alias")
@_DECISION_OPTIONS
def alias_cmd(action: str, group: str, alias: str, who: str | None, why: str | None,
              db_url: str | None, as_json: bool) -> None:
    """Add ALIAS to GROUP's names, or remove it (a removed name is not given back by a
    re-extraction)."""
    from militantmap.store.curate import add_alias, remove_alias

    done = _run(f"alias {action}", add_alias if action == "add" else remove_alias, db_url, group, alias, who, why)
    _said(done, as_json, f"{done['after']['alias']!r} {'added to' if action == 'add' else 'removed from'} {done['label']}")


@curate_cmd.command("merge")
@click.argument("absorbed")
@click.argument("into")
@_DECISION_OPTIONS
def merge_cmd(absorbed: str, into: str, who: str | None, why: str | None, db_url: str | None,
              as_json: bool) -> None:
    """Read ABSORBED as INTO from now on."""
    from militantmap.store.curate import merge

    done = _run("merge", merge, db_url, absorbed, into, why, who)
    _said(done, as_json, f"Merged {done['merged']['name']} into {done['into']['name']}")


@curate_cmd.command("split")
@click.argument("name")
@_DECISION_OPTIONS
def split_cmd(name: str, who: str | None, why: str | None, db_url: str | None, as_json: bool) -> None:
    """NAME (a merged entity's id or own name) becomes its own entity again."""
    from militantmap.store.curate import split

    done = _run("split", split, db_url, name, who, why)
    _said(done, as_json, f"{done['split']['name']} is its own entity again (was merged into {done['from']['name']})")


@curate_cmd.command("not-a-group")
@click.argument("group")
@click.option("--as", "as_type", default="organization", show_default=True,
              type=click.Choice(["organization", "person", "location"]), help="What it is instead.")
@_DECISION_OPTIONS
def not_a_group_cmd(group: str, as_type: str, who: str | None, why: str | None, db_url: str | None,
                    as_json: bool) -> None:
    """GROUP is no armed group: it leaves the groups, ties and network."""
    from militantmap.store.curate import not_a_group

    done = _run("not-a-group", not_a_group, db_url, group, as_type, who, why)
    _said(done, as_json, f"{done['label']} is now a {as_type}, not a group")


@curate_cmd.command("retype")
@click.argument("relation_id")
@click.option("--type", "type_", default=None, help="The tie type it should have.")
@click.option("--reverse", is_flag=True, help="Turn a directed tie the other way round.")
@_DECISION_OPTIONS
def retype_cmd(relation_id: str, type_: str | None, reverse: bool, who: str | None, why: str | None,
               db_url: str | None, as_json: bool) -> None:
    """Read one sentence's tie (RELATION_ID: `militantmap evidence ID --json`, facts[].id) with
    another type or direction."""
    from militantmap.store.curate import retype_fact

    done = _run("retype", retype_fact, db_url, relation_id, type_, reverse, who, why)
    _said(done, as_json, f"Retyped: {done['label']}")


@curate_cmd.command("reject")
@click.argument("kind", type=click.Choice(["relation", "role", "event", "evidence"]))
@click.argument("fact_id")
@_DECISION_OPTIONS
def reject_cmd(kind: str, fact_id: str, who: str | None, why: str | None, db_url: str | None,
               as_json: bool) -> None:
    """Reject one fact (or, with `evidence`, a sentence and every fact it supports)."""
    from militantmap.store.curate import reject_fact

    done = _run("reject", reject_fact, db_url, kind, fact_id, who, why)
    _said(done, as_json, f"Rejected {kind}: {done['label']}")


@curate_cmd.command("undo")
@click.argument("decision_id")
@_DECISION_OPTIONS
def undo_cmd(decision_id: str, who: str | None, why: str | None, db_url: str | None, as_json: bool) -> None:
    """Reverse decision DECISION_ID (see `militantmap curate log`)."""
    from militantmap.store.curate import undo

    done = _run("undo", undo, db_url, decision_id, who, why)
    if as_json:
        return _print_json(done)
    click.echo(f"Undone: decision {decision_id} ({done['label']}); this undo is decision {done['id']}")


@curate_cmd.command("log")
@DB_OPTION
@JSON_OPTION
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
def log_cmd(db_url: str | None, as_json: bool, as_csv: bool) -> None:
    """Every decision, newest first: who, when, what, why, and whether it was undone."""
    from militantmap.store.curate import LOG_FIELDS, csv_row, history

    rows = history(db_url)
    if as_json:
        return _print_json(rows)
    if as_csv:
        from militantmap.export.tables import (
            write_rows,  # cells neutralised against formula injection
        )

        out = io.StringIO()
        write_rows([csv_row(r) for r in rows], LOG_FIELDS, out)
        click.echo(out.getvalue(), nl=False)
        return
    if not rows:
        click.echo("No decision yet.")
    for r in rows:
        status = f"  [undone by {r['undone_by']}]" if r["undone_by"] else ""
        why = f"  — {r['why']}" if r["why"] else ""
        click.echo(f"{r['id']:>4}  {r['at']}  {r['who']:<12} {r['action']:<12} {r['label']}{why}{status}")
